import type { IncomingRequest, ResponseLike } from '@passport-kit/core';

/** A response that only records headers, linked from the request as Express does (`req.res`). */
export class FakeResponse implements ResponseLike {
  headersSent = false;
  readonly #headers = new Map<string, number | string | readonly string[]>();

  getHeader(name: string): number | string | string[] | undefined {
    const value = this.#headers.get(name.toLowerCase());
    return Array.isArray(value) ? [...(value as readonly string[])] : (value as number | string | undefined);
  }

  setHeader(name: string, value: number | string | readonly string[]): this {
    if (this.headersSent) throw new Error('ERR_HTTP_HEADERS_SENT');
    this.#headers.set(name.toLowerCase(), value);
    return this;
  }

  /** Every Set-Cookie line written so far. */
  setCookies(): string[] {
    const value = this.getHeader('set-cookie');
    return value === undefined ? [] : Array.isArray(value) ? value : [String(value)];
  }
}

export interface CookieRequest extends IncomingRequest {
  res: FakeResponse;
}

/** A request with a fresh response; `cookie` is the Cookie header the browser sends. */
export function cookieRequest(options: { cookie?: string; headers?: IncomingRequest['headers']; encrypted?: boolean } = {}): CookieRequest {
  const headers: IncomingRequest['headers'] = { host: 'app.example', ...options.headers };
  if (options.cookie !== undefined) headers.cookie = options.cookie;
  return { headers, res: new FakeResponse(), socket: { encrypted: options.encrypted ?? false } };
}

/** `name=value` pairs of Set-Cookie lines, as a browser would send them back. */
export function cookieHeader(setCookies: string[]): string {
  return setCookies.map((line) => line.split(';')[0]).join('; ');
}
