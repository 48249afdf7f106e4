import { expect } from 'chai';
import * as oauth2 from '@passport-kit/oauth2';
import * as twitter from '@passport-kit/twitter';
import type { VerifyCallback } from '@passport-kit/oauth2';
import * as source from '../src/index.js';
import { TwitterStrategy, XStrategy, type TwitterProfile, type XProfile } from '../src/index.js';

describe('@passport-kit/twitter', () => {
  it('is the package source in tests, not a stale build', () => {
    expect(twitter.TwitterStrategy).to.equal(source.TwitterStrategy);
  });

  it('exports the documented surface', () => {
    expect(Object.keys(twitter).sort()).to.deep.equal([
      'ACCESS_TOKEN_URL',
      'APIError',
      'AUTHENTICATE_URL',
      'AUTHORIZE_URL',
      'AuthorizationError',
      'InternalOAuthError',
      'REQUEST_TOKEN_URL',
      'Strategy',
      'TokenError',
      'TwitterStrategy',
      'TwitterStrategyClass',
      'USER_PROFILE_URL',
      'XStrategy',
      'X_AUTHORIZATION_URL',
      'X_DEFAULT_SCOPE',
      'X_DEFAULT_USER_FIELDS',
      'X_TOKEN_URL',
      'X_USER_PROFILE_URL',
      'default',
      'parseProfile',
      'parseXProfile',
    ]);
  });

  it('exports Strategy as TwitterStrategy, as passport-twitter does', () => {
    expect(twitter.Strategy).to.equal(twitter.TwitterStrategy);
  });

  it("names the strategies 'twitter' and 'x'", () => {
    expect(new twitter.Strategy({ consumerKey: 'key', consumerSecret: 'secret' }, () => undefined).name).to.equal('twitter');
    expect(new twitter.XStrategy({ clientID: 'id' }, () => undefined).name).to.equal('x');
  });

  it("keeps passport-twitter's endpoints", () => {
    expect([twitter.REQUEST_TOKEN_URL, twitter.AUTHENTICATE_URL, twitter.ACCESS_TOKEN_URL, twitter.USER_PROFILE_URL]).to.deep.equal([
      'https://api.twitter.com/oauth/request_token',
      'https://api.twitter.com/oauth/authenticate',
      'https://api.twitter.com/oauth/access_token',
      'https://api.twitter.com/1.1/account/verify_credentials.json',
    ]);
  });

  it("matches X's InternalOAuthError (from @passport-kit/oauth2) with the exported one as well", () => {
    const fromX = new oauth2.InternalOAuthError('Failed to fetch user profile');
    expect(fromX).to.be.instanceOf(twitter.InternalOAuthError);
  });
});

// Compile-time checks (tsc runs over the tests): every verify form gets typed parameters.
export const typedVerifyForms = [
  () => new TwitterStrategy({ consumerKey: 'k', consumerSecret: 's' }, (token, tokenSecret, profile, done) => done(null, { token, id: profile.id, level: profile._accessLevel })),
  () =>
    new TwitterStrategy({ consumerKey: 'k', consumerSecret: 's' }, (_t: string, _s: string, params: Record<string, string>, profile: TwitterProfile, done: VerifyCallback) =>
      done(null, { screen: params['screen_name'], id: profile.id })),
  () => new TwitterStrategy({ consumerKey: 'k', consumerSecret: 's', passReqToCallback: true }, (req, _t, _s, profile, done) => done(null, { ua: req.headers['user-agent'], id: profile.id })),
  () => new TwitterStrategy({ consumerKey: 'k', consumerSecret: 's' }, async (_t, _s, profile) => ({ id: profile.username })),
  () => new XStrategy({ clientID: 'id' }, (accessToken, refreshToken, profile, done) => done(null, { accessToken, refreshToken, id: profile.id })),
  () =>
    new XStrategy({ clientID: 'id', clientSecret: 's' }, (_a: string, _r: string | undefined, params: Record<string, unknown>, profile: XProfile, done: VerifyCallback) =>
      done(null, { scope: params['scope'], id: profile.id })),
  () => new XStrategy({ clientID: 'id', passReqToCallback: true }, (req, _a, _r, profile, done) => done(null, { ua: req.headers['user-agent'], id: profile.username })),
];
