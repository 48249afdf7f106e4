/** Every endpoint the emulator serves, named `<provider>.<step>`; keys of `emulator.requests`. */
export const ENDPOINT_NAMES = [
  'github.authorize',
  'github.token',
  'github.user',
  'github.emails',
  'facebook.authorize',
  'facebook.token',
  'facebook.me',
  'x.authorize',
  'x.token',
  'x.me',
  'twitter.requestToken',
  'twitter.authorize',
  'twitter.accessToken',
  'twitter.verifyCredentials',
] as const;

/** One emulator endpoint, as `setScenario`, `requests` and `received` name it. */
export type EndpointName = (typeof ENDPOINT_NAMES)[number];

/**
 * An error case an endpoint plays instead of its normal answer.
 *
 * - `deny`: the person clicks Deny (authorize endpoints).
 * - `badCode`: the code or verifier is refused as unknown (token endpoints).
 * - `error`: the endpoint answers with this error in the provider's shape (OAuth 2.0 authorize
 *   and token endpoints): GitHub `{error, error_description, error_uri}` with HTTP 200, Facebook
 *   `{error:{message,type,code,error_subcode,fbtrace_id}}` or `error_code`/`error_message` on the
 *   callback, X `{error, error_description}`.
 * - `expiredToken`: the access token is refused as expired (profile endpoints).
 * - `delay`: the normal answer, `ms` milliseconds late (any endpoint).
 * - `fail`: HTTP `status` (default 500) with `body` (any endpoint).
 * - `reset`: the connection is destroyed without an answer (any endpoint).
 */
export type Scenario =
  | {
      /** The person clicks Deny. */
      readonly kind: 'deny';
    }
  | {
      /** The code or verifier is refused. */
      readonly kind: 'badCode';
    }
  | {
      /** An error in the provider's shape. */
      readonly kind: 'error';
      /** OAuth error code (`incorrect_client_credentials`), or Facebook's error `type`. */
      readonly error: string;
      /** The error description. */
      readonly description?: string;
      /** Facebook's numeric `code` (token errors) or `error_code` (callback errors). */
      readonly code?: number;
      /** Facebook's `error_subcode`. */
      readonly subcode?: number;
    }
  | {
      /** The access token is refused as expired. */
      readonly kind: 'expiredToken';
    }
  | {
      /** The normal answer, late. */
      readonly kind: 'delay';
      /** How late, in milliseconds. */
      readonly ms: number;
    }
  | {
      /** An HTTP failure. */
      readonly kind: 'fail';
      /** HTTP status; default 500. */
      readonly status?: number;
      /** Response body, as text/plain. */
      readonly body?: string;
    }
  | {
      /** The connection is destroyed without an answer. */
      readonly kind: 'reset';
    };

/** Options of `Emulator.setScenario`. */
export interface ScenarioOptions {
  /** How many requests the scenario applies to before the endpoint behaves normally again. Default: all. */
  readonly times?: number;
}

const APPLIES_TO: Record<Scenario['kind'], (endpoint: EndpointName) => boolean> = {
  deny: (e) => e.endsWith('.authorize'),
  badCode: (e) => e.endsWith('.token') || e === 'twitter.accessToken',
  error: (e) => (e.endsWith('.authorize') && e !== 'twitter.authorize') || e.endsWith('.token'),
  expiredToken: (e) => ['github.user', 'github.emails', 'facebook.me', 'x.me', 'twitter.verifyCredentials'].includes(e),
  delay: () => true,
  fail: () => true,
  reset: () => true,
};

/** Throws a TypeError when a scenario makes no sense for an endpoint (a test typo, not a case). */
export function assertScenarioApplies(endpoint: EndpointName, scenario: Scenario): void {
  if (!(ENDPOINT_NAMES as readonly string[]).includes(endpoint)) throw new TypeError(`Unknown emulator endpoint ${JSON.stringify(endpoint)}`);
  const applies = APPLIES_TO[scenario.kind];
  if (applies === undefined) throw new TypeError(`Unknown scenario kind ${JSON.stringify((scenario as { kind: unknown }).kind)}`);
  if (!applies(endpoint)) throw new TypeError(`Scenario ${scenario.kind} does not apply to ${endpoint}`);
  if (scenario.kind === 'delay' && !(Number.isFinite(scenario.ms) && scenario.ms >= 0)) throw new TypeError('delay scenario needs ms >= 0');
}

/** The scenarios set on an emulator, each with how many more requests it applies to. */
export class ScenarioBook {
  #entries = new Map<EndpointName, { scenario: Scenario; remaining: number }>();

  set(endpoint: EndpointName, scenario: Scenario | null, options: ScenarioOptions = {}): void {
    if (scenario === null) {
      this.#entries.delete(endpoint);
      return;
    }
    assertScenarioApplies(endpoint, scenario);
    const times = options.times ?? Number.POSITIVE_INFINITY;
    if (!(times >= 1)) throw new TypeError('times must be at least 1');
    this.#entries.set(endpoint, { scenario, remaining: times });
  }

  clear(): void {
    this.#entries.clear();
  }

  /** The scenario for this request to `endpoint`, counting it against `times`. */
  take(endpoint: EndpointName): Scenario | undefined {
    const entry = this.#entries.get(endpoint);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#entries.delete(endpoint);
    return entry.scenario;
  }
}
