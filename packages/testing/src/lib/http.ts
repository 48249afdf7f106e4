import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest request body the emulator reads; providers reject far smaller ones. */
const MAX_BODY_BYTES = 1024 * 1024;

/** A request as the emulator's handlers see it: parsed once, with the raw parts kept for tests. */
export interface ParsedRequest {
  readonly method: string;
  readonly url: URL;
  /** Path below the provider's prefix, e.g. `/login/oauth/authorize`. */
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** Query parameters merged with form or JSON body parameters (body wins). */
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, string>>;
  readonly rawBody: string;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function searchParamsToRecord(params: URLSearchParams): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!(key in record)) record[key] = value;
  }
  return record;
}

/** Parses a form-encoded or JSON body into string parameters; anything else yields no parameters. */
export function parseBody(rawBody: string, contentType: string | undefined): Record<string, string> {
  if (rawBody === '') return {};
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      return {};
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const record: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') record[key] = String(value);
    }
    return record;
  }
  if (type === 'application/x-www-form-urlencoded' || type === '') {
    return searchParamsToRecord(new URLSearchParams(rawBody));
  }
  return {};
}

export function sendJSON(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendHTML(res: ServerResponse, status: number, html: string): void {
  sendText(res, status, 'text/html; charset=utf-8', html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'content-length': 0, 'cache-control': 'no-store' });
  res.end();
}

/** Adds parameters to a redirect URI's query, keeping the ones it already has (RFC 6749 §3.1.2). */
export function withQuery(uri: string, params: Record<string, string | undefined>, fragment?: string): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.append(key, value);
  }
  if (fragment !== undefined) url.hash = fragment;
  return url.href;
}

/** The token from `Authorization: Bearer x` (also GitHub's `token x` and Facebook's `OAuth x`). */
export function bearerToken(headers: IncomingMessage['headers']): string | undefined {
  const header = headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^(?:bearer|token|oauth)\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Client credentials from `Authorization: Basic` (RFC 6749 §2.3.1: form-urlencoded, then base64). */
export function basicCredentials(headers: IncomingMessage['headers']): { id: string; secret: string } | undefined {
  const header = headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const decode = (value: string): string => {
    try {
      return decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      return value;
    }
  };
  return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

export function escapeHTML(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
