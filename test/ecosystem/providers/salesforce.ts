// Salesforce: https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm
// The token response names the org's instance_url and the identity URL (`id`); the strategy
// reads the identity URL on the instance's host with `Authorization: Bearer`. Here the
// identity URL is http on loopback, the emulator's own.
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { PERSON } from './person.js';

export const salesforce: ProviderDefinition = {
  name: 'Salesforce',
  authorizationPath: '/services/oauth2/authorize',
  tokenPath: '/services/oauth2/token',
  clientAuthentication: ['client_secret_post', 'client_secret_basic'],
  tokenResponse: (grant, accessToken, origin) => ({
    access_token: accessToken, signature: 'c2lnbmF0dXJl', scope: grant.scope, instance_url: origin, id: `${origin}/id/00Dxx0000001gPL/005xx000001Sv6e`, token_type: 'Bearer', issued_at: '1700000000000',
  }),
  apis: [
    {
      method: 'GET',
      path: '/id/00Dxx0000001gPL/005xx000001Sv6e',
      acceptsToken: [{ header: 'Bearer' }],
      respond: () => ({
        id: 'https://login.salesforce.com/id/00Dxx0000001gPL/005xx000001Sv6e', organization_id: '00Dxx0000001gPL', user_id: '005xx000001Sv6e',
        username: 'ada@example.com.sandbox', display_name: PERSON.displayName, first_name: PERSON.givenName, last_name: PERSON.familyName, email: PERSON.email, urls: {},
      }),
    },
  ],
};
