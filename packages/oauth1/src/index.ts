export { authorizationHeader } from './authorization-header.js';
export { CallbackNotConfirmedError, InternalOAuthError } from './errors.js';
export {
  OAuth,
  type OAuthClientOptions,
  type OAuthDataCallback,
  type OAuthParameterValue,
  type OAuthParameters,
  type OAuthRequestError,
  type OAuthResponse,
  type OAuthTokenCallback,
  type SecureRequest,
} from './node-oauth.js';
export { OAUTH1_OPTION_NAMES } from './option-names.js';
export { percentDecode, percentEncode } from './percent-encode.js';
export { xmlErrorElement, type XMLErrorElement } from './xml-error-element.js';
export { providerErrorMessage } from './provider-error-message.js';
export type {
  RequestTokenStore,
  RequestTokenStoreMeta,
  StoreCallback,
  StoreGetCallback,
} from './request-token-store.js';
export {
  SIGNATURE_METHODS,
  baseStringURI,
  computeSignature,
  normalizeParameters,
  parseFormEncoded,
  signRequest,
  signatureBaseString,
  verifySignature,
  type Parameter,
  type Parameters,
  type SignRequestInput,
  type SignatureMethod,
  type SignedRequest,
  type SigningKey,
} from './signature.js';
export type { SignedRequestOptions } from './lib/signed-request.js';
export {
  OAuth1Strategy,
  OAuth1Strategy as default,
  OAuth1StrategyClass,
  Strategy,
  type ProtectedResourceResponse,
} from './strategy.js';
export type { OAuth1AuthenticateOptions, OAuth1StrategyOptions, SkipUserProfile } from './options.js';
export type {
  OAuth1Verify,
  PassportRequest,
  TokenParams,
  VerifiedUser,
  VerifyCallback,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from './verify.js';
