import { expect } from 'chai';
import * as core from '@passport-kit/core';
import * as source from '../src/index.js';

describe('@passport-kit/core', () => {
  it('is the package source in tests, not a stale build', () => {
    expect(core.HttpClient).to.equal(source.HttpClient);
  });

  it('exports the documented surface', () => {
    expect(Object.keys(core).sort()).to.deep.equal([
      'CookieTransactionStore',
      'DEFAULT_MAX_RESPONSE_SIZE',
      'DEFAULT_TIMEOUT',
      'DEFAULT_TRANSACTION_TTL',
      'DefaultTransactionStore',
      'HttpClient',
      'NetworkError',
      'PassportKitError',
      'SessionTransactionStore',
      'Strategy',
      'UnexpectedBodyError',
      'UnexpectedStatusError',
      'UntrustedHostError',
      'callVerify',
      'callableClass',
      'concealProperties',
      'describeTarget',
      'headerValue',
      'initialize',
      'loginBinding',
      'originalURL',
      'paramValue',
      'randomToken',
      'readParam',
      'resolveCallbackURL',
      'settle',
      'userAgent',
    ]);
  });
});
