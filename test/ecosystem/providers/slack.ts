// Slack, "Sign in with Slack" (legacy identity scopes): https://api.slack.com/methods/oauth.access
// and https://api.slack.com/methods/users.identity, which reads `Authorization: Bearer`.
// Slack answers API errors with HTTP 200 and `ok: false`.
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { PERSON } from './person.js';

export const slack: ProviderDefinition = {
  name: 'Slack',
  authorizationPath: '/oauth/authorize',
  tokenPath: '/api/oauth.access',
  clientAuthentication: ['client_secret_post', 'client_secret_basic'],
  tokenResponse: (grant, accessToken) => ({ ok: true, access_token: accessToken, scope: grant.scope, user: { name: PERSON.displayName, id: 'U4242' }, team: { id: 'T0001' } }),
  apis: [
    {
      method: 'GET',
      path: '/api/users.identity',
      acceptsToken: [{ header: 'Bearer' }, { query: 'token' }],
      respond: () => ({ ok: true, user: { name: PERSON.displayName, id: 'U4242', email: PERSON.email }, team: { id: 'T0001', name: 'Analytical Engines' } }),
    },
  ],
};
