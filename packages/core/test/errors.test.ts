import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { expect } from 'chai';
import {
  InternalOAuthError,
  NetworkError,
  PassportKitError,
  UnexpectedBodyError,
  UnexpectedStatusError,
  type PassportKitErrorCode,
} from '@passport-kit/core';
import { requirePrerequisite } from '@passport-kit/test-support/prerequisites';

type ErrorsModule = typeof import('../src/errors.js');

describe('errors', () => {
  describe('PassportKitError', () => {
    it('carries a message, a string code, its class name and the cause', () => {
      const cause = new Error('socket hang up');
      const err = new PassportKitError('token request failed', 'ERR_SOMETHING', { cause });

      expect(err).to.be.instanceOf(Error);
      expect(err.message).to.equal('token request failed');
      expect(err.code).to.equal('ERR_SOMETHING');
      expect(err.name).to.equal('PassportKitError');
      expect(err.cause).to.equal(cause);
      expect(String(err)).to.equal('PassportKitError: token request failed');
    });

    it('has no cause property when none was given, and keeps a falsy one that was', () => {
      expect(new PassportKitError('m', 'ERR_X')).not.to.have.property('cause');
      expect(new PassportKitError('m', 'ERR_X', { cause: undefined })).to.have.property('cause', undefined);
      expect(new PassportKitError('m', 'ERR_X', { cause: 0 }).cause).to.equal(0);
    });

    it('names a subclass after itself and recognises it as a PassportKitError', () => {
      class TokenError extends PassportKitError {}
      const err = new TokenError('invalid_grant', 'invalid_grant');

      expect(err.name).to.equal('TokenError');
      expect(err).to.be.instanceOf(TokenError);
      expect(err).to.be.instanceOf(PassportKitError);
      expect(err).not.to.be.instanceOf(NetworkError);
    });

    it('does not claim plain errors or non-objects', () => {
      expect(new Error('x')).not.to.be.instanceOf(PassportKitError);
      expect({ code: 'ERR_NETWORK', name: 'NetworkError' }).not.to.be.instanceOf(PassportKitError);
      expect(null).not.to.be.instanceOf(PassportKitError);
      expect('NetworkError').not.to.be.instanceOf(NetworkError);
    });
  });

  describe('the four kinds', () => {
    it('NetworkError carries ERR_NETWORK, ERR_TIMEOUT or ERR_RESPONSE_TOO_LARGE', () => {
      const cause = new Error('ECONNRESET');
      const err = new NetworkError('POST https://p/token: request failed (ECONNRESET)', 'ERR_NETWORK', { cause });

      expect(err).to.be.instanceOf(PassportKitError);
      expect(err.name).to.equal('NetworkError');
      expect(err.code).to.equal('ERR_NETWORK');
      expect(err.cause).to.equal(cause);
      expect(new NetworkError('t', 'ERR_TIMEOUT').code).to.equal('ERR_TIMEOUT');
    });

    it('UnexpectedStatusError carries ERR_UNEXPECTED_STATUS, statusCode and the body as data', () => {
      const err = new UnexpectedStatusError('GET https://p/user answered 500', 500, '{"message":"boom"}');

      expect(err).to.be.instanceOf(PassportKitError);
      expect(err.name).to.equal('UnexpectedStatusError');
      expect(err.code).to.equal('ERR_UNEXPECTED_STATUS');
      expect(err.statusCode).to.equal(500);
      expect(err.data).to.equal('{"message":"boom"}');
    });

    it('UnexpectedStatusError keeps the body out of enumeration, JSON and util.inspect', () => {
      const body = '{"access_token":"SECRET-IN-BODY"}';
      const err = new UnexpectedStatusError('POST https://p/token answered 500', 500, body);

      expect(Object.keys(err)).not.to.include('data');
      expect(Object.getOwnPropertyDescriptor(err, 'data')?.enumerable).to.equal(false);
      expect(JSON.stringify(err)).not.to.contain('SECRET');
      expect(inspect(err)).not.to.contain('SECRET');
      expect(inspect(err, { depth: 5 })).to.contain('statusCode: 500');
      expect(inspect({ wrapped: err }, { depth: 5 })).not.to.contain('SECRET');
    });

    it('UnexpectedBodyError carries ERR_UNEXPECTED_BODY', () => {
      const cause = new SyntaxError('Unexpected token <');
      const err = new UnexpectedBodyError('token response is not JSON', { cause });

      expect(err).to.be.instanceOf(PassportKitError);
      expect(err.name).to.equal('UnexpectedBodyError');
      expect(err.code).to.equal('ERR_UNEXPECTED_BODY');
      expect(err.cause).to.equal(cause);
    });

    it('lets a switch on code tell them apart', () => {
      const errors: PassportKitError[] = [
        new NetworkError('n', 'ERR_TIMEOUT'),
        new UnexpectedStatusError('s', 503, ''),
        new UnexpectedBodyError('b'),
      ];
      expect(errors.map((err) => err.code)).to.deep.equal(['ERR_TIMEOUT', 'ERR_UNEXPECTED_STATUS', 'ERR_UNEXPECTED_BODY']);
    });
  });

  describe('PassportKitErrorCode', () => {
    const packagesDir = new URL('../../', import.meta.url);

    function sourceFiles(dir: URL): URL[] {
      return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        if (entry.isDirectory()) return sourceFiles(new URL(`${entry.name}/`, dir));
        return entry.name.endsWith('.ts') ? [new URL(entry.name, dir)] : [];
      });
    }

    it("lists every ERR_ code any package's source raises, so a switch on err.code can cover them all", () => {
      const listed = readFileSync(new URL('../src/errors.ts', import.meta.url), 'utf8');
      const raised = new Set<string>();
      for (const pkg of readdirSync(packagesDir)) {
        // The provider emulator answers as providers do; it raises none of ours.
        if (pkg === 'testing' || !existsSync(new URL(`${pkg}/src/`, packagesDir))) continue;
        for (const file of sourceFiles(new URL(`${pkg}/src/`, packagesDir))) {
          for (const [, code] of readFileSync(file, 'utf8').matchAll(/'(ERR_[A-Z0-9_]+)'/g)) raised.add(code!);
        }
      }
      expect(raised.size).to.be.greaterThan(30);
      const unlisted = [...raised].filter((code) => !listed.includes(`'${code}'`));
      expect(unlisted, 'codes missing from PassportKitErrorCode').to.deep.equal([]);
    });

    it('narrows err.code in a switch (checked by tsc)', () => {
      const explain = (err: PassportKitError): string => {
        switch (err.code) {
          case 'ERR_TIMEOUT': return 'timeout';
          case 'invalid_grant': return 'expired';
          case 'ERR_ID_TOKEN_EXPIRED': return 'id_token expired';
          default: return 'other';
        }
      };
      const code: PassportKitErrorCode = new InternalOAuthError('Failed to obtain access token').code;
      expect(code).to.equal('ERR_INTERNAL_OAUTH');
      expect(explain(new NetworkError('GET https://provider.test/ failed', 'ERR_TIMEOUT'))).to.equal('timeout');
    });
  });

  describe('instanceof across two copies of the package', () => {
    let copy: ErrorsModule;

    before(async () => {
      // A second evaluation of the same source: distinct classes, as with two installed copies.
      const specifier = new URL('../src/errors.ts?second-copy', import.meta.url).href;
      copy = (await import(specifier)) as ErrorsModule;
    });

    it('really is a second copy', () => {
      expect(copy.PassportKitError).not.to.equal(PassportKitError);
      expect(Function.prototype[Symbol.hasInstance].call(PassportKitError, new copy.NetworkError('m', 'ERR_NETWORK'))).to.equal(false);
    });

    it('recognises the other copy’s errors as the same classes', () => {
      const network = new copy.NetworkError('m', 'ERR_TIMEOUT');
      const status = new copy.UnexpectedStatusError('m', 502, 'body');

      expect(network).to.be.instanceOf(NetworkError);
      expect(network).to.be.instanceOf(PassportKitError);
      expect(status).to.be.instanceOf(UnexpectedStatusError);
      expect(new NetworkError('m', 'ERR_NETWORK')).to.be.instanceOf(copy.NetworkError);
      expect(new UnexpectedBodyError('m')).to.be.instanceOf(copy.PassportKitError);
    });

    it('does not confuse one kind with another across copies', () => {
      expect(new copy.NetworkError('m', 'ERR_NETWORK')).not.to.be.instanceOf(UnexpectedStatusError);
      expect(new copy.UnexpectedBodyError('m')).not.to.be.instanceOf(NetworkError);
      expect(new copy.PassportKitError('m', 'ERR_X')).not.to.be.instanceOf(NetworkError);
    });

    it('recognises a subclass defined on top of each copy', () => {
      class TokenErrorA extends PassportKitError {}
      const TokenErrorB = { TokenErrorA: class extends copy.PassportKitError {} }.TokenErrorA;

      expect(new TokenErrorB('m', 'invalid_grant')).to.be.instanceOf(TokenErrorA);
      expect(new TokenErrorA('m', 'invalid_grant')).to.be.instanceOf(TokenErrorB);
      expect(new copy.NetworkError('m', 'ERR_NETWORK')).not.to.be.instanceOf(TokenErrorA);
    });

    const cjsBuild = new URL('../dist/index.cjs', import.meta.url);
    it('recognises errors from the CommonJS build', function () {
      requirePrerequisite(this, existsSync(cjsBuild), { name: 'the CommonJS build', command: 'npm run build' });
      const built = createRequire(import.meta.url)(cjsBuild.pathname) as ErrorsModule;

      expect(new built.NetworkError('m', 'ERR_NETWORK')).to.be.instanceOf(NetworkError);
      expect(new NetworkError('m', 'ERR_NETWORK')).to.be.instanceOf(built.PassportKitError);
      expect(new built.UnexpectedBodyError('m')).not.to.be.instanceOf(UnexpectedStatusError);
    });
  });
});
