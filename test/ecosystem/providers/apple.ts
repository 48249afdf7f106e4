// Sign in with Apple: https://developer.apple.com/documentation/accountorganizationaldatasharing/generate-and-validate-tokens
// The client secret is an ES256 JWT the app signs with its key (iss: team ID, sub: client ID,
// aud: https://appleid.apple.com). Apple has no profile API: the user is in the id_token.
import { importSPKI, jwtVerify } from 'jose';
import type { ClientAuthentication, ProviderDefinition } from '../support/provider-emulator.js';
import { CLIENT } from '../support/provider-emulator.js';
import { PERSON, unsignedJWT } from './person.js';

export const APPLE_TEAM_ID = 'TEAM123456';
export const APPLE_KEY_ID = 'KEY1234567';

/** Accepts the client_secret JWT signed with the app's registered public key. */
export function appleClientSecretJWT(publicKeyPEM: string): ClientAuthentication {
  return async (_request, form) => {
    if (form.get('client_id') !== CLIENT.id) return 'unknown client_id';
    try {
      const key = await importSPKI(publicKeyPEM, 'ES256');
      const { protectedHeader } = await jwtVerify(form.get('client_secret') ?? '', key, {
        algorithms: ['ES256'], issuer: APPLE_TEAM_ID, audience: 'https://appleid.apple.com', subject: CLIENT.id,
      });
      return protectedHeader.kid === APPLE_KEY_ID ? undefined : 'wrong kid';
    } catch (err) {
      return `client_secret JWT refused: ${(err as Error).message}`;
    }
  };
}

export function apple(publicKeyPEM: string): ProviderDefinition {
  return {
    name: 'Apple',
    authorizationPath: '/auth/authorize',
    tokenPath: '/auth/token',
    clientAuthentication: [appleClientSecretJWT(publicKeyPEM)],
    tokenResponse: (_grant, accessToken) => ({
      access_token: accessToken, expires_in: 3600, refresh_token: 'apple-refresh', token_type: 'Bearer',
      id_token: unsignedJWT({ iss: 'https://appleid.apple.com', aud: CLIENT.id, sub: '001234.ada', email: PERSON.email, email_verified: true }),
    }),
    apis: [],
  };
}
