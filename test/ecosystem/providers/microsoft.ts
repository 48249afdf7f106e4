// Microsoft identity platform v2.0 and Microsoft Graph:
// https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow
// Graph reads the token only from `Authorization: Bearer`.
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { PERSON } from './person.js';

export const microsoft: ProviderDefinition = {
  name: 'Microsoft',
  authorizationPath: '/common/oauth2/v2.0/authorize',
  tokenPath: '/common/oauth2/v2.0/token',
  clientAuthentication: ['client_secret_post', 'client_secret_basic'],
  tokenResponse: (grant, accessToken) => ({
    token_type: 'Bearer', scope: grant.scope, expires_in: 3599, ext_expires_in: 3599, access_token: accessToken, refresh_token: 'ms-refresh-token',
  }),
  apis: [
    {
      method: 'GET',
      path: '/v1.0/me/',
      acceptsToken: [{ header: 'Bearer' }],
      respond: () => ({
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
        id: PERSON.id,
        displayName: PERSON.displayName,
        givenName: PERSON.givenName,
        surname: PERSON.familyName,
        mail: PERSON.email,
        userPrincipalName: 'ada@contoso.onmicrosoft.com',
      }),
    },
  ],
};
