import { expect } from 'chai';
import { UnexpectedBodyError } from '@passport-kit/core';
import type { OAuth, OAuthParameters, OAuthTokenCallback } from '../src/node-oauth.js';
import { isCallbackConfirmed, obtainRequestToken, requestTokenCallParams } from '../src/request-token.js';

const REQUEST_TOKEN_URL = 'https://provider.test/oauth/request_token';

/** An `OAuth` whose leg 1 answers as given, recording the parameters it was called with. */
function fakeOAuth(answer: (done: OAuthTokenCallback) => void): OAuth & { seen: OAuthParameters[] } {
  const seen: OAuthParameters[] = [];
  return {
    _requestUrl: REQUEST_TOKEN_URL,
    seen,
    getOAuthRequestToken(params: OAuthParameters, done: OAuthTokenCallback) {
      seen.push(params);
      answer(done);
    },
  } as unknown as OAuth & { seen: OAuthParameters[] };
}

describe('obtaining the request token (leg 1, RFC 5849 §2.1)', () => {
  it("sends the hook's parameters and the callback, oob without one", () => {
    expect(requestTokenCallParams({ scope: 'read' }, 'https://app.test/cb')).to.deep.equal({ scope: 'read', oauth_callback: 'https://app.test/cb' });
    expect(requestTokenCallParams({}, undefined)).to.deep.equal({ oauth_callback: 'oob' });
  });

  it("calls _oauth.getOAuthRequestToken and resolves to the token, secret and response's first values", async () => {
    const oauth = fakeOAuth((done) => done(null, 'rt-1', 'rs-1', { oauth_callback_confirmed: 'true', extra: ['a', 'b'] }));

    const credentials = await obtainRequestToken(oauth, { oauth_callback: 'oob' });

    expect(oauth.seen).to.deep.equal([{ oauth_callback: 'oob' }]);
    expect(credentials).to.deep.equal({ token: 'rt-1', tokenSecret: 'rs-1', params: { oauth_callback_confirmed: 'true', extra: 'a' } });
  });

  it('rejects a response without a token secret, naming the endpoint', async () => {
    const oauth = fakeOAuth((done) => done(null, 'rt-1', ''));

    const err = await obtainRequestToken(oauth, {}).then(() => expect.fail('should reject'), (e: unknown) => e);
    expect(err).to.be.instanceOf(UnexpectedBodyError);
    expect((err as Error).message).to.include(REQUEST_TOKEN_URL).and.not.include('rt-1');
  });

  it("rejects with node-oauth's error (its first answer wins) or with what the wrapped call threw", async () => {
    const failure = Object.assign(new Error('401'), { statusCode: 401 });
    const answersTwice = fakeOAuth((done) => {
      done(failure);
      done(null, 'rt-1', 'rs-1');
    });
    expect(await obtainRequestToken(answersTwice, {}).catch((e: unknown) => e)).to.equal(failure);
    const throws = fakeOAuth(() => {
      throw new Error('wrapped call broke');
    });
    expect(await obtainRequestToken(throws, {}).catch((e: Error) => e.message)).to.equal('wrapped call broke');
  });

  it('takes the callback as confirmed only for oauth_callback_confirmed=true', () => {
    expect(isCallbackConfirmed({ oauth_callback_confirmed: 'true' })).to.equal(true);
    expect(isCallbackConfirmed({ oauth_callback_confirmed: 'TRUE' })).to.equal(false);
    expect(isCallbackConfirmed({})).to.equal(false);
  });
});
