/** An OAuth 2.0 client (GitHub OAuth app, Facebook app, X app) registered at the emulator. */
export interface EmulatorClient {
  /** The client identifier the app sends. */
  readonly clientID: string;
  /** The application's name, which the consent page shows as the provider would. Default: the client ID. */
  readonly name?: string;
  /** Absent for a public client (X's "Native App" type, which authenticates with PKCE alone). */
  readonly clientSecret?: string;
  /**
   * Registered callback URLs. When absent, any http(s) `redirect_uri` is accepted, which is what
   * a test suite on a random port needs; when present, the provider's matching rule applies.
   */
  readonly redirectURIs?: readonly string[];
}

/** A Twitter OAuth 1.0a application (consumer). */
export interface EmulatorConsumer {
  /** The consumer key the app signs with. */
  readonly consumerKey: string;
  /** The application's name, which the consent page shows as Twitter would. Default: the consumer key. */
  readonly name?: string;
  /** The consumer secret the app signs with. */
  readonly consumerSecret: string;
  /** Registered callback URLs; when absent any `oauth_callback` is accepted (Twitter error 415 otherwise). */
  readonly callbackURLs?: readonly string[];
  /** The app's permission, sent as `x-access-level` on API responses. Default `read-write`. */
  readonly accessLevel?: 'read' | 'read-write' | 'read-write-directmessages';
  /** "Request email address from users": whether `include_email=true` yields `email`. Default true. */
  readonly emailAccess?: boolean;
}

/** Clients per provider; each accepts one client or several. */
export interface EmulatorClientsInput {
  /** GitHub OAuth apps. */
  readonly github?: EmulatorClient | readonly EmulatorClient[];
  /** Facebook apps. */
  readonly facebook?: EmulatorClient | readonly EmulatorClient[];
  /** X OAuth 2.0 clients. */
  readonly x?: EmulatorClient | readonly EmulatorClient[];
  /** Twitter OAuth 1.0a consumers. */
  readonly twitter?: EmulatorConsumer | readonly EmulatorConsumer[];
}

/** The registered clients per provider, after defaults. */
export interface EmulatorClients {
  /** GitHub OAuth apps. */
  readonly github: readonly EmulatorClient[];
  /** Facebook apps. */
  readonly facebook: readonly EmulatorClient[];
  /** X OAuth 2.0 clients. */
  readonly x: readonly EmulatorClient[];
  /** Twitter OAuth 1.0a consumers. */
  readonly twitter: readonly EmulatorConsumer[];
}

/** The clients an emulator registers for each provider not given in `clients`. */
export const DEFAULT_CLIENTS: EmulatorClients = Object.freeze({
  github: [{ clientID: 'github-client-id', clientSecret: 'github-client-secret' }],
  facebook: [{ clientID: '1234567890123456', clientSecret: 'facebook-app-secret' }],
  // A confidential client (client_secret_basic) and a public one (PKCE only), as X apps can be either.
  x: [{ clientID: 'x-client-id', clientSecret: 'x-client-secret' }, { clientID: 'x-public-client-id' }],
  twitter: [{ consumerKey: 'twitter-consumer-key', consumerSecret: 'twitter-consumer-secret' }],
});

function list<T>(value: T | readonly T[] | undefined, fallback: readonly T[]): readonly T[] {
  if (value === undefined) return fallback;
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

export function resolveClients(input: EmulatorClientsInput = {}): EmulatorClients {
  return {
    github: list(input.github, DEFAULT_CLIENTS.github),
    facebook: list(input.facebook, DEFAULT_CLIENTS.facebook),
    x: list(input.x, DEFAULT_CLIENTS.x),
    twitter: list(input.twitter, DEFAULT_CLIENTS.twitter),
  };
}
