// A provider's back channel on a real loopback server (node:http), one handler per path: what
// the strategies under test talk to. Unlike nock, it can hang, drip, reset and send 50 MB, and
// it costs the client nothing per request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers one request; `body` is the whole request body. */
export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

export interface Provider {
  url: string;
  /** Requests received, by path. */
  received: Map<string, number>;
  close(): Promise<void>;
}

export async function startProvider(routes: Record<string, Handler>): Promise<Provider> {
  const received = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    received.set(path, (received.get(path) ?? 0) + 1);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const handler = routes[path];
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      Promise.resolve(handler(req, res, Buffer.concat(chunks).toString('utf8'))).catch((err: unknown) => {
        res.destroy(err instanceof Error ? err : new Error(String(err)));
      });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends `status` with a JSON body. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

/** Sends `status` with a form-encoded body (OAuth 1.0a token responses). */
export function form(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }).end(body);
}
