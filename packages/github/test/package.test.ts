import { expect } from 'chai';
import type { Request } from 'express';
import * as github from '@passport-kit/github';
import { InternalOAuthError, TokenError } from '@passport-kit/oauth2';
import * as source from '../src/index.js';

const options = { clientID: 'client', clientSecret: 'secret' };

describe('@passport-kit/github', () => {
  it('is the package source in tests, not a stale build', () => {
    expect(github.GitHubStrategy).to.equal(source.GitHubStrategy);
  });

  it('exports the documented surface', () => {
    expect(Object.keys(github).sort()).to.deep.equal([
      'AUTHORIZATION_URL',
      'AuthorizationError',
      'GitHubStrategy',
      'ISSUER',
      'InternalOAuthError',
      'Strategy',
      'TOKEN_URL',
      'TokenError',
      'USER_EMAIL_URL',
      'USER_PROFILE_URL',
      'default',
      'githubEndpoints',
      'parseEmails',
      'parseProfile',
    ]);
  });

  it("exports Strategy as GitHubStrategy, named 'github' unless told otherwise", () => {
    expect(github.Strategy).to.equal(github.GitHubStrategy);
    expect(new github.Strategy(options, () => undefined).name).to.equal('github');
    expect(new github.Strategy({ ...options, name: 'github-enterprise' }, () => undefined).name).to.equal('github-enterprise');
  });

  it("re-exports oauth2's error classes, so instanceof works with either import", () => {
    expect(github.TokenError).to.equal(TokenError);
    expect(github.InternalOAuthError).to.equal(InternalOAuthError);
  });

  it('accepts every verify form with typed parameters (checked by tsc)', () => {
    const withParams: github.GitHubVerifyFunctionWithParams = (_at, _rt, params, profile, done) => done(null, { scope: params['scope'], id: profile.id });
    const withRequestAndParams: github.GitHubVerifyFunctionWithRequestAndParams = (req, _at, _rt, _params, profile, done) =>
      done(null, { ip: (req as Request).ip, id: profile.nodeId });
    const strategies = [
      new github.Strategy(options, (_at, _rt, profile, done) => done(null, profile.username)),
      new github.Strategy(options, withParams),
      new github.Strategy({ ...options, passReqToCallback: true }, (req: Request, _at, _rt, profile, done) => done(null, { ip: req.ip, id: profile.id })),
      new github.Strategy({ ...options, passReqToCallback: true }, withRequestAndParams),
      new github.Strategy(options, async (_at, _rt, profile) => ({ id: profile.id })),
    ];
    expect(strategies).to.have.length(5);
  });

  it('requires a clientID and a verify callback', () => {
    expect(() => new github.Strategy({ clientID: '' }, () => undefined)).to.throw(TypeError, 'clientID');
    expect(() => new github.Strategy(options, undefined as unknown as github.GitHubVerifyFunction)).to.throw(TypeError, 'verify');
  });
});
