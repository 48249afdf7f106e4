import { expect } from 'chai';
import * as bearer from '@passport-kit/bearer';
import * as source from '../src/index.js';

describe('@passport-kit/bearer', () => {
  it('is the package source in tests, not a stale build', () => {
    expect(bearer.JwtBearerStrategy).to.equal(source.JwtBearerStrategy);
  });

  it('exports the documented surface', () => {
    expect(Object.keys(bearer).sort()).to.deep.equal([
      'BearerStrategy',
      'DEFAULT_JWT_ALGORITHMS',
      'IntrospectionBearerStrategy',
      'IntrospectionFailedError',
      'JwksUnavailableError',
      'JwtBearerStrategy',
    ]);
  });

  it('never lists alg none or an HMAC algorithm among the default algorithms', () => {
    expect(bearer.DEFAULT_JWT_ALGORITHMS.filter((alg) => alg === 'none' || alg.startsWith('HS'))).to.deep.equal([]);
  });
});
