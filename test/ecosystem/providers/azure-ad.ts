// Azure AD v1 endpoints: https://learn.microsoft.com/en-us/previous-versions/azure/active-directory/azuread-dev/v1-protocols-oauth-code
// The token request carries `resource`; the strategy fetches no profile (apps decode id_token).
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { CLIENT } from '../support/provider-emulator.js';
import { PERSON, unsignedJWT } from './person.js';

export const AZURE_RESOURCE = 'https://graph.windows.net';

export const azureAD: ProviderDefinition = {
  name: 'Azure AD',
  authorizationPath: '/common/oauth2/authorize',
  tokenPath: '/common/oauth2/token',
  clientAuthentication: ['client_secret_post'],
  tokenResponse: (_grant, accessToken) => ({
    access_token: accessToken, token_type: 'Bearer', expires_in: '3599', expires_on: '1700003599', resource: AZURE_RESOURCE, refresh_token: 'aad-refresh', scope: 'user_impersonation',
    id_token: unsignedJWT({ aud: CLIENT.id, iss: 'https://sts.windows.net/tenant/', oid: PERSON.id, upn: PERSON.email, name: PERSON.displayName }),
  }),
  apis: [],
};
