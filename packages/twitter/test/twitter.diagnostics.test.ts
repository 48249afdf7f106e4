import { expect } from 'chai';
import request from 'supertest';
import { LOGIN_CHANNELS } from '@passport-kit/core';
import { TwitterStrategy } from '@passport-kit/twitter';
import { OAuth1Provider, type OAuth1ProviderHandle } from '@passport-kit/testing';
import { recordLoginSteps } from '@passport-kit/test-support/login-diagnostics';
import { createApp, pathOf } from '@passport-kit/test-support/oauth1-login-app';

const CONSUMER = { key: 'twitter-diagnostics', secret: 'twitter-diagnostics-secret' };

describe('TwitterStrategy diagnostics channels', () => {
  let handle: OAuth1ProviderHandle;
  let recorder: ReturnType<typeof recordLoginSteps>;
  beforeEach(async () => {
    handle = await new OAuth1Provider({ consumers: [CONSUMER] }).start();
    recorder = recordLoginSteps();
  });
  afterEach(async () => {
    recorder.stop();
    await handle.close();
  });

  it('publishes each step of a Sign in with Twitter login under the name twitter', async () => {
    const strategy = new TwitterStrategy(
      {
        consumerKey: CONSUMER.key,
        consumerSecret: CONSUMER.secret,
        requestTokenURL: `${handle.url}/oauth/request_token`,
        accessTokenURL: `${handle.url}/oauth/access_token`,
        userAuthorizationURL: `${handle.url}/oauth/authorize`,
        callbackURL: 'http://app.test/callback',
        skipExtendedUserProfile: true,
      },
      (_token, _tokenSecret, profile, done) => done(null, { id: profile.id }),
    );
    const browser = request.agent(createApp(strategy));
    const start = await browser.get('/login').set('host', 'app.test').expect(302);
    const authorize = new URL(start.headers['location'] as string);
    const back = await request(handle.url).get(`${authorize.pathname}${authorize.search}&user=alice`).expect(302);
    await browser.get(pathOf(back.headers['location'] as string)).set('host', 'app.test').expect(200);

    expect(recorder.messages.map((m) => [m.channel, m.message['strategy']])).to.deep.equal([
      [LOGIN_CHANNELS.token, 'twitter'],
      [LOGIN_CHANNELS.start, 'twitter'],
      [LOGIN_CHANNELS.callback, 'twitter'],
      [LOGIN_CHANNELS.state, 'twitter'],
      [LOGIN_CHANNELS.token, 'twitter'],
      [LOGIN_CHANNELS.verify, 'twitter'],
    ]);
    expect(JSON.stringify(recorder.messages)).not.to.include(CONSUMER.secret).and.not.to.include(authorize.searchParams.get('oauth_token')!);
  });
});
