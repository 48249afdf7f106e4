import { expect } from 'chai';
import { PassportKitError } from '@passport-kit/core';
import { FacebookAuthorizationError, FacebookGraphAPIError, FacebookTokenError } from '@passport-kit/facebook';
import { AuthorizationError, TokenError } from '@passport-kit/oauth2';
import { readFacebookError } from '../src/errors.js';
import { loadRecording } from '@passport-kit/test-support/recordings';

/** The Graph error body `/me` answered with in a recorded login whose token had expired. */
function recordedGraphError(): string {
  return JSON.stringify(loadRecording('facebook/expired-token').definitions[1]!.response);
}

describe('errors', () => {
  describe('FacebookAuthorizationError', () => {
    it("keeps Facebook's error_code as a number, with status 500", () => {
      const err = new FacebookAuthorizationError('App not set up', 1349003);

      expect(err).to.be.instanceOf(AuthorizationError).and.instanceOf(PassportKitError);
      expect(err).to.include({ name: 'FacebookAuthorizationError', message: 'App not set up', code: 1349003, status: 500 });
      expect(err).to.include({ type: undefined, subcode: undefined, traceID: undefined });
    });

    it('reads the error_code of the callback query as a number, as passport-facebook did', () => {
      const query = new URLSearchParams(loadRecording('facebook/authorization-error').context['callbackQuery']);

      const err = new FacebookAuthorizationError(query.get('error_message')!, query.get('error_code')!);

      expect(err.code).to.equal(1349003);
    });

    it('has a passport-kit code when error_code is not a number', () => {
      expect(new FacebookAuthorizationError('Oops', 'abc').code).to.equal('ERR_FACEBOOK_AUTHORIZATION');
    });

    it('says which error_code it was when Facebook sent no message', () => {
      expect(new FacebookAuthorizationError(undefined, '100').message).to.equal('Facebook authorization failed with error_code 100');
    });
  });

  describe('FacebookTokenError', () => {
    it('keeps type, code, subcode and trace id, and is a TokenError', () => {
      const err = new FacebookTokenError('This authorization code has expired.', 'OAuthException', 100, 36007, 'AbCdEf');

      expect(err).to.be.instanceOf(TokenError).and.instanceOf(PassportKitError);
      expect(err).to.include({ name: 'FacebookTokenError', message: 'This authorization code has expired.', type: 'OAuthException', code: 100, subcode: 36007, traceID: 'AbCdEf', status: 500 });
    });

    it('built from a recorded Graph error body, has the numeric code and subcode', () => {
      const read = readFacebookError(recordedGraphError())!;

      const err = new FacebookTokenError(read.message, read.type, read.code, read.subcode, read.traceID);

      expect(err.code).to.equal(190).and.be.a('number');
      expect(err.subcode).to.equal(463).and.be.a('number');
    });

    it('has a passport-kit code when Facebook sent none', () => {
      expect(new FacebookTokenError('Oops').code).to.equal('ERR_FACEBOOK_TOKEN');
    });
  });

  describe('FacebookGraphAPIError', () => {
    it('keeps type, code, subcode and trace id', () => {
      const err = new FacebookGraphAPIError('Error validating access token', 'OAuthException', 190, 463, 'XyZ');

      expect(err).to.be.instanceOf(PassportKitError);
      expect(err).to.include({ name: 'FacebookGraphAPIError', type: 'OAuthException', code: 190, subcode: 463, traceID: 'XyZ', status: 500 });
    });

    it('built from a recorded Graph error body, has the numeric code and subcode', () => {
      const read = readFacebookError(recordedGraphError())!;

      const err = new FacebookGraphAPIError(read.message, read.type, read.code, read.subcode, read.traceID);

      expect(err.code).to.equal(190).and.be.a('number');
      expect(err.subcode).to.equal(463).and.be.a('number');
    });

    it('is recognised by instanceof when another copy of the package made it, code and all', async () => {
      // A second evaluation of the same source: distinct classes, as with two installed copies.
      const copy = (await import(new URL('../src/errors.ts?second-copy', import.meta.url).href)) as typeof import('../src/errors.js');
      const err = new copy.FacebookGraphAPIError('Error validating access token', 'OAuthException', 190, 463);

      expect(copy.FacebookGraphAPIError).not.to.equal(FacebookGraphAPIError);
      expect(err).to.be.instanceOf(FacebookGraphAPIError).and.instanceOf(PassportKitError);
      expect(new copy.FacebookTokenError('m', 'OAuthException', 190)).to.be.instanceOf(FacebookTokenError).and.instanceOf(TokenError);
      expect(err.code).to.equal(190);
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
