import type { VerifyCallback } from '@passport-kit/oauth2';
import type { GitHubProfile } from './profile.js';

type VerifyResult = void | Promise<unknown>;

/** `(accessToken, refreshToken, profile, done)` */
export type GitHubVerifyFunction = (accessToken: string, refreshToken: string | undefined, profile: GitHubProfile, done: VerifyCallback) => VerifyResult;

/** `(accessToken, refreshToken, params, profile, done)`: `params` is the whole token response. */
export type GitHubVerifyFunctionWithParams = (
  accessToken: string,
  refreshToken: string | undefined,
  params: Record<string, unknown>,
  profile: GitHubProfile,
  done: VerifyCallback,
) => VerifyResult;

// Declared as methods, so `req` is checked bivariantly: `(req: express.Request, ...)` fits
// whatever the framework's request type is.
/** `(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type GitHubVerifyFunctionWithRequest = {
  /** The verify callback, request first. */
  verify(req: unknown, accessToken: string, refreshToken: string | undefined, profile: GitHubProfile, done: VerifyCallback): VerifyResult;
}['verify'];

/** `(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type GitHubVerifyFunctionWithRequestAndParams = {
  /** The verify callback, request first. */
  verify(
    req: unknown,
    accessToken: string,
    refreshToken: string | undefined,
    params: Record<string, unknown>,
    profile: GitHubProfile,
    done: VerifyCallback,
  ): VerifyResult;
}['verify'];
