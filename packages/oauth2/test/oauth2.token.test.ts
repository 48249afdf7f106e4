import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { expect } from 'chai';
import nock from 'nock';
import { NetworkError, UnexpectedBodyError, UnexpectedStatusError } from '@passport-kit/core';
import {
  InternalOAuthError,
  OAuth2Strategy,
  TokenError,
  type OAuth2AuthenticateOptions,
  type OAuth2StrategyOptions,
} from '@passport-kit/oauth2';
import packageJson from '../package.json' with { type: 'json' };
import { AUTHORIZATION_URL, Browser, CALLBACK_URL, PROVIDER, TOKEN_URL, loginApp, type LoginAppOptions, type Outcome } from '@passport-kit/test-support/login-app';
import { startLoopbackServer, type LoopbackServer } from '@passport-kit/test-support/loopback-server';

// Values that must never show up in an error: each one is distinctive enough to search for.
const CLIENT_SECRET = 'client-secret:%+ with/odd~chars';
const CODE = 'authorization-code-SplxlOBeZQQYbYS6WxSbIA';
const ACCESS_TOKEN = 'access-token-2YotnFZFEjr1zCsicMWpAA';

interface ReceivedTokenRequest {
  body: URLSearchParams;
  headers: Record<string, string>;
}

function strategy(options: Partial<OAuth2StrategyOptions> = {}) {
  return new OAuth2Strategy(
    { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: CLIENT_SECRET, callbackURL: CALLBACK_URL, ...options },
    (accessToken: string, _refreshToken: string | undefined, _profile: unknown, done: (err: unknown, user?: unknown) => void) =>
      done(null, { id: 'user-1', accessToken }),
  );
}

/** The token endpoint: records what the provider received and answers as told. */
function tokenEndpoint(status = 200, body: unknown = { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 3600 }, headers?: Record<string, string>) {
  return recordRequests(nock(PROVIDER).post('/token').reply(status, body as nock.Body, headers));
}

/** A token endpoint whose connection breaks with this error. */
function tokenEndpointBreaks(message: string, code = 'ECONNRESET') {
  // An Error, not a plain object: nock 15 never settles undici's request for a plain object.
  return recordRequests(nock(PROVIDER).post('/token').replyWithError(Object.assign(new Error(message), { code })));
}

function recordRequests(scope: nock.Scope) {
  const received: ReceivedTokenRequest[] = [];
  scope.on('request', (req: Request, _interceptor: unknown, requestBody: string) => {
    received.push({ body: new URLSearchParams(requestBody), headers: Object.fromEntries(req.headers) });
  });
  return { scope, received };
}

/** Starts a login in a fresh browser; `complete()` comes back from the provider with a code. */
async function startLogin(s: OAuth2Strategy, options: LoginAppOptions = {}) {
  const errors: unknown[] = [];
  const browser = new Browser(loginApp(s, { onError: (err) => errors.push(err), ...options }));
  const authorization = await browser.startLogin();
  const complete = (): Promise<Outcome> => browser.callback({ code: CODE, state: authorization.get('state') ?? '' });
  return { browser, authorization, errors, complete };
}

/** Completes a login whose token request fails; returns the one error the app's handler got. */
async function failedLogin(s: OAuth2Strategy = strategy()) {
  const login = await startLogin(s);
  const outcome = await login.complete();
  expect(outcome.status, JSON.stringify(outcome)).to.be.at.least(400);
  expect(outcome.user).to.equal(undefined);
  expect(login.errors).to.have.length(1);
  return { outcome, error: login.errors[0] as Error };
}

/** Fails the test if any request reaches nock without a matching interceptor (a retry would). */
function noUnmatchedRequests() {
  const unmatched: string[] = [];
  const listener = (req: Request) => {
    if (req.url.startsWith(PROVIDER)) unmatched.push(`${req.method} ${req.url}`);
  };
  nock.emitter.on('no match', listener);
  return {
    check() {
      nock.emitter.removeListener('no match', listener);
      expect(unmatched, 'requests made after the first token request').to.deep.equal([]);
    },
  };
}

function expectNoSecrets(err: unknown, extra: string[] = []) {
  for (const text of [String((err as Error).message), String(err), inspect(err, { depth: 5 })]) {
    for (const secret of [CLIENT_SECRET, encodeURIComponent(CLIENT_SECRET), CODE, ACCESS_TOKEN, ...extra]) {
      expect(text).not.to.contain(secret);
    }
  }
}

class TokenParamsStrategy extends OAuth2Strategy {
  protected override tokenParams(options: OAuth2AuthenticateOptions): Record<string, unknown> {
    return { audience: options['audience'], resource: undefined, grant_type: 'password', code: 'overridden' };
  }
}

describe('OAuth2Strategy', () => {
  describe('exchanging the code', () => {
    describe('what the token endpoint receives', () => {
      it('with client_secret_post (the default): the grant and the client credentials in the form body', async () => {
        const login = await startLogin(strategy());
        const token = tokenEndpoint();
        const outcome = await login.complete();

        expect(outcome.status).to.equal(200);
        expect(outcome.user).to.deep.equal({ id: 'user-1', accessToken: ACCESS_TOKEN });
        expect(token.received).to.have.length(1);
        const [request] = token.received as [ReceivedTokenRequest];
        expect(Object.fromEntries(request.body)).to.deep.equal({
          grant_type: 'authorization_code',
          code: CODE,
          redirect_uri: CALLBACK_URL,
          code_verifier: request.body.get('code_verifier'),
          client_id: 'client-1',
          client_secret: CLIENT_SECRET,
        });
        expect(request.body.get('code_verifier')).to.match(/^[A-Za-z0-9_-]{43}$/);
        expect(request.headers['content-type']).to.equal('application/x-www-form-urlencoded');
        expect(request.headers['accept']).to.equal('application/json');
        expect(request.headers).not.to.have.property('authorization');
      });

      it('with client_secret_basic: form-encoded credentials in HTTP Basic, none in the body (RFC 6749 §2.3.1)', async () => {
        const login = await startLogin(strategy({ clientAuthentication: 'client_secret_basic' }));
        const token = tokenEndpoint();
        expect((await login.complete()).status).to.equal(200);

        const [request] = token.received as [ReceivedTokenRequest];
        const credentials = Buffer.from((request.headers['authorization'] ?? '').replace(/^Basic /, ''), 'base64').toString();
        expect(credentials).to.equal('client-1:client-secret%3A%25%2B+with%2Fodd%7Echars');
        expect([...request.body.keys()].sort()).to.deep.equal(['code', 'code_verifier', 'grant_type', 'redirect_uri']);
      });

      it('with none (a public client without a secret): client_id and the PKCE verifier, no secret', async () => {
        const login = await startLogin(strategy({ clientSecret: undefined }));
        const token = tokenEndpoint();
        expect((await login.complete()).status).to.equal(200);

        const [request] = token.received as [ReceivedTokenRequest];
        expect([...request.body.keys()].sort()).to.deep.equal(['client_id', 'code', 'code_verifier', 'grant_type', 'redirect_uri']);
        expect(request.body.get('client_id')).to.equal('client-1');
        expect(request.headers).not.to.have.property('authorization');
      });

      it('with none chosen explicitly, the secret stays home', async () => {
        const login = await startLogin(strategy({ clientAuthentication: 'none' }));
        const token = tokenEndpoint();
        expect((await login.complete()).status).to.equal(200);

        const [request] = token.received as [ReceivedTokenRequest];
        expect(request.body.toString()).not.to.contain(encodeURIComponent(CLIENT_SECRET).slice(0, 12));
        expect(request.body.has('client_secret')).to.equal(false);
      });

      it("sends the verifier whose S256 hash is the redirect's code_challenge (RFC 7636 §4.6)", async () => {
        const login = await startLogin(strategy());
        const token = tokenEndpoint();
        await login.complete();

        const verifier = (token.received[0] as ReceivedTokenRequest).body.get('code_verifier') ?? '';
        expect(login.authorization.get('code_challenge_method')).to.equal('S256');
        expect(createHash('sha256').update(verifier).digest('base64url')).to.equal(login.authorization.get('code_challenge'));
      });

      it('gives each login its own verifier', async () => {
        const s = strategy();
        const first = await startLogin(s);
        const second = await startLogin(s);
        const token1 = tokenEndpoint();
        await first.complete();
        const token2 = tokenEndpoint();
        await second.complete();

        const verifiers = [token1, token2].map((t) => (t.received[0] as ReceivedTokenRequest).body.get('code_verifier'));
        expect(verifiers[0]).not.to.equal(verifiers[1]);
      });

      it('sends the redirect_uri of the authorization request, resolved from the request when relative (RFC 6749 §4.1.3)', async () => {
        // supertest listens on a new port for each request; a browser keeps talking to one host.
        const sameHost: LoginAppOptions['before'] = (req, _res, next) => {
          req.headers.host = 'app.test:3000';
          next();
        };
        const login = await startLogin(strategy({ callbackURL: '/auth/callback' }), { before: sameHost });
        const token = tokenEndpoint();
        await login.complete();

        const sent = login.authorization.get('redirect_uri');
        expect(sent).to.equal('http://app.test:3000/auth/callback');
        expect((token.received[0] as ReceivedTokenRequest).body.get('redirect_uri')).to.equal(sent);
      });

      it('sends the customHeaders with the token request', async () => {
        const login = await startLogin(strategy({ customHeaders: { 'x-tenant': 'acme', 'x-request-source': 'test' } }));
        const token = tokenEndpoint();
        await login.complete();

        expect((token.received[0] as ReceivedTokenRequest).headers).to.include({ 'x-tenant': 'acme', 'x-request-source': 'test' });
      });

      it('adds the tokenParams hook’s parameters, without letting them replace the grant or the code', async () => {
        const s = new TokenParamsStrategy(
          { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: CLIENT_SECRET, callbackURL: CALLBACK_URL },
          (_at: string, _rt: string | undefined, _p: unknown, done: (err: unknown, user?: unknown) => void) => done(null, { id: 'u' }),
        );
        const login = await startLogin(s, { callbackOptions: { audience: 'https://api.example' } });
        const token = tokenEndpoint();
        expect((await login.complete()).status).to.equal(200);

        const { body } = token.received[0] as ReceivedTokenRequest;
        expect(body.get('audience')).to.equal('https://api.example');
        expect(body.has('resource')).to.equal(false);
        expect(body.getAll('grant_type')).to.deep.equal(['authorization_code']);
        expect(body.getAll('code')).to.deep.equal([CODE]);
      });

      it('names @passport-kit/oauth2 and its version in the User-Agent', async () => {
        const login = await startLogin(strategy());
        const token = tokenEndpoint();
        await login.complete();

        expect((token.received[0] as ReceivedTokenRequest).headers['user-agent']).to.match(
          new RegExp(`^@passport-kit/oauth2/${packageJson.version.replace(/\./g, '\\.')} \\(node v\\d+`),
        );
      });
    });

    describe('when the provider refuses (RFC 6749 §5.2)', () => {
      for (const [status, code, description] of [
        [400, 'invalid_grant', 'The authorization code has expired'],
        [401, 'invalid_client', 'Client authentication failed'],
      ] as const) {
        it(`errors with a TokenError carrying ${code}, its description and uri, answered 500`, async () => {
          tokenEndpoint(status, { error: code, error_description: description, error_uri: 'https://provider.test/docs/errors' });
          const { outcome, error } = await failedLogin();

          expect(error).to.be.instanceOf(TokenError);
          expect(error).to.deep.include({ code, message: description, uri: 'https://provider.test/docs/errors', status: 500 });
          expect(outcome.status).to.equal(500);
          expect(outcome.error).to.deep.include({ name: 'TokenError', code, message: description });
        });
      }

      it('reads a form-encoded error body too', async () => {
        tokenEndpoint(400, 'error=invalid_grant&error_description=Code+reused', { 'content-type': 'application/x-www-form-urlencoded' });
        const { error } = await failedLogin();

        expect(error).to.be.instanceOf(TokenError);
        expect(error).to.deep.include({ code: 'invalid_grant', message: 'Code reused' });
      });

      it('errors with a TokenError for an error sent with HTTP 200, as GitHub does', async () => {
        tokenEndpoint(200, {
          error: 'bad_verification_code',
          error_description: 'The code passed is incorrect or expired.',
          error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code',
        });
        const { error } = await failedLogin();

        expect(error).to.be.instanceOf(TokenError);
        expect(error).to.deep.include({ code: 'bad_verification_code', message: 'The code passed is incorrect or expired.' });
      });

      it('never logs in on a 200 without access_token (CVE-2021-41580)', async () => {
        let verified = false;
        const s = new OAuth2Strategy(
          { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: CLIENT_SECRET, callbackURL: CALLBACK_URL },
          (_at: string, _rt: string | undefined, _p: unknown, done: (err: unknown, user?: unknown) => void) => {
            verified = true;
            done(null, { id: 'user-1' });
          },
        );
        tokenEndpoint(200, { token_type: 'Bearer', expires_in: 3600 });
        const { error } = await failedLogin(s);

        expect(error).to.be.instanceOf(TokenError);
        expect((error as TokenError).code).to.equal('invalid_token_response');
        expect(verified).to.equal(false);
      });

      it('uses a parseErrorResponse override, with the status', async () => {
        const statuses: number[] = [];
        class FacebookStyle extends OAuth2Strategy {
          protected override parseErrorResponse(body: string, status: number): Error | null {
            statuses.push(status);
            const json = JSON.parse(body) as { error?: { message?: string; type?: string; code?: number } };
            if (json.error?.message) return new TokenError(json.error.message, json.error.type, undefined, undefined);
            return null;
          }
        }
        const s = new FacebookStyle(
          { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: CLIENT_SECRET, callbackURL: CALLBACK_URL },
          () => undefined,
        );
        tokenEndpoint(400, { error: { message: 'This authorization code has been used.', type: 'OAuthException', code: 100 } });
        const { error } = await failedLogin(s);

        expect(statuses).to.deep.equal([400]);
        expect(error).to.be.instanceOf(TokenError);
        expect(error).to.deep.include({ code: 'OAuthException', message: 'This authorization code has been used.' });
      });

      it('survives a passport-oauth2 style parseErrorResponse that throws on a non-JSON body', async () => {
        class JSONOnly extends OAuth2Strategy {
          protected override parseErrorResponse(body: string): Error | null {
            const json = JSON.parse(body) as { error: string };
            return new TokenError(undefined, json.error);
          }
        }
        const s = new JSONOnly(
          { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: CLIENT_SECRET, callbackURL: CALLBACK_URL },
          () => undefined,
        );
        tokenEndpoint(503, '<html><body>Service Unavailable</body></html>', { 'content-type': 'text/html' });
        const { error, outcome } = await failedLogin(s);

        expect(error).to.be.instanceOf(InternalOAuthError);
        expect((error as InternalOAuthError).cause).to.be.instanceOf(UnexpectedStatusError);
        expect(outcome.status).to.equal(500);
      });
    });

    describe('when the token endpoint misbehaves', () => {
      it('errors on a 302 instead of following it or treating it as success', async () => {
        tokenEndpoint(302, '', { location: 'https://provider.test/login' });
        const { error } = await failedLogin();

        expect(error).to.be.instanceOf(InternalOAuthError);
        const cause = (error as InternalOAuthError).cause;
        expect(cause).to.be.instanceOf(UnexpectedStatusError);
        expect((cause as UnexpectedStatusError).statusCode).to.equal(302);
        expect(error.message).to.equal(`Failed to obtain access token: POST ${TOKEN_URL} answered 302`);
      });

      it('errors with the status on a 500 HTML page', async () => {
        tokenEndpoint(500, '<html><body><h1>Internal Server Error</h1></body></html>', { 'content-type': 'text/html' });
        const { error, outcome } = await failedLogin();

        expect(error).to.be.instanceOf(InternalOAuthError);
        expect((error as InternalOAuthError).code).to.equal('ERR_INTERNAL_OAUTH');
        expect(((error as InternalOAuthError).cause as UnexpectedStatusError).statusCode).to.equal(500);
        expect(error.message).to.contain('answered 500');
        expect(error.message).not.to.contain('Internal Server Error');
        expect(outcome.status).to.equal(500);
      });

      it('errors with an UnexpectedBodyError on invalid JSON with a 200', async () => {
        tokenEndpoint(200, '{"access_token": "' + ACCESS_TOKEN, { 'content-type': 'application/json' });
        const { error } = await failedLogin();

        expect(error).to.be.instanceOf(InternalOAuthError);
        expect((error as InternalOAuthError).cause).to.be.instanceOf(UnexpectedBodyError);
        expect(error.message).to.contain('neither JSON nor form-encoded');
        expectNoSecrets(error);
      });

      it('errors with ERR_NETWORK when the connection is reset', async () => {
        tokenEndpointBreaks('socket hang up');
        const { error } = await failedLogin();

        expect(error).to.be.instanceOf(InternalOAuthError);
        const cause = (error as InternalOAuthError).cause;
        expect(cause).to.be.instanceOf(NetworkError);
        expect((cause as NetworkError).code).to.equal('ERR_NETWORK');
        expect(error.message).to.equal(`Failed to obtain access token: POST ${TOKEN_URL}: request failed (ECONNRESET)`);
      });

      it('errors with ERR_RESPONSE_TOO_LARGE past maxResponseSize', async () => {
        tokenEndpoint(200, { access_token: ACCESS_TOKEN, token_type: 'Bearer', padding: 'x'.repeat(4096) });
        const { error } = await failedLogin(strategy({ maxResponseSize: 1024 }));

        expect(error).to.be.instanceOf(InternalOAuthError);
        expect(((error as InternalOAuthError).cause as NetworkError).code).to.equal('ERR_RESPONSE_TOO_LARGE');
        expect(error.message).to.contain('1024-byte limit');
        expectNoSecrets(error);
      });

      describe('timing out', () => {
        // A loopback server rather than nock's .delay(): when undici aborts a request nock is
        // still holding, undici hits assert(!this.aborted) on the mock socket's close and
        // throws an uncaught AssertionError (undici 7 + nock 15 / @mswjs/interceptors).
        let server: LoopbackServer;
        let tokenRequests = 0;

        beforeEach(async () => {
          tokenRequests = 0;
          server = await startLoopbackServer((_req, res) => {
            tokenRequests += 1;
            setTimeout(() => res.end(JSON.stringify({ access_token: ACCESS_TOKEN })), 1000).unref();
          });
        });

        afterEach(async () => {
          await server.close();
        });

        it('errors with ERR_TIMEOUT after the strategy’s timeout, and says so', async () => {
          const tokenURL = `${server.origin}/token`;
          const started = Date.now();
          const { error } = await failedLogin(strategy({ tokenURL, timeout: 200 }));

          expect(Date.now() - started).to.be.below(900);
          expect(error).to.be.instanceOf(InternalOAuthError);
          const cause = (error as InternalOAuthError).cause;
          expect(cause).to.be.instanceOf(NetworkError);
          expect((cause as NetworkError).code).to.equal('ERR_TIMEOUT');
          expect(error.message).to.equal(`Failed to obtain access token: POST ${tokenURL}: no complete response within 200 ms`);
          expect(tokenRequests).to.equal(1);
        });
      });
    });

    describe('never retried: a code is single-use', () => {
      for (const [label, arrange] of [
        ['a 500', () => tokenEndpoint(500, 'oops')],
        ['a 400 invalid_grant', () => tokenEndpoint(400, { error: 'invalid_grant' })],
        ['a reset connection', () => tokenEndpointBreaks('read ECONNRESET')],
      ] as const) {
        it(`POSTs once after ${label}`, async () => {
          arrange();
          const guard = noUnmatchedRequests();
          await failedLogin();
          // Give a retry, if there were one, the time to happen.
          await new Promise((resolve) => setTimeout(resolve, 50));
          guard.check();
        });
      }
    });

    describe('keeping secrets out of errors', () => {
      const failures: Array<[string, () => { received: ReceivedTokenRequest[] }]> = [
        ['a 400 error body', () => tokenEndpoint(400, { error: 'invalid_grant' })],
        ['a 500 page echoing the request', () => tokenEndpoint(500, `<pre>client_secret=${CLIENT_SECRET}&code=${CODE}</pre>`, { 'content-type': 'text/html' })],
        ['a 302', () => tokenEndpoint(302, '', { location: `https://provider.test/login?code=${CODE}` })],
        ['an invalid expires_in', () => tokenEndpoint(200, { access_token: ACCESS_TOKEN, expires_in: ACCESS_TOKEN })],
        ['a non-string refresh_token', () => tokenEndpoint(200, { access_token: ACCESS_TOKEN, refresh_token: [ACCESS_TOKEN] })],
        ['a reset connection', () => tokenEndpointBreaks('read ECONNRESET')],
      ];
      for (const [label, arrange] of failures) {
        it(`shows no client secret, code, verifier or access token after ${label}`, async () => {
          const token = arrange();
          const login = await startLogin(strategy());
          const outcome = await login.complete();
          const verifier = token.received[0]?.body.get('code_verifier') ?? '';
          expect(verifier).to.have.length(43);

          expect(login.errors).to.have.length(1);
          expectNoSecrets(login.errors[0], [verifier]);
          expect(JSON.stringify(outcome)).not.to.contain(CODE);
          expect(JSON.stringify(outcome)).not.to.contain(ACCESS_TOKEN);
        });
      }
    });
  });
});
