// Strategies built on passport-oauth1, installed from npm unmodified, with `passport-oauth1`
// resolved to @passport-kit/oauth1 by the root package.json `overrides`. Each logs in through a
// real Express app against the OAuth1Provider (every signature verified), first on the real
// passport-oauth1 1.3.0 (the control), then on ours.
import path from 'node:path';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Strategy } from 'passport-strategy';
import { OAuth1Provider, type OAuth1ProviderHandle, type OAuth1ProviderOptions, type OAuth1ProviderUser } from '@passport-kit/testing';
import { ensureBuilt, publicPackages } from '../../packaging/pack.js';
import { loadStrategy, realPassportOAuth1, resolvedBase, type Base } from './support/load-strategy.js';
import { CALLBACK_URL, forwardOnce, logIn, loginApp } from './support/login.js';

const require = createRequire(import.meta.url);
const CONSUMER = { key: 'ecosystem-consumer', secret: 'ecosystem-consumer-secret' };

type StrategyConstructor = new (options: Record<string, unknown>, verify: (...args: never[]) => void) => Strategy & { name: string };
interface Profile {
  provider?: string;
  id?: string;
  displayName?: string;
  emails?: { value: string }[];
}

const verify = (_token: string, _tokenSecret: string, profile: Profile, done: (err: unknown, user?: object) => void) =>
  done(null, { provider: profile.provider, id: profile.id, displayName: profile.displayName, email: profile.emails?.[0]?.value });

interface EcosystemCase {
  /** The npm package. */
  pkg: string;
  /** The constructor, from the module passport-oauth1 loaded it with. */
  strategyClass(module: unknown): StrategyConstructor;
  provider: OAuth1ProviderOptions & { publicURL?: string };
  /** Options beyond the consumer and callback: loopback endpoints where the strategy takes them. */
  options(handle: OAuth1ProviderHandle): Record<string, unknown>;
  loginOptions: () => Record<string, unknown>;
  /** nock for the calls the strategy makes to hard-coded https hosts. */
  intercept?(handle: OAuth1ProviderHandle): void;
  user: string;
  /** The signed non-oauth parameters of the request-token call (the strategy's scope). */
  requestTokenParams: [string, string][];
  expectAuthorization(url: URL, handle: OAuth1ProviderHandle): void;
  expectUser: Record<string, unknown>;
}

const split = (user: OAuth1ProviderUser) => user.displayName.split(' ');

const CASES: EcosystemCase[] = [
  {
    pkg: 'passport-trello',
    strategyClass: (module) => (module as { Strategy: StrategyConstructor }).Strategy,
    provider: {
      paths: { requestToken: '/1/OAuthGetRequestToken', accessToken: '/1/OAuthGetAccessToken', authorize: '/1/OAuthAuthorizeToken', resource: '/1/members/me' },
      resource: (user) => ({ id: user.id, fullName: user.displayName, email: user.email }),
    },
    options: (handle) => ({
      requestTokenURL: `${handle.url}/1/OAuthGetRequestToken`,
      accessTokenURL: `${handle.url}/1/OAuthGetAccessToken`,
      userAuthorizationURL: `${handle.url}/1/OAuthAuthorizeToken`,
      profileURL: `${handle.url}/1/members/me`,
      trelloParams: { name: 'Ecosystem test', expiration: 'never' },
    }),
    loginOptions: () => ({ scope: ['read', 'account'] }),
    user: 'alice',
    requestTokenParams: [],
    expectAuthorization(url, handle) {
      expect(`${url.origin}${url.pathname}`).to.equal(`${handle.url}/1/OAuthAuthorizeToken`);
      expect(Object.fromEntries(url.searchParams)).to.include({ name: 'Ecosystem test', expiration: 'never', scope: 'read,account' });
    },
    expectUser: { provider: 'trello', id: '1001', displayName: 'Alice Liddell', email: 'alice@example.com' },
  },
  {
    pkg: 'passport-linkedin',
    strategyClass: (module) => module as StrategyConstructor,
    // LinkedIn's endpoints and profile URL are hard-coded: nock answers them from the provider.
    provider: {
      publicURL: 'https://api.linkedin.com',
      paths: { requestToken: '/uas/oauth/requestToken', accessToken: '/uas/oauth/accessToken', authorize: '/uas/oauth/authenticate', resource: '/v1/people/~:(id,first-name,last-name)' },
      resource: (user) => ({ id: user.id, firstName: split(user)[0], lastName: split(user)[1] }),
    },
    options: () => ({}),
    loginOptions: () => ({ scope: ['r_basicprofile', 'r_emailaddress'] }),
    intercept(handle) {
      forwardOnce('https://api.linkedin.com', 'POST', '/uas/oauth/requestToken', handle);
      forwardOnce('https://api.linkedin.com', 'POST', '/uas/oauth/accessToken', handle);
      forwardOnce('https://api.linkedin.com', 'GET', '/v1/people/~:(id,first-name,last-name)', handle);
    },
    user: 'bob',
    // passport-linkedin's own getOAuthRequestToken puts the scope in the URL's query.
    requestTokenParams: [['scope', 'r_basicprofile r_emailaddress']],
    expectAuthorization(url) {
      expect(`${url.origin}${url.pathname}`).to.equal('https://www.linkedin.com/uas/oauth/authenticate');
    },
    expectUser: { provider: 'linkedin', id: '1002', displayName: 'Bob Builder' },
  },
  {
    pkg: 'passport-google-oauth1',
    strategyClass: (module) => module as StrategyConstructor,
    provider: {
      publicURL: 'https://www.google.com',
      paths: { requestToken: '/accounts/OAuthGetRequestToken', accessToken: '/accounts/OAuthGetAccessToken', authorize: '/accounts/OAuthAuthorizeToken', resource: '/m8/feeds/contacts/default/full' },
      resource: (user) => ({ feed: { id: { $t: user.email }, author: [{ name: { $t: user.displayName }, email: { $t: user.email } }] } }),
    },
    options: () => ({}),
    loginOptions: () => ({ scope: 'https://www.google.com/m8/feeds' }),
    intercept(handle) {
      forwardOnce('https://www.google.com', 'POST', '/accounts/OAuthGetRequestToken', handle);
      forwardOnce('https://www.google.com', 'POST', '/accounts/OAuthGetAccessToken', handle);
      forwardOnce('https://www.google.com', 'GET', '/m8/feeds/contacts/default/full', handle);
    },
    user: 'alice',
    requestTokenParams: [['scope', 'https://www.google.com/m8/feeds']],
    expectAuthorization(url) {
      expect(`${url.origin}${url.pathname}`).to.equal('https://www.google.com/accounts/OAuthAuthorizeToken');
    },
    expectUser: { provider: 'google', id: 'alice@example.com', displayName: 'Alice Liddell', email: 'alice@example.com' },
  },
];

describe('passport-oauth1 strategies from npm on @passport-kit/oauth1 (root overrides)', function () {
  before(function () {
    // The strategies load packages/oauth1/dist: build it on a fresh clone (a no-op in CI).
    this.timeout(300_000);
    ensureBuilt(publicPackages());
  });

  it('resolves passport-oauth1 to packages/oauth1 for each of them, and bench/ keeps the real one', () => {
    const ours = path.resolve('packages/oauth1');
    for (const { pkg } of CASES) {
      expect(resolvedBase(pkg), pkg).to.satisfy((file: string) => file.startsWith(`${ours}${path.sep}`));
      // passport-oauth1's module shape: the constructor, with InternalOAuthError on it (needs `npm run build`).
      const base = require(resolvedBase(pkg)) as { Strategy?: unknown; InternalOAuthError?: unknown };
      expect(base).to.be.a('function');
      expect(base.Strategy).to.equal(base);
      expect(base.InternalOAuthError).to.be.a('function');
    }
    const real = realPassportOAuth1();
    expect(real).to.not.satisfy((file: string) => file.startsWith(`${ours}${path.sep}`));
    expect((require(path.join(real, '../../package.json')) as { version: string }).version).to.equal('1.3.0');
  });

  for (const testCase of CASES) {
    describe(testCase.pkg, () => {
      let provider: OAuth1Provider;
      let handle: OAuth1ProviderHandle;
      beforeEach(async () => {
        const { publicURL, ...options } = testCase.provider;
        provider = new OAuth1Provider({ consumers: [CONSUMER], ...options });
        provider.publicURL = publicURL;
        handle = await provider.start();
      });
      afterEach(() => handle.close());

      for (const base of ['passport-oauth1', 'ours'] as Base[]) {
        it(`logs ${testCase.user} in on ${base === 'passport-oauth1' ? 'passport-oauth1 1.3.0 (control)' : '@passport-kit/oauth1'}`, async () => {
          const Strategy = testCase.strategyClass(loadStrategy(testCase.pkg, base));
          const strategy = new Strategy({ consumerKey: CONSUMER.key, consumerSecret: CONSUMER.secret, callbackURL: CALLBACK_URL, ...testCase.options(handle) }, verify);
          testCase.intercept?.(handle);
          const outcome = await logIn(loginApp(strategy, testCase.loginOptions()), handle, provider['paths'].authorize, testCase.user);
          expect(outcome.error).to.equal(undefined);
          expect(outcome.status).to.equal(200);
          testCase.expectAuthorization(outcome.authorizationURL, handle);
          // The base is the one under test: only ours has OAuth#send.
          expect(typeof (strategy as unknown as { _oauth: { send?: unknown } })._oauth.send).to.equal(base === 'passport-oauth1' ? 'undefined' : 'function');
          expect(provider.received[0]!.params).to.deep.equal(testCase.requestTokenParams);
          expect(outcome.user).to.deep.equal(testCase.expectUser);
          // Every call signed and accepted: request token, authorization, access token, profile.
          expect(provider.received.map((r) => [r.endpoint, r.problem])).to.deep.equal([
            ['requestToken', undefined],
            ['authorize', undefined],
            ['accessToken', undefined],
            ['resource', undefined],
          ]);
        });
      }
    });
  }
});
