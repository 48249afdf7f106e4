import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { twitch } from './providers/twitch.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-twitch-strategy',
  constructorFrom: (exports) => (exports as { Strategy: unknown }).Strategy,
  name: 'twitch',
  provider: twitch,
  // An ES class that `extends` passport-oauth2 and hard-codes every URL.
  options: () => ({ scope: 'user:read:email' }),
  expectedScope: 'user:read:email',
  toUser: ({ profile }) => ({ id: profile['id'], login: profile['login'], name: profile['displayName'], provider: profile['provider'] }),
  expectedUser: { id: PERSON.id, login: PERSON.username, name: PERSON.displayName, provider: 'twitch' },
  profileOutsideBase: 'it reads the profile with node-fetch, not through _oauth2',
});
