export { DEFAULT_ID_TOKEN_ALGORITHMS, idTokenAlgorithms } from './algorithms.js';
export { accessTokenHash } from './at-hash.js';
export { discover, readIssuerMetadata, type DiscoveryOptions, type IssuerMetadata } from './discovery.js';
export {
  DiscoveryError,
  IdTokenError,
  UserInfoError,
  type DiscoveryErrorCode,
  type IdTokenErrorCode,
  type UserInfoErrorCode,
} from './errors.js';
export { verifyIdToken, type IdTokenClaims, type IdTokenVerificationOptions, type VerifiedIdToken } from './id-token.js';
export { remoteKeySet, type RemoteKeySetOptions } from './jwks.js';
export type { FromIssuerOptions, OpenIDConnectStrategyOptions, OpenIDConnectStrategyOptionsWithRequest } from './options.js';
export { profileFromClaims, type OpenIDConnectProfile } from './profile.js';
export { ID_TOKEN_CLAIMS_PARAM, OpenIDConnectStrategy, OpenIDConnectStrategy as Strategy, OpenIDConnectStrategy as default } from './strategy.js';
export type {
  AnyOpenIDConnectVerifyFunction,
  OpenIDConnectVerifyFunction,
  OpenIDConnectVerifyFunctionWithParams,
  OpenIDConnectVerifyFunctionWithRequest,
  OpenIDConnectVerifyFunctionWithRequestAndParams,
} from './verify.js';
