import { PassportKitError } from '@passport-kit/core';
import { OAuth2Strategy } from '@passport-kit/oauth2';
import * as oidc from '@passport-kit/oidc';
import { expect } from 'chai';
import * as source from '../src/index.js';

describe('@passport-kit/oidc', () => {
  it('is the package source in tests, not a stale build', () => {
    expect(oidc.OpenIDConnectStrategy).to.equal(source.OpenIDConnectStrategy);
  });

  it('exports the documented surface', () => {
    expect(Object.keys(oidc).sort()).to.deep.equal([
      'DEFAULT_ID_TOKEN_ALGORITHMS',
      'DiscoveryError',
      'ID_TOKEN_CLAIMS_PARAM',
      'IdTokenError',
      'OpenIDConnectStrategy',
      'Strategy',
      'UserInfoError',
      'accessTokenHash',
      'default',
      'discover',
      'idTokenAlgorithms',
      'profileFromClaims',
      'readIssuerMetadata',
      'remoteKeySet',
      'verifyIdToken',
    ]);
  });

  it('exports Strategy as OpenIDConnectStrategy, an OAuth2Strategy', () => {
    expect(oidc.Strategy).to.equal(oidc.OpenIDConnectStrategy);
    expect(oidc.OpenIDConnectStrategy.prototype).to.be.instanceOf(OAuth2Strategy);
  });

  it('has errors that extend the core base, with a code, and survive a second copy of the package', () => {
    const err = new oidc.IdTokenError('id_token has expired', 'ERR_ID_TOKEN_EXPIRED');
    expect(err).to.be.instanceOf(PassportKitError);
    expect(err).to.include({ name: 'IdTokenError', code: 'ERR_ID_TOKEN_EXPIRED' });
    const copy = Object.assign(Object.create(Error.prototype) as Error, { message: 'x' });
    Object.defineProperty(copy, Symbol.for('passport-kit.error.brands'), { value: ['IdTokenError', 'PassportKitError'] });
    expect(copy).to.be.instanceOf(oidc.IdTokenError);
    expect(new oidc.UserInfoError('x', 'ERR_USERINFO_SUBJECT')).to.be.instanceOf(PassportKitError);
    expect(new oidc.DiscoveryError('x', 'ERR_DISCOVERY_NOT_FOUND')).to.be.instanceOf(PassportKitError);
  });
});
