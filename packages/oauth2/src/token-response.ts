import { TokenError } from './errors.js';

/** A successful token response (RFC 6749 §5.1), checked field by field. */
export interface TokenResponse {
  /** `access_token`: the token to call the provider's APIs with. */
  accessToken: string;
  /** `refresh_token`, when the provider issued one. */
  refreshToken: string | undefined;
  /** `token_type` as sent (`bearer` for most providers; Slack's OAuth v2 says `bot` or `user`). */
  tokenType: string | undefined;
  /** Lifetime in seconds, when the provider said. */
  expiresIn: number | undefined;
  /** The granted scope, when the provider said (it may differ from the requested one). */
  scope: string | undefined;
  /** Every parameter of the response: what a 5-argument verify receives as `params`. */
  params: Record<string, unknown>;
}

/**
 * Reads a token endpoint body: JSON per RFC 6749 §5.1, or form-encoded as some providers
 * (GitHub without `Accept`, Facebook's old Graph versions) still answer. `undefined` when it
 * is neither.
 */
export function parseTokenBody(body: string, contentType: string | undefined): Record<string, unknown> | undefined {
  const text = body.trim();
  if (text.startsWith('{') || /\bjson\b/i.test(contentType ?? '')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  }
  if (/^[\w.~%+-]+=/.test(text)) return Object.fromEntries(new URLSearchParams(text));
  return undefined;
}

/**
 * Checks a parsed 2xx token response. A response without an access token is an error, not a
 * login with `undefined` as the token (CVE-2021-41580).
 */
export function readTokenResponse(params: Record<string, unknown>): TokenResponse {
  const accessToken = params['access_token'];
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new TokenError('Token response has no access_token', 'invalid_token_response');
  }
  // Any token_type, as passport-oauth2: Slack's OAuth v2 answers `bot` or `user`. The app
  // reads it from `params` and uses the token as its provider documents.
  const tokenType = optionalString(params, 'token_type');
  const expiresIn = params['expires_in'];
  const seconds = typeof expiresIn === 'string' && /^\d+$/.test(expiresIn) ? Number(expiresIn) : expiresIn;
  if (seconds !== undefined && (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0)) {
    throw new TokenError('Token response has an invalid expires_in', 'invalid_token_response');
  }
  return {
    accessToken,
    refreshToken: optionalString(params, 'refresh_token'),
    tokenType,
    expiresIn: seconds,
    scope: scopeOf(params),
    params,
  };
}

// Twitch answers the granted scope as a JSON array; RFC 6749 §5.1 says a space-delimited string.
function scopeOf(params: Record<string, unknown>): string | undefined {
  const scope = params['scope'];
  if (Array.isArray(scope) && scope.every((item) => typeof item === 'string')) return scope.join(' ');
  return optionalString(params, 'scope');
}

function optionalString(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TokenError(`Token response has a non-string ${name}`, 'invalid_token_response');
  return value;
}
