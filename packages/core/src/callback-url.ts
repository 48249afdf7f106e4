import { PassportKitError } from './errors.js';
import { arrivedOverTLS, headerValue, type IncomingRequest } from './request.js';

/** Options of {@link originalURL} and {@link resolveCallbackURL}. */
export interface OriginalURLOptions {
  /**
   * Trust `X-Forwarded-Proto` and `X-Forwarded-Host` (the strategy's `proxy` option): `true`
   * from any peer, `false` never (whatever Express's `trust proxy` says). Unset: as Express's
   * compiled `trust proxy` setting decides for the peer address.
   */
  proxy?: boolean | undefined;
}

/** Options of {@link resolveCallbackURL}. */
export interface ResolveCallbackURLOptions extends OriginalURLOptions {
  /**
   * The app's own origin(s) (`https://app.example`). A relative `callbackURL` then resolves
   * against the one whose host the request came to, never against a host a client named.
   */
  appURL?: string | readonly string[] | undefined;
}

/**
 * A relative `callbackURL` was to be resolved for a request to a host that is none of the
 * app's `appURL`s: answering would put a `redirect_uri` on a host the client chose.
 */
export class UntrustedHostError extends PassportKitError {
  declare code: 'ERR_UNTRUSTED_HOST';
  /** 400: the request named a host this app does not serve. */
  readonly status = 400;

  constructor(host: string) {
    super(`Request for host ${JSON.stringify(host.slice(0, 100))} is not one of the app's origins (the appURL option)`, 'ERR_UNTRUSTED_HOST');
  }
}

/**
 * The URL the client used to reach this request. Forwarded headers are trusted only with
 * `proxy: true`, or when Express's `trust proxy` setting trusts the peer that sent them:
 * otherwise anyone could choose the host.
 */
export function originalURL(req: IncomingRequest, options: OriginalURLOptions = {}): string {
  const trustProxy = trustsForwardedHeaders(req, options.proxy);
  const forwardedProto = trustProxy ? firstListValue(headerValue(req, 'x-forwarded-proto')) : undefined;
  const protocol = arrivedOverTLS(req) || forwardedProto?.toLowerCase() === 'https' ? 'https' : 'http';
  const forwardedHost = trustProxy ? firstListValue(headerValue(req, 'x-forwarded-host')) : undefined;
  const host = forwardedHost || headerValue(req, 'host') || 'localhost';
  const path = req.originalUrl ?? req.url ?? '/';
  return `${protocol}://${host}${path}`;
}

/**
 * Resolves the configured `callbackURL` against the request when it is relative (`/auth/cb`),
 * as passport-oauth2 does; an absolute URL is returned unchanged. With `appURL`, a relative
 * one resolves against the app's own origin, and a request to another host throws
 * {@link UntrustedHostError} (RFC 9700 §4.1: the redirect URI must not follow the Host header).
 */
export function resolveCallbackURL(
  req: IncomingRequest,
  callbackURL: string | undefined,
  options: ResolveCallbackURLOptions = {},
): string | undefined {
  if (!callbackURL) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(callbackURL)) return callbackURL;
  const requested = originalURL(req, options);
  if (options.appURL === undefined) {
    warnHostDerivedCallbackURL();
    return new URL(callbackURL, requested).toString();
  }
  const base = ownOrigin(options.appURL, hostOf(requested) ?? headerValue(req, 'host') ?? '');
  // The request's path still counts for a path-relative callbackURL (`callback`), as url.resolve does.
  const path = req.originalUrl ?? req.url ?? '/';
  return new URL(callbackURL, new URL(path.startsWith('/') ? path : `/${path}`, base)).toString();
}

/** Which of the app's `appURL`s the request came to; throws when it is none of them. */
function ownOrigin(appURL: string | readonly string[], requestHost: string): URL {
  const bases = (typeof appURL === 'string' ? [appURL] : appURL).map((base) => new URL(base));
  const host = requestHost.toLowerCase();
  const match = bases.find((base) => base.host === host);
  if (!match) throw new UntrustedHostError(requestHost);
  return match;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined; // A Host header no URL can carry: no appURL matches it.
  }
}

let warned = false;

// Once per process: the app works as passport-oauth2 did, but should name its origin.
function warnHostDerivedCallbackURL(): void {
  if (warned) return;
  warned = true;
  process.emitWarning(
    'passport-kit: a relative callbackURL is resolved against the Host header of each request, so a client can choose ' +
      'the host of the redirect_uri. Set an absolute callbackURL or the appURL option (RFC 9700 §4.1).',
    { type: 'SecurityWarning', code: 'PASSPORT_KIT_HOST_DERIVED_CALLBACK_URL' },
  );
}

/**
 * `proxy: true` trusts every peer and `proxy: false` none. Otherwise Express's compiled
 * `trust proxy fn` (a list, a CIDR, a hop count or a function all compile to one) judges the
 * peer, as `req.protocol` and `req.hostname` do; a framework without it trusts no one.
 */
function trustsForwardedHeaders(req: IncomingRequest, proxy: boolean | undefined): boolean {
  if (proxy !== undefined) return proxy;
  const trust = req.app?.get?.('trust proxy fn');
  if (typeof trust !== 'function') return false;
  const peer = peerAddress(req);
  if (peer === undefined) return false;
  try {
    return (trust as (address: string, hop: number) => unknown)(peer, 0) === true;
  } catch {
    return false;
  }
}

function peerAddress(req: IncomingRequest): string | undefined {
  for (const connection of [req.socket, req.connection]) {
    const address = (connection as { remoteAddress?: unknown } | undefined)?.remoteAddress;
    if (typeof address === 'string' && address !== '') return address;
  }
  return undefined;
}

function firstListValue(value: string | undefined): string | undefined {
  return value?.split(',')[0]?.trim() || undefined;
}
