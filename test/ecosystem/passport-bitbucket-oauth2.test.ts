import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { bitbucket } from './providers/bitbucket.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-bitbucket-oauth2',
  constructorFrom: (exports) => (exports as { Strategy: unknown }).Strategy,
  name: 'bitbucket',
  provider: bitbucket,
  // Sends client_secret_basic through customHeaders on every request.
  options: (emulator) => ({
    authorizationURL: emulator.url(bitbucket.authorizationPath),
    tokenURL: emulator.url(bitbucket.tokenPath),
    userProfileURL: emulator.url('/2.0/user'),
    scope: ['account'],
  }),
  expectedScope: 'account',
  toUser: ({ profile }) => ({ id: profile['id'], username: profile['username'], name: profile['displayName'] }),
  expectedUser: { id: '{a1b2}', username: PERSON.username, name: PERSON.displayName },
});
