// Google: https://developers.google.com/identity/protocols/oauth2/web-server
// The token endpoint takes the client secret in the body; userinfo (OpenID Connect) takes the
// token as a Bearer header or the access_token query parameter.
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { PERSON } from './person.js';

export const google: ProviderDefinition = {
  name: 'Google',
  authorizationPath: '/o/oauth2/v2/auth',
  tokenPath: '/token',
  clientAuthentication: ['client_secret_post', 'client_secret_basic'],
  tokenResponse: (grant, accessToken) => ({ access_token: accessToken, expires_in: 3599, scope: grant.scope, token_type: 'Bearer', id_token: 'eyJ.google.id-token' }),
  apis: [
    {
      method: 'GET',
      path: '/v1/userinfo',
      acceptsToken: [{ header: 'Bearer' }, { query: 'access_token' }],
      respond: () => ({
        sub: PERSON.id,
        name: PERSON.displayName,
        given_name: PERSON.givenName,
        family_name: PERSON.familyName,
        picture: 'https://lh3.googleusercontent.com/a/ada',
        email: PERSON.email,
        email_verified: true,
        locale: 'en',
      }),
    },
  ],
};
