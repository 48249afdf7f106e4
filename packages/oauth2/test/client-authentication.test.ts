import { expect } from 'chai';
import type { ClientAuthenticationMethod } from '@passport-kit/oauth2';
import { authenticateClient } from '../src/client-authentication.js';

function authenticate(method: ClientAuthenticationMethod, clientID: string, clientSecret?: string) {
  const headers: Record<string, string> = {};
  const params: Record<string, string> = { grant_type: 'authorization_code' };
  authenticateClient(method, clientSecret === undefined ? { clientID } : { clientID, clientSecret }, headers, params);
  return { headers, params };
}

function basicCredentials(header: string | undefined): string {
  expect(header).to.match(/^Basic [A-Za-z0-9+/]+=*$/);
  return Buffer.from((header as string).slice('Basic '.length), 'base64').toString('utf8');
}

describe('client authentication (RFC 6749 §2.3)', () => {
  describe('client_secret_post', () => {
    it('puts client_id and client_secret in the form body, and no Authorization header', () => {
      const { headers, params } = authenticate('client_secret_post', 'client-1', 's3cret');

      expect(params).to.deep.equal({ grant_type: 'authorization_code', client_id: 'client-1', client_secret: 's3cret' });
      expect(headers).to.deep.equal({});
    });
  });

  describe('client_secret_basic', () => {
    it('sends HTTP Basic credentials and nothing in the body', () => {
      const { headers, params } = authenticate('client_secret_basic', 'client-1', 's3cret');

      expect(basicCredentials(headers['authorization'])).to.equal('client-1:s3cret');
      expect(params).to.deep.equal({ grant_type: 'authorization_code' });
    });

    it("form-encodes the id and secret before Base64 (§2.3.1), so ':' '%' '+' and ' ' survive", () => {
      const { headers } = authenticate('client_secret_basic', 'app:id 1', 'a:b%c+d e/f~');

      expect(basicCredentials(headers['authorization'])).to.equal('app%3Aid+1:a%3Ab%25c%2Bd+e%2Ff%7E');
    });

    it('decodes back to the original id and secret the way a server does', () => {
      const { headers } = authenticate('client_secret_basic', 'client:1', 'p@ss:w%rd+ é');
      const [user, password] = basicCredentials(headers['authorization']).split(':') as [string, string];
      const decode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));

      expect(decode(user)).to.equal('client:1');
      expect(decode(password)).to.equal('p@ss:w%rd+ é');
    });

    it('has exactly one unencoded colon, between id and secret', () => {
      const { headers } = authenticate('client_secret_basic', 'a:b', 'c:d');

      expect(basicCredentials(headers['authorization']).split(':')).to.have.length(2);
    });
  });

  describe('none (a public client)', () => {
    it('sends only client_id, no secret and no Authorization header', () => {
      const { headers, params } = authenticate('none', 'public-client', 'ignored');

      expect(params).to.deep.equal({ grant_type: 'authorization_code', client_id: 'public-client' });
      expect(headers).to.deep.equal({});
    });
  });
});
