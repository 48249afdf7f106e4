import type { Emulator } from '@passport-kit/testing';
import type { Strategy } from 'passport';

/**
 * One "Log in with …" button of the example app: a passport strategy and the provider (or
 * emulator) it talks to. The app mounts it at `/auth/<name>` and `/auth/<name>/callback`.
 */
export interface ProviderLogin {
  /** The passport strategy name and the URL segment, e.g. `github`. */
  name: string;
  /** The button text, e.g. `Log in with GitHub`. */
  label: string;
  /** Where the login goes, shown beside the button: `local emulator` or the real host. */
  target: string;
  strategy: Strategy;
  /** Extra `passport.authenticate()` options for the login route (scope and the like). */
  authenticateOptions?: Record<string, unknown>;
  /** Stops the local provider started for this login, if any. */
  close?(): Promise<void>;
}

/** Where the example app is reachable; a provider registers a callback URL for each origin. */
export interface AppOrigins {
  origins: string[];
}

/** What a provider login module gets: the shared emulator and the environment to read credentials from. */
export interface ProviderContext {
  emulator: Emulator;
  env: Readonly<Record<string, string | undefined>>;
}

/** Real credentials from `env` (both variables set), undefined for none, or a startup error for half of a pair. */
export function credentials(env: ProviderContext['env'], idVariable: string, secretVariable: string, secretRequired = true): { id: string; secret: string | undefined } | undefined {
  const id = env[idVariable] || undefined;
  const secret = env[secretVariable] || undefined;
  if (id === undefined) {
    if (secret !== undefined) throw new Error(`${secretVariable} is set but ${idVariable} is not`);
    return undefined;
  }
  if (secret === undefined && secretRequired) throw new Error(`${idVariable} is set but ${secretVariable} is not`);
  return { id, secret };
}
