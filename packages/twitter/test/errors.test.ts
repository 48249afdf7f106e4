import { expect } from 'chai';
import { PassportKitError } from '@passport-kit/core';
import { APIError } from '@passport-kit/twitter';
import { readTwitterError, readXError } from '../src/lib/error-bodies.js';
import { COULD_NOT_AUTHENTICATE, INVALID_TOKEN, X_INVALID_REQUEST, X_UNAUTHORIZED, X_USAGE_CAPPED, XML_ERROR, XML_ERRORS_WITH_CODE } from './support/payloads.js';

describe('APIError', () => {
  it("carries Twitter's code as a number, the provider's status and passport-twitter's status 500", () => {
    const err = new APIError('Invalid or expired token.', 89, 401);
    expect(err).to.be.instanceOf(PassportKitError);
    expect(err).to.include({ name: 'APIError', code: 89, message: 'Invalid or expired token.', status: 500, statusCode: 401 });
  });

  it("built from Twitter's error body, has code 89 as a number", () => {
    const said = readTwitterError(INVALID_TOKEN)!;

    const err = new APIError(said.message, said.code, 401);

    expect(err.code).to.equal(89).and.be.a('number');
  });

  it("keeps an X problem's string code", () => {
    expect(new APIError('Unauthorized', 'unauthorized', 401).code).to.equal('unauthorized');
  });

  it('is recognised by instanceof when another copy of the package made it, code and all', async () => {
    // A second evaluation of the same source: a distinct class, as with two installed copies.
    const copy = (await import(new URL('../src/errors.ts?second-copy', import.meta.url).href)) as typeof import('../src/errors.js');
    const err = new copy.APIError('Invalid or expired token.', 89, 401);

    expect(copy.APIError).not.to.equal(APIError);
    expect(err).to.be.instanceOf(APIError).and.instanceOf(PassportKitError);
    expect(err.code).to.equal(89);
  });

  it('uses ERR_TWITTER_API when the body had no code', () => {
    expect(new APIError(undefined).code).to.equal('ERR_TWITTER_API');
    expect(new APIError(undefined).message).to.equal('Twitter API call failed with code ERR_TWITTER_API');
  });
});

describe("reading Twitter's error bodies", () => {
  it('reads the JSON errors list', () => {
    expect(readTwitterError(INVALID_TOKEN)).to.deep.equal({ message: 'Invalid or expired token.', code: 89 });
    expect(readTwitterError(COULD_NOT_AUTHENTICATE)).to.deep.equal({ message: 'Could not authenticate you.', code: 32 });
  });

  it('reads the older {"error": "..."} form', () => {
    expect(readTwitterError('{"error":"Not authorized.","request":"/1.1/account/verify_credentials.json"}')).to.deep.equal({ message: 'Not authorized.', code: undefined });
  });

  it('reads both XML forms, with a code when there is one', () => {
    expect(readTwitterError(XML_ERROR)).to.deep.equal({ message: "Desktop applications only support the oauth_callback value 'oob'", code: undefined });
    expect(readTwitterError(XML_ERRORS_WITH_CODE)).to.deep.equal({ message: 'Could not authenticate you.', code: 32 });
  });

  it('is undefined for bodies that are none of them', () => {
    for (const body of ['', 'Internal Server Error', '{"ok":true}', '{"errors":[]}', '<html><body>oops</body></html>', '{broken']) {
      expect(readTwitterError(body), body).to.equal(undefined);
    }
  });

  it('removes the secrets it is given from the message and clips it', () => {
    const said = readTwitterError(`{"errors":[{"code":89,"message":"token abcd-1234 is revoked ${'x'.repeat(300)}"}]}`, ['abcd-1234']);
    expect(said!.message).to.match(/^token \[redacted\] is revoked x+…$/);
    expect(said!.message).to.have.length(200);
  });
});

describe("reading X's error bodies", () => {
  it('reads a problem: the detail as message, a slug of the title as code', () => {
    expect(readXError(X_UNAUTHORIZED)).to.deep.equal({ message: 'Unauthorized', code: 'unauthorized', type: 'about:blank' });
  });

  it("prefers the first error's message and takes the code from the problem type", () => {
    expect(readXError(X_INVALID_REQUEST)).to.deep.equal({
      message: 'The `user.fields` query parameter value [nope] is not one of [id,name,username]',
      code: 'invalid-request',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    });
    expect(readXError(X_USAGE_CAPPED)!.code).to.equal('usage-capped');
  });

  it('is undefined for bodies that are not problems', () => {
    for (const body of ['', 'Bad Gateway', '{"data":{}}', '[]']) expect(readXError(body), body).to.equal(undefined);
  });
});
