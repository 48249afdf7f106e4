import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { gitlab } from './providers/gitlab.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-gitlab2',
  name: 'gitlab',
  provider: gitlab,
  options: (emulator) => ({ baseURL: emulator.origin + '/' }),
  expectedScope: 'read_user',
  toUser: ({ profile }) => ({ id: profile['id'], username: profile['username'], emails: profile['emails'], provider: profile['provider'] }),
  expectedUser: { id: PERSON.id, username: PERSON.username, emails: [{ value: PERSON.email }], provider: 'gitlab' },
});
