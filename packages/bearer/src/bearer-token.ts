import { headerValue, type IncomingRequest } from '@passport-kit/core';

/** Where the token was found, or why the request carries none that can be used. */
export type BearerTokenLookup =
  | {
      /** One token was sent. */
      kind: 'token';
      /** The token. */
      token: string;
    }
  | {
      /** No token was sent. */
      kind: 'absent';
    }
  | {
      /** Malformed, or sent more than one way (RFC 6750 §2). */
      kind: 'invalid';
      /** Why, sent as `error_description`. */
      description: string;
    };

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token.
const AUTHORIZATION = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * Reads the access token from `Authorization: Bearer` (RFC 6750 §2.1) or, when `cookie` is set,
 * from that cookie (as a browser front end sends it). Another scheme (`Basic`, …) counts as no
 * token, so a second strategy can handle it. A malformed Bearer header, or a header and a cookie
 * with different tokens (§2: one method per request), is `invalid`.
 *
 * Query-string and form-body tokens (§2.2, §2.3) are not read: URLs end up in logs.
 */
export function readBearerToken(req: IncomingRequest, cookie?: string): BearerTokenLookup {
  const header = req.headers['authorization'];
  if (Array.isArray(header) && header.length > 1) return { kind: 'invalid', description: 'More than one Authorization header' };
  const authorization = headerValue(req, 'authorization');
  let fromHeader: string | undefined;
  if (authorization !== undefined && /^Bearer(\s|$)/i.test(authorization)) {
    const match = AUTHORIZATION.exec(authorization);
    if (!match) return { kind: 'invalid', description: 'Malformed Bearer authorization header' };
    fromHeader = match[1];
  }
  const fromCookie = cookie ? cookieValue(req, cookie) : undefined;
  if (fromHeader !== undefined && fromCookie !== undefined && fromHeader !== fromCookie) {
    return { kind: 'invalid', description: 'The access token was sent by more than one method' };
  }
  const token = fromHeader ?? fromCookie;
  return token ? { kind: 'token', token } : { kind: 'absent' };
}

function cookieValue(req: IncomingRequest, name: string): string | undefined {
  const header = headerValue(req, 'cookie');
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    const raw = pair.slice(at + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw) || undefined;
    } catch {
      return raw || undefined;
    }
  }
  return undefined;
}
