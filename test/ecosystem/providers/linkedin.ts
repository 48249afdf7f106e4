// LinkedIn (v2 API, lite profile): https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow
// The strategy hard-codes https://api.linkedin.com and sends the token as the
// oauth2_access_token query parameter, which LinkedIn accepts besides `Authorization: Bearer`.
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { PERSON } from './person.js';

const localized = (value: string) => ({ localized: { en_US: value }, preferredLocale: { country: 'US', language: 'en' } });

export const linkedin: ProviderDefinition = {
  name: 'LinkedIn',
  authorizationPath: '/oauth/v2/authorization',
  tokenPath: '/oauth/v2/accessToken',
  clientAuthentication: ['client_secret_post'],
  tokenResponse: (_grant, accessToken) => ({ access_token: accessToken, expires_in: 5184000 }),
  apis: [
    {
      method: 'GET',
      path: '/v2/me',
      fixedOrigin: 'https://api.linkedin.com',
      acceptsToken: [{ header: 'Bearer' }, { query: 'oauth2_access_token' }],
      respond: () => ({ id: 'ada-li', firstName: localized(PERSON.givenName), lastName: localized(PERSON.familyName) }),
    },
  ],
};
