import { expect } from 'chai';
import * as facebook from '@passport-kit/facebook';
import * as source from '../src/index.js';
import type { VerifyCallback } from '@passport-kit/oauth2';
import { FacebookStrategy, type FacebookProfile, type FacebookStrategyOptions } from '../src/index.js';

describe('@passport-kit/facebook', () => {
  it('is the package source in tests, not a stale build', () => {
    expect(facebook.FacebookStrategy).to.equal(source.FacebookStrategy);
  });

  it('exports the documented surface', () => {
    expect(Object.keys(facebook).sort()).to.deep.equal([
      'DEFAULT_GRAPH_API_VERSION',
      'FacebookAuthorizationError',
      'FacebookGraphAPIError',
      'FacebookStrategy',
      'FacebookTokenError',
      'GRAPH_API_VERSIONS',
      'GRAPH_API_VERSION_WARNING_CODE',
      'Strategy',
      'appSecretProof',
      'default',
      'facebookEndpoints',
      'graphAPIVersionEndOfLife',
      'parseProfile',
      'warnIfPastEndOfLife',
    ]);
  });

  it('exports Strategy as FacebookStrategy, as passport-facebook does', () => {
    expect(facebook.Strategy).to.equal(facebook.FacebookStrategy);
  });

  it("names the strategy 'facebook'", () => {
    expect(new facebook.Strategy({ clientID: 'app-id', clientSecret: 'app-secret' }, () => undefined).name).to.equal('facebook');
  });
});

// Compile-time checks (tsc runs over the tests): the 4-argument forms get their parameter types
// inline; the params forms take annotated parameters.
export const typedVerifyForms = [
  () => new FacebookStrategy({ clientID: 'a' }, (accessToken, _rt, profile, done) => done(null, { accessToken: accessToken.length, id: profile.id })),
  () => new FacebookStrategy({ clientID: 'a' }, (_at: string, _rt: string | undefined, params: Record<string, unknown>, profile: FacebookProfile, done: VerifyCallback) =>
    done(null, { params, email: profile.emails?.[0]?.value })),
  () => new FacebookStrategy({ clientID: 'a', passReqToCallback: true }, (req, _at, _rt, profile, done) => done(null, { ua: req.headers['user-agent'], id: profile.id })),
  () => new FacebookStrategy({ clientID: 'a', passReqToCallback: true }, (req: { headers: Record<string, string>; user?: string }, _at: string, _rt: string | undefined, _params: Record<string, unknown>, profile: FacebookProfile, done: VerifyCallback) =>
    done(null, { u: req.user, id: profile.id })),
  () => new FacebookStrategy({ clientID: 'a' }, async (_at, _rt, profile) => ({ id: profile.id })),
  (options: FacebookStrategyOptions) => new FacebookStrategy(options, (_at, _rt, profile, done) => done(null, profile.displayName)),
];
