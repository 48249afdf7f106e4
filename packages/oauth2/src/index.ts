export { buildAuthorizationURL } from './authorization-url.js';
export { authenticateClient, type ClientAuthenticationMethod, type ClientCredentials } from './client-authentication.js';
export { AuthorizationError, InternalOAuthError, TokenError } from './errors.js';
export { OAuth2Compat, type LegacyOAuthError } from './oauth2-compat.js';
export type { OAuth2AuthenticateOptions, OAuth2StrategyOptions } from './options.js';
export { parseOAuthErrorBody } from './parse-error-response.js';
export { codeChallenge, createCodeVerifier, type PKCEMethod } from './pkce.js';
export type { SkipUserProfile } from './skip-user-profile.js';
export {
  DefaultStateStore,
  NullStateStore,
  type DefaultStateStoreOptions,
  type StateFailureInfo,
  type StateStore,
  type StateStoreMeta,
} from './state-store.js';
export { OAuth2Strategy, OAuth2Strategy as Strategy, type OAuth2VerifyFunction, type ProfileCallback } from './strategy.js';
export { TokenClient, type AuthorizationCodeGrant, type TokenClientOptions } from './token-client.js';
export { parseTokenBody, readTokenResponse, type TokenResponse } from './token-response.js';
export type {
  Verified,
  VerifyCallback,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from './verify.js';
