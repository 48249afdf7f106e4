/**
 * The parts of an incoming request passport-kit reads. Express, Fastify (`@fastify/passport`),
 * Koa (`koa-passport`) and NestJS requests all fit; nothing here assumes `req.get()`,
 * `req.connection` or `res.redirect`.
 */
export interface IncomingRequest {
  /** HTTP method (`GET`, or `POST` for `form_post` callbacks). */
  method?: string | undefined;
  /** Path and query as received; the query is parsed from it when `query` is absent. */
  url?: string | undefined;
  /** Express's and Koa's URL before any mount path was stripped; preferred over `url`. */
  originalUrl?: string | undefined;
  /** Request headers, names in lower case (Node's `IncomingMessage.headers`). */
  headers: Record<string, string | string[] | undefined>;
  /** The parsed query string, when the framework parsed one. */
  query?: unknown;
  /** The parsed body, when body-parsing middleware ran (`form_post` callbacks, OAuth 1.0a POSTs). */
  body?: unknown;
  /** The session, when session middleware runs; the default stores keep pending logins in it. */
  session?: SessionLike | undefined;
  /**
   * The connection: whether it is TLS (`encrypted`, as on a `TLSSocket`), and the peer's
   * `remoteAddress`, which Express's `trust proxy` setting judges.
   */
  socket?: object | undefined;
  /** The older name of `socket` some adapters still set. */
  connection?: object | undefined;
  /** Express's app: its compiled `trust proxy fn` setting is honoured. */
  app?:
    | {
        /** Reads an app setting. */
        get?: (setting: string) => unknown;
      }
    | undefined;
  /** Express links the response here; the cookie transaction store writes through it. */
  res?: ResponseLike | undefined;
}

/**
 * A session object (express-session's, koa-session's, …). Typed as `object` so every
 * framework's session type fits; stores read and write their own key on it.
 */
export type SessionLike = object;

/** The part of a response the cookie transaction store writes to. */
export interface ResponseLike {
  /** Absent on koa-passport's stand-in response: cookies set earlier in the response are then replaced. */
  getHeader?(name: string): number | string | string[] | undefined;
  /** Sets a response header (`Set-Cookie`). */
  setHeader(name: string, value: number | string | readonly string[]): unknown;
  /** Once true, no cookie is written. */
  headersSent?: boolean;
}

/** A callback parameter: its single value, absent, or present more than once or not as text. */
export type ParamValue =
  | {
      /** Present once, as text. */
      kind: 'value';
      /** The value. */
      value: string;
    }
  | {
      /** Not sent. */
      kind: 'absent';
    }
  | {
      /** Repeated, or structured (`code[x]=1`). */
      kind: 'invalid';
    };

/**
 * Reads one callback parameter from the query string or, for `response_mode=form_post` and
 * OAuth 1 providers that POST, the parsed body. A repeated or structured value (`?code=a&code=b`,
 * `?code[x]=1`) is `invalid`: RFC 6749 §3.1 forbids repeating a parameter.
 */
export function readParam(req: IncomingRequest, name: string): ParamValue {
  for (const source of [queryOf(req), req.body]) {
    if (typeof source !== 'object' || source === null) continue;
    if (!Object.prototype.hasOwnProperty.call(source, name)) continue;
    const value: unknown = (source as Record<string, unknown>)[name];
    if (typeof value === 'string') return { kind: 'value', value };
    if (value === undefined) continue;
    return { kind: 'invalid' };
  }
  return { kind: 'absent' };
}

/** The value of a parameter, or `undefined` when it is absent or malformed. */
export function paramValue(req: IncomingRequest, name: string): string | undefined {
  const param = readParam(req, name);
  return param.kind === 'value' ? param.value : undefined;
}

const parsedQueries = new WeakMap<object, Record<string, string | string[]>>();

function queryOf(req: IncomingRequest): unknown {
  if (typeof req.query === 'object' && req.query !== null) return req.query;
  // Plain Node and some adapters have no parsed query: read it from the URL.
  let parsed = parsedQueries.get(req);
  if (!parsed) {
    // No prototype: `?constructor=x` would otherwise start from Object and read as repeated.
    parsed = Object.create(null) as Record<string, string | string[]>;
    const url = req.url ?? '';
    const at = url.indexOf('?');
    if (at >= 0) {
      for (const [key, value] of new URLSearchParams(url.slice(at + 1))) {
        const existing = parsed[key];
        // Appended in place: copying the list for each repeat is quadratic in `?a&a&a…`.
        if (existing === undefined) parsed[key] = value;
        else if (Array.isArray(existing)) existing.push(value);
        else parsed[key] = [existing, value];
      }
    }
    parsedQueries.set(req, parsed);
  }
  return parsed;
}

/**
 * Whether the request arrived over TLS. The socket is typed `object` because a plain
 * `net.Socket` (Express's `req.socket` type) declares no `encrypted` to match.
 */
export function arrivedOverTLS(req: IncomingRequest): boolean {
  for (const connection of [req.socket, req.connection]) {
    const encrypted = (connection as { encrypted?: unknown } | undefined)?.encrypted;
    if (encrypted !== undefined) return encrypted === true;
  }
  return false;
}

/** The first value of a request header. */
export function headerValue(req: IncomingRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
