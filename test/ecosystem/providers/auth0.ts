// Auth0: https://auth0.com/docs/api/authentication (POST /oauth/token, GET /userinfo).
// /userinfo takes the token as a Bearer header or the access_token query parameter (OpenID
// Connect Core §5.3.1), which is how passport-auth0 sends it.
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { PERSON } from './person.js';

export const auth0: ProviderDefinition = {
  name: 'Auth0',
  authorizationPath: '/authorize',
  tokenPath: '/oauth/token',
  clientAuthentication: ['client_secret_post', 'client_secret_basic'],
  tokenResponse: (_grant, accessToken) => ({ access_token: accessToken, token_type: 'Bearer', expires_in: 86400 }),
  apis: [
    {
      method: 'GET',
      path: '/userinfo',
      acceptsToken: [{ header: 'Bearer' }, { query: 'access_token' }],
      respond: () => ({ sub: `auth0|${PERSON.id}`, name: PERSON.displayName, given_name: PERSON.givenName, family_name: PERSON.familyName, nickname: PERSON.username, email: PERSON.email, picture: 'https://s.gravatar.com/ada.png' }),
    },
  ],
};
