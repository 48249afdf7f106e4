import { expect } from 'chai';
import { redact } from '@passport-kit/core';

describe('redact', () => {
  const secret = "s3cret value/with+odd'chars\"!";

  it('removes a secret raw, percent-encoded (both ways), form-encoded and JSON-escaped', () => {
    const forms = [
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
      encodeURIComponent(secret).replace(/%20/g, '+'),
      JSON.stringify(secret).slice(1, -1),
    ];
    for (const form of forms) expect(redact(`error: ${form} was refused`, [secret])).to.equal('error: [redacted] was refused');
  });

  it('leaves short, empty and missing secrets alone, so ordinary words survive', () => {
    expect(redact('the code abc is yes', ['abc', '', undefined, null, 'yes'])).to.equal('the code abc is yes');
  });

  it('removes every occurrence of every secret', () => {
    expect(redact('token-1 token-2 token-1', ['token-1', 'token-2'])).to.equal('[redacted] [redacted] [redacted]');
  });
});
