import { createHash, randomBytes } from 'node:crypto';
import { request } from 'undici';

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json(): unknown;
  /** The `Location` header parsed, for redirects. */
  location(): URL;
}

async function send(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const response = await request(url, { method, headers: { 'user-agent': 'passport-kit-tests', ...headers }, ...(body === undefined ? {} : { body }) });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as unknown,
    location: () => new URL(String(response.headers.location)),
  };
}

export function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return send('GET', url, headers);
}

export function postForm(url: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Reply> {
  return send('POST', url, { 'content-type': 'application/x-www-form-urlencoded', ...headers }, new URLSearchParams(params).toString());
}

export function postJSON(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send('POST', url, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
}

export function withParams(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.href;
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const CALLBACK = 'http://127.0.0.1:9/auth/callback';
