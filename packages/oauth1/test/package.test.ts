import { expect } from 'chai';
import util from 'node:util';
import { InternalOAuthError as CoreInternalOAuthError, PassportKitError } from '@passport-kit/core';
import * as oauth1 from '@passport-kit/oauth1';
import { InternalOAuthError, OAuth1Strategy, Strategy } from '@passport-kit/oauth1';

const options = {
  requestTokenURL: 'https://provider.test/oauth/request_token',
  accessTokenURL: 'https://provider.test/oauth/access_token',
  userAuthorizationURL: 'https://provider.test/oauth/authorize',
  consumerKey: 'key',
  consumerSecret: 'secret',
};
const verify = () => undefined;

describe('@passport-kit/oauth1', () => {
  it('exports the documented surface', () => {
    expect(Object.keys(oauth1).sort()).to.deep.equal([
      'CallbackNotConfirmedError',
      'InternalOAuthError',
      'OAUTH1_OPTION_NAMES',
      'OAuth',
      'OAuth1Strategy',
      'OAuth1StrategyClass',
      'SIGNATURE_METHODS',
      'Strategy',
      'authorizationHeader',
      'baseStringURI',
      'computeSignature',
      'default',
      'normalizeParameters',
      'parseFormEncoded',
      'percentDecode',
      'percentEncode',
      'providerErrorMessage',
      'signRequest',
      'signatureBaseString',
      'verifySignature',
      'xmlErrorElement',
    ]);
    expect(Strategy).to.equal(OAuth1Strategy);
  });

  describe('constructing the strategy', () => {
    it("is named 'oauth', as passport-oauth1", () => {
      expect(new OAuth1Strategy(options, verify).name).to.equal('oauth');
    });

    it("refuses missing options with passport-oauth1's messages", () => {
      const without = (name: keyof typeof options) => () => new OAuth1Strategy({ ...options, [name]: undefined } as never, verify);
      expect(without('requestTokenURL')).to.throw(TypeError, 'OAuthStrategy requires a requestTokenURL option');
      expect(without('accessTokenURL')).to.throw(TypeError, 'OAuthStrategy requires a accessTokenURL option');
      expect(without('userAuthorizationURL')).to.throw(TypeError, 'OAuthStrategy requires a userAuthorizationURL option');
      expect(without('consumerKey')).to.throw(TypeError, 'OAuthStrategy requires a consumerKey option');
      expect(without('consumerSecret')).to.throw(TypeError, 'OAuthStrategy requires a consumerSecret option');
      expect(() => new OAuth1Strategy(options, undefined as never)).to.throw(TypeError, 'OAuthStrategy requires a verify callback');
    });

    it('takes new OAuth1Strategy(verify) as passport-oauth1 does, asking for the first option', () => {
      expect(() => new (OAuth1Strategy as unknown as new (v: unknown) => unknown)(verify)).to.throw(TypeError, 'OAuthStrategy requires a requestTokenURL option');
    });

    it('keeps the consumer secret out of util.inspect and JSON.stringify', () => {
      const strategy = new OAuth1Strategy({ ...options, consumerSecret: 'do-not-print-this-secret' }, verify);
      expect(util.inspect(strategy, { depth: 10, showHidden: false })).to.not.include('do-not-print-this-secret');
      expect(JSON.stringify(strategy)).to.not.include('do-not-print-this-secret');
      // Still readable, percent-encoded, as node-oauth keeps it.
      expect(strategy._oauth._consumerSecret).to.equal('do-not-print-this-secret');
    });

    it('accepts an empty consumer secret', () => {
      expect(() => new OAuth1Strategy({ ...options, consumerSecret: '' }, verify)).to.not.throw();
    });

    it('refuses an unknown signature method, RSA-SHA1 without a key, and a store of the wrong shape', () => {
      expect(() => new OAuth1Strategy({ ...options, signatureMethod: 'MD5' as never }, verify)).to.throw(TypeError, /signature method MD5/);
      expect(() => new OAuth1Strategy({ ...options, consumerSecret: '', signatureMethod: 'RSA-SHA1' }, verify)).to.throw(TypeError, /privateKey/);
      expect(() => new OAuth1Strategy({ ...options, store: {} as never }, verify)).to.throw(TypeError, /get\/set\/destroy or save\/take/);
    });

    it('checks timeout and maxResponseSize through core', () => {
      expect(() => new OAuth1Strategy({ ...options, timeout: -1 }, verify)).to.throw(TypeError, /timeout/);
    });
  });

  describe('InternalOAuthError', () => {
    it("is core's class, the one @passport-kit/oauth2 exports too", () => {
      expect(InternalOAuthError).to.equal(CoreInternalOAuthError);
    });

    it('is a PassportKitError with a code, the cause, and no body in its string', () => {
      const cause = Object.assign(new Error('POST https://provider.test/oauth/request_token answered 401'), { statusCode: 401, data: 'secret-ish body' });
      const err = new InternalOAuthError('Failed to obtain request token', cause);
      expect(err).to.be.instanceOf(PassportKitError);
      expect(err).to.include({ name: 'InternalOAuthError', code: 'ERR_INTERNAL_OAUTH', message: 'Failed to obtain request token', oauthError: cause, cause });
      expect(String(err)).to.equal('InternalOAuthError: Failed to obtain request token (status: 401)');
      expect(String(new InternalOAuthError('Failed to obtain access token'))).to.equal('InternalOAuthError: Failed to obtain access token');
    });
  });
});
