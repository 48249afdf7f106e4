// Drives an app over loopback the way browsers do, without supertest's one-server-per-request
// cost: one listening server per app, keep-alive connections, a cookie jar per browser.
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body parsed as JSON, or `undefined`. */
  json: unknown;
}

export interface Listening {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Listens on a free loopback port. Headers up to 1 MiB, so 100 KB query values reach the app. */
export async function listen(handler: RequestListener): Promise<Listening> {
  const server = createServer({ maxHeaderSize: 1024 * 1024 }, handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Send {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A keep-alive client for one origin. */
export class Client {
  readonly #agent: Agent;

  constructor(readonly origin: string, maxSockets = 32) {
    this.#agent = new Agent({ keepAlive: true, maxSockets });
  }

  send({ method = 'GET', path, headers = {}, body }: Send): Promise<Answer> {
    const url = new URL(this.origin);
    // Node sends a GET or DELETE body with neither length nor chunking unless told the length.
    if (body !== undefined) headers = { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    return new Promise((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, method, path, headers, agent: this.#agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json });
          });
        },
      );
      req.on('error', (err) => reject(new Error(`${method} ${path.slice(0, 120)}: ${err.message}`, { cause: err })));
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

/** One browser's cookies: what `Set-Cookie` stored, sent back as `Cookie`. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  store(answer: Answer): void {
    const header = answer.headers['set-cookie'];
    for (const line of Array.isArray(header) ? header : header ? [header] : []) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  clone(): CookieJar {
    const copy = new CookieJar();
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    return copy;
  }
}

/** Runs `tasks` with at most `limit` in flight; resolves with their results in order. */
export async function pool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
