import { expect } from 'chai';
import nock from 'nock';
import request from 'supertest';
import { OAuth2Strategy } from '@passport-kit/oauth2';
import { PROVIDER, namedStrategiesApp } from '@passport-kit/test-support/login-app';

const COOKIE_SECRET = 'a-cookie-secret-both-strategies-share-0123456789';

/** Two strategies for two clients of one authorization server, as `a` and `b`, in one app. */
function twoClientApp(options: { session: boolean }) {
  const strategy = (name: string) =>
    new OAuth2Strategy(
      {
        authorizationURL: `${PROVIDER}/authorize`,
        tokenURL: `${PROVIDER}/token`,
        clientID: `client-${name}`,
        clientSecret: `client-secret-${name}`,
        callbackURL: `http://app.test/callback/${name}`,
        stateCookie: { secret: COOKIE_SECRET },
      },
      (accessToken: string, _rt: string | undefined, _p: unknown, done: (err: unknown, user?: unknown) => void) => done(null, { client: name, accessToken }),
    );
  return namedStrategiesApp({ a: strategy('a'), b: strategy('b') }, options);
}

describe('OAuth2Strategy', () => {
  describe('handling the callback: a login started at one strategy', () => {
    for (const withSession of [true, false]) {
      it(`does not complete at another strategy of the same authorization server (${withSession ? 'session' : 'shared cookie secret'})`, async () => {
        const browser = request.agent(twoClientApp({ session: withSession }));
        const started = await browser.get('/login/a');
        const state = new URL(started.headers['location'] as string).searchParams.get('state') ?? '';

        // No token endpoint: a code exchange by client b would fail this test with nock's error.
        const res = await browser.get(`/callback/b?${new URLSearchParams({ code: 'code-for-a', state })}`);

        expect(res.status, res.text).to.equal(403);
        expect(res.body.info).to.deep.equal({ message: 'Invalid authorization request state.', reason: 'mismatch' });
      });
    }

    it('still completes at the strategy that started it', async () => {
      const browser = request.agent(twoClientApp({ session: true }));
      const started = await browser.get('/login/a');
      const state = new URL(started.headers['location'] as string).searchParams.get('state') ?? '';
      const token = nock(PROVIDER).post('/token', (body: Record<string, string>) => body['client_id'] === 'client-a').reply(200, { access_token: 'access-a', token_type: 'Bearer' });

      const res = await browser.get(`/callback/a?${new URLSearchParams({ code: 'code-for-a', state })}`);

      expect(res.status, res.text).to.equal(200);
      expect(res.body.user).to.deep.equal({ client: 'a', accessToken: 'access-a' });
      token.done();
    });
  });
});
