import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { discord } from './providers/discord.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-discord',
  constructorFrom: (exports) => (exports as { Strategy: unknown }).Strategy,
  name: 'discord',
  provider: discord,
  options: (emulator) => ({
    authorizationURL: emulator.url(discord.authorizationPath),
    tokenURL: emulator.url(discord.tokenPath),
    scope: ['identify', 'email'],
  }),
  expectedScope: 'identify email',
  toUser: ({ profile }) => ({ id: profile['id'], username: profile['username'], email: profile['email'], provider: profile['provider'] }),
  expectedUser: { id: PERSON.id, username: PERSON.username, email: PERSON.email, provider: 'discord' },
});
