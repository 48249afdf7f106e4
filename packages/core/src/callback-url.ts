import { arrivedOverTLS, headerValue, type IncomingRequest } from './request.js';

/** Options of {@link originalURL} and {@link resolveCallbackURL}. */
export interface OriginalURLOptions {
  /** Trust `X-Forwarded-Proto` and `X-Forwarded-Host` (the strategy's `proxy` option). */
  proxy?: boolean | undefined;
}

/**
 * The URL the client used to reach this request. Forwarded headers are trusted only with
 * `proxy: true` or Express's `trust proxy` setting: otherwise anyone could choose the host.
 */
export function originalURL(req: IncomingRequest, options: OriginalURLOptions = {}): string {
  const trustProxy = options.proxy === true || Boolean(req.app?.get?.('trust proxy'));
  const forwardedProto = trustProxy ? firstListValue(headerValue(req, 'x-forwarded-proto')) : undefined;
  const protocol = arrivedOverTLS(req) || forwardedProto?.toLowerCase() === 'https' ? 'https' : 'http';
  const forwardedHost = trustProxy ? firstListValue(headerValue(req, 'x-forwarded-host')) : undefined;
  const host = forwardedHost || headerValue(req, 'host') || 'localhost';
  const path = req.originalUrl ?? req.url ?? '/';
  return `${protocol}://${host}${path}`;
}

/**
 * Resolves the configured `callbackURL` against the request when it is relative (`/auth/cb`),
 * as passport-oauth2 does; an absolute URL is returned unchanged.
 */
export function resolveCallbackURL(
  req: IncomingRequest,
  callbackURL: string | undefined,
  options: OriginalURLOptions = {},
): string | undefined {
  if (!callbackURL) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(callbackURL)) return callbackURL;
  return new URL(callbackURL, originalURL(req, options)).toString();
}

function firstListValue(value: string | undefined): string | undefined {
  return value?.split(',')[0]?.trim() || undefined;
}
