// A recording proxy: nock's recorder does not see undici's requests, so fixtures are recorded
// honestly by putting a small HTTP proxy between the strategy and a real local server.
import { createServer, request as forward, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type nock from 'nock';

/** A running recording proxy. */
export interface RecordingProxy {
  /** The proxy's origin, e.g. `http://127.0.0.1:4011`: configure the strategy with this. */
  readonly url: string;
  /** Every exchange so far, in order, as nock definitions scoped to {@link RecordingProxy.url}. */
  definitions(): nock.Definition[];
  /** Stops listening and closes idle connections. */
  close(): Promise<void>;
}

export interface RecordingProxyOptions {
  /** Port on 127.0.0.1. Use a fixed one so the recorded scope is stable across re-recordings. Default: ephemeral. */
  port?: number;
}

// RFC 9110 §7.6.1: connection-specific headers are not forwarded.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
// Response headers that differ on every run or that nock computes itself.
const NOISE = new Set([...HOP_BY_HOP, 'date', 'set-cookie', 'content-length', 'etag']);
// Request headers a replay should insist on: how the client authenticated and how the body was encoded.
const MATCHED_REQUEST_HEADERS = ['authorization', 'content-type'];

/**
 * Starts an HTTP server on 127.0.0.1 that forwards every request to `targetOrigin` and records
 * each exchange in nock's `Definition` format: method, path, the body as sent, status, the
 * response (parsed when JSON), response headers without per-run noise, and the request headers
 * worth matching (`authorization`, `content-type`).
 *
 * @example
 * const proxy = await startRecordingProxy('http://127.0.0.1:4010', { port: 4011 });
 * // ... point tokenURL at `${proxy.url}/token` and log in ...
 * saveRecording('oauth2/client-secret-post', { ..., definitions: proxy.definitions() });
 * await proxy.close();
 */
export async function startRecordingProxy(targetOrigin: string, options: RecordingProxyOptions = {}): Promise<RecordingProxy> {
  const target = new URL(targetOrigin);
  const recorded: nock.Definition[] = [];
  let scope = '';

  const server = createServer((req, res) => {
    void (async () => {
      const requestBody = await readBody(req);
      const upstream = await send(target, req, requestBody);
      const responseBody = upstream.body.toString('utf8');
      recorded.push(definition(scope, req, requestBody.toString('utf8'), upstream.status, upstream.headers, responseBody));
      res.writeHead(upstream.status, forwardableHeaders(upstream.headers));
      res.end(upstream.body);
    })().catch((err: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`recording proxy: ${err instanceof Error ? err.message : String(err)}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  scope = `http://127.0.0.1:${port}`;

  return {
    url: scope,
    definitions: () => structuredClone(recorded),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function send(target: URL, req: IncomingMessage, body: Buffer): Promise<UpstreamResponse> {
  const headers = forwardableHeaders(req.headers);
  headers['host'] = target.host;
  if (body.length > 0) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = forward(
      { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (upstream) => {
        readBody(upstream).then((data) => resolve({ status: upstream.statusCode ?? 502, headers: upstream.headers, body: data }), reject);
      },
    );
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

function forwardableHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

function definition(
  scope: string,
  req: IncomingMessage,
  requestBody: string,
  status: number,
  responseHeaders: IncomingHttpHeaders,
  responseBody: string,
): nock.Definition {
  const def: nock.Definition = { scope, method: req.method ?? 'GET', path: req.url ?? '/' };
  if (requestBody !== '') def.body = requestBody;
  const reqheaders: Record<string, string> = {};
  for (const name of MATCHED_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') reqheaders[name] = value;
  }
  if (Object.keys(reqheaders).length > 0) def.reqheaders = reqheaders;
  def.status = status;
  if (responseBody !== '') def.response = parseResponse(responseHeaders['content-type'], responseBody);
  const rawHeaders: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(responseHeaders)) {
    if (value !== undefined && !NOISE.has(name)) rawHeaders[name] = value;
  }
  def.rawHeaders = rawHeaders;
  return def;
}

function parseResponse(contentType: string | undefined, body: string): nock.ReplyBody {
  if (contentType !== undefined && /[/+]json\b/i.test(contentType)) {
    try {
      return JSON.parse(body) as nock.ReplyBody;
    } catch {
      // A body that claims JSON but is not: keep it verbatim, the replay must see the same bytes.
    }
  }
  return body;
}
