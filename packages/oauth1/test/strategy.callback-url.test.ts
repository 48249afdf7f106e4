import { expect } from 'chai';
import nock from 'nock';
import request from 'supertest';
import { OAuth1Strategy } from '@passport-kit/oauth1';
import { createApp, type Outcome } from '@passport-kit/test-support/oauth1-login-app';

const PROVIDER = 'http://127.0.0.1:4998';

function strategy(appURL: string | string[]) {
  return new OAuth1Strategy(
    {
      requestTokenURL: `${PROVIDER}/oauth/request_token`,
      accessTokenURL: `${PROVIDER}/oauth/access_token`,
      userAuthorizationURL: `${PROVIDER}/oauth/authorize`,
      consumerKey: 'consumer-key',
      consumerSecret: 'consumer-secret',
      callbackURL: '/callback',
      appURL,
    },
    (_token: string, _tokenSecret: string, profile: unknown, done: (err: unknown, user?: unknown) => void) => done(null, profile),
  );
}

/** The request-token endpoint; `callbacks` collects each oauth_callback it was sent. */
function requestTokenEndpoint() {
  const callbacks: string[] = [];
  nock(PROVIDER, {
    reqheaders: {
      authorization: (header: string | null) => {
        callbacks.push(decodeURIComponent(/oauth_callback="([^"]*)"/.exec(header ?? '')?.[1] ?? ''));
        return true;
      },
    },
  })
    .post('/oauth/request_token')
    .reply(200, 'oauth_token=rt-1&oauth_token_secret=rts-1&oauth_callback_confirmed=true');
  return callbacks;
}

describe('OAuth1Strategy', () => {
  describe('issuing the request token: the oauth_callback of a relative callbackURL', () => {
    it('resolves against appURL, whatever Host the request names', async () => {
      const callbacks = requestTokenEndpoint();
      const res = await request(createApp(strategy(['https://app.test', 'https://app.example.org']))).get('/login').set('host', 'app.example.org');

      expect(res.status, res.text).to.equal(302);
      expect(callbacks).to.deep.equal(['https://app.example.org/callback']);
    });

    it('refuses a request for another host with UntrustedHostError, before asking for a request token', async () => {
      const res = await request(createApp(strategy('https://app.test'))).get('/login').set('host', 'evil.example');

      expect(res.status).to.equal(500);
      expect((res.body as Outcome).error).to.include({ name: 'UntrustedHostError', code: 'ERR_UNTRUSTED_HOST' });
    });
  });
});
