// A lean loopback provider for the bench: GitHub, Facebook, a generic OAuth 2.0 server and
// Twitter OAuth 1.0a, each back-channel answer held for `latency` ms to model a real provider's
// round trip. It checks nothing (any code, token or signature is accepted: correctness is the
// test suite's job) and records, per login, when each back-channel call started and ended, so
// the bench can count round trips and how many of them were strictly one after another.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The back-channel endpoints (held for `latency`) and the front-channel ones (answered at once). */
export type EndpointName =
  | 'oauth2.token'
  | 'github.token'
  | 'github.user'
  | 'github.emails'
  | 'facebook.token'
  | 'facebook.me'
  | 'twitter.request_token'
  | 'twitter.access_token'
  | 'twitter.verify_credentials'
  | 'authorize';

/** Calls made while the user's browser waits on /login, not on /callback. */
const LOGIN_LEG: ReadonlySet<EndpointName> = new Set(['twitter.request_token']);

interface Call {
  endpoint: EndpointName;
  start: number;
  end: number;
}

export interface BackChannelSummary {
  /** Back-channel calls per completed login (all legs). */
  roundTrips: number;
  /** The longest chain of callback-leg calls each starting after the previous one ended (median over logins). */
  sequential: number;
  /** How long the emulator actually held a back-channel call (timers fire late), median, in ms. */
  holdMs: number;
  /** Logins that made back-channel calls. */
  logins: number;
  /** Requests per endpoint. */
  requests: Partial<Record<EndpointName, number>>;
}

export interface BenchEmulator {
  readonly url: string;
  /** Forgets counts and timelines (call between runs). */
  reset(): void;
  /** Counts and round-trip figures of the logins since `reset()`. */
  summary(): BackChannelSummary;
  close(): Promise<void>;
}

// Bounded: the pending-login phase starts thousands of Twitter logins nobody finishes.
const MAX_TRACKED_LOGINS = 50_000;

const GITHUB_USER = JSON.stringify({
  login: 'octocat', id: 583231, node_id: 'MDQ6VXNlcjU4MzIzMQ==', avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
  gravatar_id: '', url: 'https://api.github.com/users/octocat', html_url: 'https://github.com/octocat',
  followers_url: 'https://api.github.com/users/octocat/followers', following_url: 'https://api.github.com/users/octocat/following{/other_user}',
  gists_url: 'https://api.github.com/users/octocat/gists{/gist_id}', starred_url: 'https://api.github.com/users/octocat/starred{/owner}{/repo}',
  subscriptions_url: 'https://api.github.com/users/octocat/subscriptions', organizations_url: 'https://api.github.com/users/octocat/orgs',
  repos_url: 'https://api.github.com/users/octocat/repos', events_url: 'https://api.github.com/users/octocat/events{/privacy}',
  received_events_url: 'https://api.github.com/users/octocat/received_events', type: 'User', site_admin: false,
  name: 'The Octocat', company: '@github', blog: 'https://github.blog', location: 'San Francisco', email: null, hireable: null,
  bio: null, twitter_username: null, public_repos: 8, public_gists: 8, followers: 9999, following: 9,
  created_at: '2011-01-25T18:44:36Z', updated_at: '2024-01-22T12:00:00Z',
});
const GITHUB_EMAILS = JSON.stringify([
  { email: 'octocat@github.com', primary: true, verified: true, visibility: 'public' },
  { email: 'octocat@users.noreply.github.com', primary: false, verified: true, visibility: null },
]);
const FACEBOOK_ME = JSON.stringify({
  id: '10158090293950001', name: 'Mona Lisa', last_name: 'Lisa', first_name: 'Mona', email: 'mona@example.com',
  picture: { data: { height: 50, is_silhouette: false, url: 'https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=1', width: 50 } },
});
const TWITTER_USER = JSON.stringify({
  id: 6253282, id_str: '6253282', name: 'Twitter API', screen_name: 'TwitterAPI', location: 'San Francisco, CA',
  description: 'The Real Twitter API.', url: 'https://t.co/8IkCzCDr19', protected: false, followers_count: 6133636,
  friends_count: 12, listed_count: 12936, created_at: 'Wed May 23 06:01:13 +0000 2007', favourites_count: 31,
  verified: true, statuses_count: 3656, lang: null, profile_image_url_https: 'https://pbs.twimg.com/profile_images/942858479592554497/BbazLO9L_normal.jpg',
  default_profile: false, default_profile_image: false,
});

/**
 * Starts the emulator on 127.0.0.1. Endpoints, below its URL:
 * `/oauth2/{authorize,token}`, `/github/login/oauth/{authorize,access_token}`,
 * `/github/api/v3/user[/emails]`, `/facebook/v26.0/{dialog/oauth,oauth/access_token,me}`,
 * `/twitter/oauth/{request_token,authenticate,access_token}`,
 * `/twitter/1.1/account/verify_credentials.json`.
 */
export async function startBenchEmulator({ latency }: { latency: number }): Promise<BenchEmulator> {
  let counts: Partial<Record<EndpointName, number>> = {};
  let timelines = new Map<number, Call[]>();
  let nextLogin = 1;
  // Twitter sends the callback URL with the request token; /authenticate needs it back.
  let twitterCallbacks = new Map<string, string>();

  const hold = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const token = (prefix: string, login: number) => `${prefix}${login}_${randomBytes(12).toString('base64url')}`;

  function record(login: number | undefined, endpoint: EndpointName, start: number): void {
    if (login === undefined) return;
    let calls = timelines.get(login);
    if (!calls) {
      if (timelines.size >= MAX_TRACKED_LOGINS) return;
      calls = [];
      timelines.set(login, calls);
    }
    calls.push({ endpoint, start, end: performance.now() });
  }

  async function backChannel(endpoint: EndpointName, login: number | undefined, res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) {
    const start = performance.now();
    await hold(latency);
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
    record(login, endpoint, start);
  }

  function redirect(res: ServerResponse, location: string): void {
    counts.authorize = (counts.authorize ?? 0) + 1;
    res.writeHead(302, { location, 'content-length': 0 });
    res.end();
  }

  async function route(req: IncomingMessage, body: string, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const query = url.searchParams;
    const json = 'application/json; charset=utf-8';
    const form = 'application/x-www-form-urlencoded';
    const count = (endpoint: EndpointName) => (counts[endpoint] = (counts[endpoint] ?? 0) + 1);

    switch (url.pathname) {
      // The user approves at once: back to the app with a code naming the login.
      case '/oauth2/authorize':
      case '/github/login/oauth/authorize':
      case '/facebook/v26.0/dialog/oauth': {
        const callback = new URL(query.get('redirect_uri') ?? '');
        callback.searchParams.set('code', token('c', nextLogin++));
        const state = query.get('state');
        if (state !== null) callback.searchParams.set('state', state);
        return redirect(res, callback.href);
      }
      case '/oauth2/token': {
        count('oauth2.token');
        const login = loginOf(new URLSearchParams(body).get('code'));
        return backChannel('oauth2.token', login, res, 200, json, JSON.stringify({ access_token: token('t', login ?? 0), token_type: 'Bearer', expires_in: 3600, refresh_token: token('r', login ?? 0) }));
      }
      case '/github/login/oauth/access_token': {
        count('github.token');
        const login = loginOf(new URLSearchParams(body).get('code'));
        return backChannel('github.token', login, res, 200, json, JSON.stringify({ access_token: token('t', login ?? 0), token_type: 'bearer', scope: 'user:email' }));
      }
      case '/github/api/v3/user':
        count('github.user');
        return backChannel('github.user', loginOf(bearer(req, query)), res, 200, json, GITHUB_USER, { 'x-oauth-scopes': 'user:email' });
      case '/github/api/v3/user/emails':
        count('github.emails');
        return backChannel('github.emails', loginOf(bearer(req, query)), res, 200, json, GITHUB_EMAILS);
      case '/facebook/v26.0/oauth/access_token': {
        count('facebook.token');
        const login = loginOf(new URLSearchParams(body).get('code') ?? query.get('code'));
        return backChannel('facebook.token', login, res, 200, json, JSON.stringify({ access_token: token('t', login ?? 0), token_type: 'bearer', expires_in: 5183944 }));
      }
      case '/facebook/v26.0/me':
        count('facebook.me');
        return backChannel('facebook.me', loginOf(bearer(req, query)), res, 200, json, FACEBOOK_ME);
      case '/twitter/oauth/request_token': {
        count('twitter.request_token');
        const login = nextLogin++;
        const requestToken = token('q', login);
        const callback = oauthParam(req, body, 'oauth_callback');
        if (callback) {
          if (twitterCallbacks.size >= MAX_TRACKED_LOGINS) twitterCallbacks = new Map();
          twitterCallbacks.set(requestToken, callback);
        }
        return backChannel('twitter.request_token', login, res, 200, form, `oauth_token=${requestToken}&oauth_token_secret=${token('s', login)}&oauth_callback_confirmed=true`);
      }
      case '/twitter/oauth/authenticate': {
        const requestToken = query.get('oauth_token') ?? '';
        const callback = new URL(twitterCallbacks.get(requestToken) ?? 'http://127.0.0.1:9/missing-callback');
        twitterCallbacks.delete(requestToken);
        callback.searchParams.set('oauth_token', requestToken);
        callback.searchParams.set('oauth_verifier', randomBytes(16).toString('hex'));
        return redirect(res, callback.href);
      }
      case '/twitter/oauth/access_token': {
        count('twitter.access_token');
        const login = loginOf(oauthParam(req, body, 'oauth_token'));
        return backChannel('twitter.access_token', login, res, 200, form, `oauth_token=${token('a', login ?? 0)}&oauth_token_secret=${token('z', login ?? 0)}&user_id=6253282&screen_name=TwitterAPI`);
      }
      case '/twitter/1.1/account/verify_credentials.json':
        count('twitter.verify_credentials');
        return backChannel('twitter.verify_credentials', loginOf(oauthParam(req, body, 'oauth_token')), res, 200, json, TWITTER_USER, { 'x-access-level': 'read' });
      default:
        res.writeHead(404, { 'content-length': 0 });
        res.end();
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      route(req, Buffer.concat(chunks).toString('utf8'), res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-length': 0 });
        res.end();
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    reset() {
      counts = {};
      timelines = new Map();
      twitterCallbacks = new Map();
    },
    summary() {
      // The driver lets every login it started finish before a run ends: none is cut short.
      const finished = [...timelines.values()];
      const sequential = finished.map((calls) => longestChain(calls.filter((call) => !LOGIN_LEG.has(call.endpoint)))).sort((a, b) => a - b);
      const total = finished.reduce((sum, calls) => sum + calls.length, 0);
      const holds = finished.flatMap((calls) => calls.map((call) => call.end - call.start)).sort((a, b) => a - b);
      return {
        roundTrips: finished.length ? total / finished.length : 0,
        sequential: sequential[Math.floor(sequential.length / 2)] ?? 0,
        holdMs: holds[Math.floor(holds.length / 2)] ?? NaN,
        logins: finished.length,
        requests: { ...counts },
      };
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The login number a code or token carries (`c12_…` → 12). */
function loginOf(value: string | null | undefined): number | undefined {
  const match = /^[a-z](\d+)_/.exec(value ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The access token of a resource call: `Authorization: Bearer` or node-oauth's `?access_token=`. */
function bearer(req: IncomingMessage, query: URLSearchParams): string | null {
  const header = req.headers.authorization;
  if (header?.toLowerCase().startsWith('bearer ')) return header.slice(7);
  return query.get('access_token');
}

/** An OAuth 1.0a protocol parameter from the Authorization header or the form body. */
function oauthParam(req: IncomingMessage, body: string, name: string): string | undefined {
  const header = req.headers.authorization ?? '';
  const match = new RegExp(`${name}="([^"]*)"`).exec(header);
  if (match) return decodeURIComponent(match[1] ?? '');
  return new URLSearchParams(body).get(name) ?? undefined;
}

/** The most calls that ran one after another (each starting after the previous one ended). */
function longestChain(calls: readonly Call[]): number {
  let chain = 0;
  let lastEnd = -Infinity;
  for (const call of [...calls].sort((a, b) => a.end - b.end)) {
    if (call.start >= lastEnd) {
      chain++;
      lastEnd = call.end;
    }
  }
  return chain;
}
