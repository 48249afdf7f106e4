import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { spotify } from './providers/spotify.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-spotify',
  constructorFrom: (exports) => (exports as { Strategy: unknown }).Strategy,
  name: 'spotify',
  provider: spotify,
  options: (emulator) => ({
    authorizationURL: emulator.url(spotify.authorizationPath),
    tokenURL: emulator.url(spotify.tokenPath),
    userProfileURL: emulator.url('/v1/me'),
    scope: ['user-read-email', 'user-read-private'],
  }),
  expectedScope: 'user-read-email user-read-private',
  toUser: ({ profile, params }) => ({ id: profile['id'], name: profile['displayName'], emails: profile['emails'], product: profile['product'], expiresIn: params }),
  // passport-spotify's token callback hands expires_in where passport-oauth2 expects params.
  expectedUser: { id: PERSON.username, name: PERSON.displayName, emails: [{ value: PERSON.email, type: null }], product: 'premium', expiresIn: 3600 },
});
