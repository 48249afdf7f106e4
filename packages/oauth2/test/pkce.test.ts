import { expect } from 'chai';
import { codeChallenge, createCodeVerifier } from '../src/pkce.js';

describe('PKCE (RFC 7636)', () => {
  it('derives the S256 challenge of the RFC 7636 Appendix B example', () => {
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'S256')).to.equal(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('uses S256 when no method is given', () => {
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).to.equal('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('sends the verifier itself as a plain challenge', () => {
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'plain')).to.equal('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
  });

  it('creates verifiers of 43 unreserved characters (§4.1: 43 to 128 of [A-Za-z0-9-._~])', () => {
    for (let i = 0; i < 50; i++) {
      expect(createCodeVerifier()).to.match(/^[A-Za-z0-9\-._~]{43}$/);
    }
  });

  it('creates a different verifier each time', () => {
    const verifiers = new Set(Array.from({ length: 100 }, () => createCodeVerifier()));

    expect(verifiers.size).to.equal(100);
  });

  it('gives S256 challenges that are base64url without padding', () => {
    const challenge = codeChallenge(createCodeVerifier(), 'S256');

    expect(challenge).to.match(/^[A-Za-z0-9_-]{43}$/);
  });
});
