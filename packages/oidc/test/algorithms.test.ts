import { DEFAULT_ID_TOKEN_ALGORITHMS, idTokenAlgorithms } from '@passport-kit/oidc';
import { expect } from 'chai';

describe('idTokenAlgorithms', () => {
  it('is the issuer’s algorithms that are in the safe default list', () => {
    expect(idTokenAlgorithms(['HS256', 'RS256', 'ES256', 'none'], undefined, 'secret')).to.deep.equal(['RS256', 'ES256']);
  });

  it('assumes RS256 when the issuer does not say (OIDC Core default)', () => {
    expect(idTokenAlgorithms(undefined, undefined, undefined)).to.deep.equal(['RS256']);
  });

  it('never defaults to none or HS*', () => {
    for (const alg of ['none', 'HS256', 'HS384', 'HS512']) expect(DEFAULT_ID_TOKEN_ALGORITHMS).not.to.include(alg);
  });

  it('accepts HS256 only when listed and a client secret keys it', () => {
    expect(idTokenAlgorithms(['HS256', 'RS256'], ['RS256', 'HS256'], 'secret')).to.deep.equal(['RS256', 'HS256']);
    expect(() => idTokenAlgorithms(['HS256'], ['HS256'], undefined)).to.throw(TypeError, /client secret/);
  });

  it('refuses none even when listed', () => {
    expect(() => idTokenAlgorithms(['none'], ['none'], undefined)).to.throw(TypeError, /none/);
  });

  it('throws when nothing allowed is supported', () => {
    expect(() => idTokenAlgorithms(['HS256'], undefined, 'secret')).to.throw(TypeError, /No allowed id_token algorithm/);
  });
});
