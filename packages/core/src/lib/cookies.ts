import type { IncomingRequest, ResponseLike } from '../request.js';
import { headerValue } from '../request.js';

export interface CookieAttributes {
  maxAge: number;
  path: string;
  sameSite: 'Lax' | 'Strict' | 'None';
  secure: boolean;
}

export function readCookies(req: IncomingRequest): Map<string, string> {
  const cookies = new Map<string, string>();
  const header = headerValue(req, 'cookie');
  if (!header) return cookies;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at < 0) continue;
    const name = pair.slice(0, at).trim();
    if (name && !cookies.has(name)) cookies.set(name, pair.slice(at + 1).trim());
  }
  return cookies;
}

export function setCookie(res: ResponseLike, name: string, value: string, attributes: CookieAttributes): void {
  const parts = [
    `${name}=${value}`,
    `Path=${attributes.path}`,
    // Rounded up: a ttl under a second must not become Max-Age=0, which deletes the cookie.
    `Max-Age=${Math.ceil(attributes.maxAge / 1000)}`,
    'HttpOnly',
    `SameSite=${attributes.sameSite}`,
  ];
  // Clients that ignore Max-Age (older browsers, HTTP-client cookie jars) delete on a past Expires.
  if (attributes.maxAge <= 0) parts.splice(3, 0, 'Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (attributes.secure) parts.push('Secure');
  // koa-passport's stand-in response has no getHeader; its setHeader is Koa's ctx.set.
  const existing = typeof res.getHeader === 'function' ? res.getHeader('set-cookie') : undefined;
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader('set-cookie', [...list, parts.join('; ')]);
}
