export { BearerStrategy, type BearerAuthenticateOptions, type BearerStrategyOptions, type TokenValidation } from './bearer-strategy.js';
export type { BearerTokenLookup } from './bearer-token.js';
export type { BearerChallenge, BearerErrorCode } from './challenge.js';
export { IntrospectionFailedError, JwksUnavailableError } from './errors.js';
export { IntrospectionBearerStrategy, type IntrospectionBearerStrategyOptions } from './introspection-bearer-strategy.js';
export type { IntrospectionCacheOptions } from './introspection-cache.js';
export { DEFAULT_JWT_ALGORITHMS, JwtBearerStrategy, type JwtBearerStrategyOptions } from './jwt-bearer-strategy.js';
export type { RemoteKeySetOptions } from './remote-key-set.js';
export type { BearerVerifyCallback, BearerVerifyFunction, BearerVerifyFunctionWithRequest } from './verify.js';
