import { HttpClient } from '@passport-kit/core';
import { IdTokenError, remoteKeySet, verifyIdToken, type IdTokenVerificationOptions } from '@passport-kit/oidc';
import { expect } from 'chai';
import { createLocalJWKSet } from 'jose';
import nock from 'nock';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  ISSUER,
  now,
  atHash256,
  claims,
  jwks,
  signIdToken,
  signWithSecret,
  signingKey,
  tamperPayload,
  tamperSignature,
  unsignedIdToken,
  type SigningKey,
} from './support/tokens.js';

const http = new HttpClient({ userAgent: 'oidc-test' });

async function rejection(promise: Promise<unknown>): Promise<IdTokenError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(IdTokenError);
    return err as IdTokenError;
  }
  throw new Error('expected the id_token to be refused');
}

describe('verifyIdToken', () => {
  let key: SigningKey;
  let otherKey: SigningKey;
  let options: IdTokenVerificationOptions;

  before(async () => {
    key = await signingKey('key-1');
    otherKey = await signingKey('key-2');
  });

  beforeEach(() => {
    options = { issuer: ISSUER, clientID: CLIENT_ID, algorithms: ['RS256'], keys: createLocalJWKSet(jwks(key)), nonce: 'nonce-1' };
  });

  describe('accepting', () => {
    it('returns the claims and header of a valid token', async () => {
      const { claims: verified, header } = await verifyIdToken(await signIdToken(key), options);
      expect(verified).to.include({ iss: ISSUER, sub: 'alice', aud: CLIENT_ID, nonce: 'nonce-1' });
      expect(header).to.include({ alg: 'RS256', kid: 'key-1' });
    });

    it('accepts several audiences when azp is this client', async () => {
      const token = await signIdToken(key, claims({ aud: [CLIENT_ID, 'api'], azp: CLIENT_ID }));
      expect((await verifyIdToken(token, options)).claims.azp).to.equal(CLIENT_ID);
    });

    it('accepts a matching at_hash', async () => {
      const token = await signIdToken(key, claims({ at_hash: atHash256('access-1') }));
      await verifyIdToken(token, { ...options, accessToken: 'access-1' });
    });

    it('accepts an expired token within the clock tolerance', async () => {
      const token = await signIdToken(key, claims({ exp: now() - 5, iat: now() - 60 }));
      await verifyIdToken(token, { ...options, clockTolerance: 30 });
    });

    it('accepts an HS256 token keyed by the client secret when HS256 is allowed', async () => {
      const token = await signWithSecret();
      const { header } = await verifyIdToken(token, { ...options, algorithms: ['RS256', 'HS256'], clientSecret: CLIENT_SECRET });
      expect(header.alg).to.equal('HS256');
    });
  });

  describe('refusing', () => {
    const cases: [string, () => Promise<string>, string, Partial<IdTokenVerificationOptions>?][] = [
      ['a tampered signature', async () => tamperSignature(await signIdToken(key)), 'ERR_ID_TOKEN_SIGNATURE'],
      ['a tampered payload', async () => tamperPayload(await signIdToken(key), claims({ sub: 'mallory' })), 'ERR_ID_TOKEN_SIGNATURE'],
      ['a token signed by another key under the same kid', async () => signIdToken({ ...otherKey, kid: 'key-1' }), 'ERR_ID_TOKEN_SIGNATURE'],
      ['an expired token', async () => signIdToken(key, claims({ exp: now() - 60, iat: now() - 120 })), 'ERR_ID_TOKEN_EXPIRED'],
      ['a token without exp', async () => signIdToken(key, claims({ exp: undefined })), 'ERR_ID_TOKEN_CLAIMS'],
      ['a token issued in the future', async () => signIdToken(key, claims({ iat: now() + 600 })), 'ERR_ID_TOKEN_ISSUED_AT'],
      ['a token without iat', async () => signIdToken(key, claims({ iat: undefined })), 'ERR_ID_TOKEN_ISSUED_AT'],
      ['a token for another client', async () => signIdToken(key, claims({ aud: 'someone-else' })), 'ERR_ID_TOKEN_AUDIENCE'],
      ['a token from another issuer', async () => signIdToken(key, claims({ iss: 'http://127.0.0.1:4998/other' })), 'ERR_ID_TOKEN_ISSUER'],
      ['an issuer differing only by a trailing slash', async () => signIdToken(key, claims({ iss: `${ISSUER}/` })), 'ERR_ID_TOKEN_ISSUER'],
      ['several audiences without azp', async () => signIdToken(key, claims({ aud: [CLIENT_ID, 'api'] })), 'ERR_ID_TOKEN_AUTHORIZED_PARTY'],
      ['an azp naming another client', async () => signIdToken(key, claims({ aud: [CLIENT_ID, 'api'], azp: 'api' })), 'ERR_ID_TOKEN_AUTHORIZED_PARTY'],
      ['a wrong nonce', async () => signIdToken(key, claims({ nonce: 'nonce-2' })), 'ERR_ID_TOKEN_NONCE'],
      ['a missing nonce', async () => signIdToken(key, claims({ nonce: undefined })), 'ERR_ID_TOKEN_NONCE'],
      ['a token without sub', async () => signIdToken(key, claims({ sub: undefined })), 'ERR_ID_TOKEN_CLAIMS'],
      ['an at_hash of another access token', async () => signIdToken(key, claims({ at_hash: atHash256('access-2') })), 'ERR_ID_TOKEN_AT_HASH', { accessToken: 'access-1' }],
      ['alg none', async () => unsignedIdToken(), 'ERR_ID_TOKEN_ALGORITHM'],
      ['alg none even when listed', async () => unsignedIdToken(), 'ERR_ID_TOKEN_ALGORITHM', { algorithms: ['none', 'RS256'] }],
      ['HS256 signed with the client secret when only RS256 is allowed', async () => signWithSecret(), 'ERR_ID_TOKEN_ALGORITHM', { clientSecret: CLIENT_SECRET }],
      ['HS256 signed with another secret', async () => signWithSecret(claims(), 'HS256', 'not-the-client-secret-at-all-0123456789'), 'ERR_ID_TOKEN_SIGNATURE', { algorithms: ['HS256'], clientSecret: CLIENT_SECRET }],
      ['an unknown kid', async () => signIdToken(otherKey), 'ERR_ID_TOKEN_KEY'],
      ['something that is not a JWT', async () => 'not.a.jwt', 'ERR_ID_TOKEN_MALFORMED'],
      ['an encrypted (five-part) token', async () => 'a.b.c.d.e', 'ERR_ID_TOKEN_MALFORMED'],
    ];
    for (const [what, token, code, overrides] of cases) {
      it(`refuses ${what} with ${code}`, async () => {
        const err = await rejection(verifyIdToken(await token(), { ...options, ...overrides }));
        expect(err.code).to.equal(code);
      });
    }

    it('never puts the token in the message', async () => {
      const token = tamperSignature(await signIdToken(key));
      const err = await rejection(verifyIdToken(token, options));
      for (const part of token.split('.')) expect(err.message).not.to.include(part);
    });
  });

  describe('with the issuer keys fetched by remoteKeySet', () => {
    const JWKS_PATH = '/jwks';

    function keysOnce(...keys: SigningKey[]) {
      return nock(ISSUER).get(JWKS_PATH).reply(200, jwks(...keys), { 'content-type': 'application/json' });
    }

    it('fetches the JWKS once and serves later tokens from the cache', async () => {
      keysOnce(key);
      const keys = remoteKeySet(`${ISSUER}${JWKS_PATH}`, http);
      await verifyIdToken(await signIdToken(key), { ...options, keys });
      await verifyIdToken(await signIdToken(key), { ...options, keys });
      // A third fetch would find no interceptor and fail; the root hook checks the first was made.
    });

    it('shares one fetch between concurrent verifications', async () => {
      keysOnce(key);
      const keys = remoteKeySet(`${ISSUER}${JWKS_PATH}`, http);
      await Promise.all([1, 2, 3].map(async () => verifyIdToken(await signIdToken(key), { ...options, keys })));
    });

    it('refetches on an unknown kid once the cooldown is over, picking up a rotated key', async () => {
      keysOnce(key);
      const keys = remoteKeySet(`${ISSUER}${JWKS_PATH}`, http, { cooldownDuration: 0 });
      await verifyIdToken(await signIdToken(key), { ...options, keys });
      keysOnce(key, otherKey);
      await verifyIdToken(await signIdToken(otherKey), { ...options, keys });
    });

    it('does not refetch within the cooldown: a flood of unknown kids costs one request', async () => {
      keysOnce(key);
      const keys = remoteKeySet(`${ISSUER}${JWKS_PATH}`, http, { cooldownDuration: 60_000 });
      await verifyIdToken(await signIdToken(key), { ...options, keys });
      const scope = nock(ISSUER).get(JWKS_PATH).reply(200, jwks(key, otherKey));
      for (let i = 0; i < 3; i += 1) {
        expect((await rejection(verifyIdToken(await signIdToken(otherKey), { ...options, keys }))).code).to.equal('ERR_ID_TOKEN_KEY');
      }
      expect(scope.isDone()).to.equal(false);
      nock.cleanAll();
    });

    it('reports a JWKS endpoint that is down as ERR_ID_TOKEN_JWKS', async () => {
      nock(ISSUER).get(JWKS_PATH).reply(503, 'down');
      const err = await rejection(verifyIdToken(await signIdToken(key), { ...options, keys: remoteKeySet(`${ISSUER}${JWKS_PATH}`, http) }));
      expect(err.code).to.equal('ERR_ID_TOKEN_JWKS');
    });

    it('reports an unreachable JWKS endpoint as ERR_ID_TOKEN_JWKS caused by a NetworkError', async () => {
      const keys = remoteKeySet('http://127.0.0.1:1/jwks', http);
      const err = await rejection(verifyIdToken(await signIdToken(key), { ...options, keys }));
      expect(err.code).to.equal('ERR_ID_TOKEN_JWKS');
      expect((err.cause as { code?: string }).code).to.equal('ERR_NETWORK');
    });

    it('reports a body that is not a JWKS as ERR_ID_TOKEN_JWKS', async () => {
      nock(ISSUER).get(JWKS_PATH).reply(200, { keys: 'nope' });
      const err = await rejection(verifyIdToken(await signIdToken(key), { ...options, keys: remoteKeySet(`${ISSUER}${JWKS_PATH}`, http) }));
      expect(err.code).to.equal('ERR_ID_TOKEN_JWKS');
    });
  });
});
