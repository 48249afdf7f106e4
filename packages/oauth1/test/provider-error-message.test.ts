import { expect } from 'chai';
import { providerErrorMessage } from '@passport-kit/oauth1';

describe('providerErrorMessage', () => {
  it("reads Twitter's JSON errors[]", () => {
    expect(providerErrorMessage('{"errors":[{"code":32,"message":"Could not authenticate you."}]}')).to.equal('Could not authenticate you.');
  });

  it('reads JSON error and message fields', () => {
    expect(providerErrorMessage('{"error":"invalid_request"}')).to.equal('invalid_request');
    expect(providerErrorMessage('{"error":{"message":"Bad token","code":190}}')).to.equal('Bad token');
  });

  it('reads an XML <error> element', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<hash>\n  <request>/oauth/request_token</request>\n  <error>Desktop applications only support the oauth_callback value &apos;oob&apos;</error>\n</hash>';
    expect(providerErrorMessage(xml)).to.equal("Desktop applications only support the oauth_callback value 'oob'");
  });

  it('reads the Problem Reporting extension', () => {
    expect(providerErrorMessage('oauth_problem=signature_invalid&oauth_problem_advice=Invalid%20signature.')).to.equal('signature_invalid: Invalid signature.');
    expect(providerErrorMessage('oauth_problem=timestamp_refused')).to.equal('timestamp_refused');
  });

  it('reads plain text, and nothing from an empty body or an HTML page', () => {
    expect(providerErrorMessage('Failed to validate oauth signature and token\n')).to.equal('Failed to validate oauth signature and token');
    expect(providerErrorMessage('  ')).to.equal(undefined);
    expect(providerErrorMessage('<!DOCTYPE html><html><body>Oops</body></html>')).to.equal(undefined);
  });

  it('clips long messages to 200 characters', () => {
    expect(providerErrorMessage('x'.repeat(500))).to.have.length(200);
  });
});
