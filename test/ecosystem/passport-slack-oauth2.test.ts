import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { slack } from './providers/slack.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-slack-oauth2',
  constructorFrom: (exports) => (exports as { Strategy: unknown }).Strategy,
  name: 'Slack',
  provider: slack,
  options: (emulator) => ({
    authorizationURL: emulator.url(slack.authorizationPath),
    tokenURL: emulator.url(slack.tokenPath),
    profileURL: emulator.url('/api/users.identity'),
  }),
  expectedScope: 'identity.basic identity.email identity.avatar identity.team',
  toUser: ({ profile }) => ({ id: profile['id'], name: profile['displayName'], team: (profile['team'] as { id: string }).id }),
  expectedUser: { id: 'U4242', name: PERSON.displayName, team: 'T0001' },
});
