import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { linkedin } from './providers/linkedin.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-linkedin-oauth2',
  constructorFrom: (exports) => (exports as { Strategy: unknown }).Strategy,
  name: 'linkedin',
  provider: linkedin,
  options: (emulator) => ({
    authorizationURL: emulator.url(linkedin.authorizationPath),
    tokenURL: emulator.url(linkedin.tokenPath),
    scope: ['r_liteprofile'],
  }),
  expectedScope: 'r_liteprofile',
  toUser: ({ profile }) => ({ id: profile['id'], name: profile['displayName'], provider: profile['provider'] }),
  expectedUser: { id: 'ada-li', name: PERSON.displayName, provider: 'linkedin' },
});
