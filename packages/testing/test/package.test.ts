import { expect } from 'chai';
import * as testing from '@passport-kit/testing';
import * as source from '../src/index.js';

describe('@passport-kit/testing', () => {
  it('is the package source in tests, not a stale build', () => {
    expect(testing.startEmulator).to.equal(source.startEmulator);
  });

  it('exports the documented surface', () => {
    expect(Object.keys(testing).sort()).to.deep.equal([
      'DEFAULT_CLIENTS',
      'DEFAULT_GRAPH_API_VERSION',
      'DEFAULT_USERS',
      'ENDPOINT_NAMES',
      'OAuth1Problem',
      'OAuth1Provider',
      'parseAuthorization',
      'startEmulator',
    ]);
  });
});
