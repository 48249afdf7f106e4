import type { VerifyCallback } from '@passport-kit/oauth2';
import type { OpenIDConnectProfile } from './profile.js';

type VerifyResult = void | Promise<unknown>;

/** `(accessToken, refreshToken, profile, done)` */
export type OpenIDConnectVerifyFunction = (accessToken: string, refreshToken: string | undefined, profile: OpenIDConnectProfile, done: VerifyCallback) => VerifyResult;

/**
 * `(accessToken, refreshToken, params, profile, done)`: `params` is the whole token response,
 * with the raw `id_token` and its verified claims as `id_token_claims`.
 */
export type OpenIDConnectVerifyFunctionWithParams = (
  accessToken: string,
  refreshToken: string | undefined,
  params: Record<string, unknown>,
  profile: OpenIDConnectProfile,
  done: VerifyCallback,
) => VerifyResult;

// Declared as methods, so `req` is checked bivariantly: `(req: express.Request, ...)` fits.
/** `(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type OpenIDConnectVerifyFunctionWithRequest = {
  /** The verify callback, request first. */
  verify(req: unknown, accessToken: string, refreshToken: string | undefined, profile: OpenIDConnectProfile, done: VerifyCallback): VerifyResult;
}['verify'];

/** `(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type OpenIDConnectVerifyFunctionWithRequestAndParams = {
  /** The verify callback, request first. */
  verify(
    req: unknown,
    accessToken: string,
    refreshToken: string | undefined,
    params: Record<string, unknown>,
    profile: OpenIDConnectProfile,
    done: VerifyCallback,
  ): VerifyResult;
}['verify'];

/**
 * Any of the verify forms, chosen as passport-oauth2 does: by arity, 5 (6 with `req`) for the
 * `params` form, anything else (NestJS's `(...args)` included) for the 4-argument form.
 */
export type AnyOpenIDConnectVerifyFunction =
  | OpenIDConnectVerifyFunction
  | OpenIDConnectVerifyFunctionWithParams
  | OpenIDConnectVerifyFunctionWithRequest
  | OpenIDConnectVerifyFunctionWithRequestAndParams;
