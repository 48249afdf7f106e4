// The load driver (forked by run.ts, so its CPU is not the app's): virtual users log in as a
// browser would, /login → the provider's authorize endpoint (which approves at once and
// redirects with a code) → /callback, each with its own cookie jar. It times the callback leg.
import { Agent, request } from 'undici';

export type DriverRequest =
  | { type: 'load'; id: number; target: string; users: number; warmupMs: number; durationMs: number }
  | { type: 'pending'; id: number; target: string; count: number; concurrency: number };

export interface LoadResult {
  logins: number;
  seconds: number;
  failures: number;
  /** Callback leg latencies of the logins completed in the window, in ms, sorted. */
  callbackMs: number[];
}

export type DriverMessage =
  | { type: 'window-start'; id: number }
  | { type: 'window-end'; id: number }
  | { type: 'load-result'; id: number; result: LoadResult }
  | { type: 'pending-result'; id: number; started: number; failures: number };

const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000 });

/** One browser's cookies (name → value), for the app's origin only. */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(setCookie: string | string[] | undefined): void {
    for (const line of ([] as string[]).concat(setCookie ?? [])) {
      const pair = line.split(';', 1)[0] ?? '';
      const at = pair.indexOf('=');
      if (at > 0) this.#cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
}

async function get(url: string, jar?: CookieJar): Promise<{ status: number; location: string | undefined }> {
  const cookie = jar?.header();
  const response = await request(url, { method: 'GET', headers: cookie ? { cookie } : {}, dispatcher: agent });
  await response.body.dump();
  jar?.store(response.headers['set-cookie']);
  const location = response.headers.location;
  return { status: response.statusCode, location: Array.isArray(location) ? location[0] : location };
}

/** Starts a login: the app's redirect to the provider. */
async function startLogin(target: string, jar: CookieJar): Promise<string> {
  const { status, location } = await get(`${target}/login`, jar);
  if (status !== 302 || !location) throw new Error(`/login answered ${status}`);
  return location;
}

/** A whole login; resolves with the callback leg's duration in ms. */
async function login(target: string, jar: CookieJar): Promise<number> {
  const authorize = await startLogin(target, jar);
  const approved = await get(authorize);
  if (approved.status !== 302 || !approved.location) throw new Error(`authorize answered ${approved.status}`);
  const start = performance.now();
  const { status } = await get(approved.location, jar);
  const elapsed = performance.now() - start;
  if (status !== 200) throw new Error(`/callback answered ${status}`);
  return elapsed;
}

async function load(command: Extract<DriverRequest, { type: 'load' }>): Promise<LoadResult> {
  let phase: 'warmup' | 'window' | 'stopped' = 'warmup';
  let windowStart = 0;
  let windowEnd = 0;
  let logins = 0;
  let failures = 0;
  const callbackMs: number[] = [];

  async function virtualUser(): Promise<void> {
    const jar = new CookieJar();
    while (phase !== 'stopped') {
      try {
        const elapsed = await login(command.target, jar);
        // Counted only when the whole login happened inside the window.
        if (phase === 'window') {
          logins++;
          callbackMs.push(elapsed);
        }
      } catch (err) {
        failures++;
        if (failures <= 3) console.error('[driver]', err instanceof Error ? err.message : err);
        if (failures > 1000) phase = 'stopped';
      }
    }
  }

  const users = Array.from({ length: command.users }, () => virtualUser());
  setTimeout(() => {
    phase = 'window';
    windowStart = performance.now();
    send({ type: 'window-start', id: command.id });
    setTimeout(() => {
      windowEnd = performance.now();
      // Logins in flight when the window closes are not counted: the app's count and CPU stop here too.
      phase = 'stopped';
      send({ type: 'window-end', id: command.id });
    }, command.durationMs);
  }, command.warmupMs);
  await Promise.all(users);
  callbackMs.sort((a, b) => a - b);
  return { logins, seconds: (windowEnd - windowStart) / 1000, failures, callbackMs };
}

/** Starts `count` logins, each in a fresh session, and abandons them at the provider. */
async function pending(command: Extract<DriverRequest, { type: 'pending' }>): Promise<{ started: number; failures: number }> {
  let next = 0;
  let started = 0;
  let failures = 0;
  async function worker(): Promise<void> {
    while (next < command.count) {
      next++;
      try {
        await startLogin(command.target, new CookieJar());
        started++;
      } catch {
        failures++;
      }
    }
  }
  await Promise.all(Array.from({ length: command.concurrency }, () => worker()));
  return { started, failures };
}

function send(message: DriverMessage): void {
  process.send?.(message);
}

process.on('message', (command: DriverRequest) => {
  if (command.type === 'load') {
    void load(command).then((result) => send({ type: 'load-result', id: command.id, result }));
  } else if (command.type === 'pending') {
    void pending(command).then(({ started, failures }) => send({ type: 'pending-result', id: command.id, started, failures }));
  }
});
process.on('disconnect', () => process.exit(0));
