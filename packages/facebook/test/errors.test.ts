import { expect } from 'chai';
import { PassportKitError } from '@passport-kit/core';
import { FacebookAuthorizationError, FacebookGraphAPIError, FacebookTokenError } from '@passport-kit/facebook';
import { AuthorizationError, TokenError } from '@passport-kit/oauth2';
import { readFacebookError } from '../src/errors.js';

describe('errors', () => {
  describe('FacebookAuthorizationError', () => {
    it("keeps Facebook's error_code as a string code, with status 500", () => {
      const err = new FacebookAuthorizationError('App not set up', 1349003);

      expect(err).to.be.instanceOf(AuthorizationError).and.instanceOf(PassportKitError);
      expect(err).to.include({ name: 'FacebookAuthorizationError', message: 'App not set up', code: '1349003', status: 500 });
      expect(err).to.include({ type: undefined, subcode: undefined, traceID: undefined });
    });

    it('says which error_code it was when Facebook sent no message', () => {
      expect(new FacebookAuthorizationError(undefined, '100').message).to.equal('Facebook authorization failed with error_code 100');
    });
  });

  describe('FacebookTokenError', () => {
    it('keeps type, code, subcode and trace id, and is a TokenError', () => {
      const err = new FacebookTokenError('This authorization code has expired.', 'OAuthException', 100, 36007, 'AbCdEf');

      expect(err).to.be.instanceOf(TokenError).and.instanceOf(PassportKitError);
      expect(err).to.include({ name: 'FacebookTokenError', message: 'This authorization code has expired.', type: 'OAuthException', code: '100', subcode: 36007, traceID: 'AbCdEf', status: 500 });
    });

    it('has a passport-kit code when Facebook sent none', () => {
      expect(new FacebookTokenError('Oops').code).to.equal('ERR_FACEBOOK_TOKEN');
    });
  });

  describe('FacebookGraphAPIError', () => {
    it('keeps type, code, subcode and trace id', () => {
      const err = new FacebookGraphAPIError('Error validating access token', 'OAuthException', 190, 463, 'XyZ');

      expect(err).to.be.instanceOf(PassportKitError);
      expect(err).to.include({ name: 'FacebookGraphAPIError', type: 'OAuthException', code: '190', subcode: 463, traceID: 'XyZ', status: 500 });
    });

    it('has a passport-kit code when Facebook sent none', () => {
      expect(new FacebookGraphAPIError(undefined).code).to.equal('ERR_FACEBOOK_GRAPH_API');
    });
  });

  describe('readFacebookError', () => {
    const body = (error: unknown) => JSON.stringify({ error });

    it('reads an object-valued error field by field', () => {
      expect(readFacebookError(body({ message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190, error_subcode: 460, fbtrace_id: 'A1' }))).to.deep.equal({
        message: 'Invalid OAuth access token.',
        type: 'OAuthException',
        code: 190,
        subcode: 460,
        traceID: 'A1',
      });
    });

    it('is undefined for an RFC 6749 error, a non-JSON body or no error', () => {
      expect(readFacebookError('{"error":"invalid_grant"}')).to.equal(undefined);
      expect(readFacebookError('<html>502 Bad Gateway</html>')).to.equal(undefined);
      expect(readFacebookError('{"id":"1"}')).to.equal(undefined);
      expect(readFacebookError('{"error":[1]}')).to.equal(undefined);
    });

    it('drops fields of the wrong type', () => {
      expect(readFacebookError(body({ message: 7, type: null, code: {}, error_subcode: '463', fbtrace_id: 1 }))).to.deep.equal({
        message: undefined,
        type: undefined,
        code: undefined,
        subcode: undefined,
        traceID: undefined,
      });
    });

    it('redacts the given secrets from the message, even past the length cap', () => {
      const token = 'EAAB' + 'x'.repeat(200);
      const message = `${'m'.repeat(400)} Malformed access token ${token}`;

      const read = readFacebookError(body({ message, code: 190 }), [token, undefined]);

      expect(read?.message).not.to.include('EAAB');
      expect(read?.message).to.have.length.at.most(500);
    });
  });
});
