import { expect } from 'chai';
import type { IncomingRequest } from '@passport-kit/core';
import { readCallbackResponse } from '../src/callback-response.js';

const request = (query: Record<string, unknown>, body?: Record<string, unknown>): IncomingRequest => ({ headers: {}, query, ...(body ? { body } : {}) });

describe('reading the callback (readCallbackResponse, RFC 5849 §2.2)', () => {
  it('reads a request without oauth_token as a login to start, an empty one too', () => {
    expect(readCallbackResponse(request({}))).to.deep.equal({ type: 'none' });
    expect(readCallbackResponse(request({ oauth_token: '' }))).to.deep.equal({ type: 'none' });
  });

  it('reads the request token and the verifier of an authorized callback, from the query or the body', () => {
    expect(readCallbackResponse(request({ oauth_token: 'rt-1', oauth_verifier: 'v-1' }))).to.deep.equal({
      type: 'authorized',
      requestToken: 'rt-1',
      verifier: { kind: 'value', value: 'v-1' },
    });
    expect(readCallbackResponse(request({}, { oauth_token: 'rt-2' }))).to.deep.equal({ type: 'authorized', requestToken: 'rt-2', verifier: { kind: 'absent' } });
  });

  it('reports a repeated oauth_verifier as invalid, for the strategy to refuse', () => {
    const response = readCallbackResponse(request({ oauth_token: 'rt-1', oauth_verifier: ['a', 'b'] }));
    expect(response).to.include({ type: 'authorized' });
    expect(response.type === 'authorized' && response.verifier.kind).to.equal('invalid');
  });

  it('reads a repeated or non-text oauth_token as malformed', () => {
    expect(readCallbackResponse(request({ oauth_token: ['a', 'b'] }))).to.deep.equal({ type: 'malformed' });
    expect(readCallbackResponse(request({ oauth_token: { x: '1' } }))).to.deep.equal({ type: 'malformed' });
  });

  it('reads denied first, with the refused request token when it is one value', () => {
    expect(readCallbackResponse(request({ denied: 'rt-1', oauth_token: 'rt-1' }))).to.deep.equal({ type: 'denied', requestToken: 'rt-1' });
    expect(readCallbackResponse(request({ denied: ['a', 'b'] }))).to.deep.equal({ type: 'denied', requestToken: undefined });
  });
});
