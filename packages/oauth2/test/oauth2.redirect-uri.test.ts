import { expect } from 'chai';
import nock from 'nock';
import request from 'supertest';
import { OAuth2Strategy, type OAuth2StrategyOptions } from '@passport-kit/oauth2';
import { AUTHORIZATION_URL, PROVIDER, TOKEN_URL, loginApp } from '@passport-kit/test-support/login-app';

type Done = (err?: unknown, user?: unknown, info?: unknown) => void;

function strategy(options: Partial<OAuth2StrategyOptions> = {}) {
  return new OAuth2Strategy(
    { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: 'client-secret-1', callbackURL: '/auth/callback', ...options },
    (accessToken: string, _rt: string | undefined, _p: unknown, done: Done) => done(null, { id: 'user-1', accessToken }),
  );
}

/** The token endpoint; `bodies` collects what each token request sent. */
function tokenEndpoint() {
  const bodies: URLSearchParams[] = [];
  const scope = nock(PROVIDER).post('/token').reply(200, { access_token: 'access-1', token_type: 'Bearer' });
  scope.on('request', (_req: unknown, _interceptor: unknown, body: string) => bodies.push(new URLSearchParams(body)));
  return { scope, bodies };
}

describe('OAuth2Strategy', () => {
  describe('issuing authorization request: the redirect_uri of a relative callbackURL', () => {
    it('does not follow X-Forwarded-Host from a client that trust proxy does not name', async () => {
      const app = loginApp(strategy());
      app.set('trust proxy', '10.0.0.0/8'); // the test client connects from 127.0.0.1

      const res = await request(app).get('/login').set('host', 'app.test').set('x-forwarded-host', 'evil.example').set('x-forwarded-proto', 'https');

      expect(res.status).to.equal(302);
      expect(new URL(res.headers['location'] as string).searchParams.get('redirect_uri')).to.equal('http://app.test/auth/callback');
    });

    it('resolves against appURL, and refuses a request for another host with UntrustedHostError', async () => {
      const app = loginApp(strategy({ appURL: 'https://app.test' }));

      const own = await request(app).get('/login').set('host', 'app.test');
      const evil = await request(app).get('/login').set('host', 'evil.example');

      expect(new URL(own.headers['location'] as string).searchParams.get('redirect_uri')).to.equal('https://app.test/auth/callback');
      expect(evil.status).to.equal(400);
      expect(evil.headers['location']).to.equal(undefined);
      expect(evil.body.error).to.include({ name: 'UntrustedHostError', code: 'ERR_UNTRUSTED_HOST' });
      expect(evil.body.error.message).to.contain('evil.example');
    });

    it('picks, among several appURLs, the one the request came to', async () => {
      const app = loginApp(strategy({ appURL: ['https://app.test', 'https://app.example.org'] }));

      const res = await request(app).get('/login').set('host', 'app.example.org');

      expect(new URL(res.headers['location'] as string).searchParams.get('redirect_uri')).to.equal('https://app.example.org/auth/callback');
    });
  });

  describe('exchanging the code: the redirect_uri sent', () => {
    it('is exactly the one of the authorization request, even when the callback comes under another Host', async () => {
      const agent = request.agent(loginApp(strategy()));
      const login = await agent.get('/login').set('host', 'app.test');
      const authorization = new URL(login.headers['location'] as string).searchParams;
      const token = tokenEndpoint();

      const res = await agent.get(`/auth/callback?${new URLSearchParams({ code: 'code-1', state: authorization.get('state') ?? '' })}`).set('host', 'evil.example');

      expect(res.status, res.text).to.equal(200);
      expect(authorization.get('redirect_uri')).to.equal('http://app.test/auth/callback');
      expect(token.bodies[0]?.get('redirect_uri')).to.equal('http://app.test/auth/callback');
    });

    it('sends none when the authorization request had none, even if the callback route names one', async () => {
      const app = loginApp(strategy({ callbackURL: undefined }), { callbackOptions: { callbackURL: 'http://app.test/auth/callback' } });
      const agent = request.agent(app);
      const login = await agent.get('/login');
      const authorization = new URL(login.headers['location'] as string).searchParams;
      const token = tokenEndpoint();

      const res = await agent.get(`/auth/callback?${new URLSearchParams({ code: 'code-1', state: authorization.get('state') ?? '' })}`);

      expect(res.status, res.text).to.equal(200);
      expect(authorization.has('redirect_uri')).to.equal(false);
      expect(token.bodies[0]?.has('redirect_uri')).to.equal(false);
    });

    it('is resolved on the callback, as passport-oauth2 does, with a store written for passport-oauth2', async () => {
      const states = new Set<string>();
      const store = {
        store(_req: unknown, _meta: unknown, cb: (err: Error | null, state?: string) => void) {
          states.add('s-1');
          cb(null, 's-1');
        },
        verify(_req: unknown, state: string, cb: (err: Error | null, ok?: boolean) => void) {
          cb(null, states.delete(state));
        },
      };
      const agent = request.agent(loginApp(strategy({ store })));
      await agent.get('/login').set('host', 'app.test');
      const token = tokenEndpoint();

      const res = await agent.get('/auth/callback?code=code-1&state=s-1').set('host', 'app2.test');

      expect(res.status, res.text).to.equal(200);
      expect(token.bodies[0]?.get('redirect_uri')).to.equal('http://app2.test/auth/callback');
    });
  });
});
