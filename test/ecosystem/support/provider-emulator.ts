// A loopback emulation of one OAuth 2.0 provider: its authorization step (the person approves),
// its token endpoint (RFC 6749 §4.1.3, with PKCE per RFC 7636 §4.6) and its APIs, each checking
// what the real provider documents. Endpoints a strategy lets the app point elsewhere are served
// by an HTTP server on 127.0.0.1; endpoints a strategy hard-codes (https://discord.com/...) are
// answered from the same logic through nock, one interceptor per expected request.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import nock from 'nock';

/** Where an API reads the access token: an `Authorization` scheme, or a query parameter. */
export type TokenLocation = { header: string } | { query: string };

/** One API a strategy calls after the code exchange, as the provider documents it. */
export interface ProviderAPI {
  method: 'GET' | 'POST';
  /** Path at the provider, without the query. */
  path: string;
  /** The https origin a strategy hard-codes for it; omitted when the app can point it here. */
  fixedOrigin?: string;
  /** Every place the real API accepts the token; a token anywhere else gets its 401. */
  acceptsToken: TokenLocation[];
  /** A further documented requirement (a header, a body): the reason to refuse, or undefined. */
  refuse?(request: EmulatedRequest): string | undefined;
  /** The documented response body for the person who approved. */
  respond(grant: Grant, emulatorOrigin: string): unknown;
}

/** How the token endpoint authenticates the client (RFC 6749 §2.3). */
export type ClientAuthentication =
  | 'client_secret_post'
  | 'client_secret_basic'
  | ((request: EmulatedRequest, form: URLSearchParams) => Promise<string | undefined>);

/** What the emulator knows of one provider: its endpoints, client authentication, responses. */
export interface ProviderDefinition {
  name: string;
  authorizationPath: string;
  tokenPath: string;
  /** The https origin of the authorization and token endpoints when the strategy hard-codes them. */
  fixedOrigin?: string;
  /** The client authentication methods the token endpoint accepts; any one will do. */
  clientAuthentication: ClientAuthentication[];
  /** The documented success body of the token endpoint. */
  tokenResponse(grant: Grant, accessToken: string, emulatorOrigin: string): Record<string, unknown>;
  /** The APIs a login calls, in order; the first is the one the timeout test leaves unanswered. */
  apis: ProviderAPI[];
}

/** An approved authorization request: who approved, and what the client asked for. */
export interface Grant {
  code: string;
  clientId: string;
  redirectURI: string | undefined;
  scope: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: string | undefined;
  state: string | undefined;
  /** Everything on the authorization request. */
  parameters: URLSearchParams;
  accessToken?: string;
}

/** A request as any endpoint sees it, whichever way it arrived. */
export interface EmulatedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

interface EmulatedResponse {
  status: number;
  body: unknown;
}

/** The registered client every test uses. */
export const CLIENT = { id: 'ecosystem-client-id', secret: 'ecosystem-client-secret' } as const;

export class ProviderEmulator {
  readonly grants: Grant[] = [];
  readonly tokenRequests: { request: EmulatedRequest; form: URLSearchParams; answered: number }[] = [];
  readonly apiRequests: { request: EmulatedRequest; answered: number | 'never' }[] = [];
  #server: Server | undefined;
  #origin = '';
  #sockets = new Set<Socket>();
  #unanswered = new Set<string>();

  constructor(readonly definition: ProviderDefinition) {}

  /** Starts the loopback server. */
  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = {
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', this.#origin),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        void this.handle(request).then((answer) => answer && send(res, answer));
      });
    });
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    this.#origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  /** Stops the server, cutting the requests it left unanswered. */
  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  get origin(): string {
    return this.#origin;
  }

  /** The loopback URL of a path at this emulator. */
  url(path: string): string {
    return this.#origin + path;
  }

  /** The authorization endpoint a strategy should redirect to. */
  get authorizationURL(): string {
    return (this.definition.fixedOrigin ?? this.#origin) + this.definition.authorizationPath;
  }

  /** The next request to the API at `path` never gets an answer. */
  neverAnswer(path: string): void {
    this.#unanswered.add(path);
  }

  /**
   * The person at the provider approves the authorization request at `location` (the app's
   * redirect), and is sent back: returns the app's callback URL with `code` and `state` (§4.1.2).
   */
  approve(location: string): URL {
    const url = new URL(location);
    const { searchParams: query } = url;
    if (url.origin + url.pathname !== this.authorizationURL) throw new Error(`not this provider's authorization endpoint: ${url.origin}${url.pathname}`);
    if (query.get('client_id') !== CLIENT.id) throw new Error('unknown client_id');
    if (!(query.get('response_type') ?? '').split(' ').includes('code')) throw new Error('response_type must include code');
    const redirectURI = query.get('redirect_uri') ?? undefined;
    if (redirectURI === undefined) throw new Error('this test registers no default redirect_uri');
    const grant: Grant = {
      code: randomBytes(12).toString('base64url'),
      clientId: CLIENT.id,
      redirectURI,
      scope: query.get('scope') ?? undefined,
      codeChallenge: query.get('code_challenge') ?? undefined,
      codeChallengeMethod: query.get('code_challenge_method') ?? undefined,
      state: query.get('state') ?? undefined,
      parameters: query,
    };
    this.grants.push(grant);
    const callback = new URL(redirectURI);
    callback.searchParams.set('code', grant.code);
    if (grant.state !== undefined) callback.searchParams.set('state', grant.state);
    return callback;
  }

  /**
   * Registers one nock interceptor for each request a login makes to a hard-coded https
   * endpoint: the token request, then the APIs (`apis` of them, all by default).
   */
  interceptFixedOrigins(apis = this.definition.apis.length): void {
    const { fixedOrigin, tokenPath } = this.definition;
    if (fixedOrigin !== undefined) this.#intercept(fixedOrigin, 'POST', tokenPath);
    for (const api of this.definition.apis.slice(0, apis)) {
      if (api.fixedOrigin !== undefined) this.#intercept(api.fixedOrigin, api.method, api.path);
    }
  }

  #intercept(origin: string, method: string, path: string): void {
    // nock 15 hands a reply function the fetch Request; a promise that never settles is a
    // request that never gets an answer.
    nock(origin)
      .intercept((uri) => uri.split('?')[0] === path, method)
      .reply(async (intercepted: Request) => {
        const request = {
          method,
          url: new URL(intercepted.url),
          headers: Object.fromEntries(intercepted.headers) as IncomingHttpHeaders,
          body: await intercepted.text(),
        };
        const answer = await this.handle(request);
        if (answer === undefined) return new Promise<never>(() => {});
        return [answer.status, JSON.stringify(answer.body), { 'content-type': 'application/json' }];
      });
  }

  /** Answers one request, or never (undefined) for an API told to hang. */
  async handle(request: EmulatedRequest): Promise<EmulatedResponse | undefined> {
    if (request.url.pathname === this.definition.tokenPath && request.method === 'POST') {
      const form = new URLSearchParams(request.body);
      const answer = await this.#token(request, form);
      this.tokenRequests.push({ request, form, answered: answer.status });
      return answer;
    }
    const api = this.definition.apis.find((candidate) => candidate.path === request.url.pathname && candidate.method === request.method);
    if (api === undefined) return { status: 404, body: { error: 'not_found' } };
    if (this.#unanswered.delete(api.path)) {
      this.apiRequests.push({ request, answered: 'never' });
      return undefined;
    }
    const answer = this.#api(api, request);
    this.apiRequests.push({ request, answered: answer.status });
    return answer;
  }

  async #token(request: EmulatedRequest, form: URLSearchParams): Promise<EmulatedResponse> {
    const clientError = await this.#authenticateClient(request, form);
    if (clientError !== undefined) return { status: 401, body: { error: 'invalid_client', error_description: clientError } };
    if (form.get('grant_type') !== 'authorization_code') return { status: 400, body: { error: 'unsupported_grant_type' } };
    const grant = this.grants.find((candidate) => candidate.code === form.get('code') && candidate.accessToken === undefined);
    if (grant === undefined) return { status: 400, body: { error: 'invalid_grant', error_description: 'unknown or used code' } };
    // §4.1.3: redirect_uri is required when the authorization request had one, and must match.
    if (form.get('redirect_uri') !== grant.redirectURI) return { status: 400, body: { error: 'invalid_grant', error_description: 'redirect_uri mismatch' } };
    if (grant.codeChallenge !== undefined && !verifierMatches(grant, form.get('code_verifier'))) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'code_verifier does not match' } };
    }
    grant.accessToken = randomBytes(16).toString('base64url');
    return { status: 200, body: this.definition.tokenResponse(grant, grant.accessToken, this.#origin) };
  }

  async #authenticateClient(request: EmulatedRequest, form: URLSearchParams): Promise<string | undefined> {
    const reasons: string[] = [];
    for (const method of this.definition.clientAuthentication) {
      const reason = typeof method === 'function' ? await method(request, form) : checkClientSecret(method, request, form);
      if (reason === undefined) return undefined;
      reasons.push(reason);
    }
    return reasons.join('; ');
  }

  #api(api: ProviderAPI, request: EmulatedRequest): EmulatedResponse {
    const presented = tokenAt(request, api.acceptsToken);
    if (presented === undefined) return { status: 401, body: { error: 'invalid_token', error_description: 'no token where this API reads it' } };
    const grant = this.grants.find((candidate) => candidate.accessToken !== undefined && candidate.accessToken === presented);
    if (grant === undefined) return { status: 401, body: { error: 'invalid_token' } };
    const refusal = api.refuse?.(request);
    if (refusal !== undefined) return { status: 400, body: { error: 'invalid_request', error_description: refusal } };
    return { status: 200, body: api.respond(grant, this.#origin) };
  }
}

/** RFC 7636 §4.6: the verifier hashes (S256) or equals (plain) the challenge. */
function verifierMatches(grant: Grant, verifier: string | null): boolean {
  if (verifier === null) return false;
  const expected = grant.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return expected === grant.codeChallenge;
}

function checkClientSecret(method: 'client_secret_post' | 'client_secret_basic', request: EmulatedRequest, form: URLSearchParams): string | undefined {
  if (method === 'client_secret_post') {
    return form.get('client_id') === CLIENT.id && form.get('client_secret') === CLIENT.secret ? undefined : 'no client_secret_post credentials';
  }
  const expected = `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`;
  return request.headers.authorization === expected ? undefined : 'no client_secret_basic credentials';
}

/** The token from the first place the API reads one; a token elsewhere does not count. */
function tokenAt(request: EmulatedRequest, locations: TokenLocation[]): string | undefined {
  for (const location of locations) {
    if ('query' in location) {
      const value = request.url.searchParams.get(location.query);
      if (value !== null) return value;
      continue;
    }
    const authorization = request.headers.authorization ?? '';
    const prefix = `${location.header} `;
    if (authorization.toLowerCase().startsWith(prefix.toLowerCase())) return authorization.slice(prefix.length);
  }
  return undefined;
}

function send(res: ServerResponse, answer: EmulatedResponse): void {
  res.writeHead(answer.status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(answer.body));
}
