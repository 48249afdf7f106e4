import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorClients } from '../clients.js';
import type { EndpointName, Scenario } from '../scenario.js';
import type { EmulatorUser } from '../users.js';
import type { GrantStore } from './grant-store.js';
import type { ParsedRequest } from './http.js';

/** Everything a provider's handlers may read: one per emulator. */
export interface EmulatorContext {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly users: readonly EmulatorUser[];
  readonly clients: EmulatorClients;
  readonly grants: GrantStore;
  readonly now: () => number;
  /** `false`: show the consent page; `true`: approve as the first (or hinted) user; a string: approve as that user. */
  readonly autoApprove: () => boolean | string;
  /** Authorization code lifetime in seconds. */
  readonly codeTTL: number;
  readonly github: { readonly issuer: string | undefined; readonly tokenTTL: number | undefined };
  readonly facebook: { readonly tokenTTL: number; readonly requireAppSecretProof: boolean };
  readonly x: { readonly tokenTTL: number };
}

/** One request routed to an endpoint, with the scenario (if any) it must play. */
export interface EndpointCall {
  readonly ctx: EmulatorContext;
  readonly req: ParsedRequest;
  /** The raw request, body already read (for the OAuth 1.0a provider, which parses its own). */
  readonly incoming: IncomingMessage;
  readonly res: ServerResponse;
  readonly scenario: Scenario | undefined;
  /** The prefix this provider is mounted at, e.g. `http://127.0.0.1:4000/github`. */
  readonly base: string;
}

export interface Route {
  readonly endpoint: EndpointName;
  readonly methods: readonly string[];
  /** Matched against the path below the provider prefix. */
  readonly path: RegExp;
  handle(call: EndpointCall): void | Promise<void>;
}
