import type { OAuth1StrategyOptions } from './options.js';

/**
 * Every option `OAuth1Strategy` reads (the keys of `OAuth1StrategyOptions`, checked by the
 * compiler), for the unknown-option warning. Provider packages spread it into their own list.
 *
 * @internal
 */
export const OAUTH1_OPTION_NAMES = {
  requestTokenURL: true,
  accessTokenURL: true,
  userAuthorizationURL: true,
  consumerKey: true,
  consumerSecret: true,
  callbackURL: true,
  appURL: true,
  signatureMethod: true,
  privateKey: true,
  customHeaders: true,
  allowOAuth10: true,
  sessionKey: true,
  requestTokenStore: true,
  store: true,
  requestTokenTTL: true,
  stateCookie: true,
  proxy: true,
  passReqToCallback: true,
  skipUserProfile: true,
  timeout: true,
  maxResponseSize: true,
  dispatcher: true,
} as const satisfies Record<keyof OAuth1StrategyOptions, true>;
