// Dropbox (API v2): https://www.dropbox.com/developers/documentation/http/documentation
// The strategy hard-codes https://api.dropboxapi.com/2/users/get_current_account, an RPC
// endpoint: POST, `Authorization: Bearer` only, and a JSON body of `null`.
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { PERSON } from './person.js';

export const dropbox: ProviderDefinition = {
  name: 'Dropbox',
  authorizationPath: '/oauth2/authorize',
  tokenPath: '/oauth2/token',
  clientAuthentication: ['client_secret_post', 'client_secret_basic'],
  tokenResponse: (_grant, accessToken) => ({ access_token: accessToken, expires_in: 14400, token_type: 'bearer', scope: 'account_info.read', account_id: 'dbid:ada', uid: PERSON.id }),
  apis: [
    {
      method: 'POST',
      path: '/2/users/get_current_account',
      fixedOrigin: 'https://api.dropboxapi.com',
      acceptsToken: [{ header: 'Bearer' }],
      refuse: (request) =>
        request.headers['content-type'] === 'application/json' && request.body === 'null' ? undefined : 'Error in call to API function "users/get_current_account": body must be JSON null',
      respond: () => ({
        account_id: 'dbid:ada',
        name: { given_name: PERSON.givenName, surname: PERSON.familyName, familiar_name: PERSON.givenName, display_name: PERSON.displayName, abbreviated_name: 'AL' },
        email: PERSON.email,
        email_verified: true,
        disabled: false,
      }),
    },
  ],
};
