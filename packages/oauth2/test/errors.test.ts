import { inspect } from 'node:util';
import { expect } from 'chai';
import { NetworkError, PassportKitError, UnexpectedBodyError, UnexpectedStatusError } from '@passport-kit/core';
import { AuthorizationError, InternalOAuthError, TokenError } from '@passport-kit/oauth2';

describe('errors', () => {
  describe('AuthorizationError', () => {
    for (const [code, status] of [
      ['access_denied', 403],
      ['server_error', 502],
      ['temporarily_unavailable', 503],
      ['invalid_scope', 500],
      ['unauthorized_client', 500],
    ] as const) {
      it(`answers ${status} for ${code}`, () => {
        const err = new AuthorizationError('The provider said no', code);

        expect(err.status).to.equal(status);
        expect(err.code).to.equal(code);
      });
    }

    it('defaults to code server_error and status 500 without a code, as passport-oauth2 does', () => {
      const err = new AuthorizationError('Something went wrong');

      expect(err.code).to.equal('server_error');
      expect(err.status).to.equal(500);
    });

    it('answers 500 for an unknown code', () => {
      expect(new AuthorizationError(undefined, 'provider_specific').status).to.equal(500);
    });

    it('keeps an explicit status, the description as message and the error_uri', () => {
      const err = new AuthorizationError('Scope not allowed', 'invalid_scope', 'https://provider.test/docs/errors#scope', 400);

      expect(err.status).to.equal(400);
      expect(err.message).to.equal('Scope not allowed');
      expect(err.uri).to.equal('https://provider.test/docs/errors#scope');
    });

    it('has a message naming the code when the provider gave no description', () => {
      expect(new AuthorizationError(undefined, 'invalid_scope').message).to.equal('Authorization failed: invalid_scope');
      expect(new AuthorizationError(undefined, 'invalid_scope').uri).to.equal(undefined);
    });

    it('is named AuthorizationError and extends PassportKitError', () => {
      const err = new AuthorizationError('m', 'invalid_scope');

      expect(err.name).to.equal('AuthorizationError');
      expect(err).to.be.instanceOf(AuthorizationError);
      expect(err).to.be.instanceOf(PassportKitError);
      expect(err).to.be.instanceOf(Error);
      expect(err).not.to.be.instanceOf(TokenError);
    });
  });

  describe('TokenError', () => {
    it('defaults to code invalid_request and status 500', () => {
      const err = new TokenError(undefined);

      expect(err.code).to.equal('invalid_request');
      expect(err.status).to.equal(500);
      expect(err.uri).to.equal(undefined);
      expect(err.message).to.equal('Token request failed: invalid_request');
    });

    it("carries the provider's code, description and uri", () => {
      const err = new TokenError('The code has expired', 'invalid_grant', 'https://provider.test/errors/invalid_grant');

      expect(err.code).to.equal('invalid_grant');
      expect(err.message).to.equal('The code has expired');
      expect(err.uri).to.equal('https://provider.test/errors/invalid_grant');
      expect(err.status).to.equal(500);
    });

    it('keeps an explicit status', () => {
      expect(new TokenError('m', 'invalid_client', undefined, 401).status).to.equal(401);
    });

    it('is named TokenError and extends PassportKitError', () => {
      const err = new TokenError('m', 'invalid_grant');

      expect(err.name).to.equal('TokenError');
      expect(String(err)).to.equal('TokenError: m');
      expect(err).to.be.instanceOf(TokenError);
      expect(err).to.be.instanceOf(PassportKitError);
      expect(err).not.to.be.instanceOf(AuthorizationError);
      expect(err).not.to.be.instanceOf(InternalOAuthError);
    });
  });

  describe('InternalOAuthError', () => {
    it('has code ERR_INTERNAL_OAUTH and keeps the underlying error as cause and oauthError', () => {
      const cause = new NetworkError('POST http://provider.test/token: request failed (ECONNRESET)', 'ERR_NETWORK');
      const err = new InternalOAuthError('Failed to obtain access token', cause);

      expect(err.code).to.equal('ERR_INTERNAL_OAUTH');
      expect(err.name).to.equal('InternalOAuthError');
      expect(err.cause).to.equal(cause);
      expect(err.oauthError).to.equal(cause);
      expect(err).to.be.instanceOf(PassportKitError);
    });

    it("quotes the message of passport-kit's own cause, so a log line shows what went wrong", () => {
      const timeout = new NetworkError('POST http://provider.test/token: no complete response within 200 ms', 'ERR_TIMEOUT');
      const body = new UnexpectedBodyError('POST http://provider.test/token answered 200 with a body that is neither JSON nor form-encoded');

      expect(new InternalOAuthError('Failed to obtain access token', timeout).message).to.equal(
        'Failed to obtain access token: POST http://provider.test/token: no complete response within 200 ms',
      );
      expect(new InternalOAuthError('Failed to obtain access token', body).message).to.contain('neither JSON nor form-encoded');
    });

    it('names the status of an UnexpectedStatusError and never its body', () => {
      const cause = new UnexpectedStatusError('POST http://provider.test/token answered 502', 502, '<html>client_secret=s3cret</html>');
      const err = new InternalOAuthError('Failed to obtain access token', cause);

      expect(err.message).to.contain('answered 502');
      expect(err.message).not.to.contain('s3cret');
      expect(inspect(err)).not.to.contain('s3cret');
    });

    it("names the status of a node-oauth style {statusCode, data} cause and not its data", () => {
      const err = new InternalOAuthError('Failed to fetch user profile', { statusCode: 401, data: '{"error":"token at-secret revoked"}' });

      expect(err.message).to.equal('Failed to fetch user profile (status 401)');
      expect(err.message).not.to.contain('at-secret');
    });

    it("never quotes a foreign error's message, which may hold a secret", () => {
      const foreign = new Error('connect to https://user:s3cret@proxy.test failed');
      const err = new InternalOAuthError('Failed to obtain access token', foreign);

      expect(err.message).to.equal('Failed to obtain access token');
      expect(String(err)).not.to.contain('s3cret');
      expect(err.cause).to.equal(foreign);
    });

    it('is just its message without a cause', () => {
      const err = new InternalOAuthError('Failed to obtain access token');

      expect(err.message).to.equal('Failed to obtain access token');
      expect(err.oauthError).to.equal(undefined);
    });
  });

  it('lets `switch (err.code)` tell the errors apart', () => {
    const codes = [new AuthorizationError('m', 'server_error'), new TokenError('m', 'invalid_grant'), new InternalOAuthError('m')].map((err) => err.code);

    expect(codes).to.deep.equal(['server_error', 'invalid_grant', 'ERR_INTERNAL_OAUTH']);
  });
});
