// Yandex ID: https://yandex.com/dev/id/doc/en/codes/code-url and https://yandex.com/dev/id/doc/en/user-information
// login.yandex.ru/info (hard-coded by the strategy) reads `Authorization: OAuth <token>` or the
// oauth_token query parameter; it does not know the Bearer scheme.
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { PERSON } from './person.js';

export const yandex: ProviderDefinition = {
  name: 'Yandex',
  authorizationPath: '/authorize',
  tokenPath: '/token',
  clientAuthentication: ['client_secret_post', 'client_secret_basic'],
  tokenResponse: (_grant, accessToken) => ({ token_type: 'bearer', access_token: accessToken, expires_in: 31536000, refresh_token: 'yandex-refresh' }),
  apis: [
    {
      method: 'GET',
      path: '/info',
      fixedOrigin: 'https://login.yandex.ru',
      acceptsToken: [{ header: 'OAuth' }, { query: 'oauth_token' }],
      respond: () => ({ id: PERSON.id, login: PERSON.username, display_name: PERSON.username, real_name: `${PERSON.familyName} ${PERSON.givenName}`, sex: 'female', default_email: PERSON.email }),
    },
  ],
};
