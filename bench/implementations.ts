// The strategies under test: ours and the package each replaces, pointed at the bench emulator.
// Theirs get `state: true` and `pkce: 'S256'` (passport-oauth2's session stores): the protection
// ours has by default, so both sides keep the same per-login secrets. Facebook's
// `appsecret_proof` is on for both (ours' default with a client secret). The floor (bench/floor/)
// is the least a correct login can do in the same app: a lower bound to read both against.
import { createRequire } from 'node:module';
import type { Strategy } from 'passport';
import { FloorOAuth1Strategy } from './floor/oauth1.js';
import { FloorOAuth2Strategy } from './floor/oauth2.js';

export type Side = 'ours' | 'theirs' | 'floor';
export type Provider = 'oauth2' | 'github' | 'facebook' | 'twitter';

export const PROVIDERS: readonly Provider[] = ['oauth2', 'github', 'facebook', 'twitter'];

/** The package each side's strategy comes from (also what the cold import time is measured on). */
export const PACKAGES: Record<Provider, Record<Exclude<Side, 'floor'>, string>> = {
  oauth2: { ours: '@passport-kit/oauth2', theirs: 'passport-oauth2' },
  github: { ours: '@passport-kit/github', theirs: 'passport-github2' },
  facebook: { ours: '@passport-kit/facebook', theirs: 'passport-facebook' },
  twitter: { ours: '@passport-kit/twitter', theirs: 'passport-twitter' },
};

export interface Endpoints {
  /** The bench emulator, `http://127.0.0.1:<port>`. */
  emulator: string;
  /** This app's callback URL. */
  callbackURL: string;
}

type Verify = (...args: unknown[]) => void;
type StrategyClass = new (options: Record<string, unknown>, verify: Verify) => Strategy;

const CLIENT = { clientID: 'bench-client', clientSecret: 'bench-client-secret' };
const CONSUMER = { consumerKey: 'bench-consumer', consumerSecret: 'bench-consumer-secret' };

function options(provider: Provider, side: Side, { emulator, callbackURL }: Endpoints): Record<string, unknown> {
  const hardening = side === 'theirs' && provider !== 'twitter' ? { state: true, pkce: 'S256' } : {};
  switch (provider) {
    case 'oauth2':
      return { ...CLIENT, ...hardening, callbackURL, authorizationURL: `${emulator}/oauth2/authorize`, tokenURL: `${emulator}/oauth2/token` };
    case 'github':
      return {
        ...CLIENT,
        ...hardening,
        callbackURL,
        scope: ['user:email'],
        authorizationURL: `${emulator}/github/login/oauth/authorize`,
        tokenURL: `${emulator}/github/login/oauth/access_token`,
        userProfileURL: `${emulator}/github/api/v3/user`,
        userEmailURL: `${emulator}/github/api/v3/user/emails`,
      };
    case 'facebook':
      return {
        ...CLIENT,
        ...hardening,
        callbackURL,
        enableProof: true,
        profileFields: ['id', 'displayName', 'name', 'emails', 'photos'],
        authorizationURL: `${emulator}/facebook/v26.0/dialog/oauth`,
        tokenURL: `${emulator}/facebook/v26.0/oauth/access_token`,
        profileURL: `${emulator}/facebook/v26.0/me`,
      };
    case 'twitter':
      return {
        ...CONSUMER,
        callbackURL,
        requestTokenURL: `${emulator}/twitter/oauth/request_token`,
        accessTokenURL: `${emulator}/twitter/oauth/access_token`,
        userAuthorizationURL: `${emulator}/twitter/oauth/authenticate`,
        userProfileURL: `${emulator}/twitter/1.1/account/verify_credentials.json`,
      };
  }
}

const require = createRequire(import.meta.url);

async function strategyClass(provider: Provider, side: Exclude<Side, 'floor'>): Promise<StrategyClass> {
  const name = PACKAGES[provider][side];
  if (side === 'theirs') return (require(name) as { Strategy: StrategyClass }).Strategy;
  const loaded = (await import(name)) as Record<string, StrategyClass>;
  const exported = { oauth2: 'OAuth2Strategy', github: 'GitHubStrategy', facebook: 'FacebookStrategy', twitter: 'TwitterStrategy' }[provider];
  const found = loaded[exported];
  if (!found) throw new Error(`${name} exports no ${exported}`);
  return found;
}

// passport-oauth2's default profile is {}: the user is then named by the access token.
const verify: Verify = (credential, _secret, profile, done) => {
  const id = (profile as { id?: unknown }).id ?? credential;
  (done as (err: null, user: unknown) => void)(null, { id, profile });
};

/** The strategy of one side, its verify handing the profile to passport as the user. */
export async function createStrategy(provider: Provider, side: Side, endpoints: Endpoints): Promise<Strategy> {
  if (side === 'floor') return floorStrategy(provider, endpoints);
  const StrategyOf = await strategyClass(provider, side);
  return new StrategyOf(options(provider, side, endpoints), verify);
}

/** The floor, given the same endpoints, client, scope and profile fields as the other two sides. */
function floorStrategy(provider: Provider, endpoints: Endpoints): Strategy {
  const ours = options(provider, 'ours', endpoints);
  const get = (name: string) => String(ours[name] ?? '');
  if (provider === 'twitter') {
    const names = ['consumerKey', 'consumerSecret', 'callbackURL', 'requestTokenURL', 'accessTokenURL', 'userAuthorizationURL', 'userProfileURL'] as const;
    return new FloorOAuth1Strategy(Object.fromEntries(names.map((name) => [name, get(name)])) as Record<(typeof names)[number], string>, verify) as unknown as Strategy;
  }
  const common = { clientID: get('clientID'), clientSecret: get('clientSecret'), callbackURL: get('callbackURL'), authorizationURL: get('authorizationURL'), tokenURL: get('tokenURL') };
  const floor =
    provider === 'github'
      ? new FloorOAuth2Strategy({ ...common, profile: 'github', scope: (ours.scope as string[]).join(' '), profileURL: get('userProfileURL'), emailsURL: get('userEmailURL') }, verify)
      : provider === 'facebook'
        ? new FloorOAuth2Strategy({ ...common, profile: 'facebook', profileURL: get('profileURL') }, verify)
        : new FloorOAuth2Strategy({ ...common, profile: 'none' }, verify);
  return floor as unknown as Strategy;
}
