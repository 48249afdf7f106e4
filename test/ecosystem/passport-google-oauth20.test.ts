import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { google } from './providers/google.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-google-oauth20',
  name: 'google',
  provider: google,
  options: (emulator) => ({
    authorizationURL: emulator.url(google.authorizationPath),
    tokenURL: emulator.url(google.tokenPath),
    userProfileURL: emulator.url('/v1/userinfo'),
    scope: ['profile', 'email'],
  }),
  expectedScope: 'profile email',
  toUser: ({ profile }) => ({ id: profile['id'], name: profile['displayName'], emails: profile['emails'], provider: profile['provider'] }),
  expectedUser: { id: PERSON.id, name: PERSON.displayName, emails: [{ value: PERSON.email, verified: true }], provider: 'google' },
});
