export { CookieTransactionStore, type CookieTransactionStoreOptions } from './cookie-transaction-store.js';
export { originalURL, resolveCallbackURL, type OriginalURLOptions } from './callback-url.js';
export { DefaultTransactionStore, type DefaultTransactionStoreOptions } from './default-transaction-store.js';
export {
  NetworkError,
  PassportKitError,
  UnexpectedBodyError,
  UnexpectedStatusError,
  type PassportKitErrorOptions,
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
