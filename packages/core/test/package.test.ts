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
      'InternalOAuthError',
      'LOGIN_CHANNELS',
      'LOGIN_FAILURE_FIELD',
      'NetworkError',
      'PassportKitError',
      'SessionTransactionStore',
      'Strategy',
      'UnexpectedBodyError',
      'UnexpectedStatusError',
      'UntrustedHostError',
      'WARNING_CODES',
      'WARNING_TYPE',
      'callVerify',
      'callableClass',
      'concealProperties',
      'deriveCookieSecret',
      'describeTarget',
      'describeURL',
      'explainStateFailure',
      'headerValue',
      'initialize',
      'isAnyLoginStepObserved',
      'isObserved',
      'loginBinding',
      'loginId',
      'loginObserver',
      'markLoginCompleted',
      'originOf',
      'originalURL',
      'paramValue',
      'publish',
      'randomToken',
      'readParam',
      'reasonOf',
      'recallLogin',
      'recordLoginFailure',
      'redact',
      'rememberLogin',
      'remoteKeySet',
      'resolveCallbackURL',
      'runLoginStep',
      'settle',
      'shouldSkipUserProfile',
      'strategyLabel',
      'strategyLabelOf',
      'userAgent',
      'warnOnce',
      'warnUnknownOptions',
    ]);
  });
});
