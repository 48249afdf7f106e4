import { expect } from 'chai';
import { TokenError } from '@passport-kit/oauth2';
import { parseTokenBody, readTokenResponse } from '../src/token-response.js';

function tokenErrorOf(params: Record<string, unknown>): TokenError {
  try {
    readTokenResponse(params);
  } catch (err) {
    expect(err).to.be.instanceOf(TokenError);
    return err as TokenError;
  }
  throw new Error('expected readTokenResponse to throw');
}

describe('token response', () => {
  describe('parseTokenBody', () => {
    it('reads a JSON body (RFC 6749 §5.1)', () => {
      const body = '{"access_token":"at-1","token_type":"Bearer","expires_in":3600,"refresh_token":"rt-1"}';

      expect(parseTokenBody(body, 'application/json;charset=UTF-8')).to.deep.equal({
        access_token: 'at-1',
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: 'rt-1',
      });
    });

    it('reads a JSON object whatever the content type says', () => {
      expect(parseTokenBody('  {"access_token":"at-1"}\n', 'text/plain')).to.deep.equal({ access_token: 'at-1' });
      expect(parseTokenBody('{"access_token":"at-1"}', undefined)).to.deep.equal({ access_token: 'at-1' });
    });

    it('reads a form-encoded body, as GitHub sends without an Accept header', () => {
      expect(parseTokenBody('access_token=gho_16C7e42F292c6912E7710c838347Ae178B4a&scope=repo%2Cgist&token_type=bearer', 'application/x-www-form-urlencoded')).to.deep.equal({
        access_token: 'gho_16C7e42F292c6912E7710c838347Ae178B4a',
        scope: 'repo,gist',
        token_type: 'bearer',
      });
    });

    it('reads a form-encoded body sent as text/plain, as old Facebook Graph versions did', () => {
      expect(parseTokenBody('access_token=at+1&expires=5183999', 'text/plain; charset=UTF-8')).to.deep.equal({
        access_token: 'at 1',
        expires: '5183999',
      });
    });

    it('returns undefined for invalid JSON', () => {
      expect(parseTokenBody('{"access_token":', 'application/json')).to.equal(undefined);
      expect(parseTokenBody('not json', 'application/json')).to.equal(undefined);
    });

    it('returns undefined for JSON that is not an object', () => {
      expect(parseTokenBody('["at-1"]', 'application/json')).to.equal(undefined);
      expect(parseTokenBody('"at-1"', 'application/json')).to.equal(undefined);
      expect(parseTokenBody('null', 'application/json')).to.equal(undefined);
    });

    it('returns undefined for an HTML page or an empty body', () => {
      expect(parseTokenBody('<html><body>Bad Gateway</body></html>', 'text/html')).to.equal(undefined);
      expect(parseTokenBody('', undefined)).to.equal(undefined);
    });
  });

  describe('readTokenResponse', () => {
    it('returns the token, refresh token, type, lifetime, scope and every parameter', () => {
      const params = { access_token: 'at-1', refresh_token: 'rt-1', token_type: 'Bearer', expires_in: 3600, scope: 'openid email', id_token: 'x.y.z' };

      expect(readTokenResponse(params)).to.deep.equal({
        accessToken: 'at-1',
        refreshToken: 'rt-1',
        tokenType: 'Bearer',
        expiresIn: 3600,
        scope: 'openid email',
        params,
      });
    });

    it('leaves out what the provider did not send, and treats null as absent', () => {
      expect(readTokenResponse({ access_token: 'at-1', refresh_token: null })).to.deep.equal({
        accessToken: 'at-1',
        refreshToken: undefined,
        tokenType: undefined,
        expiresIn: undefined,
        scope: undefined,
        params: { access_token: 'at-1', refresh_token: null },
      });
    });

    describe('without an access token (CVE-2021-41580)', () => {
      for (const [label, params] of [
        ['missing', { token_type: 'Bearer' }],
        ['empty', { access_token: '' }],
        ['null', { access_token: null }],
        ['a number', { access_token: 12345 }],
        ['an object', { access_token: { value: 'at-1' } }],
      ] as const) {
        it(`is a TokenError invalid_token_response when access_token is ${label}`, () => {
          const err = tokenErrorOf(params);

          expect(err.code).to.equal('invalid_token_response');
          expect(err.message).to.equal('Token response has no access_token');
          expect(err.status).to.equal(500);
        });
      }
    });

    it('accepts the bearer token type in any case (RFC 6749 §5.1: case insensitive)', () => {
      for (const type of ['bearer', 'Bearer', 'BEARER']) {
        expect(readTokenResponse({ access_token: 'at-1', token_type: type }).tokenType).to.equal(type);
      }
    });

    it('accepts any other token type, as passport-oauth2 does (Slack answers bot or user)', () => {
      for (const type of ['bot', 'user', 'mac', 'N_A']) {
        const tokens = readTokenResponse({ access_token: 'at-1', token_type: type });
        expect(tokens.tokenType).to.equal(type);
        expect(tokens.params['token_type']).to.equal(type);
      }
    });

    describe('expires_in', () => {
      it('accepts a number', () => {
        expect(readTokenResponse({ access_token: 'at-1', expires_in: 3600 }).expiresIn).to.equal(3600);
        expect(readTokenResponse({ access_token: 'at-1', expires_in: 0 }).expiresIn).to.equal(0);
      });

      it('accepts a string of digits, as form-encoded responses and some JSON ones send it', () => {
        expect(readTokenResponse({ access_token: 'at-1', expires_in: '3600' }).expiresIn).to.equal(3600);
      });

      for (const value of ['soon', '', '-1', '1e3', -1, Number.NaN, Number.POSITIVE_INFINITY, true, {}] as const) {
        it(`refuses ${typeof value === 'number' ? String(value) : JSON.stringify(value)}`, () => {
          const err = tokenErrorOf({ access_token: 'at-1', expires_in: value });

          expect(err.code).to.equal('invalid_token_response');
          expect(err.message).to.equal('Token response has an invalid expires_in');
        });
      }
    });

    for (const name of ['refresh_token', 'token_type']) {
      it(`refuses a non-string ${name}`, () => {
        const err = tokenErrorOf({ access_token: 'at-1', [name]: ['a', 'b'] });

        expect(err.code).to.equal('invalid_token_response');
        expect(err.message).to.equal(`Token response has a non-string ${name}`);
      });
    }

    it("reads a scope sent as an array of strings (Twitch's way) as the space-delimited scope", () => {
      const tokens = readTokenResponse({ access_token: 'at-1', scope: ['user:read:email', 'chat:read'] });

      expect(tokens.scope).to.equal('user:read:email chat:read');
      expect(tokens.params['scope']).to.deep.equal(['user:read:email', 'chat:read']);
    });

    it('refuses a scope that is neither a string nor an array of strings', () => {
      for (const scope of [42, ['a', 1], { a: 'b' }]) {
        const err = tokenErrorOf({ access_token: 'at-1', scope });

        expect(err.code).to.equal('invalid_token_response');
        expect(err.message).to.equal('Token response has a non-string scope');
      }
    });

    it('never puts the access or refresh token in an error message', () => {
      const err = tokenErrorOf({ access_token: 'secret-access-token', refresh_token: 42 });

      expect(err.message).not.to.contain('secret-access-token');
      expect(err.message).not.to.contain('42');
    });
  });
});
