import type { Agent, Dispatcher } from 'undici';
import { NetworkError } from './errors.js';
import { observeBackChannelCall } from './login-step.js';

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
  method: string;
  /** Absolute URL. */
  url: string;
  /** Request headers; `User-Agent` is added. */
  headers?: Record<string, string>;
  /** The request body, already encoded (form or JSON), or bytes (node-oauth's `post` of a Buffer). */
  body?: string | Uint8Array | undefined;
  /** This call's dispatcher, instead of the client's (node-oauth's `setAgent`). */
  dispatcher?: Dispatcher | undefined;
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

// undici's index loads all of undici (fetch, WebSocket, caches, mocks): about 5 MB of heap and
// 40 ms of a cold start. The default transport needs only its Agent, loaded on the first call
// that has no dispatcher of its own. undici publishes no `exports` map, so the file is reachable;
// should a later version move it, the index is the fallback.
const AGENT_MODULE = 'undici/lib/dispatcher/agent.js';

let sharedAgent: Agent | undefined;
let loadingAgent: Promise<Agent> | undefined;

async function loadAgentClass(): Promise<typeof Agent> {
  try {
    return ((await import(AGENT_MODULE)) as { default: typeof Agent }).default;
  } catch {
    return (await import('undici')).Agent;
  }
}

// One pool per process: a login makes two or three calls to the same hosts, so reusing the
// keep-alive connections saves a TCP (and TLS) handshake on each.
function defaultDispatcher(): Promise<Agent> {
  loadingAgent ??= loadAgentClass().then(
    (AgentClass) =>
      (sharedAgent ??= new AgentClass({
        keepAliveTimeout: 10_000,
        keepAliveMaxTimeout: 60_000,
        connect: { timeout: DEFAULT_TIMEOUT },
      })),
    (err: unknown) => {
      loadingAgent = undefined; // the next call tries again
      throw err;
    },
  );
  return loadingAgent;
}

/**
 * The one HTTP helper every strategy uses: undici's `dispatch` on a pooled dispatcher, with a
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
  request(req: HttpRequest): Promise<HttpResponse> {
    // Lower-cased so a caller's `User-Agent` (passport-oauth2's customHeaders) replaces ours
    // instead of going out as a second header.
    const headers: Record<string, string> = { 'user-agent': this.#userAgent };
    for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
    let target: URL;
    try {
      target = new URL(req.url);
    } catch (err) {
      return Promise.reject(new NetworkError(`${describeTarget(req.method, req.url)}: request failed (invalid URL)`, 'ERR_NETWORK', { cause: err }));
    }
    const options: Dispatcher.DispatchOptions = {
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: req.method,
      headers,
      body: req.body ?? null,
      // undici's own timers can fire early on a reused keep-alive connection (509 ms of an
      // 800 ms timeout, measured): the reader's deadline is the timeout, these a backstop.
      headersTimeout: Math.min(this.#timeout * 2, MAX_TIMER_DELAY),
      bodyTimeout: Math.min(this.#timeout * 2, MAX_TIMER_DELAY),
    };
    const dispatcher = req.dispatcher ?? this.#dispatcher ?? sharedAgent;
    const response = dispatcher
      ? this.#send(dispatcher, req, options)
      : defaultDispatcher().then(
          (agent) => this.#send(agent, req, options),
          (err: unknown) => Promise.reject(toNetworkError(err, req, this.#timeout)),
        );
    return observeBackChannelCall(req.method, req.url, response);
  }

  #send(dispatcher: Dispatcher, req: HttpRequest, options: Dispatcher.DispatchOptions): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      new ResponseReader(req, this.#timeout, this.#maxResponseSize, resolve, reject).send(dispatcher, options);
    });
  }
}

/**
 * One call's handler for undici's `dispatch`: collects the body (no stream per response, which
 * `undici.request` creates and which costs about a third of a loopback call's CPU), stops
 * reading past the size cap, and ends the call at the deadline. It uses the handler methods
 * every undici version's dispatchers understand (`onConnect` … `onError`), so a user's
 * `ProxyAgent` from another undici copy works too.
 */
class ResponseReader implements Dispatcher.DispatchHandler {
  readonly #req: HttpRequest;
  readonly #timeout: number;
  readonly #maxResponseSize: number;
  readonly #resolve: (response: HttpResponse) => void;
  readonly #reject: (err: NetworkError) => void;
  readonly #chunks: Buffer[] = [];
  #size = 0;
  #status = 0;
  #headers: Record<string, string | string[] | undefined> = {};
  #abort: ((err: Error) => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #failure: NetworkError | undefined;
  #settled = false;

  constructor(req: HttpRequest, timeout: number, maxResponseSize: number, resolve: (response: HttpResponse) => void, reject: (err: NetworkError) => void) {
    this.#req = req;
    this.#timeout = timeout;
    this.#maxResponseSize = maxResponseSize;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  send(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions): void {
    this.#timer = setTimeout(() => this.#fail(timedOut(this.#req, this.#timeout)), this.#timeout);
    try {
      dispatcher.dispatch(options, this);
    } catch (err) {
      this.#fail(toNetworkError(err, this.#req, this.#timeout));
    }
  }

  onConnect(abort: (err?: Error) => void): void {
    this.#abort = abort;
    // The deadline may have passed while the request waited for a connection.
    const failure = this.#failure;
    if (failure) queueMicrotask(() => abort(failure));
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[] | string[] | null): boolean {
    this.#status = statusCode;
    this.#headers = parseRawHeaders(rawHeaders);
    const declared = Number(this.#headers['content-length']);
    if (Number.isFinite(declared) && declared > this.#maxResponseSize) this.#fail(tooLarge(this.#req, this.#maxResponseSize));
    // Never `false`: for these handler methods it pauses the parser, and aborting a paused
    // parser trips an assertion in undici. The abort in #fail stops the transfer instead.
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#settled) return true;
    this.#size += chunk.length;
    if (this.#size > this.#maxResponseSize) this.#fail(tooLarge(this.#req, this.#maxResponseSize));
    else this.#chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#resolve({ status: this.#status, headers: this.#headers, body: Buffer.concat(this.#chunks, this.#size).toString('utf8') });
  }

  onError(err: Error): void {
    this.#fail(this.#failure ?? toNetworkError(err, this.#req, this.#timeout));
  }

  // Settles once; stops the transfer so nothing more is read from the provider.
  #fail(failure: NetworkError): void {
    this.#failure ??= failure;
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#chunks.length = 0;
    this.#reject(failure);
    // Aborted after the parser returns, as undici's own body streams do: aborting from inside
    // onHeaders/onData lets the parser complete an aborted request from the rest of the buffer.
    const abort = this.#abort;
    if (abort) queueMicrotask(() => abort(failure));
  }
}

function parseRawHeaders(raw: Buffer[] | string[] | null): Record<string, string | string[] | undefined> {
  const headers: Record<string, string | string[] | undefined> = {};
  if (!raw) return headers;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString().toLowerCase();
    const value = raw[i + 1]!.toString();
    const seen = headers[name];
    headers[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return headers;
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

function timedOut(req: HttpRequest, timeout: number, cause?: unknown): NetworkError {
  const where = describeTarget(req.method, req.url);
  return new NetworkError(`${where}: no complete response within ${timeout} ms`, 'ERR_TIMEOUT', cause === undefined ? {} : { cause });
}

// undici's documented error codes (docs/api/Errors.md) of HeadersTimeoutError, BodyTimeoutError
// and ConnectTimeoutError: read by code, they need no undici import and are recognised from a
// user's dispatcher of another undici copy too.
const UNDICI_TIMEOUT_CODES: ReadonlySet<unknown> = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function toNetworkError(err: unknown, req: HttpRequest, timeout: number): NetworkError {
  if (err instanceof Error && UNDICI_TIMEOUT_CODES.has((err as NodeJS.ErrnoException).code)) return timedOut(req, timeout, err);
  const where = describeTarget(req.method, req.url);
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
