export {
  AUTHORIZATION_URL,
  ISSUER,
  TOKEN_URL,
  USER_EMAIL_URL,
  USER_PROFILE_URL,
  githubEndpoints,
  type GitHubEndpoints,
} from './endpoints.js';
export type { GitHubAuthenticateOptions, GitHubStrategyOptions, GitHubStrategyOptionsWithRequest } from './options.js';
export { parseEmails, parseProfile, type GitHubProfile, type GitHubProfileEmail, type ParseEmailsOptions } from './profile.js';
export { GitHubStrategy, GitHubStrategy as Strategy, GitHubStrategy as default } from './strategy.js';
export { AuthorizationError, InternalOAuthError, TokenError } from '@passport-kit/oauth2';
export type {
  GitHubVerifyFunction,
  GitHubVerifyFunctionWithParams,
  GitHubVerifyFunctionWithRequest,
  GitHubVerifyFunctionWithRequestAndParams,
} from './verify.js';
