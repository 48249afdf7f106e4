import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import {
  authorizationHeader,
  baseStringURI,
  computeSignature,
  normalizeParameters,
  percentEncode,
  signRequest,
  signatureBaseString,
  verifySignature,
} from '@passport-kit/oauth1';

describe('RFC 5849 signing', () => {
  describe('percent-encoding (RFC 3986)', () => {
    it('leaves unreserved characters and encodes everything else with uppercase hex', () => {
      expect(percentEncode('AZaz09-._~')).to.equal('AZaz09-._~');
      expect(percentEncode("!*'() +=&/")).to.equal('%21%2A%27%28%29%20%2B%3D%26%2F');
      expect(percentEncode('é☃')).to.equal('%C3%A9%E2%98%83');
    });
  });

  describe('RFC 5849 §1.2 example', () => {
    const client = { consumerKey: 'dpf43f3p2l4k3l03', consumerSecret: 'kd94hf93k423kf44' };

    it('signs the temporary-credentials request', () => {
      const { signature } = signRequest({
        ...client,
        method: 'POST',
        url: 'https://photos.example.net/initiate',
        parameters: { oauth_callback: 'http://printer.example.com/ready' },
        signatureMethod: 'HMAC-SHA1',
        timestamp: 137131200,
        nonce: 'wIjqoS',
      });
      expect(signature).to.equal('74KNZJeDHnMBp0EMJ9ZHt/XKycU=');
    });

    it('signs the token request', () => {
      const { signature } = signRequest({
        ...client,
        method: 'POST',
        url: 'https://photos.example.net/token',
        token: 'hh5s93j4hdidpola',
        tokenSecret: 'hdhd0244k9j7ao03',
        parameters: [['oauth_verifier', 'hfdp7dh39dks9884']],
        signatureMethod: 'HMAC-SHA1',
        timestamp: 137131201,
        nonce: 'walatlh',
      });
      expect(signature).to.equal('gKgrFCywp7rO0OXSjdot/IHF7IU=');
    });

    it('signs the protected-resource request, query parameters included', () => {
      const { signature } = signRequest({
        ...client,
        method: 'GET',
        url: 'http://photos.example.net/photos?file=vacation.jpg&size=original',
        token: 'nnch734d00sl2jdk',
        tokenSecret: 'pfkkdhi9sl3r4s00',
        signatureMethod: 'HMAC-SHA1',
        timestamp: 137131202,
        nonce: 'chapoH',
      });
      expect(signature).to.equal('MdpQcU8iPSUjWoN/UDMsK2sui9I=');
    });
  });

  describe('RFC 5849 §3.4.1 example (with the verified erratum)', () => {
    // Query b5=%3D%253D&a3=a&c%40=&a2=r%20b, body c2&a3=2+q: `+` is a space in a form body,
    // `c2` has an empty value, and the two a3 parameters are both kept.
    const url = 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b';
    const body = [['c2', ''], ['a3', '2 q']] as const;
    const input = {
      method: 'POST',
      url,
      parameters: body,
      consumerKey: '9djdj82h48djs9d2',
      consumerSecret: 'j49sk3j29djd',
      token: 'kkk9d7dh3k39sjv7',
      tokenSecret: 'dh893hdasih9',
      signatureMethod: 'HMAC-SHA1',
      timestamp: '137131201',
      nonce: '7d8f3e4a',
    } as const;

    it('normalizes the parameters as §3.4.1.3.2 prints them', () => {
      const { baseString } = signRequest(input);
      expect(baseString).to.equal(
        'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
      );
    });

    it('produces the erratum signature r6/TJjbCOr97/+UU0NsvSne7s5g=', () => {
      expect(signRequest(input).signature).to.equal('r6/TJjbCOr97/+UU0NsvSne7s5g=');
    });

    it('sorts by encoded name, then encoded value, keeping duplicates', () => {
      expect(normalizeParameters([['a', '2'], ['a', '1'], ['a b', 'x'], ['a+', 'y']])).to.equal('a=1&a=2&a%20b=x&a%2B=y');
    });
  });

  describe('RFC 5849 §3.4.1.2 base string URI', () => {
    it('lowercases scheme and host and drops the default port and query', () => {
      expect(baseStringURI('HTTP://EXAMPLE.COM:80/r%20v/X?id=123')).to.equal('http://example.com/r%20v/X');
      expect(baseStringURI('https://www.example.net:8080/?q=1')).to.equal('https://www.example.net:8080/');
      expect(baseStringURI('https://Example.com:443/a')).to.equal('https://example.com/a');
    });
  });

  describe("Twitter's “Creating a signature” example", () => {
    it('produces hCtSmYh+iHYCEqBWrE7C7hYmtUk=', () => {
      const { signature, oauthParameters } = signRequest({
        method: 'post',
        url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
        parameters: { status: 'Hello Ladies + Gentlemen, a signed OAuth request!' },
        consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
        consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
        token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
        tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
        signatureMethod: 'HMAC-SHA1',
        timestamp: 1318622958,
        nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
        version: '1.0',
      });
      expect(signature).to.equal('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
      // The body parameter is signed but is not a protocol parameter.
      expect(oauthParameters.map(([name]) => name)).to.not.include('status');
      expect(authorizationHeader(oauthParameters)).to.include('oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"');
    });
  });

  describe('other signature methods', () => {
    const base = signatureBaseString('GET', 'http://example.com/r?a=1', [['oauth_nonce', 'n']]);

    it('PLAINTEXT is the encoded secrets joined by &', () => {
      expect(computeSignature('PLAINTEXT', base, { consumerSecret: 'c&s', tokenSecret: 't s' })).to.equal('c%26s&t%20s');
      expect(computeSignature('PLAINTEXT', base, { consumerSecret: '' })).to.equal('&');
    });

    it('HMAC-SHA256 differs from HMAC-SHA1 and verifies', () => {
      const key = { consumerSecret: 'c', tokenSecret: 't' };
      const sha256 = computeSignature('HMAC-SHA256', base, key);
      expect(Buffer.from(sha256, 'base64')).to.have.length(32);
      expect(verifySignature('HMAC-SHA256', base, sha256, key)).to.equal(true);
      expect(verifySignature('HMAC-SHA256', base, sha256, { consumerSecret: 'c', tokenSecret: 'x' })).to.equal(false);
    });

    it('RSA-SHA1 signs with the private key and verifies with the public key', () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const signature = computeSignature('RSA-SHA1', base, { consumerSecret: '', privateKey });
      expect(verifySignature('RSA-SHA1', base, signature, { consumerSecret: '', publicKey })).to.equal(true);
      expect(verifySignature('RSA-SHA1', `${base}x`, signature, { consumerSecret: '', publicKey })).to.equal(false);
      expect(() => computeSignature('RSA-SHA1', base, { consumerSecret: '' })).to.throw(TypeError, /private key/);
    });
  });
});
