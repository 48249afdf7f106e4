import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveClients, type EmulatorClients, type EmulatorClientsInput } from './clients.js';
import { renderAvatar } from './lib/avatar.js';
import type { EmulatorContext, Route } from './lib/context.js';
import { facebookEndpoints, facebookRoutes } from './lib/facebook.js';
import { githubEndpoints, githubRoutes } from './lib/github.js';
import { GrantStore } from './lib/grant-store.js';
import { parseBody, readBody, searchParamsToRecord, sendJSON, sendText, type ParsedRequest } from './lib/http.js';
import { twitterEndpoints, twitterRoutes } from './lib/twitter.js';
import { xEndpoints, xRoutes } from './lib/x.js';
import { ENDPOINT_NAMES, ScenarioBook, type EndpointName, type Scenario, type ScenarioOptions } from './scenario.js';
import { DEFAULT_USERS, resolveUsers, type EmulatorUser, type EmulatorUserInput } from './users.js';

/** The Graph API version the emulator's Facebook endpoint URLs use unless told otherwise. */
export const DEFAULT_GRAPH_API_VERSION = 'v26.0';

/** Options of {@link startEmulator}; every one is optional. */
export interface EmulatorOptions {
  /** Port on 127.0.0.1; default 0 (a free one, read it from `url`). */
  readonly port?: number;
  /** Default: the three {@link DEFAULT_USERS}. */
  readonly users?: readonly EmulatorUserInput[];
  /** Default: {@link DEFAULT_CLIENTS} for each provider not given. */
  readonly clients?: EmulatorClientsInput;
  /**
   * `false` (default): authorize endpoints show a consent page. `true`: they approve at once as
   * the user the request hints at (GitHub `login`) or the first user. A string: as that user
   * (id, username or email). Any request may also carry `login_hint=<user>` to approve at once.
   */
  readonly autoApprove?: boolean | string;
  /** Authorization code lifetime in seconds; default 600 (GitHub's ten minutes). */
  readonly codeTTL?: number;
  /** GitHub settings. */
  readonly github?: {
    /**
     * The `iss` sent on the callback (RFC 9207). Default: the emulator's own,
     * `<github.baseURL>/login/oauth`; `false` sends none; or any string, e.g. `https://github.com/login/oauth`.
     */
    readonly issuer?: string | false;
    /** Access token lifetime in seconds; default none (GitHub OAuth app tokens do not expire). */
    readonly tokenTTL?: number;
  };
  /** Facebook settings. */
  readonly facebook?: {
    /** Version in the endpoint URLs the emulator hands out; every `vNN.N` path is served. Default {@link DEFAULT_GRAPH_API_VERSION}. */
    readonly graphAPIVersion?: string;
    /** Access token lifetime in seconds; default 5183944 (about 60 days, as Facebook issues). */
    readonly tokenTTL?: number;
    /** The app's "Require App Secret" setting: Graph calls without `appsecret_proof` fail. Default false. */
    readonly requireAppSecretProof?: boolean;
  };
  /** X settings. */
  readonly x?: {
    /** Access token lifetime in seconds; default 7200 (X's two hours). */
    readonly tokenTTL?: number;
  };
}

/** GitHub endpoints, laid out like GitHub Enterprise Server below `baseURL`. */
export interface GitHubEndpoints {
  /** Where this provider's paths start (`<emulator.url>/github`). */
  readonly baseURL: string;
  /** `/login/oauth/authorize`. */
  readonly authorizationURL: string;
  /** `/login/oauth/access_token`. */
  readonly tokenURL: string;
  /** REST API root (`https://api.github.com` on github.com). */
  readonly apiURL: string;
  /** `/api/v3/user`. */
  readonly userProfileURL: string;
  /** `/api/v3/user/emails`. */
  readonly userEmailURL: string;
  /** The `iss` value callbacks carry, or undefined when configured off. */
  readonly issuer: string | undefined;
}

/** Facebook endpoints below `baseURL`, Graph API version in the path. */
export interface FacebookEndpoints {
  /** Where this provider's paths start (`<emulator.url>/facebook`). */
  readonly baseURL: string;
  /** The version in the URLs below (`v26.0`). */
  readonly graphAPIVersion: string;
  /** The Login dialog. */
  readonly authorizationURL: string;
  /** The token endpoint. */
  readonly tokenURL: string;
  /** Graph `/me`. */
  readonly profileURL: string;
}

/** X (OAuth 2.0) endpoints below `baseURL`. */
export interface XEndpoints {
  /** Where this provider's paths start (`<emulator.url>/x`). */
  readonly baseURL: string;
  /** `/i/oauth2/authorize`. */
  readonly authorizationURL: string;
  /** `/2/oauth2/token`. */
  readonly tokenURL: string;
  /** `/2/users/me`. */
  readonly userProfileURL: string;
}

/** Twitter (OAuth 1.0a) endpoints below `baseURL`. */
export interface TwitterEndpoints {
  /** Where this provider's paths start (`<emulator.url>/twitter`). */
  readonly baseURL: string;
  /** `/oauth/request_token`. */
  readonly requestTokenURL: string;
  /** `/oauth/authorize`. */
  readonly authorizationURL: string;
  /** `/oauth/authenticate` (Sign in with Twitter). */
  readonly authenticateURL: string;
  /** `/oauth/access_token`. */
  readonly accessTokenURL: string;
  /** `/1.1/account/verify_credentials.json`. */
  readonly userProfileURL: string;
}

/** A request the emulator received, kept so tests can assert what the provider was sent. */
export interface ReceivedRequest {
  /** Which endpoint received it. */
  readonly endpoint: EndpointName;
  /** HTTP method. */
  readonly method: string;
  /** Path and query, e.g. `/github/login/oauth/access_token`. */
  readonly url: string;
  /** Request headers, names in lower case. */
  readonly headers: Readonly<IncomingMessage['headers']>;
  /** The raw request body. */
  readonly body: string;
}

/** A running emulator. */
export interface Emulator {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** GitHub endpoint URLs. */
  readonly github: GitHubEndpoints;
  /** Facebook endpoint URLs. */
  readonly facebook: FacebookEndpoints;
  /** X endpoint URLs. */
  readonly x: XEndpoints;
  /** Twitter endpoint URLs. */
  readonly twitter: TwitterEndpoints;
  /** The people who can log in, after defaults. */
  readonly users: readonly EmulatorUser[];
  /** The registered clients, after defaults. */
  readonly clients: EmulatorClients;
  /** How many requests each endpoint has received (live counts). */
  readonly requests: Readonly<Record<EndpointName, number>>;
  /** The requests an endpoint received, oldest first. */
  received(endpoint: EndpointName): readonly ReceivedRequest[];
  /** Makes `endpoint` play `scenario` (for `times` requests, default all); `null` restores it. */
  setScenario(endpoint: EndpointName, scenario: Scenario | null, options?: ScenarioOptions): void;
  /** Clears every scenario. */
  clearScenarios(): void;
  /** Changes the `autoApprove` option at run time (`reset()` restores it). */
  setAutoApprove(value: boolean | string): void;
  /** Moves the emulator's clock forward, so codes and tokens expire without waiting. */
  advanceClock(ms: number): void;
  /** Clears scenarios, request counts and received requests; restores autoApprove. Codes and tokens stay. */
  reset(): void;
  /** Stops the server, dropping open connections and pending delays. */
  close(): Promise<void>;
}

/** How many received requests an emulator keeps for `received()`. */
const MAX_RECEIVED = 10_000;

const PROVIDER_PREFIX = /^\/(github|facebook|x|twitter)(\/.*)$/;

function zeroCounts(): Record<EndpointName, number> {
  return Object.fromEntries(ENDPOINT_NAMES.map((name) => [name, 0])) as Record<EndpointName, number>;
}

/**
 * Starts one loopback HTTP server that emulates GitHub, Facebook, X (OAuth 2.0) and Twitter
 * (OAuth 1.0a) for tests and offline demos.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ autoApprove: 'ada' });
 * const strategy = new GitHubStrategy({ baseURL: emulator.github.baseURL, clientID: 'github-client-id', ... });
 * emulator.setScenario('github.user', { kind: 'expiredToken' }, { times: 1 });
 * await emulator.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  let clockOffset = 0;
  const now = (): number => Date.now() + clockOffset;
  const initialAutoApprove = options.autoApprove ?? false;
  let autoApprove = initialAutoApprove;
  const scenarios = new ScenarioBook();
  const counts = zeroCounts();
  const log: ReceivedRequest[] = [];
  const pendingDelays = new Set<() => void>();
  let closed = false;

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const githubBase = `${origin}/github`;
  const facebookBase = `${origin}/facebook`;
  const xBase = `${origin}/x`;
  const twitterBase = `${origin}/twitter`;
  const githubIssuer = options.github?.issuer === false ? undefined : (options.github?.issuer ?? `${githubBase}/login/oauth`);
  const graphAPIVersion = options.facebook?.graphAPIVersion ?? DEFAULT_GRAPH_API_VERSION;

  const ctx: EmulatorContext = {
    origin,
    users: resolveUsers(options.users ?? DEFAULT_USERS, origin),
    clients: resolveClients(options.clients),
    grants: new GrantStore(now),
    now,
    autoApprove: () => autoApprove,
    codeTTL: options.codeTTL ?? 600,
    github: { issuer: githubIssuer, tokenTTL: options.github?.tokenTTL },
    facebook: { tokenTTL: options.facebook?.tokenTTL ?? 5183944, requireAppSecretProof: options.facebook?.requireAppSecretProof ?? false },
    x: { tokenTTL: options.x?.tokenTTL ?? 7200 },
  };

  const routes: Record<string, readonly Route[]> = { github: githubRoutes, facebook: facebookRoutes, x: xRoutes, twitter: twitterRoutes(ctx) };

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        pendingDelays.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pendingDelays.add(done);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const avatar = /^\/avatars\/([^/]+)\.svg$/.exec(url.pathname);
    if (avatar && req.method === 'GET') {
      const user = ctx.users.find((u) => u.username === decodeURIComponent(avatar[1]!));
      if (user) return sendText(res, 200, 'image/svg+xml', renderAvatar(user.name));
    }
    const prefixed = PROVIDER_PREFIX.exec(url.pathname);
    const provider = prefixed?.[1];
    const path = prefixed?.[2] ?? url.pathname;
    const route = provider === undefined ? undefined : routes[provider]!.find((r) => r.path.test(path));
    if (!route) return sendJSON(res, 404, { error: 'not_found', error_description: `The emulator serves nothing at ${url.pathname}.` });
    const method = req.method ?? 'GET';
    if (!route.methods.includes(method)) {
      return sendJSON(res, 405, { error: 'method_not_allowed', error_description: `${method} is not allowed here.` }, { allow: route.methods.join(', ') });
    }

    counts[route.endpoint] += 1;
    const rawBody = await readBody(req);
    log.push({ endpoint: route.endpoint, method, url: url.pathname + url.search, headers: { ...req.headers }, body: rawBody });
    // A long-running emulator (the example app) keeps the most recent requests only.
    if (log.length > MAX_RECEIVED) log.splice(0, log.length - MAX_RECEIVED);
    const query = searchParamsToRecord(url.searchParams);
    const body = parseBody(rawBody, req.headers['content-type']);
    const parsed: ParsedRequest = { method, url, path, headers: req.headers, query, body, params: { ...query, ...body }, rawBody };

    let scenario = scenarios.take(route.endpoint);
    if (scenario?.kind === 'delay') {
      await delay(scenario.ms);
      scenario = undefined;
      if (closed || res.destroyed) return;
    }
    if (scenario?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (scenario?.kind === 'fail') {
      const status = scenario.status ?? 500;
      return sendText(res, status, 'text/plain; charset=utf-8', scenario.body ?? `Emulated failure (HTTP ${status}).`);
    }
    await route.handle({ ctx, req: parsed, incoming: req, res, scenario, base: `${origin}/${provider}` });
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJSON(res, 500, { error: 'emulator_error', error_description: err instanceof Error ? err.message : String(err) });
    });
  });

  return {
    url: origin,
    github: githubEndpoints(githubBase, githubIssuer),
    facebook: facebookEndpoints(facebookBase, graphAPIVersion),
    x: xEndpoints(xBase),
    twitter: twitterEndpoints(twitterBase),
    users: ctx.users,
    clients: ctx.clients,
    requests: counts,
    received: (endpoint) => log.filter((entry) => entry.endpoint === endpoint),
    setScenario: (endpoint, scenario, scenarioOptions) => scenarios.set(endpoint, scenario, scenarioOptions),
    clearScenarios: () => scenarios.clear(),
    setAutoApprove: (value) => {
      autoApprove = value;
    },
    advanceClock: (ms) => {
      if (!(Number.isFinite(ms) && ms >= 0)) throw new TypeError('advanceClock needs a number of milliseconds >= 0');
      clockOffset += ms;
    },
    reset: () => {
      scenarios.clear();
      for (const name of ENDPOINT_NAMES) counts[name] = 0;
      log.length = 0;
      autoApprove = initialAutoApprove;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      for (const release of [...pendingDelays]) release();
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
