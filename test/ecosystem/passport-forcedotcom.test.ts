import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { salesforce } from './providers/salesforce.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-forcedotcom',
  constructorFrom: (exports) => (exports as { Strategy: unknown }).Strategy,
  name: 'forcedotcom',
  provider: salesforce,
  // It wraps _oauth2.getOAuthAccessToken: the access token becomes an object whose toString()
  // is the token and whose params give the identity URL.
  options: (emulator) => ({
    authorizationURL: emulator.url(salesforce.authorizationPath),
    tokenURL: emulator.url(salesforce.tokenPath),
    scope: ['id', 'api'],
  }),
  expectedScope: 'id api',
  toUser: ({ profile, accessToken }) => ({ id: profile['id'], name: profile['displayName'], emails: profile['emails'], tokenIsString: typeof accessToken === 'string' }),
  expectedUser: { id: '00Dxx0000001gPL/005xx000001Sv6e', name: PERSON.displayName, emails: [{ value: PERSON.email }], tokenIsString: false },
});
