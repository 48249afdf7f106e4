import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { kakao } from './providers/kakao.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-kakao',
  constructorFrom: (exports) => (exports as { Strategy: unknown }).Strategy,
  name: 'kakao',
  provider: kakao,
  // TypeScript's `import OAuth2Strategy from 'passport-oauth2'` compiled to CommonJS; every URL hard-coded.
  options: () => ({}),
  expectedScope: undefined,
  toUser: ({ profile }) => ({ id: profile['id'], name: profile['displayName'], provider: profile['provider'] }),
  expectedUser: { id: Number(PERSON.id), name: PERSON.username, provider: 'kakao' },
});
