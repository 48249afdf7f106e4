// Twitch: https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/ and
// https://dev.twitch.tv/docs/api/reference/#get-users. The strategy hard-codes every URL.
// Helix wants `Authorization: Bearer` and the app's `Client-Id` header.
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { CLIENT } from '../support/provider-emulator.js';
import { PERSON } from './person.js';

export const twitch: ProviderDefinition = {
  name: 'Twitch',
  fixedOrigin: 'https://id.twitch.tv',
  authorizationPath: '/oauth2/authorize',
  tokenPath: '/oauth2/token',
  clientAuthentication: ['client_secret_post'],
  tokenResponse: (grant, accessToken) => ({ access_token: accessToken, expires_in: 14124, refresh_token: 'twitch-refresh', scope: (grant.scope ?? '').split(' '), token_type: 'bearer' }),
  apis: [
    {
      method: 'GET',
      path: '/helix/users',
      fixedOrigin: 'https://api.twitch.tv',
      acceptsToken: [{ header: 'Bearer' }],
      refuse: (request) => (request.headers['client-id'] === CLIENT.id ? undefined : 'Client-Id header required'),
      respond: () => ({
        data: [{ id: PERSON.id, login: PERSON.username, display_name: PERSON.displayName, type: '', broadcaster_type: '', description: '', email: PERSON.email, created_at: '2016-12-14T20:32:28Z' }],
      }),
    },
  ],
};
