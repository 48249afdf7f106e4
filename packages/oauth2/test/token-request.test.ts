import { expect } from 'chai';
import { authorizationCodeTokenParams, exchangeAuthorizationCode, tokenResponseFrom } from '../src/token-request.js';
import { TokenError } from '../src/errors.js';
import type { OAuth2Compat, LegacyTokenCallback } from '../src/oauth2-compat.js';

describe('the token request parameters (authorizationCodeTokenParams)', () => {
  it('sends grant_type, the redirect_uri the store kept and the PKCE verifier', () => {
    const params = authorizationCodeTokenParams({ audience: 'api' }, { ok: 'verifier-1', redirectURI: 'https://app.test/kept' }, 'https://app.test/now');

    expect(params).to.deep.equal({
      audience: 'api',
      grant_type: 'authorization_code',
      redirect_uri: 'https://app.test/kept',
      code_verifier: 'verifier-1',
    });
  });

  it('sends no redirect_uri when the authorization request sent none (null kept)', () => {
    const params = authorizationCodeTokenParams({}, { ok: true, redirectURI: null }, 'https://app.test/now');

    expect(params).to.deep.equal({ grant_type: 'authorization_code' });
  });

  it("sends the callback's own redirect_uri when the store keeps none (passport-oauth2 stores)", () => {
    const params = authorizationCodeTokenParams({}, { ok: true, redirectURI: undefined }, 'https://app.test/now');

    expect(params).to.deep.equal({ grant_type: 'authorization_code', redirect_uri: 'https://app.test/now' });
  });

  it('lets no tokenParams hook replace grant_type', () => {
    expect(authorizationCodeTokenParams({ grant_type: 'password' }, { ok: true, redirectURI: null }, undefined)['grant_type']).to.equal('authorization_code');
  });
});

describe('reading the token response (tokenResponseFrom)', () => {
  it('reads the tokens, type, expiry and scope, and keeps every parameter', () => {
    const results = { access_token: 'at', token_type: 'Bearer', expires_in: '3600', scope: 'read', extra: 1 };

    expect(tokenResponseFrom('at', 'rt', results)).to.deep.equal({
      accessToken: 'at',
      refreshToken: 'rt',
      tokenType: 'Bearer',
      expiresIn: 3600,
      scope: 'read',
      params: results,
    });
  });

  it('leaves out an empty refresh token and a non-numeric expiry', () => {
    const tokens = tokenResponseFrom('at', '', { expires_in: 'soon' });

    expect(tokens.refreshToken).to.equal(undefined);
    expect(tokens.expiresIn).to.equal(undefined);
  });

  it("reports an OAuth error that came with a 2xx (GitHub's way) as a TokenError", () => {
    expect(() => tokenResponseFrom(undefined, undefined, { error: 'bad_verification_code', error_description: 'The code is wrong', error_uri: 'https://as.test/e' }))
      .to.throw(TokenError, 'The code is wrong')
      .that.includes({ code: 'bad_verification_code', uri: 'https://as.test/e' });
  });

  it('reports a response without an access token as invalid_token_response', () => {
    expect(() => tokenResponseFrom(undefined, undefined, {})).to.throw(TokenError, 'Token response has no access_token').that.includes({ code: 'invalid_token_response' });
  });
});

describe('making the token request (exchangeAuthorizationCode)', () => {
  function oauth2(answer: (cb: LegacyTokenCallback) => void, calls: unknown[][] = []): OAuth2Compat {
    return {
      _clientSecret: 'client-secret',
      getOAuthAccessToken(code: string, params: Record<string, unknown>, cb: LegacyTokenCallback) {
        calls.push([code, params]);
        answer(cb);
      },
    } as unknown as OAuth2Compat;
  }

  it("goes through _oauth2.getOAuthAccessToken with the code and parameters", async () => {
    const calls: unknown[][] = [];
    const tokens = await exchangeAuthorizationCode(oauth2((cb) => cb(null, 'at', 'rt', { access_token: 'at' }), calls), 'code-1', { grant_type: 'authorization_code' }, () => new Error('unused'));

    expect(calls).to.deep.equal([['code-1', { grant_type: 'authorization_code' }]]);
    expect(tokens).to.include({ accessToken: 'at', refreshToken: 'rt' });
  });

  it('hands a failure to toError with the code, verifier and client secret to redact', async () => {
    const failure = { statusCode: 400, data: '{}' };
    let seen: unknown[] = [];
    const made = new Error('made');
    const result = exchangeAuthorizationCode(oauth2((cb) => cb(failure)), 'code-1', { code_verifier: 'v-1' }, (err, secrets) => {
      seen = [err, secrets];
      return made;
    });

    await result.then(() => expect.fail('should reject'), (err: unknown) => expect(err).to.equal(made));
    expect(seen).to.deep.equal([failure, ['code-1', 'v-1', 'client-secret']]);
  });
});
