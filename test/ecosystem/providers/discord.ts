// Discord: https://discord.com/developers/docs/topics/oauth2
// The strategy hard-codes https://discord.com/api/users/@me; it reads `Authorization: Bearer`.
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { PERSON } from './person.js';

export const discord: ProviderDefinition = {
  name: 'Discord',
  authorizationPath: '/api/oauth2/authorize',
  tokenPath: '/api/oauth2/token',
  clientAuthentication: ['client_secret_post', 'client_secret_basic'],
  tokenResponse: (grant, accessToken) => ({ access_token: accessToken, token_type: 'Bearer', expires_in: 604800, refresh_token: 'discord-refresh', scope: grant.scope }),
  apis: [
    {
      method: 'GET',
      path: '/api/users/@me',
      fixedOrigin: 'https://discord.com',
      acceptsToken: [{ header: 'Bearer' }],
      respond: () => ({ id: PERSON.id, username: PERSON.username, discriminator: '0', global_name: PERSON.displayName, avatar: null, email: PERSON.email, verified: true }),
    },
  ],
};
