import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { dropbox } from './providers/dropbox.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-dropbox-oauth2',
  constructorFrom: (exports) => (exports as { Strategy: unknown }).Strategy,
  name: 'dropbox-oauth2',
  provider: dropbox,
  options: (emulator) => ({
    apiVersion: '2',
    authorizationURL: emulator.url(dropbox.authorizationPath),
    tokenURL: emulator.url(dropbox.tokenPath),
  }),
  expectedScope: undefined,
  toUser: ({ profile }) => ({ id: profile['id'], name: profile['displayName'], emails: profile['emails'] }),
  expectedUser: { id: 'dbid:ada', name: PERSON.displayName, emails: [{ value: PERSON.email }] },
});
