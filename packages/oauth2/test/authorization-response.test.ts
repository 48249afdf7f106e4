import { expect } from 'chai';
import type { IncomingRequest } from '@passport-kit/core';
import { errorResponseOutcome, isExpectedIssuer, readAuthorizationResponse } from '../src/authorization-response.js';
import { AuthorizationError } from '../src/errors.js';

function callback(query: Record<string, unknown>, body?: Record<string, unknown>): IncomingRequest {
  return { headers: {}, query, body };
}

describe('reading the authorization response (readAuthorizationResponse)', () => {
  it('reads a code with its state and iss', () => {
    expect(readAuthorizationResponse(callback({ code: 'c-1', state: 's-1', iss: 'https://as.test' }))).to.deep.equal({
      type: 'code',
      code: 'c-1',
      state: 's-1',
      iss: { kind: 'value', value: 'https://as.test' },
    });
  });

  it('reads a form_post body (response_mode=form_post)', () => {
    const response = readAuthorizationResponse(callback({}, { code: 'c-1', state: 's-1' }));

    expect(response).to.include({ type: 'code', code: 'c-1', state: 's-1' });
  });

  it('has no code for an empty, repeated or structured code', () => {
    for (const code of ['', ['a', 'b'], { x: '1' }]) {
      expect(readAuthorizationResponse(callback({ code }))).to.include({ type: 'code', code: undefined });
    }
  });

  it('has no state for a repeated state', () => {
    expect(readAuthorizationResponse(callback({ code: 'c', state: ['a', 'b'] }))).to.include({ state: undefined });
  });

  it('reads an error response, which wins over a code, with its description cut to 500 characters', () => {
    const response = readAuthorizationResponse(callback({
      error: 'server_error',
      error_description: 'x'.repeat(600),
      error_uri: 'https://as.test/err',
      state: 's-1',
      code: 'c-1',
    }));

    expect(response).to.deep.equal({
      type: 'error',
      error: 'server_error',
      description: 'x'.repeat(500),
      uri: 'https://as.test/err',
      state: 's-1',
    });
  });

  it('has no error code for a repeated error', () => {
    expect(readAuthorizationResponse(callback({ error: ['a', 'b'] }))).to.include({ type: 'error', error: undefined });
  });

  it('is no response when neither error nor code came (a login to start)', () => {
    expect(readAuthorizationResponse(callback({ state: 's-1' }))).to.deep.equal({ type: 'none' });
  });
});

describe('acting on an error response (errorResponseOutcome)', () => {
  it('fails with the description when the user said no (access_denied)', () => {
    const outcome = errorResponseOutcome({ type: 'error', error: 'access_denied', description: 'User denied', uri: undefined, state: 's' });

    expect(outcome).to.deep.equal({ failure: { message: 'User denied' } });
  });

  it('errs with an AuthorizationError carrying the code (cut to 100 characters) and uri otherwise', () => {
    const outcome = errorResponseOutcome({ type: 'error', error: 'e'.repeat(150), description: 'Broken', uri: 'https://as.test/err', state: 's' });

    expect(outcome).to.have.property('error').that.is.instanceOf(AuthorizationError);
    const { error } = outcome as { error: AuthorizationError };
    expect(error.message).to.equal('Broken');
    expect(error.code).to.equal('e'.repeat(100));
    expect(error.uri).to.equal('https://as.test/err');
  });
});

describe('checking the issuer (isExpectedIssuer, RFC 9207)', () => {
  const expected = 'https://as.test';

  it('accepts the expected issuer', () => {
    expect(isExpectedIssuer({ kind: 'value', value: expected }, expected)).to.equal(true);
  });

  it('rejects another issuer, or a repeated iss', () => {
    expect(isExpectedIssuer({ kind: 'value', value: 'https://evil.test' }, expected)).to.equal(false);
    expect(isExpectedIssuer({ kind: 'invalid' }, expected)).to.equal(false);
  });

  it('accepts a response without iss, and any iss when none is expected', () => {
    expect(isExpectedIssuer({ kind: 'absent' }, expected)).to.equal(true);
    expect(isExpectedIssuer({ kind: 'value', value: 'https://other.test' }, undefined)).to.equal(true);
  });
});
