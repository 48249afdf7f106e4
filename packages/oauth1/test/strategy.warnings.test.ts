import { inherits } from 'node:util';
import { expect } from 'chai';
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import request from 'supertest';
import { OAuth1Strategy } from '@passport-kit/oauth1';
import { TwitterStrategy } from '@passport-kit/twitter';
import { passportKitWarningsWhile } from '@passport-kit/test-support/warnings';

const PROVIDER = 'http://127.0.0.1:4996';
const ENDPOINTS = {
  requestTokenURL: `${PROVIDER}/oauth/request_token`,
  accessTokenURL: `${PROVIDER}/oauth/access_token`,
  userAuthorizationURL: `${PROVIDER}/oauth/authorize`,
};
const verify = () => undefined;

// Each test uses options no other test uses: a warning is emitted once per process.
async function warningsWhile(build: () => void): Promise<{ code: string | undefined; message: string }[]> {
  return (await passportKitWarningsWhile(build)).map(({ code, message }) => ({ code, message }));
}

describe('OAuth1Strategy and TwitterStrategy at construction', () => {
  it('warn once for an option they do not know, naming the closest known one', async () => {
    const warnings = await warningsWhile(() => {
      new OAuth1Strategy({ ...ENDPOINTS, consumerKey: 'k', consumerSecret: 's', callbackUrl: 'http://app.test/cb' } as never, verify as never);
      new OAuth1Strategy({ ...ENDPOINTS, consumerKey: 'k', consumerSecret: 's', callbackUrl: 'http://app.test/cb' } as never, verify as never);
      new TwitterStrategy({ consumerKey: 'k', consumerSecret: 's', includeEmails: true } as never, verify as never);
    });
    expect(warnings).to.deep.equal([
      { code: 'PASSPORT_KIT_UNKNOWN_OPTION', message: 'OAuth1Strategy does not know the option callbackUrl; did you mean callbackURL?' },
      { code: 'PASSPORT_KIT_UNKNOWN_OPTION', message: 'TwitterStrategy does not know the option includeEmails; did you mean includeEmail?' },
    ]);
  });

  it('say nothing for a subclass, which passes its own options through', async () => {
    function TrelloLikeStrategy(this: object, options: Record<string, unknown>, cb: unknown) {
      (OAuth1Strategy as unknown as (this: object, ...args: unknown[]) => void).call(this, { ...options, ...ENDPOINTS }, cb);
    }
    inherits(TrelloLikeStrategy, OAuth1Strategy as never);
    class ModernStrategy extends OAuth1Strategy {}
    class MyTwitterStrategy extends TwitterStrategy {}
    const warnings = await warningsWhile(() => {
      new (TrelloLikeStrategy as unknown as new (...args: unknown[]) => object)({ consumerKey: 'k', consumerSecret: 's', trelloParams: { name: 'x' } }, verify);
      new ModernStrategy({ ...ENDPOINTS, consumerKey: 'k', consumerSecret: 's', profileURL: 'http://p' } as never, verify as never);
      new MyTwitterStrategy({ consumerKey: 'k', consumerSecret: 's', apiVersion: '2' } as never, verify as never);
    });
    expect(warnings).to.deep.equal([]);
  });

  it('name TwitterStrategy in its constructor errors, and keep passport-oauth1\'s texts for OAuth1Strategy', () => {
    expect(() => new TwitterStrategy({ consumerSecret: 's' } as never, verify as never)).to.throw(TypeError, /^TwitterStrategy requires a consumerKey option$/);
    expect(() => new TwitterStrategy({ consumerKey: 'k', consumerSecret: 's' }, undefined as never)).to.throw(TypeError, /^TwitterStrategy requires a verify callback$/);
    expect(() => new OAuth1Strategy({ ...ENDPOINTS, consumerSecret: 's' } as never, verify as never)).to.throw(TypeError, /^OAuthStrategy requires a consumerKey option$/);
  });
});

// The app as the passport docs write it: no custom callback, the failure page reads the session.
function appWithFailurePage(callbackOptions: passport.AuthenticateOptions) {
  const auth = new passport.Passport();
  auth.use(new OAuth1Strategy({ ...ENDPOINTS, consumerKey: 'k', consumerSecret: 's', callbackURL: 'http://app.test/callback' }, verify as never));
  const app = express();
  app.use(session({ secret: 'session secret', resave: false, saveUninitialized: false }));
  app.use(auth.initialize());
  app.get('/callback', auth.authenticate('oauth', callbackOptions), (_req, res) => res.send('in'));
  app.get('/login-failed', (req, res) => {
    const kept = req.session as unknown as Record<string, unknown>;
    res.json({ messages: kept['messages'], failure: kept['passportKitFailure'] });
  });
  return app;
}

describe('OAuth1Strategy failure reason', () => {
  it('reaches the failure page with failureMessage, passport-oauth1\'s message unchanged', async () => {
    const browser = request.agent(appWithFailurePage({ failureRedirect: '/login-failed', failureMessage: true }));
    await browser.get('/login-failed');
    expect((await browser.get('/callback?oauth_token=unknown&oauth_verifier=v')).headers['location']).to.equal('/login-failed');
    expect((await browser.get('/login-failed')).body).to.deep.equal({
      messages: ['Failed to find request token in session'],
      failure: { strategy: 'oauth', status: 403, message: 'Failed to find request token in session', reason: 'missing' },
    });
  });
});
