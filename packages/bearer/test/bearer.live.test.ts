// Both bearer strategies against tokens issued by oidc-provider in-process: the JWT access token
// is verified with the provider's real JWKS endpoint, the opaque one by real introspection.
import { expect } from 'chai';
import type passport from 'passport';
import { IntrospectionBearerStrategy, JwtBearerStrategy } from '@passport-kit/bearer';
import { TokenClient } from '@passport-kit/oauth2';
import { TEST_CALLBACK_URL } from '@passport-kit/test-support/oidc-login-app';
import { TEST_API, TEST_GRANT_CLIENTS, startOidcProvider, type OidcProvider } from '@passport-kit/test-support/oidc-provider';
import { tokensByLogin } from '@passport-kit/test-support/token-login';
import { apiApp } from './support/api-app.js';

describe('bearer strategies against oidc-provider (live)', () => {
  let op: OidcProvider;
  let machine: TokenClient;

  before(async () => {
    op = await startOidcProvider({ redirectURIs: [TEST_CALLBACK_URL] });
    machine = new TokenClient({ tokenURL: op.tokenURL, introspectionURL: op.introspectionURL, ...TEST_GRANT_CLIENTS.machine, clientAuthentication: 'client_secret_basic' });
  });

  after(async () => {
    await op.close();
  });

  it('JwtBearerStrategy accepts an RFC 9068 access token issued for the API, verified with the provider JWKS', async () => {
    const { accessToken } = await machine.clientCredentials({ resource: TEST_API.resource, scope: 'todos:read' });
    const api = apiApp(new JwtBearerStrategy({ issuer: op.issuer, audience: TEST_API.resource, jwksURL: op.jwksURL }) as unknown as passport.Strategy);

    const res = await api.get('/todos').set('authorization', `Bearer ${accessToken}`).expect(200);
    expect(res.body.user).to.include({ iss: op.issuer, aud: TEST_API.resource, client_id: TEST_GRANT_CLIENTS.machine.clientID });
    expect(res.body.authInfo).to.deep.equal({ scope: ['todos:read'] });
    await api.get('/todos/admin').set('authorization', `Bearer ${accessToken}`).expect(403);
  });

  it('JwtBearerStrategy refuses the same token for another audience', async () => {
    const { accessToken } = await machine.clientCredentials({ resource: TEST_API.resource, scope: 'todos:read' });
    const api = apiApp(new JwtBearerStrategy({ issuer: op.issuer, audience: 'https://billing.example.test', jwksURL: op.jwksURL }) as unknown as passport.Strategy);

    await api.get('/todos').set('authorization', `Bearer ${accessToken}`).expect(401);
  });

  it('IntrospectionBearerStrategy accepts an opaque access token and refuses it once revoked (cache off)', async () => {
    const user = new TokenClient({ tokenURL: op.tokenURL, revocationURL: op.revocationURL, ...op.clients.secretBasic, clientAuthentication: 'client_secret_basic' });
    const { accessToken, refreshToken } = await tokensByLogin(op, user, op.clients.secretBasic.clientID, { account: 'bob' });
    const api = apiApp(new IntrospectionBearerStrategy({ client: machine, cache: false }) as unknown as passport.Strategy);

    const res = await api.get('/todos').set('authorization', `Bearer ${accessToken}`).expect(200);
    expect(res.body.user).to.include({ active: true, sub: 'bob' });
    // A refresh token introspects as active, but it is not an access token.
    await api.get('/todos').set('authorization', `Bearer ${refreshToken ?? ''}`).expect(401);

    await user.revoke(accessToken, { tokenTypeHint: 'access_token' });
    await api.get('/todos').set('authorization', `Bearer ${accessToken}`).expect(401);
  });
});
