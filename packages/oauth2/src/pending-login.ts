import type { IncomingRequest } from '@passport-kit/core';
import type { PendingLogin } from './authorization-request.js';
import type { StateStore, StateStoreMeta } from './state-store.js';

/** What the state store reported for the callback's `state` (see `StateStore.verify`). */
export interface TakenLogin {
  /** `false` (no such pending login), `true`, or the PKCE code verifier. */
  ok: boolean | string;
  /** The app's state on success; the store's failure info otherwise. */
  state: unknown;
  /** What `beginLogin` kept, when the store keeps it. */
  loginData: Record<string, unknown> | undefined;
  /** The `redirect_uri` the authorization request sent (`null`: none), when the store keeps it. */
  redirectURI: unknown;
}

/**
 * Keeps a pending login in the state store and resolves to the handle to send as `state`.
 * passport-oauth2 picks the store signature by arity; so do we, so custom stores keep working.
 */
export function keepPendingLogin(store: StateStore, req: IncomingRequest, pending: PendingLogin): Promise<string | undefined> {
  const { codeVerifier, appState, meta } = pending;
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, handle?: string) => (err ? reject(err) : resolve(handle));
    const keep = store.store.bind(store) as (...args: unknown[]) => void;
    switch (store.store.length) {
      case 5: return keep(req, codeVerifier, appState, meta, done);
      case 4: return keep(req, appState, meta, done);
      case 3: return keep(req, meta, done);
      default: return keep(req, done);
    }
  });
}

/**
 * Checks the callback's `state` against the store (RFC 6749 §10.12), which takes the pending
 * login it names (single use), with either of passport-oauth2's `verify` arities.
 */
export function takePendingLogin(store: StateStore, req: IncomingRequest, state: string | undefined, meta: StateStoreMeta): Promise<TakenLogin> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, ok?: boolean | string, kept?: unknown, loginData?: unknown, redirectURI?: unknown) =>
      err ? reject(err) : resolve({ ok: ok ?? false, state: kept, loginData: isRecord(loginData) ? loginData : undefined, redirectURI });
    const verify = store.verify.bind(store) as (...args: unknown[]) => void;
    if (store.verify.length === 4) verify(req, state, meta, done);
    else verify(req, state, done);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
