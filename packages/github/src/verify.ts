// The verify forms GitHubStrategy accepts: OAuth2Strategy's, with the GitHub profile.
import type {
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from '@passport-kit/oauth2';
import type { PassportRequest } from '@passport-kit/core';
import type { GitHubProfile } from './profile.js';

/** `(accessToken, refreshToken, profile, done)` */
export type GitHubVerifyFunction = VerifyFunction<GitHubProfile>;
/** `(accessToken, refreshToken, params, profile, done)`: `params` is the whole token response. */
export type GitHubVerifyFunctionWithParams = VerifyFunctionWithParams<GitHubProfile>;
/** `(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type GitHubVerifyFunctionWithRequest<R = PassportRequest> = VerifyFunctionWithRequest<GitHubProfile, R>;
/** `(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type GitHubVerifyFunctionWithRequestAndParams<R = PassportRequest> = VerifyFunctionWithRequestAndParams<GitHubProfile, R>;
