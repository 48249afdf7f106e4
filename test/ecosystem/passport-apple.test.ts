import { generateKeyPairSync } from 'node:crypto';
import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { apple, APPLE_KEY_ID, APPLE_TEAM_ID } from './providers/apple.js';
import { PERSON } from './providers/person.js';

// The app's Sign in with Apple key (ES256, P-256); the emulator holds the public half.
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const provider = apple(publicKey.export({ type: 'spki', format: 'pem' }).toString());

describeEcosystemStrategy({
  packageName: 'passport-apple',
  name: 'apple',
  provider,
  // It wraps _oauth2.getOAuthAccessToken to sign the client secret, and turns on
  // passReqToCallback and response_mode=form_post.
  options: (emulator) => ({
    authorizationURL: emulator.url(provider.authorizationPath),
    tokenURL: emulator.url(provider.tokenPath),
    teamID: APPLE_TEAM_ID,
    keyID: APPLE_KEY_ID,
    privateKeyString: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }),
  expectedScope: 'name email',
  passReqToCallback: true,
  formPostCallback: true,
  toUser: ({ params }) => {
    const claims = JSON.parse(Buffer.from(String(params).split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    return { id: claims['sub'], email: claims['email'] };
  },
  expectedUser: { id: '001234.ada', email: PERSON.email },
  profileOutsideBase: 'Apple has no profile endpoint; the user is in the id_token',
});
