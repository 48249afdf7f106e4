import type { Strategy } from 'passport';

/**
 * One "Log in with …" button of the example app: a passport strategy and the provider (or
 * emulator) it talks to. The app mounts it at `/auth/<name>` and `/auth/<name>/callback`.
 */
export interface ProviderLogin {
  /** The passport strategy name and the URL segment, e.g. `oidc`. */
  name: string;
  /** The button text. */
  label: string;
  strategy: Strategy;
  /** Extra `passport.authenticate()` options for the login route (scope and the like). */
  authenticateOptions?: Record<string, unknown>;
  /** Stops the local provider started for this login, if any. */
  close(): Promise<void>;
}

/** Where the example app is reachable; a provider registers a callback URL for each origin. */
export interface AppOrigins {
  origins: string[];
}
