import type { OAuth2StrategyOptions } from './options.js';

/**
 * Every option `OAuth2Strategy` reads (the keys of `OAuth2StrategyOptions`, checked by the
 * compiler), for the unknown-option warning. Provider packages spread it into their own list.
 *
 * @internal
 */
export const OAUTH2_OPTION_NAMES = {
  authorizationURL: true,
  tokenURL: true,
  clientID: true,
  clientSecret: true,
  callbackURL: true,
  scope: true,
  scopeSeparator: true,
  state: true,
  store: true,
  pkce: true,
  sessionKey: true,
  customHeaders: true,
  skipUserProfile: true,
  passReqToCallback: true,
  proxy: true,
  appURL: true,
  clientAuthentication: true,
  clientAssertion: true,
  revocationURL: true,
  introspectionURL: true,
  issuer: true,
  stateCookie: true,
  stateTTL: true,
  timeout: true,
  maxResponseSize: true,
  dispatcher: true,
} as const satisfies Record<keyof OAuth2StrategyOptions, true>;
