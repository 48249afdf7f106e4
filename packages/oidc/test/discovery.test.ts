import { NetworkError, UnexpectedBodyError, UnexpectedStatusError } from '@passport-kit/core';
import { DiscoveryError, discover, readIssuerMetadata } from '@passport-kit/oidc';
import { wellKnownURLs } from '../src/discovery.js';
import { expect } from 'chai';
import nock from 'nock';

const ORIGIN = 'http://127.0.0.1:4997';

function metadata(issuer: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    userinfo_endpoint: `${issuer}/me`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected discovery to fail');
}

describe('discover', () => {
  it('fetches <issuer>/.well-known/openid-configuration and returns the checked metadata', async () => {
    const scope = nock(ORIGIN).get('/.well-known/openid-configuration').matchHeader('accept', 'application/json').reply(200, metadata(ORIGIN));
    const result = await discover(ORIGIN);
    expect(result).to.deep.include({ issuer: ORIGIN, token_endpoint: `${ORIGIN}/token`, jwks_uri: `${ORIGIN}/jwks` });
    scope.done();
  });

  it('appends the well-known path to an issuer with a path (OIDC Discovery §4)', async () => {
    nock(ORIGIN).get('/tenant-1/.well-known/openid-configuration').reply(200, metadata(`${ORIGIN}/tenant-1`));
    expect((await discover(`${ORIGIN}/tenant-1`)).issuer).to.equal(`${ORIGIN}/tenant-1`);
  });

  it('falls back to RFC 8414 oauth-authorization-server metadata, inserted before the path', async () => {
    nock(ORIGIN).get('/tenant-1/.well-known/openid-configuration').reply(404);
    const issuer = `${ORIGIN}/tenant-1`;
    nock(ORIGIN)
      .get('/.well-known/oauth-authorization-server/tenant-1')
      .reply(200, metadata(issuer, { jwks_uri: undefined, id_token_signing_alg_values_supported: undefined, subject_types_supported: undefined }));
    const result = await discover(issuer);
    expect(result.authorization_endpoint).to.equal(`${issuer}/auth`);
    expect(result.jwks_uri).to.equal(undefined);
  });

  it('fails with ERR_DISCOVERY_NOT_FOUND when neither document exists', async () => {
    nock(ORIGIN).get('/.well-known/openid-configuration').reply(404).get('/.well-known/oauth-authorization-server').reply(404);
    const err = await rejection(discover(ORIGIN));
    expect(err).to.be.instanceOf(DiscoveryError);
    expect(err.code).to.equal('ERR_DISCOVERY_NOT_FOUND');
  });

  it('refuses metadata naming another issuer (OIDC Discovery §4.3)', async () => {
    nock(ORIGIN).get('/.well-known/openid-configuration').reply(200, metadata('https://evil.example'));
    const err = await rejection(discover(ORIGIN));
    expect(err).to.be.instanceOf(DiscoveryError);
    expect(err.code).to.equal('ERR_DISCOVERY_ISSUER_MISMATCH');
  });

  it('compares the issuer exactly: a trailing slash is another issuer', async () => {
    nock(ORIGIN).get('/.well-known/openid-configuration').reply(200, metadata(`${ORIGIN}/`));
    expect((await rejection(discover(ORIGIN))).code).to.equal('ERR_DISCOVERY_ISSUER_MISMATCH');
  });

  it('reports a server error as UnexpectedStatusError without trying the fallback', async () => {
    nock(ORIGIN).get('/.well-known/openid-configuration').reply(500, 'boom');
    const err = await rejection(discover(ORIGIN));
    expect(err).to.be.instanceOf(UnexpectedStatusError);
    expect((err as UnexpectedStatusError).statusCode).to.equal(500);
  });

  it('reports a body that is not JSON as UnexpectedBodyError', async () => {
    nock(ORIGIN).get('/.well-known/openid-configuration').reply(200, '<html>');
    expect(await rejection(discover(ORIGIN))).to.be.instanceOf(UnexpectedBodyError);
  });

  it('reports an unreachable issuer as NetworkError', async () => {
    expect(await rejection(discover('http://127.0.0.1:1'))).to.be.instanceOf(NetworkError);
  });

  it('refuses an issuer URL with a query or fragment', async () => {
    expect(await rejection(discover('https://issuer.example/?tenant=1'))).to.be.instanceOf(TypeError);
    expect(() => wellKnownURLs('not a url')).to.throw(TypeError);
  });
});

describe('readIssuerMetadata', () => {
  const issuer = 'https://issuer.example';
  const cases: [string, Record<string, unknown>][] = [
    ['a missing authorization_endpoint', { authorization_endpoint: undefined }],
    ['a missing token_endpoint', { token_endpoint: undefined }],
    ['a relative jwks_uri', { jwks_uri: '/jwks' }],
    ['a non-http userinfo_endpoint', { userinfo_endpoint: 'javascript:alert(1)' }],
    ['a missing response_types_supported', { response_types_supported: undefined }],
    ['id_token_signing_alg_values_supported that is a string', { id_token_signing_alg_values_supported: 'RS256' }],
    ['scopes_supported holding a number', { scopes_supported: ['openid', 1] }],
    ['a non-boolean authorization_response_iss_parameter_supported', { authorization_response_iss_parameter_supported: 'yes' }],
  ];
  for (const [what, overrides] of cases) {
    it(`refuses ${what} with ERR_DISCOVERY_INVALID_METADATA`, () => {
      const document = JSON.parse(JSON.stringify(metadata(issuer, overrides))) as unknown;
      expect(() => readIssuerMetadata(document, issuer)).to.throw(DiscoveryError).with.property('code', 'ERR_DISCOVERY_INVALID_METADATA');
    });
  }

  it('refuses a document that is not an object, or has no issuer', () => {
    expect(() => readIssuerMetadata([], issuer)).to.throw(DiscoveryError);
    expect(() => readIssuerMetadata({ authorization_endpoint: `${issuer}/auth` }, issuer)).to.throw(DiscoveryError, /issuer is missing/);
  });

  it('keeps fields it does not check', () => {
    expect(readIssuerMetadata(metadata(issuer, { frontchannel_logout_supported: true }), issuer)['frontchannel_logout_supported']).to.equal(true);
  });
});
