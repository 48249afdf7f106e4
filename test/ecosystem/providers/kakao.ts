// Kakao: https://developers.kakao.com/docs/latest/en/kakaologin/rest-api
// The strategy hard-codes kauth.kakao.com and kapi.kakao.com and sends the token to
// /v2/user/me as the access_token query parameter, besides the documented Bearer header.
import type { ProviderDefinition } from '../support/provider-emulator.js';
import { PERSON } from './person.js';

export const kakao: ProviderDefinition = {
  name: 'Kakao',
  fixedOrigin: 'https://kauth.kakao.com',
  authorizationPath: '/oauth/authorize',
  tokenPath: '/oauth/token',
  clientAuthentication: ['client_secret_post'],
  tokenResponse: (_grant, accessToken) => ({ token_type: 'bearer', access_token: accessToken, expires_in: 21599, refresh_token: 'kakao-refresh', refresh_token_expires_in: 5183999 }),
  apis: [
    {
      method: 'GET',
      path: '/v2/user/me',
      fixedOrigin: 'https://kapi.kakao.com',
      acceptsToken: [{ header: 'Bearer' }, { query: 'access_token' }],
      respond: () => ({ id: Number(PERSON.id), connected_at: '2024-01-01T00:00:00Z', properties: { nickname: PERSON.username }, kakao_account: { email: PERSON.email } }),
    },
  ],
};
