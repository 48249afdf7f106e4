// Spotify: https://developer.spotify.com/documentation/web-api/tutorials/code-flow
// The Web API reads the token only from `Authorization: Bearer`.
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { PERSON } from './person.js';

export const spotify: ProviderDefinition = {
  name: 'Spotify',
  authorizationPath: '/authorize',
  tokenPath: '/api/token',
  clientAuthentication: ['client_secret_basic', 'client_secret_post'],
  tokenResponse: (grant, accessToken) => ({ access_token: accessToken, token_type: 'Bearer', scope: grant.scope, expires_in: 3600, refresh_token: 'spotify-refresh' }),
  apis: [
    {
      method: 'GET',
      path: '/v1/me',
      acceptsToken: [{ header: 'Bearer' }],
      respond: () => ({
        id: PERSON.username, display_name: PERSON.displayName, email: PERSON.email, country: 'GB', product: 'premium',
        external_urls: { spotify: 'https://open.spotify.com/user/ada' }, followers: { href: null, total: 7 }, images: [],
      }),
    },
  ],
};
