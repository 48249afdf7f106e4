import { accessTokenHash } from '@passport-kit/oidc';
import { matchesAccessTokenHash } from '../src/at-hash.js';
import { expect } from 'chai';

describe('accessTokenHash', () => {
  it('matches the example of OIDC Core Appendix A.3', () => {
    expect(accessTokenHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y', 'RS256')).to.equal('77QmUPtjPfzWtF2AnpK9RQ');
  });

  it('uses the hash size of the algorithm: half of SHA-256, SHA-384, SHA-512', () => {
    expect(Buffer.from(accessTokenHash('token', 'ES256'), 'base64url')).to.have.length(16);
    expect(Buffer.from(accessTokenHash('token', 'PS384'), 'base64url')).to.have.length(24);
    expect(Buffer.from(accessTokenHash('token', 'RS512'), 'base64url')).to.have.length(32);
    expect(Buffer.from(accessTokenHash('token', 'EdDSA'), 'base64url')).to.have.length(32);
  });

  it('refuses an algorithm with no defined hash', () => {
    expect(() => accessTokenHash('token', 'none')).to.throw(TypeError);
  });

  it('compares a received at_hash exactly', () => {
    const hash = accessTokenHash('token', 'RS256');
    expect(matchesAccessTokenHash(hash, 'token', 'RS256')).to.equal(true);
    expect(matchesAccessTokenHash(hash, 'other-token', 'RS256')).to.equal(false);
    expect(matchesAccessTokenHash(`${hash}A`, 'token', 'RS256')).to.equal(false);
    expect(matchesAccessTokenHash(hash, 'token', 'RS384')).to.equal(false);
  });
});
