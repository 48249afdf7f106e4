// ---------------------------------------------------------------------------------------------
// For apps and provider packages: the documented API (README.md).
// ---------------------------------------------------------------------------------------------
export { CookieTransactionStore, type CookieTransactionStoreOptions } from './cookie-transaction-store.js';
export {
  UntrustedHostError,
  originalURL,
  resolveCallbackURL,
  type OriginalURLOptions,
  type ResolveCallbackURLOptions,
} from './callback-url.js';
export { DefaultTransactionStore, type DefaultTransactionStoreOptions } from './default-transaction-store.js';
export {
  InternalOAuthError,
  NetworkError,
  PassportKitError,
  UnexpectedBodyError,
  UnexpectedStatusError,
  type DiscoveryErrorCode,
  type IdTokenErrorCode,
  type InternalOAuthErrorOptions,
  type NetworkErrorCode,
  type OAuthErrorCode,
  type PassportKitErrorCode,
  type PassportKitErrorOptions,
  type UserInfoErrorCode,
} from './errors.js';
export {
  DEFAULT_MAX_RESPONSE_SIZE,
  DEFAULT_TIMEOUT,
  HttpClient,
  describeTarget,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
} from './http-client.js';
export type { Profile, ProfileEmail } from './profile.js';
export { randomToken } from './random.js';
export { remoteKeySet, type KeySetFetchError, type RemoteKeyResolver, type RemoteKeySetOptions } from './remote-key-set.js';
export {
  headerValue,
  paramValue,
  readParam,
  type IncomingRequest,
  type ParamValue,
  type ResponseLike,
  type SessionLike,
} from './request.js';
export { Strategy, type PassportStrategy, type StrategyActions } from './strategy-base.js';
export type { Dispatcher } from 'undici';
export { SessionTransactionStore, type SessionTransactionStoreOptions } from './session-transaction-store.js';
export {
  DEFAULT_TRANSACTION_TTL,
  type TakeResult,
  type TransactionData,
  type TransactionStore,
} from './transaction-store.js';
export { userAgent } from './user-agent.js';
export { callVerify, settle, type Verified, type VerifyArguments, type VerifyCallback, type VerifyResult } from './verify.js';
export type { PassportRequest, VerifiedUser } from './app-types.js';
export { callableClass, initialize, type CallableClass } from './callable-class.js';
export {
  LOGIN_CHANNELS,
  type LoginCallbackMessage,
  type LoginChannelMessages,
  type LoginChannelName,
  type LoginErrorMessage,
  type LoginFailMessage,
  type LoginMessageBase,
  type LoginProtocol,
  type LoginRequestMessage,
  type LoginStartMessage,
  type LoginStateMessage,
  type LoginVerifyMessage,
  type StateFailureReason,
} from './login-channels.js';
export { LOGIN_FAILURE_FIELD, type PassportKitFailure } from './login-failure.js';
export { WARNING_CODES, WARNING_TYPE } from './warnings.js';

// ---------------------------------------------------------------------------------------------
// Internal: the plumbing passport-kit's own packages share (README.md, "Internal plumbing").
// Exported from the root so that every package uses one copy of its module state (warnings
// already given, recent logins); not for apps, and it may change in any release.
// ---------------------------------------------------------------------------------------------
export { concealProperties } from './conceal-properties.js';
export { deriveCookieSecret } from './cookie-secret.js';
export { describeURL, originOf } from './describe-url.js';
export { isAnyLoginStepObserved, isObserved, publish } from './diagnostics.js';
export { loginBinding } from './login-binding.js';
export { recordLoginFailure } from './login-failure.js';
export { runLoginStep, type BackChannelStep } from './login-step.js';
export {
  loginObserver,
  reasonOf,
  type LoginFlow,
  type LoginObserver,
  type LoginStartFacts,
  type ObservableStrategy,
  type VerifyOutcome,
} from './login-observer.js';
export { loginId, markLoginCompleted, recallLogin, rememberLogin, type RecentLogin } from './recent-logins.js';
export { redact } from './redact.js';
export { shouldSkipUserProfile, type SkipUserProfileOption } from './skip-user-profile.js';
export { explainStateFailure, type StateFailureFacts } from './state-failure-hint.js';
export { strategyLabel, strategyLabelOf } from './strategy-label.js';
export { warnOnce, warnUnknownOptions } from './warnings.js';
