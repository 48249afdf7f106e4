import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { yandex } from './providers/yandex.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-yandex',
  constructorFrom: (exports) => (exports as { Strategy: unknown }).Strategy,
  name: 'yandex',
  provider: yandex,
  // passport-oauth's OAuth2Strategy; setAccessTokenName('oauth_token') for login.yandex.ru.
  options: (emulator) => ({
    authorizationURL: emulator.url(yandex.authorizationPath),
    tokenURL: emulator.url(yandex.tokenPath),
  }),
  expectedScope: undefined,
  toUser: ({ profile }) => ({ id: profile['id'], username: profile['username'], name: profile['name'], emails: profile['emails'] }),
  expectedUser: { id: PERSON.id, username: PERSON.username, name: { familyName: PERSON.familyName, givenName: PERSON.givenName }, emails: [{ value: PERSON.email }] },
});
