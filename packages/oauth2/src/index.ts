export { buildAuthorizationURL } from './authorization-url.js';
export {
  JWT_BEARER_ASSERTION_TYPE,
  createClientAssertion,
  type ClientAssertionOptions,
  type ClientAssertionSigner,
} from './client-assertion.js';
export { authenticateClient, usesClientAssertion, type ClientAuthenticationMethod, type ClientCredentials } from './client-authentication.js';
export type { ClientCredentialsGrant } from './client-credentials.js';
export { AuthorizationError, InternalOAuthError, TokenError } from './errors.js';
export {
  readIntrospectionResponse,
  type ActiveTokenIntrospection,
  type InactiveTokenIntrospection,
  type IntrospectionOptions,
  type IntrospectionResponse,
} from './introspection.js';
export type { GrantParams } from './lib/grant-params.js';
export { OAuth2Compat, type LegacyCallback, type LegacyOAuthError, type LegacyResponse, type LegacyTokenCallback } from './oauth2-compat.js';
export type { OAuth2AuthenticateOptions, OAuth2StrategyOptions } from './options.js';
export { parseOAuthErrorBody } from './parse-error-response.js';
export type { PasswordGrant } from './password-grant.js';
export { codeChallenge, createCodeVerifier, type PKCEMethod } from './pkce.js';
export type { RefreshOptions, RefreshedTokens } from './refresh.js';
export type { RevocationOptions } from './revocation.js';
export type { SkipUserProfile } from './skip-user-profile.js';
export { shouldSkipUserProfile } from '@passport-kit/core';
export {
  DefaultStateStore,
  NullStateStore,
  type DefaultStateStoreOptions,
  type StateFailureInfo,
  type StateStore,
  type StateStoreMeta,
} from './state-store.js';
export {
  OAuth2Strategy,
  OAuth2Strategy as Strategy,
  OAuth2Strategy as default,
  OAuth2StrategyClass,
  type LoginContext,
  type LoginExtras,
  type OAuth2VerifyFunction,
  type ProfileCallback,
} from './strategy.js';
export type { ResourceRequestOptions, ResourceResponse } from './protected-resource.js';
export { TokenClient, type AuthorizationCodeGrant, type TokenClientOptions } from './token-client.js';
export { TOKEN_TYPES, readTokenExchangeResponse, type TokenExchangeGrant, type TokenExchangeResponse } from './token-exchange.js';
export { parseTokenBody, readTokenResponse, type TokenResponse } from './token-response.js';
export type {
  Verified,
  VerifyCallback,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from './verify.js';
export { OAUTH2_OPTION_NAMES } from './option-names.js';
