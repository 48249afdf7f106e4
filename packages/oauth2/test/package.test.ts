import { expect } from 'chai';
import * as oauth2 from '@passport-kit/oauth2';
import * as source from '../src/index.js';

describe('@passport-kit/oauth2', () => {
  it('is the package source in tests, not a stale build', () => {
    expect(oauth2.OAuth2Strategy).to.equal(source.OAuth2Strategy);
  });

  it('exports the documented surface', () => {
    expect(Object.keys(oauth2).sort()).to.deep.equal([
      'AuthorizationError',
      'DefaultStateStore',
      'InternalOAuthError',
      'OAUTH2_OPTION_NAMES',
      'OAuth2Strategy',
      'OAuth2StrategyClass',
      'Strategy',
      'TOKEN_TYPES',
      'TokenClient',
      'TokenError',
      'default',
    ]);
  });

  it('exports Strategy as OAuth2Strategy, as passport-oauth2 does', () => {
    expect(oauth2.Strategy).to.equal(oauth2.OAuth2Strategy);
  });

  it("names the strategy 'oauth2'", () => {
    const strategy = new oauth2.Strategy(
      { authorizationURL: 'https://provider.test/authorize', tokenURL: 'https://provider.test/token', clientID: 'client' },
      () => undefined,
    );

    expect(strategy.name).to.equal('oauth2');
  });
});
