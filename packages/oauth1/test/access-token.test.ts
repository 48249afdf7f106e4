import { expect } from 'chai';
import { UnexpectedBodyError } from '@passport-kit/core';
import { isVerifierMissing, obtainAccessToken } from '../src/access-token.js';
import type { OAuth, OAuthTokenCallback } from '../src/node-oauth.js';

const ACCESS_TOKEN_URL = 'https://provider.test/oauth/access_token';

function fakeOAuth(answer: (done: OAuthTokenCallback) => void): OAuth & { seen: unknown[][] } {
  const seen: unknown[][] = [];
  return {
    _accessUrl: ACCESS_TOKEN_URL,
    seen,
    getOAuthAccessToken(token: string, tokenSecret: string, verifier: string | null, done: OAuthTokenCallback) {
      seen.push([token, tokenSecret, verifier]);
      answer(done);
    },
  } as unknown as OAuth & { seen: unknown[][] };
}

describe('exchanging the request token (leg 3, RFC 5849 §2.3)', () => {
  it('refuses a callback without a verifier, unless OAuth 1.0 is allowed', () => {
    expect(isVerifierMissing({ kind: 'absent' }, false)).to.equal(true);
    expect(isVerifierMissing({ kind: 'invalid' }, false)).to.equal(true);
    expect(isVerifierMissing({ kind: 'value', value: 'v' }, false)).to.equal(false);
    expect(isVerifierMissing({ kind: 'absent' }, true)).to.equal(false);
  });

  it('calls _oauth.getOAuthAccessToken with the request token, its secret and the verifier', async () => {
    const oauth = fakeOAuth((done) => done(null, 'at-1', 'as-1', { user_id: '42', screen_name: 'ann' }));

    const access = await obtainAccessToken(oauth, 'rt-1', 'rs-1', 'v-1');

    expect(oauth.seen).to.deep.equal([['rt-1', 'rs-1', 'v-1']]);
    expect(access).to.deep.equal({ token: 'at-1', tokenSecret: 'as-1', params: { user_id: '42', screen_name: 'ann' } });
  });

  it('passes a null verifier on (an OAuth 1.0 provider)', async () => {
    const oauth = fakeOAuth((done) => done(null, 'at-1', 'as-1'));

    expect(await obtainAccessToken(oauth, 'rt-1', 'rs-1', null)).to.deep.equal({ token: 'at-1', tokenSecret: 'as-1', params: {} });
    expect(oauth.seen).to.deep.equal([['rt-1', 'rs-1', null]]);
  });

  it('rejects a response without a token, naming the endpoint and no secret', async () => {
    const oauth = fakeOAuth((done) => done(null, undefined, 'as-1'));

    const err = await obtainAccessToken(oauth, 'rt-1', 'rs-1', 'v-1').then(() => expect.fail('should reject'), (e: unknown) => e);
    expect(err).to.be.instanceOf(UnexpectedBodyError);
    expect((err as Error).message).to.include(ACCESS_TOKEN_URL).and.not.match(/rs-1|as-1|v-1/);
  });
});
