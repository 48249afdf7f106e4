import { randomBytes, type KeyLike } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  SIGNATURE_METHODS,
  parseFormEncoded,
  percentDecode,
  percentEncode,
  signatureBaseString,
  verifySignature,
  type Parameter,
  type SignatureMethod,
} from '@passport-kit/oauth1';

/** A registered client application. */
export interface OAuth1ProviderConsumer {
  /** The consumer key (`oauth_consumer_key`). */
  key: string;
  /** Shared secret for HMAC-SHA1, HMAC-SHA256 and PLAINTEXT; may be empty. */
  secret: string;
  /** Public key that verifies this consumer's RSA-SHA1 signatures. */
  publicKey?: KeyLike | undefined;
}

/** A user who can log in; the protected resource returns these fields as JSON by default. */
export interface OAuth1ProviderUser {
  /** The user's identifier (`user_id` in the access token response). */
  id: string;
  /** The user's handle (`screen_name`). */
  username: string;
  /** Shown on the consent page. */
  displayName: string;
  [field: string]: unknown;
}

/** How error responses look: `problem` is RFC 5849's Problem Reporting extension (form-encoded). */
export type OAuth1ErrorFormat = 'problem' | 'text' | 'json' | 'xml';

/** The provider's four endpoints. */
export type OAuth1Endpoint = 'requestToken' | 'authorize' | 'accessToken' | 'resource';

/** Options of {@link OAuth1Provider}; every one is optional. */
export interface OAuth1ProviderOptions {
  /** Default: one consumer, `test-consumer-key` / `test-consumer-secret`. */
  consumers?: OAuth1ProviderConsumer[] | undefined;
  /** Default: `alice` (id 1001) and `bob` (id 1002). */
  users?: OAuth1ProviderUser[] | undefined;
  /** `auto` approves at once (choose the user with `?user=`, refuse with `?decision=deny`); `form` shows a consent page. Default `auto`. */
  consent?: 'auto' | 'form' | undefined;
  /** `false` behaves as an OAuth 1.0 (not 1.0a) provider: no `oauth_callback_confirmed`, no verifier. Default `true`. */
  callbackConfirmed?: boolean | undefined;
  /** Signature methods accepted. Default all four. */
  signatureMethods?: readonly SignatureMethod[] | undefined;
  /** Largest accepted clock difference, in seconds. Default 300. */
  timestampWindow?: number | undefined;
  /** How long request tokens and verifiers live, in milliseconds. Default 10 minutes. */
  requestTokenTTL?: number | undefined;
  /** Default `problem`. */
  errorFormat?: OAuth1ErrorFormat | undefined;
  /** Endpoint paths. Defaults: `/oauth/request_token`, `/oauth/authorize`, `/oauth/access_token`, `/api/me`. */
  paths?: Partial<Record<OAuth1Endpoint, string>> | undefined;
  /** The protected resource's JSON body for a user. Default: the user record. */
  resource?: ((user: OAuth1ProviderUser, grant: OAuth1AccessGrant) => unknown) | undefined;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** What an access token stands for. */
export interface OAuth1AccessGrant {
  /** The access token. */
  token: string;
  /** Its secret. */
  tokenSecret: string;
  /** The consumer it was issued to. */
  consumerKey: string;
  /** The user who approved. */
  user: OAuth1ProviderUser;
}

/** One request the provider received, in order: what a test can assert on. */
export interface OAuth1ReceivedRequest {
  /** Which endpoint received it. */
  endpoint: OAuth1Endpoint | 'unknown';
  /** HTTP method. */
  method: string;
  /** The URL path. */
  path: string;
  /** The protocol parameters, from the Authorization header (or query/body). */
  oauth: Record<string, string>;
  /** Non-protocol parameters of the query and form body. */
  params: Parameter[];
  /** `undefined` when accepted, else the `oauth_problem` it was refused with. */
  problem?: string | undefined;
}

/** A running provider. */
export interface OAuth1ProviderHandle {
  /** Origin, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** Stops the server. */
  close(): Promise<void>;
}

/** A refusal: the HTTP status, the Problem Reporting code and a human sentence. */
export class OAuth1Problem extends Error {
  constructor(
    /** HTTP status of the refusal. */
    readonly status: number,
    /** The `oauth_problem` code (RFC 5849 Problem Reporting). */
    readonly problem: string,
    /** A human sentence (`oauth_problem_advice`). */
    readonly advice: string,
  ) {
    super(advice);
    this.name = 'OAuth1Problem';
  }
}

interface RequestTokenRecord {
  token: string;
  secret: string;
  consumerKey: string;
  callback: string;
  expiresAt: number;
  verifier?: string;
  userId?: string;
  used: boolean;
}

interface VerifiedRequest {
  consumer: OAuth1ProviderConsumer;
  oauth: Record<string, string>;
  params: Parameter[];
}

/** A request as the provider read it. */
export interface OAuth1ParsedRequest {
  /** HTTP method. */
  method: string;
  /** The URL path. */
  path: string;
  /** The full URL the signature base string uses. */
  url: string;
  /** The protocol parameters. */
  oauth: Record<string, string>;
  /** Signed parameters besides the URL's query: form body and protocol parameters (no signature). */
  signed: Parameter[];
  /** Non-protocol parameters of the query and form body. */
  params: Parameter[];
}

const DEFAULT_PATHS: Record<OAuth1Endpoint, string> = {
  requestToken: '/oauth/request_token',
  authorize: '/oauth/authorize',
  accessToken: '/oauth/access_token',
  resource: '/api/me',
};

/**
 * A local OAuth 1.0a provider (RFC 5849) for tests and fixture recording: request-token,
 * authorize, access-token and one protected resource. It verifies every signature
 * (HMAC-SHA1, HMAC-SHA256, PLAINTEXT, RSA-SHA1), the timestamp window, nonce reuse, and that
 * the access-token call presents the request token's verifier; it refuses with 401 (400 for a
 * malformed request) and a provider-style error body.
 *
 * Subclass it to emulate a specific provider: override {@link OAuth1Provider.route} to add
 * endpoints (use {@link OAuth1Provider.verifyAccess} for signed API calls) and
 * {@link OAuth1Provider.sendProblem} for the provider's error format.
 *
 * @example
 * ```ts
 * const provider = new OAuth1Provider({ consumers: [{ key: 'k', secret: 's' }] });
 * const { url, close } = await provider.start();
 * // requestTokenURL: `${url}/oauth/request_token`, …
 * await close();
 * ```
 */
export class OAuth1Provider {
  /** Every request received, in order. */
  readonly received: OAuth1ReceivedRequest[] = [];
  /**
   * The origin clients use to reach this provider, when it differs from the socket's (behind
   * a proxy that rewrites `Host`): the signature base string is built on it.
   */
  publicURL: string | undefined;
  /** Registered consumers by key. */
  protected readonly consumers: Map<string, OAuth1ProviderConsumer>;
  /** The users who can log in. */
  protected readonly users: OAuth1ProviderUser[];
  /** Endpoint paths. */
  protected readonly paths: Record<OAuth1Endpoint, string>;
  /** The options given. */
  protected readonly options: OAuth1ProviderOptions;
  readonly #requestTokens = new Map<string, RequestTokenRecord>();
  readonly #accessTokens = new Map<string, OAuth1AccessGrant>();
  readonly #nonces = new Map<string, number>();
  readonly #failures: { endpoint: OAuth1Endpoint; status: number; body: string; contentType: string }[] = [];

  constructor(options: OAuth1ProviderOptions = {}) {
    this.options = options;
    const consumers = options.consumers ?? [{ key: 'test-consumer-key', secret: 'test-consumer-secret' }];
    this.consumers = new Map(consumers.map((consumer) => [consumer.key, consumer]));
    this.users = options.users ?? [
      { id: '1001', username: 'alice', displayName: 'Alice Liddell', email: 'alice@example.com' },
      { id: '1002', username: 'bob', displayName: 'Bob Builder', email: 'bob@example.com' },
    ];
    this.paths = { ...DEFAULT_PATHS, ...options.paths };
  }

  /** Listens on 127.0.0.1 (`port` 0 or absent: an ephemeral one). */
  async start(options: { port?: number } = {}): Promise<OAuth1ProviderHandle> {
    const server: Server = createServer((req, res) => {
      readBody(req)
        .then((body) => this.route(req, res, body))
        .catch((err: unknown) => {
          if (res.headersSent) return res.destroy();
          if (err instanceof OAuth1Problem) return this.sendProblem(res, err, req.url ?? '/');
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('Internal server error');
        });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      url,
      close: () =>
        new Promise<void>((resolve, reject) => {
          server.close((err) => (err ? reject(err) : resolve()));
          server.closeAllConnections();
        }),
    };
  }

  /** The consumer key a request token was issued to, or undefined for an unknown token. */
  protected consumerKeyOf(requestToken: string): string | undefined {
    return this.#requestTokens.get(requestToken)?.consumerKey;
  }

  /** The next call to `endpoint` answers `status` with `body` instead (e.g. a 500), once. */
  failNext(endpoint: OAuth1Endpoint, status: number, body = 'Internal Server Error', contentType = 'text/plain'): void {
    this.#failures.push({ endpoint, status, body, contentType });
  }

  /** Dispatches one request; a subclass adds endpoints here before calling `super.route`. */
  protected async route(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const endpoint = (Object.keys(this.paths) as OAuth1Endpoint[]).find((name) => this.paths[name] === path);
    if (!endpoint) {
      this.received.push({ endpoint: 'unknown', method: req.method ?? 'GET', path, oauth: {}, params: [] });
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
      return;
    }
    const failure = this.#failures.findIndex((f) => f.endpoint === endpoint);
    if (failure >= 0) {
      const [f] = this.#failures.splice(failure, 1);
      this.received.push({ endpoint, method: req.method ?? 'GET', path, oauth: {}, params: [], problem: `forced_${f!.status}` });
      res.writeHead(f!.status, { 'content-type': f!.contentType });
      res.end(f!.body);
      return;
    }
    if (endpoint === 'authorize') return this.authorize(req, res, body);
    const parsed = this.parse(req, body);
    const entry: OAuth1ReceivedRequest = { endpoint, method: parsed.method, path, oauth: parsed.oauth, params: parsed.params };
    this.received.push(entry);
    try {
      if (endpoint === 'requestToken') return this.issueRequestToken(parsed, res);
      if (endpoint === 'accessToken') return this.issueAccessToken(parsed, res);
      const grant = this.verifyAccess(parsed);
      const resource = this.options.resource ?? ((user: OAuth1ProviderUser) => user);
      sendJSON(res, 200, resource(grant.user, grant));
    } catch (err) {
      if (err instanceof OAuth1Problem) entry.problem = err.problem;
      throw err;
    }
  }

  /**
   * Verifies a signed request made with an access token and returns its grant; throws
   * {@link OAuth1Problem}. For subclasses adding API endpoints.
   */
  verifyAccess(parsed: OAuth1ParsedRequest): OAuth1AccessGrant {
    const token = parsed.oauth.oauth_token;
    const grant = token === undefined ? undefined : this.#accessTokens.get(token);
    if (!grant) throw new OAuth1Problem(401, 'token_rejected', 'Invalid or expired token.');
    const verified = this.verifySigned(parsed, grant.tokenSecret);
    if (grant.consumerKey !== verified.consumer.key) throw new OAuth1Problem(401, 'token_rejected', 'Invalid or expired token.');
    return grant;
  }

  /** Reads the protocol and signed parameters of a request (RFC 5849 §3.5, §3.4.1.3). */
  parse(req: IncomingMessage, body: string): OAuth1ParsedRequest {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawPath = req.url ?? '/';
    const origin = this.publicURL ?? `http://${req.headers.host ?? '127.0.0.1'}`;
    const url = `${origin}${rawPath}`;
    const query = rawPath.includes('?') ? parseFormEncoded(rawPath.slice(rawPath.indexOf('?') + 1)) : [];
    const isForm = (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
    const form = isForm ? parseFormEncoded(body) : [];
    const header = req.headers.authorization;
    const fromHeader = header && /^OAuth\s/i.test(header) ? parseAuthorization(header) : [];
    const protocol = fromHeader.length > 0 ? fromHeader : [...query, ...form].filter(([name]) => name.startsWith('oauth_'));
    const oauth: Record<string, string> = {};
    for (const [name, value] of protocol) {
      if (name in oauth) throw new OAuth1Problem(400, 'parameter_rejected', `Duplicate protocol parameter ${name}.`);
      oauth[name] = value;
    }
    const nonProtocol = [...query, ...form].filter(([name]) => !name.startsWith('oauth_'));
    // The query is signed too; signatureBaseString reads it from `url`.
    const signed = fromHeader.length > 0 ? [...form, ...fromHeader] : form;
    return { method, path: rawPath.split('?')[0] ?? '/', url, oauth, signed: signed.filter(([name]) => name !== 'oauth_signature'), params: nonProtocol };
  }

  /** Writes an error response in the configured format. Override for a provider's own format. */
  protected sendProblem(res: ServerResponse, problem: OAuth1Problem, requestPath: string): void {
    const headers: Record<string, string> = {};
    if (problem.status === 401) headers['www-authenticate'] = 'OAuth realm="oauth1-provider"';
    switch (this.options.errorFormat ?? 'problem') {
      case 'text':
        res.writeHead(problem.status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
        res.end(problem.advice);
        return;
      case 'json':
        sendJSON(res, problem.status, { errors: [{ code: problem.status === 401 ? 32 : 215, message: problem.advice }] }, headers);
        return;
      case 'xml':
        res.writeHead(problem.status, { ...headers, 'content-type': 'application/xml; charset=utf-8' });
        res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<hash>\n  <request>${escapeXML(requestPath.split('?')[0] ?? '')}</request>\n  <error>${escapeXML(problem.advice)}</error>\n</hash>\n`);
        return;
      case 'problem':
        res.writeHead(problem.status, { ...headers, 'content-type': 'application/x-www-form-urlencoded' });
        res.end(`oauth_problem=${percentEncode(problem.problem)}&oauth_problem_advice=${percentEncode(problem.advice)}`);
    }
  }

  private issueRequestToken(parsed: OAuth1ParsedRequest, res: ServerResponse): void {
    if (parsed.method !== 'POST') throw new OAuth1Problem(405, 'method_rejected', 'Use POST.');
    const { consumer } = this.verifySigned(parsed, '');
    const callback = parsed.oauth.oauth_callback;
    if (!callback) throw new OAuth1Problem(400, 'parameter_absent', 'oauth_callback is required.');
    if (callback !== 'oob' && !/^https?:\/\//i.test(callback)) throw new OAuth1Problem(400, 'parameter_rejected', 'oauth_callback must be an absolute URL or oob.');
    const record: RequestTokenRecord = {
      token: randomValue(),
      secret: randomValue(),
      consumerKey: consumer.key,
      callback,
      expiresAt: this.now() + (this.options.requestTokenTTL ?? 10 * 60 * 1000),
      used: false,
    };
    this.#requestTokens.set(record.token, record);
    const confirmed = this.options.callbackConfirmed ?? true;
    sendForm(res, [['oauth_token', record.token], ['oauth_token_secret', record.secret], ...(confirmed ? [['oauth_callback_confirmed', 'true'] as Parameter] : [])]);
  }

  private issueAccessToken(parsed: OAuth1ParsedRequest, res: ServerResponse): void {
    if (parsed.method !== 'POST') throw new OAuth1Problem(405, 'method_rejected', 'Use POST.');
    const token = parsed.oauth.oauth_token;
    const record = token === undefined ? undefined : this.#requestTokens.get(token);
    if (!record) throw new OAuth1Problem(401, 'token_rejected', 'Invalid request token.');
    const { consumer } = this.verifySigned(parsed, record.secret);
    if (record.consumerKey !== consumer.key) throw new OAuth1Problem(401, 'token_rejected', 'Invalid request token.');
    if (record.used) throw new OAuth1Problem(401, 'token_used', 'This request token has already been used.');
    if (record.expiresAt <= this.now()) throw new OAuth1Problem(401, 'token_expired', 'This request token has expired.');
    if (!record.userId) throw new OAuth1Problem(401, 'permission_unknown', 'The user has not authorized this request token.');
    // Single use, whatever the outcome: a wrong verifier must not be guessed again.
    record.used = true;
    const confirmed = this.options.callbackConfirmed ?? true;
    if (confirmed && parsed.oauth.oauth_verifier !== record.verifier) throw new OAuth1Problem(401, 'verifier_invalid', 'Invalid oauth_verifier.');
    const user = this.users.find((u) => u.id === record.userId)!;
    const grant: OAuth1AccessGrant = { token: `${user.id}-${randomValue()}`, tokenSecret: randomValue(), consumerKey: consumer.key, user };
    this.#accessTokens.set(grant.token, grant);
    sendForm(res, [['oauth_token', grant.token], ['oauth_token_secret', grant.tokenSecret], ['user_id', user.id], ['screen_name', user.username]]);
  }

  private authorize(req: IncomingMessage, res: ServerResponse, body: string): void {
    const method = (req.method ?? 'GET').toUpperCase();
    const query = new Map(parseFormEncoded((req.url ?? '').split('?')[1] ?? ''));
    const fields = method === 'POST' ? new Map(parseFormEncoded(body)) : query;
    const token = fields.get('oauth_token') ?? '';
    this.received.push({ endpoint: 'authorize', method, path: this.paths.authorize, oauth: { oauth_token: token }, params: [...fields].filter(([n]) => n !== 'oauth_token') });
    const record = this.#requestTokens.get(token);
    if (!record || record.used || record.userId || record.expiresAt <= this.now()) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('This authorization request is invalid or has expired.');
      return;
    }
    if (method === 'GET' && this.options.consent === 'form') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(consentPage(this.paths.authorize, token, this.users, query.get('oauth_callback')));
      return;
    }
    // OAuth 1.0 providers take the callback in the redirect rather than in leg 1 (OAuth Core
    // 1.0 §6.2.1): whoever holds the authorization link can point it elsewhere.
    const legacy = this.options.callbackConfirmed === false;
    const callback = record.callback === 'oob' || legacy ? fields.get('oauth_callback') ?? record.callback : record.callback;
    if (fields.get('decision') === 'deny') {
      record.used = true;
      return redirectTo(res, callback, [['denied', token]]);
    }
    const wanted = fields.get('user');
    const user = wanted === undefined ? this.users[0] : this.users.find((u) => u.id === wanted || u.username === wanted);
    if (!user) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Unknown user.');
      return;
    }
    record.userId = user.id;
    record.verifier = randomValue();
    const confirmed = this.options.callbackConfirmed ?? true;
    const back: Parameter[] = confirmed ? [['oauth_token', token], ['oauth_verifier', record.verifier]] : [['oauth_token', token]];
    if (callback === 'oob') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Your verification code is ${record.verifier}`);
      return;
    }
    redirectTo(res, callback, back);
  }

  /** Checks consumer, signature method, version, timestamp, nonce and signature (RFC 5849 §3.2). */
  private verifySigned(parsed: OAuth1ParsedRequest, tokenSecret: string | undefined): VerifiedRequest {
    const { oauth } = parsed;
    for (const name of ['oauth_consumer_key', 'oauth_signature_method', 'oauth_signature']) {
      if (!oauth[name]) throw new OAuth1Problem(400, 'parameter_absent', `Missing ${name}.`);
    }
    if (oauth.oauth_version !== undefined && oauth.oauth_version !== '1.0') throw new OAuth1Problem(400, 'version_rejected', 'oauth_version must be 1.0.');
    const consumer = this.consumers.get(oauth.oauth_consumer_key!);
    if (!consumer) throw new OAuth1Problem(401, 'consumer_key_unknown', 'Unknown consumer key.');
    const method = oauth.oauth_signature_method as SignatureMethod;
    const accepted = this.options.signatureMethods ?? SIGNATURE_METHODS;
    if (!accepted.includes(method)) throw new OAuth1Problem(400, 'signature_method_rejected', `Unsupported signature method ${method}.`);
    if (method !== 'PLAINTEXT' || oauth.oauth_timestamp !== undefined) this.checkTimestampAndNonce(consumer, oauth);
    const baseString = signatureBaseString(parsed.method, parsed.url, parsed.signed);
    const key = { consumerSecret: consumer.secret, tokenSecret: tokenSecret ?? '', publicKey: consumer.publicKey };
    if (!verifySignature(method, baseString, oauth.oauth_signature!, key)) {
      throw new OAuth1Problem(401, 'signature_invalid', 'Invalid signature.');
    }
    return { consumer, oauth, params: parsed.params };
  }

  private checkTimestampAndNonce(consumer: OAuth1ProviderConsumer, oauth: Record<string, string>): void {
    const timestamp = Number(oauth.oauth_timestamp);
    if (!/^\d+$/.test(oauth.oauth_timestamp ?? '') || !oauth.oauth_nonce) {
      throw new OAuth1Problem(400, 'parameter_absent', 'oauth_timestamp and oauth_nonce are required.');
    }
    const now = this.now();
    const window = this.options.timestampWindow ?? 300;
    if (Math.abs(now / 1000 - timestamp) > window) throw new OAuth1Problem(401, 'timestamp_refused', 'Timestamp out of range.');
    for (const [seen, expiresAt] of this.#nonces) if (expiresAt <= now) this.#nonces.delete(seen);
    // RFC 5849 §3.3: unique per timestamp, client and token.
    const key = `${consumer.key}\u0000${oauth.oauth_token ?? ''}\u0000${timestamp}\u0000${oauth.oauth_nonce}`;
    if (this.#nonces.has(key)) throw new OAuth1Problem(401, 'nonce_used', 'Nonce already used.');
    this.#nonces.set(key, now + 2 * window * 1000);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/** Parses `Authorization: OAuth k="v", …` (RFC 5849 §3.5.1); `realm` is dropped. */
export function parseAuthorization(header: string): Parameter[] {
  const pairs: Parameter[] = [];
  const pattern = /([^\s=,]+)\s*=\s*"([^"]*)"/g;
  for (const match of header.replace(/^OAuth\s+/i, '').matchAll(pattern)) {
    const name = percentDecode(match[1] ?? '');
    if (name === 'realm') continue;
    pairs.push([name, percentDecode(match[2] ?? '')]);
  }
  return pairs;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function randomValue(): string {
  return randomBytes(16).toString('hex');
}

function sendForm(res: ServerResponse, pairs: Parameter[]): void {
  res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' });
  res.end(pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&'));
}

function sendJSON(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function redirectTo(res: ServerResponse, callback: string, pairs: Parameter[]): void {
  const query = pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
  res.writeHead(302, { location: `${callback}${callback.includes('?') ? '&' : '?'}${query}` });
  res.end();
}

function escapeXML(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function consentPage(action: string, token: string, users: OAuth1ProviderUser[], callback: string | undefined): string {
  const options = users.map((u) => `<option value="${escapeXML(u.id)}">${escapeXML(u.displayName)} (@${escapeXML(u.username)})</option>`).join('');
  const extra = callback ? `<input type="hidden" name="oauth_callback" value="${escapeXML(callback)}">` : '';
  return `<!doctype html><title>Authorize application</title><form method="post" action="${escapeXML(action)}">` +
    `<input type="hidden" name="oauth_token" value="${escapeXML(token)}">${extra}` +
    `<label>Sign in as <select name="user">${options}</select></label> ` +
    '<button name="decision" value="allow">Authorize app</button> <button name="decision" value="deny">Cancel</button></form>';
}
