// Full handshakes through a real Express app, with the provider side replayed from the
// recordings in test-fixtures/oauth1/ (made by scripts/recorders/oauth1.ts against the local
// OAuth1Provider). Each replayed call must carry a signature that verifies.
import { expect } from 'chai';
import nock from 'nock';
import request from 'supertest';
import { createApp, type Outcome } from '@passport-kit/test-support/oauth1-login-app';
import { ProfileStrategy } from '@passport-kit/test-support/oauth1-profile-strategy';
import { replayOAuth1, type OAuth1Context } from '@passport-kit/test-support/oauth1-replay';

interface CallbackContext extends OAuth1Context {
  requestToken: string;
  verifier: string;
}

function appFor(context: OAuth1Context, options: { session?: boolean } = {}) {
  const strategy = new ProfileStrategy(
    {
      requestTokenURL: `${context.providerURL}/oauth/request_token`,
      accessTokenURL: `${context.providerURL}/oauth/access_token`,
      userAuthorizationURL: `${context.providerURL}/oauth/authorize`,
      profileURL: `${context.providerURL}/api/me`,
      consumerKey: context.consumerKey,
      consumerSecret: context.consumerSecret,
      callbackURL: context.callbackURL,
    },
    (_token, _tokenSecret, profile, done) => done(null, { id: profile.id, username: profile.username, displayName: profile.displayName }),
  );
  return createApp(strategy, options);
}

describe('OAuth1Strategy handshakes replayed from recordings', () => {
  describe('issuing the request token and redirecting', () => {
    it('redirects to the authorization endpoint with the recorded request token', async () => {
      const { context, requests } = replayOAuth1<CallbackContext>('oauth1/handshake');
      const agent = request.agent(appFor(context));
      const res = await agent.get('/login').expect(302);
      expect(res.headers.location).to.equal(`${context.providerURL}/oauth/authorize?oauth_token=${context.requestToken}`);
      expect(requests[0]!.oauth).to.include({ oauth_callback: context.callbackURL, oauth_consumer_key: context.consumerKey });
      // Finish the login so every recorded exchange is used.
      await agent.get(`/callback?oauth_token=${context.requestToken}&oauth_verifier=${context.verifier}`).expect(200);
    });
  });

  describe('handling the callback and exchanging the request token', () => {
    it('logs the user in with the profile from the signed resource call', async () => {
      const { context, requests } = replayOAuth1<CallbackContext>('oauth1/handshake');
      const agent = request.agent(appFor(context));
      await agent.get('/login').expect(302);
      const res = await agent.get(`/callback?oauth_token=${context.requestToken}&oauth_verifier=${context.verifier}`).expect(200);
      expect((res.body as Outcome).user).to.deep.equal({ id: '1001', username: 'alice', displayName: 'Alice Liddell' });
      expect(requests.map((r) => [r.path, r.signatureValid])).to.deep.equal([
        ['/oauth/request_token', true],
        ['/oauth/access_token', true],
        ['/api/me', true],
      ]);
      expect(requests[1]!.oauth).to.include({ oauth_token: context.requestToken, oauth_verifier: context.verifier });
    });

    it('works without a session, through the encrypted cookie', async () => {
      const { context } = replayOAuth1<CallbackContext>('oauth1/handshake');
      const agent = request.agent(appFor(context, { session: false }));
      const start = await agent.get('/login').expect(302);
      expect(String(start.headers['set-cookie'])).to.match(/^pk\.tx\./);
      const res = await agent.get(`/callback?oauth_token=${context.requestToken}&oauth_verifier=${context.verifier}`).expect(200);
      expect(res.body.user.username).to.equal('alice');
    });

    it('refuses the same oauth_token a second time without calling the provider again', async () => {
      const { context } = replayOAuth1<CallbackContext>('oauth1/handshake');
      const agent = request.agent(appFor(context));
      await agent.get('/login').expect(302);
      const callback = `/callback?oauth_token=${context.requestToken}&oauth_verifier=${context.verifier}`;
      await agent.get(callback).expect(200);
      const again = await agent.get(callback).expect(403);
      expect(again.body.failure).to.deep.equal({ message: 'Failed to find request token in session' });
    });

    it('refuses an oauth_token this session did not ask for', async () => {
      const { context } = replayOAuth1<CallbackContext>('oauth1/handshake');
      const agent = request.agent(appFor(context));
      await agent.get('/login').expect(302);
      const res = await agent.get(`/callback?oauth_token=someone-elses-token&oauth_verifier=${context.verifier}`).expect(403);
      expect(res.body.failure).to.deep.equal({ message: 'Unknown or already used request token' });
      // The pending login is still usable.
      await agent.get(`/callback?oauth_token=${context.requestToken}&oauth_verifier=${context.verifier}`).expect(200);
    });

    it('keeps two users apart when their logins interleave', async () => {
      interface TwoUsers extends OAuth1Context {
        aliceRequestToken: string;
        aliceVerifier: string;
        bobRequestToken: string;
        bobVerifier: string;
      }
      const { context } = replayOAuth1<TwoUsers>('oauth1/two-users-interleaved');
      const app = appFor(context);
      const alice = request.agent(app);
      const bob = request.agent(app);
      expect((await alice.get('/login').expect(302)).headers.location).to.include(context.aliceRequestToken);
      expect((await bob.get('/login').expect(302)).headers.location).to.include(context.bobRequestToken);
      // Each user's browser brings back only its own token; swapped, they are refused.
      await bob.get(`/callback?oauth_token=${context.aliceRequestToken}&oauth_verifier=${context.aliceVerifier}`).expect(403);
      const bobDone = await bob.get(`/callback?oauth_token=${context.bobRequestToken}&oauth_verifier=${context.bobVerifier}`).expect(200);
      const aliceDone = await alice.get(`/callback?oauth_token=${context.aliceRequestToken}&oauth_verifier=${context.aliceVerifier}`).expect(200);
      expect(bobDone.body.user.username).to.equal('bob');
      expect(aliceDone.body.user.username).to.equal('alice');
    });

    it('fails when the user denied, without calling the provider', async () => {
      const { context } = replayOAuth1<OAuth1Context & { denied: string }>('oauth1/denied');
      const agent = request.agent(appFor(context));
      await agent.get('/login').expect(302);
      const res = await agent.get(`/callback?denied=${context.denied}`).expect(403);
      expect(res.body.failure).to.deep.equal({ message: 'The user denied the authorization request' });
    });

    it('reports a refused access-token call as InternalOAuthError "Failed to obtain access token"', async () => {
      const { context } = replayOAuth1<CallbackContext>('oauth1/access-token-401');
      const agent = request.agent(appFor(context));
      await agent.get('/login').expect(302);
      const res = await agent.get(`/callback?oauth_token=${context.requestToken}&oauth_verifier=${context.verifier}`).expect(500);
      expect(res.body.error).to.deep.include({
        name: 'InternalOAuthError',
        code: 'ERR_INTERNAL_OAUTH',
        message: 'Failed to obtain access token',
        statusCode: 401,
        cause: `POST ${context.providerURL}/oauth/access_token answered 401: Invalid oauth_verifier.`,
      });
      expect(JSON.stringify(res.body)).to.not.include(context.verifier).and.not.include(context.consumerSecret);
    });
  });

  describe('request-token failures', () => {
    it('reports a 401 with a text body as InternalOAuthError "Failed to obtain request token"', async () => {
      const { context } = replayOAuth1('oauth1/request-token-401');
      const res = await request.agent(appFor(context)).get('/login').expect(500);
      expect(res.body.error).to.deep.include({
        name: 'InternalOAuthError',
        message: 'Failed to obtain request token',
        statusCode: 401,
        cause: `POST ${context.providerURL}/oauth/request_token answered 401: Invalid signature.`,
      });
      expect(JSON.stringify(res.body)).to.not.include(context.consumerSecret);
    });

    it('reports a 500 as InternalOAuthError "Failed to obtain request token"', async () => {
      const { context } = replayOAuth1('oauth1/request-token-500');
      const res = await request.agent(appFor(context)).get('/login').expect(500);
      expect(res.body.error).to.include({ name: 'InternalOAuthError', message: 'Failed to obtain request token', statusCode: 500 });
    });

    it('does not match a recording when the signature is made with another secret', async () => {
      const { context } = replayOAuth1('oauth1/request-token-500');
      const res = await request.agent(appFor({ ...context, consumerSecret: 'another-secret-entirely' })).get('/login').expect(500);
      // nock answers a request no recorded exchange accepts with 501.
      expect(res.body.error).to.include({ message: 'Failed to obtain request token', statusCode: 501 });
      expect(res.body.error.cause).to.include('No match for request');
      nock.cleanAll();
    });
  });
});
