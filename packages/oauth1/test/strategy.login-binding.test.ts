import { expect } from 'chai';
import nock from 'nock';
import request from 'supertest';
import { OAuth1Strategy } from '@passport-kit/oauth1';
import { namedStrategiesApp } from '@passport-kit/test-support/login-app';

const PROVIDER = 'http://127.0.0.1:4997';

/** Two consumers of one provider, as strategies `a` and `b` (both on the default session key). */
function twoConsumerApp() {
  const strategy = (name: string) =>
    new OAuth1Strategy(
      {
        requestTokenURL: `${PROVIDER}/oauth/request_token`,
        accessTokenURL: `${PROVIDER}/oauth/access_token`,
        userAuthorizationURL: `${PROVIDER}/oauth/authorize`,
        consumerKey: `consumer-${name}`,
        consumerSecret: `consumer-secret-${name}`,
        callbackURL: `http://app.test/callback/${name}`,
      },
      (token: string, _tokenSecret: string, _profile: unknown, done: (err: unknown, user?: unknown) => void) => done(null, { consumer: name, token }),
    );
  return namedStrategiesApp({ a: strategy('a'), b: strategy('b') });
}

describe('OAuth1Strategy', () => {
  describe('handling the callback: a request token one strategy asked for', () => {
    it('does not complete at another strategy sharing the session key', async () => {
      nock(PROVIDER).post('/oauth/request_token').reply(200, 'oauth_token=rt-a&oauth_token_secret=rts-a&oauth_callback_confirmed=true');
      const browser = request.agent(twoConsumerApp());
      await browser.get('/login/a').expect(302);

      // No access-token endpoint: an exchange by consumer b would fail this test.
      const res = await browser.get('/callback/b?oauth_token=rt-a&oauth_verifier=v-1');

      expect(res.status, res.text).to.equal(403);
      expect(res.body.info).to.deep.equal({ message: 'Unknown or already used request token' });
    });
  });
});
