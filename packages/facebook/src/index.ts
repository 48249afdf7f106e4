export { appSecretProof } from './appsecret-proof.js';
export { facebookEndpoints, type FacebookEndpoints } from './endpoints.js';
export { FacebookAuthorizationError, FacebookGraphAPIError, FacebookTokenError, type FacebookErrorFields } from './errors.js';
export {
  DEFAULT_GRAPH_API_VERSION,
  GRAPH_API_VERSIONS,
  GRAPH_API_VERSION_WARNING_CODE,
  graphAPIVersionEndOfLife,
  warnIfPastEndOfLife,
} from './graph-api-versions.js';
export type { FacebookAuthenticateOptions, FacebookStrategyOptions } from './options.js';
export { parseProfile, type FacebookProfile } from './profile.js';
export { FacebookStrategy, FacebookStrategy as Strategy, FacebookStrategy as default } from './strategy.js';
