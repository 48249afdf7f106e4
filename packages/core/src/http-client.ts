import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import { NetworkError } from './errors.js';

/** Default overall deadline of one back-channel call, in milliseconds. */
export const DEFAULT_TIMEOUT = 10_000;
/** Default cap on a response body, in bytes: the client stops reading past it. */
export const DEFAULT_MAX_RESPONSE_SIZE = 1024 * 1024;

/** How a strategy talks to a provider's back channel. */
export interface HttpClientOptions {
  /**
   * The undici dispatcher requests go through: a `ProxyAgent`, an `EnvHttpProxyAgent`, a
   * `MockAgent`, or your own `Agent`. Defaults to one pooled keep-alive `Agent` per process.
   */
  dispatcher?: Dispatcher | undefined;
  /** Overall deadline of one call (connect, headers and body), in milliseconds. Default 10 000. */
  timeout?: number | undefined;
  /** Largest response body accepted, in bytes. Default 1 MiB. */
  maxResponseSize?: number | undefined;
  /** The `User-Agent` header sent with every request. */
  userAgent: string;
}

/** One back-channel call. */
export interface HttpRequest {
  /** HTTP method. */
  method: 'GET' | 'POST';
  /** Absolute URL. */
  url: string;
  /** Request headers; `User-Agent` is added. */
  headers?: Record<string, string>;
  /** The request body, already encoded (form or JSON). */
  body?: string;
}

/** The provider's answer, whatever its status: the caller checks `status`. */
export interface HttpResponse {
  /** HTTP status code. */
  status: number;
  /** Response headers, names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  /** The body as UTF-8 text, at most `maxResponseSize` bytes. */
  body: string;
}

const MAX_TIMER_DELAY = 2 ** 31 - 1;

let sharedAgent: Agent | undefined;

// One pool per process: a login makes two or three calls to the same hosts, so reusing the
// keep-alive connections saves a TCP (and TLS) handshake on each.
function defaultDispatcher(): Agent {
  sharedAgent ??= new Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connect: { timeout: DEFAULT_TIMEOUT },
  });
  return sharedAgent;
}

/**
 * The one HTTP helper every strategy uses: undici's `request` on a pooled dispatcher, with a
 * deadline and a size cap on every call and no retries (an authorization code is single-use).
 * Redirects are not followed; the caller sees the 3xx.
 */
export class HttpClient {
  readonly #dispatcher: Dispatcher | undefined;
  readonly #timeout: number;
  readonly #maxResponseSize: number;
  readonly #userAgent: string;

  constructor(options: HttpClientOptions) {
    if (options.dispatcher !== undefined && typeof options.dispatcher?.dispatch !== 'function') {
      throw new TypeError('dispatcher must be an undici Dispatcher');
    }
    if (typeof options.userAgent !== 'string' || options.userAgent === '') {
      throw new TypeError('userAgent must be a non-empty string');
    }
    this.#dispatcher = options.dispatcher;
    // Node timers hold whole milliseconds up to 2^31 - 1; past that a timer fires after 1 ms.
    this.#timeout = Math.ceil(positive(options.timeout, DEFAULT_TIMEOUT, 'timeout'));
    if (this.#timeout > MAX_TIMER_DELAY) {
      throw new TypeError(`timeout must be at most ${MAX_TIMER_DELAY} ms, got ${String(options.timeout)}`);
    }
    this.#maxResponseSize = positive(options.maxResponseSize, DEFAULT_MAX_RESPONSE_SIZE, 'maxResponseSize');
    this.#userAgent = options.userAgent;
  }

  /** Sends one request and reads the whole (capped) body as UTF-8 text. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    // A timer cleared when the call ends: AbortSignal.timeout's would outlive every call by the
    // whole deadline, thousands of them under load, each holding its signal.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('The deadline passed', 'TimeoutError')), this.#timeout);
    try {
      return await this.#send(req, controller.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  async #send(req: HttpRequest, deadline: AbortSignal): Promise<HttpResponse> {
    // Lower-cased so a caller's `User-Agent` (passport-oauth2's customHeaders) replaces ours
    // instead of going out as a second header.
    const requestHeaders: Record<string, string> = { 'user-agent': this.#userAgent };
    for (const [name, value] of Object.entries(req.headers ?? {})) requestHeaders[name.toLowerCase()] = value;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(req.url, {
        method: req.method,
        headers: requestHeaders,
        body: req.body ?? null,
        signal: deadline,
        // undici's own timers can fire early on a reused keep-alive connection (509 ms of an
        // 800 ms timeout, measured): the deadline above is the timeout, these only a backstop.
        headersTimeout: Math.min(this.#timeout * 2, MAX_TIMER_DELAY),
        bodyTimeout: Math.min(this.#timeout * 2, MAX_TIMER_DELAY),
        dispatcher: this.#dispatcher ?? defaultDispatcher(),
      });
    } catch (err) {
      throw toNetworkError(err, req, this.#timeout, deadline);
    }

    const { statusCode, headers, body } = response;
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > this.#maxResponseSize) {
      // Destroying an unread undici body emits RequestAbortedError; with no listener that
      // would be an uncaught exception in the caller's process.
      body.on('error', () => undefined);
      body.destroy();
      throw tooLarge(req, this.#maxResponseSize);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of body) {
        size += (chunk as Buffer).length;
        if (size > this.#maxResponseSize) {
          body.destroy();
          throw tooLarge(req, this.#maxResponseSize);
        }
        chunks.push(chunk as Buffer);
      }
    } catch (err) {
      if (err instanceof NetworkError) throw err;
      throw toNetworkError(err, req, this.#timeout, deadline);
    }
    return { status: statusCode, headers, body: Buffer.concat(chunks, size).toString('utf8') };
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${name} must be a positive number, got ${String(value)}`);
  }
  return value;
}

// The target is described only when a call fails: parsing the URL costs on every call.
function tooLarge(req: HttpRequest, limit: number): NetworkError {
  const where = describeTarget(req.method, req.url);
  return new NetworkError(`${where}: response body exceeds the ${limit}-byte limit`, 'ERR_RESPONSE_TOO_LARGE');
}

function toNetworkError(err: unknown, req: HttpRequest, timeout: number, deadline: AbortSignal): NetworkError {
  const where = describeTarget(req.method, req.url);
  const timedOut =
    deadline.aborted ||
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError ||
    err instanceof undiciErrors.ConnectTimeoutError;
  if (timedOut) {
    return new NetworkError(`${where}: no complete response within ${timeout} ms`, 'ERR_TIMEOUT', { cause: err });
  }
  const reason = err instanceof Error ? ((err as NodeJS.ErrnoException).code ?? err.message) : String(err);
  return new NetworkError(`${where}: request failed (${reason})`, 'ERR_NETWORK', { cause: err });
}

/**
 * `POST https://host/path` with no query string or credentials: a URL may carry a secret in
 * its query (an access token, an API key), and this text ends up in error messages and logs.
 */
export function describeTarget(method: string, url: string): string {
  try {
    const { origin, pathname } = new URL(url);
    return `${method} ${origin}${pathname}`;
  } catch {
    return `${method} (invalid URL)`;
  }
}
