import { expect } from 'chai';
import { userAgent } from '@passport-kit/core';

describe('userAgent', () => {
  it('names the package, its version and the Node version', () => {
    expect(userAgent('@passport-kit/github', '1.2.0')).to.equal(`@passport-kit/github/1.2.0 (node ${process.version})`);
  });
});
