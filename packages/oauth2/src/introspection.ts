import { TokenError } from './errors.js';
import { setOptional, withExtraParams, type GrantParams } from './lib/grant-params.js';

/** Options of an introspection request (RFC 7662 §2.1). */
export interface IntrospectionOptions {
  /** `access_token` or `refresh_token`: a hint for the server's lookup. */
  tokenTypeHint?: 'access_token' | 'refresh_token' | (string & {}) | undefined;
  /** Further form parameters. */
  params?: Record<string, string> | undefined;
}

/**
 * What the authorization server says about an active token (RFC 7662 §2.2), with the claim
 * names of the RFC. Every listed member was checked to have its registered type; members the
 * server added are passed through unchecked.
 */
export interface ActiveTokenIntrospection {
  /** The token is live. */
  active: true;
  /** Space-separated scopes. */
  scope?: string | undefined;
  /** The client the token was issued to. */
  client_id?: string | undefined;
  /** A human-readable identifier of the resource owner. */
  username?: string | undefined;
  /** The token's type, e.g. `Bearer`. */
  token_type?: string | undefined;
  /** Seconds since the epoch. */
  exp?: number | undefined;
  /** When the token was issued, in seconds since the epoch. */
  iat?: number | undefined;
  /** Not valid before this time, in seconds since the epoch. */
  nbf?: number | undefined;
  /** The resource owner the token stands for. */
  sub?: string | undefined;
  /** The audience(s) the token is meant for. */
  aud?: string | string[] | undefined;
  /** The issuer of the token. */
  iss?: string | undefined;
  /** The token's identifier. */
  jti?: string | undefined;
  [claim: string]: unknown;
}

/** A token that is expired, revoked, unknown, or not for this client: nothing more is said (§2.2). */
export interface InactiveTokenIntrospection {
  /** The token is not live. */
  active: false;
}

/** An RFC 7662 introspection answer: check `active` first. */
export type IntrospectionResponse = ActiveTokenIntrospection | InactiveTokenIntrospection;

/** The form parameters of an introspection request. */
export function introspectionParams(token: string, options: IntrospectionOptions = {}): GrantParams {
  if (typeof token !== 'string' || token === '') throw new TypeError('introspect requires a token');
  const params = withExtraParams(options.params, { token });
  setOptional(params, 'token_type_hint', options.tokenTypeHint);
  return params;
}

const STRING_CLAIMS = ['scope', 'client_id', 'username', 'token_type', 'sub', 'iss', 'jti'] as const;
const TIME_CLAIMS = ['exp', 'iat', 'nbf'] as const;

/**
 * Checks an introspection response: `active` must be a boolean (a string `"true"` is not
 * active), and the RFC 7662 members their registered types. Anything else is an error rather
 * than a guess, since the answer decides whether a request is let in.
 */
export function readIntrospectionResponse(body: Record<string, unknown>): IntrospectionResponse {
  const { active } = body;
  if (typeof active !== 'boolean') throw invalid('has no boolean "active" member');
  if (!active) return { active: false };

  for (const name of STRING_CLAIMS) {
    if (body[name] !== undefined && typeof body[name] !== 'string') throw invalid(`has a non-string "${name}"`);
  }
  for (const name of TIME_CLAIMS) {
    const value = body[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) throw invalid(`has an invalid "${name}"`);
  }
  const { aud } = body;
  if (aud !== undefined && typeof aud !== 'string' && !(Array.isArray(aud) && aud.every((item) => typeof item === 'string'))) {
    throw invalid('has an invalid "aud"');
  }
  return { ...body, active: true };
}

function invalid(problem: string): TokenError {
  return new TokenError(`Introspection response ${problem}`, 'invalid_introspection_response');
}
