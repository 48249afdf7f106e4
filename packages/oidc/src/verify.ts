// The verify forms OpenIDConnectStrategy accepts: OAuth2Strategy's, with the OpenID Connect profile.
import type {
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from '@passport-kit/oauth2';
import type { PassportRequest } from '@passport-kit/core';
import type { OpenIDConnectProfile } from './profile.js';

/** `(accessToken, refreshToken, profile, done)` */
export type OpenIDConnectVerifyFunction = VerifyFunction<OpenIDConnectProfile>;
/**
 * `(accessToken, refreshToken, params, profile, done)`: `params` is the whole token response,
 * with the raw `id_token` and its verified claims as `id_token_claims`.
 */
export type OpenIDConnectVerifyFunctionWithParams = VerifyFunctionWithParams<OpenIDConnectProfile>;
/** `(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type OpenIDConnectVerifyFunctionWithRequest<R = PassportRequest> = VerifyFunctionWithRequest<OpenIDConnectProfile, R>;
/** `(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type OpenIDConnectVerifyFunctionWithRequestAndParams<R = PassportRequest> = VerifyFunctionWithRequestAndParams<OpenIDConnectProfile, R>;


/**
 * Any of the verify forms, chosen as passport-oauth2 does: by arity, 5 (6 with `req`) for the
 * `params` form, anything else (NestJS's `(...args)` included) for the 4-argument form.
 */
export type AnyOpenIDConnectVerifyFunction =
  | OpenIDConnectVerifyFunction
  | OpenIDConnectVerifyFunctionWithParams
  | OpenIDConnectVerifyFunctionWithRequest<never>
  | OpenIDConnectVerifyFunctionWithRequestAndParams<never>;
