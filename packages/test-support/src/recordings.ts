// Recorded provider exchanges: test-fixtures/<area>/<handshake>/recording.json, written by the
// recorder scripts (scripts/recorders/*.ts) and replayed in tests with nock.define().
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import nock from 'nock';

const FIXTURES_ROOT = fileURLToPath(new URL('../../../test-fixtures/', import.meta.url));

/** The contents of one `recording.json`. */
export interface Recording<Context extends Record<string, string> = Record<string, string>> {
  /** ISO 8601 time of recording. */
  recordedAt: string;
  /** The script that made it, relative to the repository root, e.g. `scripts/recorders/oauth2.ts`. */
  recordedBy: string;
  /** The real server and its version, e.g. `oidc-provider 8.8.1`. */
  against: string;
  /** What a replaying test needs to know: the code, the callbackURL, the client's id... */
  context: Context;
  /** The recorded exchanges, in the order they happened. */
  definitions: nock.Definition[];
}

/**
 * A request body as {@link MatchBody} sees it: form and JSON object bodies as plain objects
 * (a repeated form field becomes an array), anything else as the raw string.
 */
export type RecordedBody = Record<string, unknown> | string;

/** Decides whether the body a test sent is acceptable where `recorded` was sent at recording time. */
export type MatchBody = (recorded: RecordedBody, actual: RecordedBody) => boolean;

export interface ReplayOptions {
  /**
   * Overrides body matching for every recorded request that has a body; the default is
   * {@link sameBody}. Use it to accept fields that are random on every run.
   *
   * @example
   * // PKCE: the verifier is random, so check it against the challenge this test sent instead.
   * replayRecording('oauth2/public-client-pkce', { matchBody: pkceVerifierFor(challengeFromRedirect) });
   */
  matchBody?: MatchBody;
}

/**
 * Writes `test-fixtures/<path>/recording.json` with a stable layout (fixed key order, sorted
 * context, two-space indent) so a re-recording shows only real differences in a diff.
 *
 * @param path the fixture folder below `test-fixtures/`, e.g. `oauth2/client-secret-basic`
 * @returns the absolute path of the file written
 * @example
 * saveRecording('oauth2/client-secret-post', {
 *   recordedBy: 'scripts/recorders/oauth2.ts',
 *   against: 'oidc-provider 8.8.1',
 *   context: { code, callbackURL },
 *   definitions: proxy.definitions(),
 * });
 */
export function saveRecording(path: string, recording: Omit<Recording, 'recordedAt'>): string {
  const file = fixtureFile(path);
  const ordered: Recording = {
    recordedAt: new Date().toISOString(),
    recordedBy: recording.recordedBy,
    against: recording.against,
    context: Object.fromEntries(Object.entries(recording.context).sort(([a], [b]) => a.localeCompare(b))),
    definitions: recording.definitions.map(orderDefinition),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(ordered, null, 2)}\n`);
  return file;
}

/**
 * Reads `test-fixtures/<path>/recording.json`.
 *
 * @example
 * const { context } = loadRecording<{ code: string; callbackURL: string }>('oauth2/client-secret-post');
 */
export function loadRecording<Context extends Record<string, string> = Record<string, string>>(path: string): Recording<Context> {
  return JSON.parse(readFileSync(fixtureFile(path), 'utf8')) as Recording<Context>;
}

/**
 * Loads a recording and registers every exchange with `nock.define()`, each to be answered
 * once and in order. The root test setup fails a test that leaves one unconsumed. Request
 * bodies are compared field by field (order does not matter), or with `options.matchBody`.
 *
 * @returns the recording, so the test can read its `context`
 * @example
 * const { context } = replayRecording('oauth2/client-secret-basic');
 * await agent.get(`/auth/callback?code=${context.code}&state=${state}`).expect(302);
 */
export function replayRecording<Context extends Record<string, string> = Record<string, string>>(
  path: string,
  options: ReplayOptions = {},
): Recording<Context> {
  const recording = loadRecording<Context>(path);
  const matchBody = options.matchBody ?? sameBody;
  nock.define(
    recording.definitions.map((def) => {
      if (typeof def.body !== 'string') return def;
      const recorded = parseBody(def.body, contentTypeOf(def));
      return { ...def, body: (actual: unknown) => matchBody(recorded, plainBody(actual)) };
    }),
  );
  return recording;
}

/**
 * The default body comparison: equal after dropping the `except` fields from both sides.
 *
 * @example
 * sameBody(recorded, actual, { except: ['code_verifier'] });
 */
export function sameBody(recorded: RecordedBody, actual: RecordedBody, options: { except?: readonly string[] } = {}): boolean {
  if (typeof recorded === 'string' || typeof actual === 'string') return recorded === actual;
  const except = new Set(options.except);
  const keep = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([key]) => !except.has(key)));
  return isDeepStrictEqual(keep(recorded), keep(actual));
}

/**
 * Body matching for a login with PKCE: the recorded body, except that `code_verifier`, random on
 * every run, must be one whose S256 challenge is the one this login sent. Without a challenge
 * nothing matches. Pass a function when the replay is set up before the login starts.
 *
 * @example
 * const login = await browser.startLogin();
 * replayRecording('oauth2/public-client-pkce', { matchBody: pkceVerifierFor(login.get('code_challenge')) });
 */
export function pkceVerifierFor(challenge: string | null | (() => string | null)): MatchBody {
  return (recorded, actual) => {
    const expected = typeof challenge === 'function' ? challenge() : challenge;
    if (expected === null || typeof actual !== 'object') return false;
    const verifier = actual['code_verifier'];
    return (
      sameBody(recorded, actual, { except: ['code_verifier'] }) &&
      typeof verifier === 'string' &&
      createHash('sha256').update(verifier).digest('base64url') === expected
    );
  };
}

function fixtureFile(path: string): string {
  return join(FIXTURES_ROOT, path, 'recording.json');
}

const DEFINITION_KEYS = ['scope', 'method', 'path', 'body', 'reqheaders', 'status', 'response', 'rawHeaders'] as const;

function orderDefinition(def: nock.Definition): nock.Definition {
  const ordered: Record<string, unknown> = {};
  for (const key of DEFINITION_KEYS) if (def[key] !== undefined) ordered[key] = def[key];
  for (const [key, value] of Object.entries(def)) if (!(key in ordered)) ordered[key] = value;
  return ordered as unknown as nock.Definition;
}

function contentTypeOf(def: nock.Definition): string {
  const value = def.reqheaders?.['content-type'];
  return typeof value === 'string' ? value : '';
}

function parseBody(body: string, contentType: string): RecordedBody {
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const fields: Record<string, string | string[]> = {};
    for (const [key, value] of new URLSearchParams(body)) {
      const seen = fields[key];
      fields[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
    }
    return fields;
  }
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) return { ...json };
  } catch {
    // not JSON: compared as a string
  }
  return body;
}

// nock hands a body matcher the parsed body: JSON, a querystring object (null prototype), or text.
function plainBody(actual: unknown): RecordedBody {
  if (typeof actual === 'object' && actual !== null && !Array.isArray(actual)) return { ...(actual as Record<string, unknown>) };
  return typeof actual === 'string' ? actual : JSON.stringify(actual);
}
