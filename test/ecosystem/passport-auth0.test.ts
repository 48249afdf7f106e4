import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { auth0 } from './providers/auth0.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-auth0',
  name: 'auth0',
  provider: auth0,
  // Built on passport-oauth's OAuth2Strategy; turns state on itself (a session store).
  options: (emulator) => ({
    domain: 'ada-tenant.auth0.example',
    authorizationURL: emulator.url(auth0.authorizationPath),
    tokenURL: emulator.url(auth0.tokenPath),
    userInfoURL: emulator.url('/userinfo'),
    scope: 'profile email',
  }),
  expectedScope: 'profile email',
  stateOnEveryBase: true,
  toUser: ({ profile }) => ({ id: profile['id'], name: profile['displayName'], emails: profile['emails'], provider: profile['provider'] }),
  expectedUser: { id: `auth0|${PERSON.id}`, name: PERSON.displayName, emails: [{ value: PERSON.email }], provider: 'auth0' },
});
