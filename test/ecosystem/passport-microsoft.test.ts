import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { microsoft } from './providers/microsoft.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-microsoft',
  constructorFrom: (exports) => (exports as { Strategy: unknown }).Strategy,
  name: 'microsoft',
  provider: microsoft,
  options: (emulator) => ({
    authorizationURL: emulator.url(microsoft.authorizationPath),
    tokenURL: emulator.url(microsoft.tokenPath),
    apiEntryPoint: emulator.origin,
    scope: ['user.read'],
  }),
  expectedScope: 'user.read',
  toUser: ({ profile }) => ({ id: profile['id'], name: profile['displayName'], emails: profile['emails'], upn: profile['userPrincipalName'] }),
  expectedUser: { id: PERSON.id, name: PERSON.displayName, emails: [{ type: 'work', value: PERSON.email }], upn: 'ada@contoso.onmicrosoft.com' },
});
