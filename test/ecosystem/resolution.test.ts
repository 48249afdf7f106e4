// The suite proves nothing unless the strategies really run on the base it claims: check where
// their `require('passport-oauth2')` lands, through the root package.json's `overrides`.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect } from 'chai';
import { OUR_PACKAGE, passportOAuth2For, REAL_PASSPORT_OAUTH2, ROOT, ensureOurBaseBuilt, onOurBase } from './support/base.js';

/** Every strategy under test, and the package inside it that requires passport-oauth2. */
const STRATEGIES: Record<string, string> = {
  'passport-google-oauth20': 'passport-google-oauth20',
  'passport-microsoft': 'passport-microsoft',
  'passport-discord': 'passport-discord',
  'passport-gitlab2': 'passport-gitlab2',
  'passport-linkedin-oauth2': 'passport-linkedin-oauth2',
  'passport-slack-oauth2': 'passport-slack-oauth2',
  'passport-twitch-strategy': 'passport-twitch-strategy',
  'passport-apple': 'passport-apple',
  'passport-auth0': 'passport-auth0',
  'passport-kakao': 'passport-kakao',
  'passport-forcedotcom': 'passport-forcedotcom',
  'passport-bitbucket-oauth2': 'passport-bitbucket-oauth2',
  // These reach passport-oauth2 through passport-oauth's `OAuth2Strategy`.
  'passport-spotify': 'passport-oauth',
  'passport-dropbox-oauth2': 'passport-oauth',
  'passport-azure-ad-oauth2': 'passport-oauth',
  'passport-yandex': 'passport-oauth',
};

describe('which passport-oauth2 the npm strategies run on', function () {
  before(function () {
    this.timeout(300_000);
    ensureOurBaseBuilt();
  });

  const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    overrides: Record<string, unknown>;
    devDependencies: Record<string, string>;
  };

  it('has an override for every strategy under test, to packages/oauth2', () => {
    for (const strategy of Object.keys(STRATEGIES)) {
      expect(rootManifest.devDependencies, strategy).to.have.property(strategy);
      expect(rootManifest.overrides[strategy], strategy).to.deep.equal({ 'passport-oauth2': 'file:../../packages/oauth2' });
    }
  });

  if (onOurBase()) {
    it('resolves every strategy’s passport-oauth2 to our built package, with nothing in between', () => {
      const ours = join(OUR_PACKAGE, 'dist', 'index.cjs');
      expect(existsSync(ours), 'packages/oauth2/dist is missing: run `npm run build` before the ecosystem suite').to.equal(true);
      for (const [strategy, requirer] of Object.entries(STRATEGIES)) {
        expect(passportOAuth2For(requirer), strategy).to.equal(ours);
      }
      // One module instance: the strategy's require and our package's main are the same object.
      const viaStrategy = createRequire(join(ROOT, 'node_modules', 'passport-google-oauth20', 'lib', 'index.js'))('passport-oauth2') as unknown;
      expect(viaStrategy).to.equal(createRequire(join(ROOT, 'package.json'))(ours));
    });
  } else {
    it('[control] resolves every strategy’s passport-oauth2 to the real passport-oauth2 1.8.0', () => {
      for (const [strategy, requirer] of Object.entries(STRATEGIES)) {
        expect(passportOAuth2For(requirer), strategy).to.equal(REAL_PASSPORT_OAUTH2);
      }
    });
  }

  it('leaves bench/ on the real passport-oauth2 1.8.0 (passport-github2, passport-facebook)', () => {
    const version = (path: string) => (JSON.parse(readFileSync(join(path, '..', '..', 'package.json'), 'utf8')) as { name: string; version: string });
    for (const benchmarked of ['passport-github2', 'passport-facebook']) {
      const resolved = createRequire(join(ROOT, 'bench', 'package.json')).resolve(benchmarked);
      const base = createRequire(resolved).resolve('passport-oauth2');
      expect(base, benchmarked).to.equal(REAL_PASSPORT_OAUTH2);
      expect(version(base), benchmarked).to.deep.include({ name: 'passport-oauth2', version: '1.8.0' });
    }
  });
});
