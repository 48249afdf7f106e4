// Records the OAuth 1.0a handshakes against @passport-kit/testing's OAuth1Provider, which
// verifies every signature, nonce, timestamp and verifier: a real Express app
// (express-session + passport + a ProfileStrategy built on OAuth1Strategy) logs in through the
// recording proxy, which sits between the strategy and the provider's back channel
// (request-token, access-token and profile calls). The browser leg (authorize) goes to the
// provider directly and is not recorded.
import { createApp, pathOf } from '@passport-kit/test-support/oauth1-login-app';
import { ProfileStrategy } from '@passport-kit/test-support/oauth1-profile-strategy';
import { OAuth1Provider } from '@passport-kit/testing';
import { startRecordingProxy } from '@passport-kit/test-support/recording-proxy';
import { saveRecording } from '@passport-kit/test-support/recordings';
import request from 'supertest';

// Fixed ports below the ephemeral range, distinct from the oauth2 recorder's 14710/14711: the
// recorded scope must not change between re-recordings.
export const PROVIDER_PORT = 14720;
export const PROXY_PORT = 14721;
const RECORDED_BY = 'scripts/recorders/oauth1.ts';
const AGAINST = '@passport-kit/testing OAuth1Provider 0.1.0 (RFC 5849, OAuth 1.0a)';
const CONSUMER = { key: 'recorded-consumer-key', secret: 'recorded-consumer-secret' };
const CALLBACK_URL = 'http://app.test/callback';

type Agent = ReturnType<typeof request.agent>;

export default async function recordOAuth1(): Promise<string[]> {
  // Text error bodies, like the providers that answer "Invalid signature" in plain text.
  const provider = new OAuth1Provider({ consumers: [CONSUMER], errorFormat: 'text' });
  const upstream = await provider.start({ port: PROVIDER_PORT });
  const proxy = await startRecordingProxy(upstream.url, { port: PROXY_PORT });
  // The strategy signs for the proxy's origin; the proxy rewrites Host, so tell the provider.
  provider.publicURL = proxy.url;
  const written: string[] = [];
  try {
    const app = (consumerSecret = CONSUMER.secret) =>
      createApp(
        new ProfileStrategy(
          {
            requestTokenURL: `${proxy.url}/oauth/request_token`,
            accessTokenURL: `${proxy.url}/oauth/access_token`,
            userAuthorizationURL: `${upstream.url}/oauth/authorize`,
            profileURL: `${proxy.url}/api/me`,
            consumerKey: CONSUMER.key,
            consumerSecret,
            callbackURL: CALLBACK_URL,
          },
          (_token, _tokenSecret, profile, done) => done(null, { id: profile.id, username: profile.username }),
        ),
      );
    const context = { providerURL: proxy.url, consumerKey: CONSUMER.key, consumerSecret: CONSUMER.secret, callbackURL: CALLBACK_URL };
    const save = (name: string, extra: Record<string, string>, from: number) =>
      written.push(
        saveRecording(`oauth1/${name}`, {
          recordedBy: RECORDED_BY,
          against: AGAINST,
          context: { ...context, ...extra },
          definitions: proxy.definitions().slice(from),
        }),
      );

    // A complete login: request token, access token, profile.
    let from = proxy.definitions().length;
    {
      const agent = request.agent(app());
      const location = await start(agent);
      const back = await authorize(upstream.url, location, 'alice');
      await expectStatus(agent.get(pathOf(back)), 200, 'handshake');
      save('handshake', callbackContext(back, ''), from);
    }

    // Two users whose logins interleave: alice starts, bob starts, bob finishes, alice finishes.
    from = proxy.definitions().length;
    {
      const application = app();
      const alice = request.agent(application);
      const bob = request.agent(application);
      const aliceLocation = await start(alice);
      const bobLocation = await start(bob);
      const bobBack = await authorize(upstream.url, bobLocation, 'bob');
      const aliceBack = await authorize(upstream.url, aliceLocation, 'alice');
      await expectStatus(bob.get(pathOf(bobBack)), 200, 'two-users bob');
      await expectStatus(alice.get(pathOf(aliceBack)), 200, 'two-users alice');
      save('two-users-interleaved', { ...callbackContext(aliceBack, 'alice'), ...callbackContext(bobBack, 'bob') }, from);
    }

    // The user refuses: only the request-token call reaches the provider.
    from = proxy.definitions().length;
    {
      const agent = request.agent(app());
      const back = await authorize(upstream.url, await start(agent), 'alice', 'deny');
      await expectStatus(agent.get(pathOf(back)), 403, 'denied');
      save('denied', { denied: new URL(back).searchParams.get('denied') ?? '' }, from);
    }

    // A wrong verifier: the provider refuses the access-token call with 401.
    from = proxy.definitions().length;
    {
      const agent = request.agent(app());
      const back = new URL(await authorize(upstream.url, await start(agent), 'alice'));
      back.searchParams.set('oauth_verifier', 'not-the-verifier');
      await expectStatus(agent.get(pathOf(back.toString())), 500, 'access-token-401');
      save('access-token-401', callbackContext(back.toString(), ''), from);
    }

    // A consumer secret the provider does not accept: 401 with a text body.
    from = proxy.definitions().length;
    {
      const wrongSecret = 'not-the-registered-secret-4242';
      await expectStatus(request.agent(app(wrongSecret)).get('/login'), 500, 'request-token-401');
      save('request-token-401', { consumerSecret: wrongSecret }, from);
    }

    // The provider fails: 500.
    from = proxy.definitions().length;
    {
      provider.failNext('requestToken', 500, 'Internal Server Error');
      await expectStatus(request.agent(app()).get('/login'), 500, 'request-token-500');
      save('request-token-500', {}, from);
    }
    return written;
  } finally {
    await proxy.close();
    await upstream.close();
  }
}

async function start(agent: Agent): Promise<string> {
  const res = await agent.get('/login');
  if (res.status !== 302) throw new Error(`oauth1: /login answered ${res.status}: ${res.text}`);
  return res.headers.location as string;
}

/** The user's browser at the provider's authorize page, approving (or denying) as `user`. */
async function authorize(providerURL: string, location: string, user: string, decision = 'allow'): Promise<string> {
  const url = new URL(location);
  url.searchParams.set('user', user);
  url.searchParams.set('decision', decision);
  const res = await request(providerURL).get(`${url.pathname}${url.search}`);
  if (res.status !== 302) throw new Error(`oauth1: authorize answered ${res.status}: ${res.text}`);
  return res.headers.location as string;
}

async function expectStatus(pending: PromiseLike<{ status: number; text: string }>, status: number, what: string): Promise<void> {
  const res = await pending;
  if (res.status !== status) throw new Error(`oauth1/${what}: expected ${status}, got ${res.status}: ${res.text}`);
}

function callbackContext(callback: string, prefix: string): Record<string, string> {
  const params = new URL(callback).searchParams;
  const key = (name: string) => (prefix ? `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name);
  return { [key('requestToken')]: params.get('oauth_token') ?? '', [key('verifier')]: params.get('oauth_verifier') ?? '' };
}
