import { createHash } from 'node:crypto';

/** What this process remembers of a login it started, for explaining a failed callback. */
export interface RecentLogin {
  /** Where the login began (`http://localhost:3000`). */
  origin: string;
  /** Whether a callback already completed it (a second one is a replay). */
  completed: boolean;
}

// Bounded and short-lived: it serves diagnostics only, and only while someone listens.
const MAX_LOGINS = 1000;
const KEEP_FOR = 60 * 60 * 1000;
const logins = new Map<string, RecentLogin & { at: number }>();

/**
 * A short, non-reversible name for a login: 8 characters of the SHA-256 of its `state`. Log
 * lines and diagnostics messages carry it instead of the state, which is a CSRF secret.
 */
export function loginId(state: string): string {
  return createHash('sha256').update(state).digest('base64url').slice(0, 8);
}

/**
 * Remembers where the login `id` began. The pending login itself is kept in the browser's
 * session or cookie, which is exactly what a callback to another host cannot read; this record
 * in the process can, so the callback can say where the login began.
 */
export function rememberLogin(id: string, origin: string): void {
  const now = Date.now();
  for (const [key, entry] of logins) {
    if (logins.size < MAX_LOGINS && entry.at > now - KEEP_FOR) break;
    logins.delete(key);
  }
  logins.set(id, { origin, completed: false, at: now });
}

/** What this process remembers of login `id`, if it started it recently. */
export function recallLogin(id: string | undefined): RecentLogin | undefined {
  if (id === undefined) return undefined;
  const entry = logins.get(id);
  return entry && { origin: entry.origin, completed: entry.completed };
}

/** Whether any login is remembered: none is unless diagnostics were on when it started. */
export function hasRecentLogins(): boolean {
  return logins.size > 0;
}

/** Notes that login `id` completed its state check. */
export function markLoginCompleted(id: string | undefined): void {
  const entry = id === undefined ? undefined : logins.get(id);
  if (entry) entry.completed = true;
}
