import { expect } from 'chai';
import nock from 'nock';
import { NetworkError, UnexpectedBodyError, UnexpectedStatusError } from '@passport-kit/core';
import { InternalOAuthError, OAuth2Strategy, TOKEN_TYPES, TokenClient, TokenError, type TokenClientOptions } from '@passport-kit/oauth2';
import { rejection, expectNoSecrets } from './support/assertions.js';

const PROVIDER = 'http://127.0.0.1:4998';
const TOKEN_URL = `${PROVIDER}/token`;
const REVOCATION_URL = `${PROVIDER}/revoke`;
const INTROSPECTION_URL = `${PROVIDER}/introspect`;
const CLIENT_SECRET = 'grant-secret-Zq81xLw0';
const REFRESH_TOKEN = 'refresh-token-tGzv3JOkF0XG5Qx2TlKWIA';
const ACCESS_TOKEN = 'access-token-2YotnFZFEjr1zCsicMWpAA';

interface Received {
  body: URLSearchParams;
  headers: Record<string, string>;
}

function client(options: Partial<TokenClientOptions> = {}) {
  return new TokenClient({
    tokenURL: TOKEN_URL,
    revocationURL: REVOCATION_URL,
    introspectionURL: INTROSPECTION_URL,
    clientID: 'client-1',
    clientSecret: CLIENT_SECRET,
    ...options,
  });
}

/** An endpoint that records what it received and answers as told. */
function endpoint(path: string, status: number, body: unknown, headers?: Record<string, string>) {
  const received: Received[] = [];
  const scope = nock(PROVIDER).post(path).reply(status, body as nock.Body, headers);
  scope.on('request', (req: Request, _interceptor: unknown, requestBody: string) => {
    received.push({ body: new URLSearchParams(requestBody), headers: Object.fromEntries(req.headers) });
  });
  return received;
}

const tokenBody = (extra: Record<string, unknown> = {}) => ({ access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 3600, ...extra });

describe('TokenClient', () => {
  describe('refreshing (RFC 6749 §6)', () => {
    it('sends grant_type=refresh_token with the refresh token and the client credentials', async () => {
      const received = endpoint('/token', 200, tokenBody());
      await client().refresh(REFRESH_TOKEN);

      expect(Object.fromEntries(received[0]?.body ?? [])).to.deep.equal({
        grant_type: 'refresh_token',
        refresh_token: REFRESH_TOKEN,
        client_id: 'client-1',
        client_secret: CLIENT_SECRET,
      });
    });

    it('sends a narrower scope when asked, joined with spaces', async () => {
      const received = endpoint('/token', 200, tokenBody());
      await client({ clientAuthentication: 'client_secret_basic' }).refresh(REFRESH_TOKEN, { scope: ['read', 'write'] });

      expect(received[0]?.body.get('scope')).to.equal('read write');
      expect(received[0]?.headers['authorization']).to.match(/^Basic /);
    });

    it('returns the rotated refresh token, marked rotated', async () => {
      endpoint('/token', 200, tokenBody({ refresh_token: 'refresh-token-2' }));
      const refreshed = await client().refresh(REFRESH_TOKEN);

      expect(refreshed).to.include({ accessToken: ACCESS_TOKEN, refreshToken: 'refresh-token-2', rotated: true, expiresIn: 3600 });
    });

    it('keeps the refresh token it used when the provider did not rotate it', async () => {
      endpoint('/token', 200, tokenBody());
      const refreshed = await client().refresh(REFRESH_TOKEN);

      expect(refreshed).to.include({ refreshToken: REFRESH_TOKEN, rotated: false });
    });

    it('shares one request among concurrent refreshes of the same refresh token (single-flight)', async () => {
      const received = endpoint('/token', 200, tokenBody({ refresh_token: 'refresh-token-2' }));
      const tokens = client();
      const results = await Promise.all([tokens.refresh(REFRESH_TOKEN), tokens.refresh(REFRESH_TOKEN), tokens.refresh(REFRESH_TOKEN)]);

      expect(received).to.have.length(1);
      expect(results.map((r) => r.refreshToken)).to.deep.equal(['refresh-token-2', 'refresh-token-2', 'refresh-token-2']);
    });

    it('sends a new request once the previous refresh settled', async () => {
      const first = endpoint('/token', 200, tokenBody({ refresh_token: 'refresh-token-2' }));
      const second = endpoint('/token', 200, tokenBody({ refresh_token: 'refresh-token-3' }));
      const tokens = client();
      await tokens.refresh(REFRESH_TOKEN);
      const again = await tokens.refresh('refresh-token-2');

      expect([first.length, second.length]).to.deep.equal([1, 1]);
      expect(again.refreshToken).to.equal('refresh-token-3');
    });

    it('refreshes different refresh tokens in parallel', async () => {
      const a = endpoint('/token', 200, tokenBody());
      const b = endpoint('/token', 200, tokenBody());
      const tokens = client();
      await Promise.all([tokens.refresh('refresh-a'), tokens.refresh('refresh-b')]);

      expect([a[0]?.body.get('refresh_token'), b[0]?.body.get('refresh_token')].sort()).to.deep.equal(['refresh-a', 'refresh-b']);
    });

    it('gives every concurrent caller the same invalid_grant TokenError, then tries again on the next call', async () => {
      endpoint('/token', 400, { error: 'invalid_grant', error_description: 'grant request is invalid' });
      const tokens = client();
      const errors = await Promise.all([rejection(tokens.refresh(REFRESH_TOKEN)), rejection(tokens.refresh(REFRESH_TOKEN))]);

      expect(errors[0]).to.be.instanceOf(TokenError).and.include({ code: 'invalid_grant', message: 'grant request is invalid' });
      expect(errors[1]).to.equal(errors[0]);
      endpoint('/token', 200, tokenBody());
      expect((await tokens.refresh(REFRESH_TOKEN)).accessToken).to.equal(ACCESS_TOKEN);
    });

    it('rejects a response without an access token, naming no token', async () => {
      endpoint('/token', 200, { refresh_token: 'refresh-token-2', token_type: 'Bearer' });
      const err = await rejection(client().refresh(REFRESH_TOKEN));

      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_token_response' });
      expectNoSecrets(err, [REFRESH_TOKEN, 'refresh-token-2', CLIENT_SECRET]);
    });

    it('wraps a 503 in InternalOAuthError with the UnexpectedStatusError as cause', async () => {
      endpoint('/token', 503, '<html>maintenance</html>', { 'content-type': 'text/html' });
      const err = await rejection(client().refresh(REFRESH_TOKEN));

      expect(err).to.be.instanceOf(InternalOAuthError);
      expect(err.message).to.equal(`Failed to refresh access token: POST ${TOKEN_URL} answered 503`);
      expect(err.cause).to.be.instanceOf(UnexpectedStatusError).and.include({ statusCode: 503 });
      expectNoSecrets(err, [REFRESH_TOKEN, CLIENT_SECRET]);
    });

    it('wraps a connection reset in InternalOAuthError with a NetworkError as cause', async () => {
      nock(PROVIDER).post('/token').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      const err = await rejection(client().refresh(REFRESH_TOKEN));

      expect(err).to.be.instanceOf(InternalOAuthError);
      expect(err.cause).to.be.instanceOf(NetworkError).and.include({ code: 'ERR_NETWORK' });
    });

    it('refuses an empty refresh token before any request', async () => {
      const err = await rejection(client().refresh(''));

      expect(err).to.be.instanceOf(TypeError).and.have.property('message', 'refresh requires a refresh token');
    });
  });

  describe('client credentials (RFC 6749 §4.4)', () => {
    it('sends grant_type=client_credentials with scope, audience and repeated resource indicators (RFC 8707)', async () => {
      const received = endpoint('/token', 200, tokenBody());
      const tokens = await client({ clientAuthentication: 'client_secret_basic' }).clientCredentials({
        scope: ['orders:read', 'orders:write'],
        audience: 'orders-api',
        resource: ['https://orders.example/', 'https://billing.example/'],
      });

      const body = received[0]?.body ?? new URLSearchParams();
      expect(body.get('grant_type')).to.equal('client_credentials');
      expect(body.get('scope')).to.equal('orders:read orders:write');
      expect(body.get('audience')).to.equal('orders-api');
      expect(body.getAll('resource')).to.deep.equal(['https://orders.example/', 'https://billing.example/']);
      expect(body.has('client_secret')).to.equal(false);
      expect(tokens).to.include({ accessToken: ACCESS_TOKEN, refreshToken: undefined, expiresIn: 3600 });
    });

    it('sends only the grant type and client authentication when given nothing', async () => {
      const received = endpoint('/token', 200, tokenBody());
      await client().clientCredentials();

      expect([...(received[0]?.body.keys() ?? [])].sort()).to.deep.equal(['client_id', 'client_secret', 'grant_type']);
    });

    it('surfaces invalid_client as a TokenError', async () => {
      endpoint('/token', 401, { error: 'invalid_client', error_description: 'client authentication failed' });
      const err = await rejection(client().clientCredentials({ scope: 'x' }));

      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_client' });
      expectNoSecrets(err, [CLIENT_SECRET]);
    });

    it('passes on any token_type, as passport-oauth2 does', async () => {
      endpoint('/token', 200, tokenBody({ token_type: 'bot' }));
      const tokens = await client().clientCredentials();

      expect(tokens.tokenType).to.equal('bot');
    });
  });

  describe('password (RFC 6749 §4.3, discouraged by RFC 9700)', () => {
    it('sends username, password and scope', async () => {
      const received = endpoint('/token', 200, tokenBody({ refresh_token: REFRESH_TOKEN }));
      const tokens = await client().password({ username: 'alice', password: 'pa ss:word%', scope: 'legacy' });

      expect(received[0]?.body.get('grant_type')).to.equal('password');
      expect(received[0]?.body.get('username')).to.equal('alice');
      expect(received[0]?.body.get('password')).to.equal('pa ss:word%');
      expect(received[0]?.body.get('scope')).to.equal('legacy');
      expect(tokens.refreshToken).to.equal(REFRESH_TOKEN);
    });

    it('never puts the password in an error', async () => {
      endpoint('/token', 400, { error: 'invalid_grant' });
      const err = await rejection(client().password({ username: 'alice', password: 'hunter2-very-secret' }));

      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_grant' });
      expectNoSecrets(err, ['hunter2-very-secret', CLIENT_SECRET]);
    });
  });

  describe('token exchange (RFC 8693)', () => {
    it('sends every RFC 8693 §2.1 parameter and reads issued_token_type', async () => {
      const received = endpoint('/token', 200, tokenBody({ issued_token_type: TOKEN_TYPES.accessToken }));
      const exchanged = await client().exchangeToken({
        subjectToken: 'subject-token-1',
        subjectTokenType: TOKEN_TYPES.accessToken,
        actorToken: 'actor-token-1',
        actorTokenType: TOKEN_TYPES.jwt,
        requestedTokenType: TOKEN_TYPES.accessToken,
        audience: 'billing-api',
        resource: ['https://billing.example/'],
        scope: 'invoices:read',
      });

      expect(Object.fromEntries(received[0]?.body ?? [])).to.deep.equal({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: 'subject-token-1',
        subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        actor_token: 'actor-token-1',
        actor_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        audience: 'billing-api',
        resource: 'https://billing.example/',
        scope: 'invoices:read',
        client_id: 'client-1',
        client_secret: CLIENT_SECRET,
      });
      expect(exchanged).to.include({ accessToken: ACCESS_TOKEN, issuedTokenType: TOKEN_TYPES.accessToken, tokenType: 'Bearer' });
    });

    it('accepts token_type N_A for a token that is not an access token (§2.2.1)', async () => {
      endpoint('/token', 200, { access_token: 'an-id-token', token_type: 'N_A', issued_token_type: TOKEN_TYPES.idToken });
      const exchanged = await client().exchangeToken({ subjectToken: 's', subjectTokenType: TOKEN_TYPES.accessToken, requestedTokenType: TOKEN_TYPES.idToken });

      expect(exchanged).to.include({ accessToken: 'an-id-token', tokenType: 'N_A', issuedTokenType: TOKEN_TYPES.idToken });
    });

    it('rejects a response without issued_token_type', async () => {
      endpoint('/token', 200, tokenBody());
      const err = await rejection(client().exchangeToken({ subjectToken: 's', subjectTokenType: TOKEN_TYPES.accessToken }));

      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_token_response' });
    });

    it('surfaces the provider refusing the grant type', async () => {
      endpoint('/token', 400, { error: 'unsupported_grant_type' });
      const err = await rejection(client().exchangeToken({ subjectToken: 's', subjectTokenType: TOKEN_TYPES.accessToken }));

      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'unsupported_grant_type' });
    });

    it('refuses an actor token without its type, before any request', async () => {
      const err = await rejection(client().exchangeToken({ subjectToken: 's', subjectTokenType: TOKEN_TYPES.accessToken, actorToken: 'a' }));

      expect(err).to.be.instanceOf(TypeError).and.have.property('message', 'token exchange requires actorToken and actorTokenType together');
    });
  });

  describe('revocation (RFC 7009)', () => {
    it('posts the token and token_type_hint with client authentication to the revocation endpoint', async () => {
      const received = endpoint('/revoke', 200, '');
      await client({ clientAuthentication: 'client_secret_basic' }).revoke(REFRESH_TOKEN, { tokenTypeHint: 'refresh_token' });

      expect(Object.fromEntries(received[0]?.body ?? [])).to.deep.equal({ token: REFRESH_TOKEN, token_type_hint: 'refresh_token' });
      expect(received[0]?.headers['authorization']).to.match(/^Basic /);
    });

    it('surfaces unsupported_token_type as a TokenError (§2.2.1)', async () => {
      endpoint('/revoke', 400, { error: 'unsupported_token_type' });
      const err = await rejection(client().revoke(ACCESS_TOKEN));

      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'unsupported_token_type' });
      expectNoSecrets(err, [ACCESS_TOKEN, CLIENT_SECRET]);
    });

    it('wraps a 503 (retry later, §2.2.1) in InternalOAuthError', async () => {
      endpoint('/revoke', 503, '');
      const err = await rejection(client().revoke(ACCESS_TOKEN));

      expect(err).to.be.instanceOf(InternalOAuthError);
      expect(err.cause).to.be.instanceOf(UnexpectedStatusError).and.include({ statusCode: 503 });
    });

    it('rejects with a TypeError when no revocationURL was configured', async () => {
      const err = await rejection(client({ revocationURL: undefined }).revoke(ACCESS_TOKEN));

      expect(err).to.be.instanceOf(TypeError).and.have.property('message', 'TokenClient has no revocationURL: pass it in the options');
    });
  });

  describe('introspection (RFC 7662)', () => {
    it('posts the token and hint, and returns the checked claims of an active token', async () => {
      const claims = { active: true, scope: 'read write', client_id: 'client-1', sub: 'alice', exp: 2_000_000_000, aud: ['api'], iss: PROVIDER, ext: { x: 1 } };
      const received = endpoint('/introspect', 200, claims);
      const result = await client().introspect(ACCESS_TOKEN, { tokenTypeHint: 'access_token' });

      expect(received[0]?.body.get('token')).to.equal(ACCESS_TOKEN);
      expect(received[0]?.body.get('token_type_hint')).to.equal('access_token');
      expect(result).to.deep.equal(claims);
    });

    it('returns only { active: false } for an inactive token', async () => {
      endpoint('/introspect', 200, { active: false, sub: 'leaked' });

      expect(await client().introspect(ACCESS_TOKEN)).to.deep.equal({ active: false });
    });

    for (const [what, body] of [
      ['no active member', { sub: 'alice' }],
      ['active as a string', { active: 'true' }],
      ['a numeric scope', { active: true, scope: 42 }],
      ['exp as a string', { active: true, exp: '2000000000' }],
      ['aud with a number in it', { active: true, aud: ['api', 1] }],
    ] as const) {
      it(`rejects a response with ${what}`, async () => {
        endpoint('/introspect', 200, body);
        const err = await rejection(client().introspect(ACCESS_TOKEN));

        expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_introspection_response' });
      });
    }

    it('rejects a form-encoded or HTML 200 body with InternalOAuthError(UnexpectedBodyError)', async () => {
      endpoint('/introspect', 200, 'active=true', { 'content-type': 'application/x-www-form-urlencoded' });
      const err = await rejection(client().introspect(ACCESS_TOKEN));

      expect(err).to.be.instanceOf(InternalOAuthError);
      expect(err.cause).to.be.instanceOf(UnexpectedBodyError);
    });

    it('surfaces invalid_client as a TokenError', async () => {
      endpoint('/introspect', 401, { error: 'invalid_client' });
      const err = await rejection(client().introspect(ACCESS_TOKEN));

      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_client' });
      expectNoSecrets(err, [ACCESS_TOKEN, CLIENT_SECRET]);
    });
  });

  describe('through OAuth2Strategy', () => {
    it('strategy.tokens uses the strategy endpoints, revocation and introspection URLs and client authentication', async () => {
      const strategy = new OAuth2Strategy(
        {
          authorizationURL: `${PROVIDER}/authorize`,
          tokenURL: TOKEN_URL,
          revocationURL: REVOCATION_URL,
          introspectionURL: INTROSPECTION_URL,
          clientID: 'client-1',
          clientSecret: CLIENT_SECRET,
          clientAuthentication: 'client_secret_basic',
          customHeaders: { 'x-tenant': 'acme' },
        },
        () => undefined,
      );
      const refresh = endpoint('/token', 200, tokenBody({ refresh_token: 'refresh-token-2' }));
      const revoke = endpoint('/revoke', 200, '');
      const introspect = endpoint('/introspect', 200, { active: false });

      expect((await strategy.tokens.refresh(REFRESH_TOKEN)).refreshToken).to.equal('refresh-token-2');
      await strategy.tokens.revoke('refresh-token-2');
      expect(await strategy.tokens.introspect(ACCESS_TOKEN)).to.deep.equal({ active: false });
      for (const request of [refresh[0], revoke[0], introspect[0]]) {
        expect(request?.headers['authorization']).to.match(/^Basic /);
        expect(request?.headers['x-tenant']).to.equal('acme');
      }
    });

    it("reads refresh errors with the strategy's parseErrorResponse hook", async () => {
      class QuirkyStrategy extends OAuth2Strategy {
        protected override parseErrorResponse(body: string): Error | null {
          return body.includes('EXPIRED') ? new TokenError('session over', 'invalid_grant') : null;
        }
      }
      const strategy = new QuirkyStrategy({ authorizationURL: `${PROVIDER}/authorize`, tokenURL: TOKEN_URL, clientID: 'c', clientSecret: 's' }, () => undefined);
      endpoint('/token', 400, 'EXPIRED', { 'content-type': 'text/plain' });
      const err = await rejection(strategy.tokens.refresh(REFRESH_TOKEN));

      expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_grant', message: 'session over' });
    });
  });
});
