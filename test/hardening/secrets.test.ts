// Runs the failure paths of OAuth2Strategy, GitHubStrategy, TokenClient and OAuth1Strategy
// against a provider that echoes every secret it is sent or hands out (in error descriptions,
// HTML pages, redirects, profile errors), and scans everything passport-kit produced for those
// secrets: each error's message, toString(), stack, JSON and util.inspect (full depth, cause
// chain included), everything written to the console, stdout and stderr, and process warnings.
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { PassportKitError, type Profile, type VerifyCallback } from '@passport-kit/core';
import { GitHubStrategy } from '@passport-kit/github';
import { OAuth1Strategy, type TokenParams } from '@passport-kit/oauth1';
import { OAuth2Strategy, TokenClient } from '@passport-kit/oauth2';
import { expect } from 'chai';
import nock from 'nock';
import { createApp } from './support/app.js';
import { Client, CookieJar, listen, type Answer, type Listening } from './support/http.js';
import { form, json, startProvider, type Provider } from '@passport-kit/test-support/loopback-provider';

const secrets = new Set<string>();
/** A distinctive secret value, remembered for the scan. */
function secret(label: string): string {
  const value = `${label}-SECRET-${randomBytes(9).toString('base64url')}`;
  secrets.add(value);
  return value;
}

const CLIENT_SECRET = secret('client');
const GITHUB_SECRET = secret('github');
const CONSUMER_SECRET = secret('consumer');

type Done = VerifyCallback;

class OAuth1ProfileStrategy extends OAuth1Strategy {
  profileURL = '';

  protected override async userProfile(token: string, tokenSecret: string, _params: TokenParams): Promise<Profile> {
    const { body } = await this.fetchProtectedResource(this.profileURL, token, tokenSecret);
    return { provider: 'example', id: String((JSON.parse(body) as { id: unknown }).id), displayName: '' };
  }
}

/** Everything the scenarios and their errors put on record. */
interface Captured {
  errors: unknown[];
  output: string[];
  warnings: Error[];
  answers: Answer[];
}

describe('no secret in errors, logs or warnings', function () {
  this.timeout(60_000);
  let op: Provider;
  let app: Listening;
  const captured: Captured = { errors: [], output: [], warnings: [], answers: [] };

  /** What the provider was sent that only the client and the provider may know. */
  function learn(body: string, headers: Record<string, string | string[] | undefined>) {
    const params = new URLSearchParams(body);
    for (const name of ['code', 'code_verifier', 'client_secret', 'refresh_token', 'token']) {
      const value = params.get(name);
      if (value) secrets.add(value);
    }
    const auth = String(headers['authorization'] ?? '');
    for (const name of ['oauth_verifier']) {
      const value = new RegExp(`${name}="([^"]*)"`).exec(auth)?.[1];
      if (value) secrets.add(decodeURIComponent(value));
    }
    return [...params.values(), ...[...auth.matchAll(/oauth_verifier="([^"]*)"/g)].map((m) => decodeURIComponent(m[1] ?? ''))].join(' ');
  }

  before(async () => {
    nock.restore(); // real sockets only
    const tokens = new Map<string, { accessToken: string; refreshToken: string }>();
    const requestTokenSecrets = new Map<string, string>();
    op = await startProvider({
      '/token': (req, res, body) => {
        const echo = learn(body, req.headers);
        const params = new URLSearchParams(body);
        const mode = (params.get('code') ?? params.get('grant_type') ?? '').split('.')[0];
        const accessToken = secret('access');
        const refreshToken = secret('refresh');
        tokens.set(accessToken, { accessToken, refreshToken });
        switch (mode) {
          case 'echo400': return json(res, 400, { error: 'invalid_grant', error_description: `refused: ${echo}`, error_uri: `https://op.example/e?${echo}` });
          case 'echo200': return json(res, 200, { error: 'bad_verification_code', error_description: `refused: ${echo}` });
          case 'form400': return form(res, 400, new URLSearchParams({ error: 'invalid_client', error_description: echo }).toString());
          case 'html500': return void res.writeHead(500, { 'content-type': 'text/html' }).end(`<h1>Error</h1><pre>${echo}</pre>`);
          case 'garbage200': return void res.writeHead(200, { 'content-type': 'text/plain' }).end(`?? ${echo}`);
          case 'redirect': return void res.writeHead(302, { location: `https://op.example/login?${echo}` }).end();
          case 'tokentype': return json(res, 200, { access_token: accessToken, token_type: accessToken, refresh_token: refreshToken });
          case 'noaccess': return json(res, 200, { token_type: 'bearer', refresh_token: refreshToken, id_token: accessToken });
          case 'expires': return json(res, 200, { access_token: accessToken, token_type: 'bearer', expires_in: refreshToken });
          case 'reset': return void req.socket.destroy();
          case 'hang': return;
          case 'refresh_token': return json(res, 400, { error: 'invalid_grant', error_description: `refresh token ${echo} revoked` });
          default: return json(res, 200, { access_token: accessToken, token_type: 'bearer', refresh_token: refreshToken });
        }
      },
      '/revoke': (req, res, body) => json(res, 400, { error: 'unsupported_token_type', error_description: `cannot revoke ${learn(body, req.headers)}` }),
      '/user': (req, res) => {
        const accessToken = String(req.headers['authorization']).replace(/^Bearer /, '');
        if (tokens.has(accessToken)) return json(res, 401, { message: `Bad credentials: ${accessToken}`, documentation_url: `https://docs.example/?t=${accessToken}` });
        json(res, 500, { message: 'unknown' });
      },
      '/oauth/request_token': (req, res) => {
        if (String(req.headers['authorization']).includes('echo-consumer')) {
          return form(res, 401, `oauth_problem=signature_invalid&oauth_problem_advice=${encodeURIComponent(`key ${CONSUMER_SECRET}&`)}`);
        }
        const token = `rt-${randomBytes(6).toString('hex')}`;
        const tokenSecret = secret('request-token-secret');
        requestTokenSecrets.set(token, tokenSecret);
        form(res, 200, `oauth_token=${token}&oauth_token_secret=${tokenSecret}&oauth_callback_confirmed=true`);
      },
      '/oauth/access_token': (req, res, body) => {
        const echo = learn(body, req.headers);
        const token = /oauth_token="([^"]*)"/.exec(String(req.headers['authorization']))?.[1] ?? '';
        const verifier = /oauth_verifier="([^"]*)"/.exec(String(req.headers['authorization']))?.[1] ?? '';
        const tokenSecret = requestTokenSecrets.get(token) ?? '';
        if (verifier.startsWith('echo')) return form(res, 401, `Invalid verifier ${echo} for ${token} with secret ${tokenSecret} / ${CONSUMER_SECRET}`);
        if (verifier.startsWith('json')) return json(res, 401, { errors: [{ code: 32, message: `bad ${echo} ${tokenSecret} ${encodeURIComponent(CONSUMER_SECRET)}` }] });
        const accessToken = secret('oauth1-access');
        const accessSecret = secret('oauth1-access-secret');
        form(res, 200, `oauth_token=${accessToken}&oauth_token_secret=${accessSecret}`);
      },
      '/1.1/profile.json': (req, res) => {
        const token = /oauth_token="([^"]*)"/.exec(String(req.headers['authorization']))?.[1] ?? '';
        json(res, 401, { errors: [{ code: 89, message: `Invalid or expired token ${decodeURIComponent(token)}` }] });
      },
    });

    const oauth2 = new OAuth2Strategy(
      { authorizationURL: `${op.url}/authorize`, tokenURL: `${op.url}/token`, clientID: 'c', clientSecret: CLIENT_SECRET, callbackURL: 'http://app.test/oauth2/callback', timeout: 300 },
      (_at: string, _rt: string | undefined, _p: unknown, done: Done) => done(null, { id: 'x' }),
    );
    const basic = new OAuth2Strategy(
      { authorizationURL: `${op.url}/authorize`, tokenURL: `${op.url}/token`, clientID: 'b', clientSecret: CLIENT_SECRET, clientAuthentication: 'client_secret_basic', callbackURL: 'http://app.test/basic/callback', timeout: 300 },
      (_at: string, _rt: string | undefined, _p: unknown, done: Done) => done(null, { id: 'x' }),
    );
    basic.name = 'basic';
    const github = new GitHubStrategy(
      { authorizationURL: `${op.url}/authorize`, tokenURL: `${op.url}/token`, userProfileURL: `${op.url}/user`, clientID: 'g', clientSecret: GITHUB_SECRET, callbackURL: 'http://app.test/github/callback', timeout: 300 },
      (_at: string, _rt: string | undefined, _p: unknown, done: Done) => done(null, { id: 'x' }),
    );
    const oauth1Options = {
      requestTokenURL: `${op.url}/oauth/request_token`,
      accessTokenURL: `${op.url}/oauth/access_token`,
      userAuthorizationURL: `${op.url}/oauth/authorize`,
      consumerKey: 'consumer',
      consumerSecret: CONSUMER_SECRET,
      callbackURL: 'http://app.test/oauth/callback',
      timeout: 300,
    };
    const oauth1 = new OAuth1ProfileStrategy(oauth1Options, (_t: string, _s: string, _p: Profile, done: Done) => done(null, { id: 'x' }));
    oauth1.profileURL = `${op.url}/1.1/profile.json`;
    const echoConsumer = new OAuth1Strategy({ ...oauth1Options, consumerKey: 'echo-consumer' }, (_t: string, _s: string, _p: Profile, done: Done) => done(null, {}));
    echoConsumer.name = 'echo-consumer';
    app = await listen(createApp([oauth2, basic, github, oauth1, echoConsumer], { onError: (err) => captured.errors.push(err) }));

    await capture(captured, async () => {
      const client = new Client(app.url);
      const send = async (path: string, jar: CookieJar) => {
        const answer = await client.send({ path, headers: { cookie: jar.header() } });
        jar.store(answer);
        captured.answers.push(answer);
        return answer;
      };
      const modes = ['echo400', 'echo200', 'form400', 'html500', 'garbage200', 'redirect', 'tokentype', 'noaccess', 'expires', 'reset', 'hang', 'profile'];
      for (const name of ['oauth2', 'basic', 'github']) {
        for (const mode of modes) {
          const jar = new CookieJar();
          const login = await send(`/${name}/login`, jar);
          const state = new URL(String(login.headers['location'])).searchParams.get('state') ?? '';
          await send(`/${name}/callback?${new URLSearchParams({ code: secret(mode).replace(/^[^-]+/, `${mode}.`), state })}`, jar);
        }
      }
      for (const verifier of ['echo', 'json', 'profile']) {
        const jar = new CookieJar();
        const login = await send('/oauth/login', jar);
        const token = new URL(String(login.headers['location'])).searchParams.get('oauth_token') ?? '';
        await send(`/oauth/callback?${new URLSearchParams({ oauth_token: token, oauth_verifier: secret(verifier).replace(/^[^-]+/, verifier) })}`, jar);
      }
      await send('/echo-consumer/login', new CookieJar());
      client.close();

      // TokenClient's other grants and endpoints, as an app calls them.
      const tokens = new TokenClient({ tokenURL: `${op.url}/token`, revocationURL: `${op.url}/revoke`, clientID: 'c', clientSecret: CLIENT_SECRET });
      for (const call of [() => tokens.refresh(secret('refresh-in')), () => tokens.revoke(secret('revoke-in')), () => tokens.clientCredentials({ scope: 'x' })]) {
        await call().then(
          () => undefined,
          (err: unknown) => captured.errors.push(err),
        );
      }
    });
  });

  after(async () => {
    await app.close();
    await op.close();
    if (!nock.isActive()) nock.activate();
  });

  it('ran the failure paths: every login and call ended in an error', () => {
    // 3 OAuth 2.0 strategies x 12 modes (but the 2 without a profile endpoint log in on 'profile',
    // and the 2 without an id_token check log in on 'tokentype': any token_type is accepted, as
    // passport-oauth2 does), 3 OAuth 1.0a access-token and profile failures, 1 request-token
    // failure, refresh and revoke.
    expect(captured.errors).to.have.lengthOf(3 * 12 - 2 - 2 + 3 + 1 + 2);
    for (const err of captured.errors) expect(err, String(err)).to.be.an.instanceOf(PassportKitError);
    expect(secrets.size).to.be.greaterThan(50);
  });

  it('no secret in any error: message, toString(), stack, JSON, or util.inspect with the whole cause chain', () => {
    const leaks: string[] = [];
    for (const err of captured.errors) {
      for (const link of chain(err)) {
        if (!(link instanceof PassportKitError)) continue;
        const views: Record<string, string> = {
          message: link.message,
          toString: String(link),
          stack: link.stack ?? '',
          json: JSON.stringify(link),
          inspect: inspect(link, { depth: Infinity }),
        };
        for (const [view, text] of Object.entries(views)) {
          for (const found of findSecrets(text)) {
            // util.inspect prints the causes too: a foreign error quoting a secret is not ours.
            const foreign = chain(link).some((other) => !(other instanceof PassportKitError) && other instanceof Error && findSecrets(`${other.message}\n${other.stack}`).includes(found));
            if (!foreign) leaks.push(`${link.name} (${(link as { code?: string }).code}) ${view}: ${found.split('-SECRET-')[0]} secret in ${JSON.stringify(text.slice(0, 300))}`);
          }
        }
      }
    }
    expect(leaks).to.deep.equal([]);
  });

  it('no secret in anything written to the console, stdout or stderr, or in a process warning', () => {
    const leaks = [...captured.output, ...captured.warnings.map((w) => `${w.name}: ${w.message}`)].flatMap((text) => findSecrets(text).map((s) => `${s} in ${text.slice(0, 200)}`));
    expect(leaks).to.deep.equal([]);
  });

  it('no secret in what the app answered the browser', () => {
    const leaks = captured.answers.flatMap((answer) => findSecrets(`${JSON.stringify(answer.headers)}\n${answer.body}`).map((s) => `${answer.status}: ${s}`));
    expect(leaks).to.deep.equal([]);
  });
});

/** The secrets `text` contains, raw or percent-encoded. */
function findSecrets(text: string): string[] {
  return [...secrets].filter((value) => text.includes(value) || text.includes(encodeURIComponent(value)));
}

/** An error and everything under it (`cause`, `oauthError`), each once. */
function chain(err: unknown): unknown[] {
  const seen: unknown[] = [];
  for (let next: unknown = err; next && typeof next === 'object' && !seen.includes(next); ) {
    seen.push(next);
    const e = next as { cause?: unknown; oauthError?: unknown };
    next = e.cause ?? e.oauthError;
  }
  return seen;
}

/** Runs `work` recording console output, stdout, stderr and warnings (still passed through). */
async function capture(into: Captured, work: () => Promise<void>): Promise<void> {
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originals = methods.map((m) => console[m]);
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const onWarning = (warning: Error) => into.warnings.push(warning);
  for (const m of methods) console[m] = (...args: unknown[]) => void into.output.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: Infinity }))).join(' '));
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (into.output.push(String(chunk)), write.out(chunk, ...rest))) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => (into.output.push(String(chunk)), write.err(chunk, ...rest))) as typeof process.stderr.write;
  process.on('warning', onWarning);
  try {
    await work();
  } finally {
    methods.forEach((m, i) => (console[m] = originals[i] as (typeof console)[typeof m]));
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.off('warning', onWarning);
  }
}
