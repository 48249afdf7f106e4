// Drives the test provider's login and consent pages over plain HTTP, the way a browser would,
// so tests and the fixture recorder need no browser.

/** Cookies per name, as a browser would keep them for the provider's origin (paths ignored). */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** The `Cookie` header to send, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Takes the `Set-Cookie` headers of a response. */
  store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [key = '', val = ''] = a.split('=').map((s) => s.trim());
        return (/^max-age$/i.test(key) && Number(val) <= 0) || (/^expires$/i.test(key) && Date.parse(val) <= Date.now());
      });
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
}

export interface LoginThroughProviderOptions {
  /** The name typed on the login page; it becomes the `sub`. Default `alice`. */
  account?: string;
  /** Whether to press Allow or Deny on the consent page. Default `allow`. */
  consent?: 'allow' | 'deny';
  /** Reuse a jar to keep the provider session between logins. Default: a fresh one. */
  jar?: CookieJar;
}

const MAX_STEPS = 20;

/**
 * Follows an authorization URL through the test provider (see `oidc-provider.ts`): logs in as
 * `account`, answers the consent page, and follows redirects until one leaves the provider's
 * origin. Returns that URL: the client's callback with `code`, `state` and `iss` (or `error`).
 *
 * @example
 * const start = await agent.get('/login').expect(302);
 * const callback = new URL(await loginThroughProvider(start.headers.location, { account: 'bob' }));
 * await agent.get(callback.pathname + callback.search).expect(302);
 */
export async function loginThroughProvider(authorizationURL: string, options: LoginThroughProviderOptions = {}): Promise<string> {
  const jar = options.jar ?? new CookieJar();
  const providerOrigin = new URL(authorizationURL).origin;
  let url = authorizationURL;
  let form: Record<string, string> | undefined;

  for (let step = 0; step < MAX_STEPS; step += 1) {
    const response = await send(jar, url, form);
    form = undefined;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      const next = new URL(location, url);
      if (next.origin !== providerOrigin) return next.href;
      url = next.href;
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) throw new Error(`provider answered ${response.status} at ${new URL(url).pathname}: ${page.slice(0, 200)}`);
    const action = pickAction(page, options.consent ?? 'allow');
    url = new URL(action, url).href;
    form = action.endsWith('/login') ? { login: options.account ?? 'alice' } : {};
  }
  throw new Error(`no redirect to the client after ${MAX_STEPS} steps`);
}

async function send(jar: CookieJar, url: string, form: Record<string, string> | undefined): Promise<Response> {
  const headers: Record<string, string> = {};
  const cookie = jar.header();
  if (cookie !== undefined) headers['cookie'] = cookie;
  const init: RequestInit = { method: form ? 'POST' : 'GET', headers, redirect: 'manual' };
  if (form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    init.body = new URLSearchParams(form).toString();
  }
  const response = await fetch(url, init);
  jar.store(response.headers.getSetCookie());
  return response;
}

// The interaction pages post to /interaction/<uid>/login, /confirm or /abort.
function pickAction(page: string, consent: 'allow' | 'deny'): string {
  const actions = [...page.matchAll(/<form[^>]*\saction="([^"]+)"/g)].map((m) => m[1] ?? '');
  const wanted = actions.find((a) => a.endsWith('/login')) ?? actions.find((a) => a.endsWith(consent === 'allow' ? '/confirm' : '/abort'));
  if (wanted === undefined) throw new Error(`no login or consent form on the provider page: ${page.slice(0, 200)}`);
  return wanted;
}
