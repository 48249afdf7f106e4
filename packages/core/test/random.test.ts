import { expect } from 'chai';
import { randomToken } from '@passport-kit/core';

describe('randomToken', () => {
  it('is 32 bytes of entropy as 43 URL-safe characters by default', () => {
    const token = randomToken();

    expect(token).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).to.have.length(32);
  });

  it('carries the requested number of bytes', () => {
    expect(Buffer.from(randomToken(16), 'base64url')).to.have.length(16);
  });

  it('does not repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => randomToken()));
    expect(tokens.size).to.equal(1000);
  });
});
