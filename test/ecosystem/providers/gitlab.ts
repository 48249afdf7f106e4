// GitLab: https://docs.gitlab.com/api/oauth2/ and https://docs.gitlab.com/api/users/
// GET /api/v4/user takes `Authorization: Bearer` or the access_token query parameter.
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { PERSON } from './person.js';

export const gitlab: ProviderDefinition = {
  name: 'GitLab',
  authorizationPath: '/oauth/authorize',
  tokenPath: '/oauth/token',
  clientAuthentication: ['client_secret_post', 'client_secret_basic'],
  tokenResponse: (grant, accessToken) => ({ access_token: accessToken, token_type: 'Bearer', expires_in: 7200, refresh_token: 'gitlab-refresh', scope: grant.scope, created_at: 1700000000 }),
  apis: [
    {
      method: 'GET',
      path: '/api/v4/user',
      acceptsToken: [{ header: 'Bearer' }, { query: 'access_token' }],
      respond: () => ({ id: Number(PERSON.id), username: PERSON.username, name: PERSON.displayName, email: PERSON.email, avatar_url: 'https://gitlab.example/ada.png', web_url: 'https://gitlab.com/ada', state: 'active' }),
    },
  ],
};
