export {
  ACCESS_TOKEN_URL,
  AUTHENTICATE_URL,
  AUTHORIZE_URL,
  REQUEST_TOKEN_URL,
  USER_PROFILE_URL,
  X_AUTHORIZATION_URL,
  X_DEFAULT_SCOPE,
  X_DEFAULT_USER_FIELDS,
  X_TOKEN_URL,
  X_USER_PROFILE_URL,
} from './endpoints.js';
export { APIError } from './errors.js';
export { InternalOAuthError } from '@passport-kit/oauth1';
export { AuthorizationError, TokenError } from '@passport-kit/oauth2';
export type { TwitterAuthenticateOptions, TwitterStrategyOptions, XAuthenticateOptions, XStrategyOptions } from './options.js';
export { parseProfile, type TwitterProfile } from './profile.js';
export { TwitterStrategy, TwitterStrategyClass, TwitterStrategy as Strategy, TwitterStrategy as default } from './strategy.js';
export type {
  TwitterVerifyFunction,
  TwitterVerifyFunctionWithParams,
  TwitterVerifyFunctionWithRequest,
  TwitterVerifyFunctionWithRequestAndParams,
  XVerifyFunction,
  XVerifyFunctionWithParams,
  XVerifyFunctionWithRequest,
  XVerifyFunctionWithRequestAndParams,
} from './verify.js';
export { parseXProfile, type XProfile } from './x-profile.js';
export { XStrategy } from './x-strategy.js';
