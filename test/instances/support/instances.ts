// Two app instances behind one public URL, as a load balancer would run them: separate Express
// apps and separate strategy instances on separate loopback ports, and one provider that checks
// PKCE, refuses a code twice, and records the redirect_uri each exchange carried.
import { createHash } from 'node:crypto';
import { OAuth1Strategy, type OAuth1StrategyOptions } from '@passport-kit/oauth1';
import { OAuth2Strategy, type OAuth2StrategyOptions } from '@passport-kit/oauth2';
import { createApp, type AppOptions, type Outcome } from '../../hardening/support/app.js';
import { Client, CookieJar, listen, type Listening } from '../../hardening/support/http.js';
import { form, json, startProvider, type Provider } from '@passport-kit/test-support/loopback-provider';

/** The URL users see; every instance sits behind it. */
export const PUBLIC_ORIGIN = 'https://app.example';

type Done = (err: unknown, user?: unknown) => void;

export interface IdentityProvider extends Provider {
  /** PKCE challenges by code: the test plays the authorization endpoint. */
  challenges: Map<string, string>;
  /** The redirect_uri of each code exchange. */
  redirectURIs: string[];
}

export async function startIdentityProvider(): Promise<IdentityProvider> {
  const challenges = new Map<string, string>();
  const redirectURIs: string[] = [];
  const used = new Set<string>();
  let requestTokens = 0;
  const provider = await startProvider({
    '/token': (_req, res, body) => {
      const params = new URLSearchParams(body);
      const code = params.get('code') ?? '';
      const challenge = createHash('sha256').update(params.get('code_verifier') ?? '').digest('base64url');
      if (used.has(code) || challenges.get(code) !== challenge) return json(res, 400, { error: 'invalid_grant' });
      used.add(code);
      redirectURIs.push(params.get('redirect_uri') ?? '');
      json(res, 200, { access_token: `at-${code}`, token_type: 'Bearer' });
    },
    '/oauth/request_token': (_req, res) => {
      requestTokens++;
      form(res, 200, `oauth_token=rt-${requestTokens}&oauth_token_secret=rts-${requestTokens}&oauth_callback_confirmed=true`);
    },
    '/oauth/access_token': (req, res) => {
      const token = /oauth_token="([^"]*)"/.exec(String(req.headers['authorization']))?.[1] ?? '';
      form(res, 200, `oauth_token=at-${token}&oauth_token_secret=ats-${token}`);
    },
  });
  return Object.assign(provider, { challenges, redirectURIs });
}

export function oauth2Strategy(op: Provider, options: Partial<OAuth2StrategyOptions> = {}): OAuth2Strategy {
  return new OAuth2Strategy(
    {
      authorizationURL: `${op.url}/authorize`,
      tokenURL: `${op.url}/token`,
      clientID: 'instances-client',
      clientSecret: 'instances-client-secret',
      callbackURL: `${PUBLIC_ORIGIN}/oauth2/callback`,
      ...options,
    },
    (accessToken: string, _rt: string | undefined, _profile: unknown, done: Done) => done(null, { id: accessToken.slice(3) }),
  );
}

export function oauth1Strategy(op: Provider, options: Partial<OAuth1StrategyOptions> = {}): OAuth1Strategy {
  return new OAuth1Strategy(
    {
      requestTokenURL: `${op.url}/oauth/request_token`,
      accessTokenURL: `${op.url}/oauth/access_token`,
      userAuthorizationURL: `${op.url}/oauth/authorize`,
      consumerKey: 'instances-consumer',
      consumerSecret: 'instances-consumer-secret',
      callbackURL: `${PUBLIC_ORIGIN}/oauth/callback`,
      ...options,
    },
    (token: string, _secret: string, _profile: unknown, done: Done) => done(null, { id: token.slice(3) }),
  );
}

/** One app instance: its own Express app, strategies and port. */
export class Instance {
  private constructor(
    readonly listening: Listening,
    readonly client: Client,
  ) {}

  static async start(strategies: (OAuth2Strategy | OAuth1Strategy)[], options: AppOptions = {}): Promise<Instance> {
    const listening = await listen(createApp(strategies as never[], options));
    return new Instance(listening, new Client(listening.url));
  }

  get port(): number {
    return this.listening.port;
  }

  /** Starts an OAuth 2.0 login in `jar`; the test plays the provider and issues `code`. */
  async startOAuth2(op: IdentityProvider, jar: CookieJar, code: string): Promise<{ state: string }> {
    const answer = await this.client.send({ path: '/oauth2/login', headers: { cookie: jar.header() } });
    if (answer.status !== 302) throw new Error(`login did not redirect: ${answer.status} ${answer.body}`);
    jar.store(answer);
    const params = new URL(String(answer.headers['location'])).searchParams;
    op.challenges.set(code, params.get('code_challenge') ?? '');
    return { state: params.get('state') ?? '' };
  }

  async finishOAuth2(jar: CookieJar, code: string, state: string): Promise<Outcome & { status: number }> {
    const answer = await this.client.send({ path: `/oauth2/callback?${new URLSearchParams({ code, state })}`, headers: { cookie: jar.header() } });
    jar.store(answer);
    return { status: answer.status, ...(answer.json as Outcome) };
  }

  /** Starts an OAuth 1.0a login in `jar`; returns the request token the user takes to the provider. */
  async startOAuth1(jar: CookieJar): Promise<string> {
    const answer = await this.client.send({ path: '/oauth/login', headers: { cookie: jar.header() } });
    if (answer.status !== 302) throw new Error(`login did not redirect: ${answer.status} ${answer.body}`);
    jar.store(answer);
    return new URL(String(answer.headers['location'])).searchParams.get('oauth_token') ?? '';
  }

  async finishOAuth1(jar: CookieJar, token: string): Promise<Outcome & { status: number }> {
    const answer = await this.client.send({ path: `/oauth/callback?${new URLSearchParams({ oauth_token: token, oauth_verifier: 'v' })}`, headers: { cookie: jar.header() } });
    jar.store(answer);
    return { status: answer.status, ...(answer.json as Outcome) };
  }

  async stop(): Promise<void> {
    this.client.close();
    await this.listening.close();
  }
}
