// The documented surface of @passport-kit/oauth2 (see README.md, "API"). Helpers the strategy
// uses inside (token-body parsing, PKCE, client authentication) stay in their modules.
export type { ClientAssertionOptions, ClientAssertionSigner } from './client-assertion.js';
export type { ClientAuthenticationMethod, ClientCredentials } from './client-authentication.js';
export type { ClientCredentialsGrant } from './client-credentials.js';
export { AuthorizationError, InternalOAuthError, TokenError } from './errors.js';
export type {
  ActiveTokenIntrospection,
  InactiveTokenIntrospection,
  IntrospectionOptions,
  IntrospectionResponse,
} from './introspection.js';
export type { GrantParams } from './lib/grant-params.js';
export type { OAuth2Compat, LegacyCallback, LegacyOAuthError, LegacyResponse, LegacyTokenCallback } from './oauth2-compat.js';
export type { OAuth2AuthenticateOptions, OAuth2StrategyOptions } from './options.js';
export type { PasswordGrant } from './password-grant.js';
export type { PKCEMethod } from './pkce.js';
export type { ResourceRequestOptions, ResourceResponse } from './protected-resource.js';
export type { RefreshOptions, RefreshedTokens } from './refresh.js';
export type { RevocationOptions } from './revocation.js';
export type { SkipUserProfile } from './skip-user-profile.js';
export {
  DefaultStateStore,
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
export { TokenClient, type AuthorizationCodeGrant, type TokenClientOptions } from './token-client.js';
export { TOKEN_TYPES, type TokenExchangeGrant, type TokenExchangeResponse } from './token-exchange.js';
export type { TokenResponse } from './token-response.js';
export type {
  PassportRequest,
  TokenResponseParams,
  Verified,
  VerifiedUser,
  VerifyCallback,
  VerifyResult,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from './verify.js';
export { OAUTH2_OPTION_NAMES } from './option-names.js';
