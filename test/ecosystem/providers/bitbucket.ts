// Bitbucket Cloud: https://developer.atlassian.com/cloud/bitbucket/oauth-2/
// The token endpoint authenticates the consumer with HTTP Basic; /2.0/user reads `Authorization: Bearer`.
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { PERSON } from './person.js';

export const bitbucket: ProviderDefinition = {
  name: 'Bitbucket',
  authorizationPath: '/site/oauth2/authorize',
  tokenPath: '/site/oauth2/access_token',
  clientAuthentication: ['client_secret_basic'],
  tokenResponse: (_grant, accessToken) => ({ access_token: accessToken, scopes: 'account', expires_in: 7200, refresh_token: 'bb-refresh', token_type: 'bearer' }),
  apis: [
    {
      method: 'GET',
      path: '/2.0/user',
      acceptsToken: [{ header: 'Bearer' }],
      respond: () => ({ uuid: '{a1b2}', account_id: PERSON.id, username: PERSON.username, nickname: PERSON.username, display_name: PERSON.displayName, links: { html: { href: 'https://bitbucket.org/ada/' }, avatar: { href: 'https://bitbucket.org/account/ada/avatar/' } }, type: 'user' }),
    },
  ],
};
