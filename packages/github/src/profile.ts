import { UnexpectedBodyError, type Profile, type ProfileEmail } from '@passport-kit/core';

/** An email address in a GitHub profile; with `allRawEmails`, every field GitHub sent is kept too. */
export interface GitHubProfileEmail extends ProfileEmail {
  /** With `allRawEmails`: `'public'`, `'private'` or `null`, as GitHub sent it. */
  visibility?: string | null;
  /** With `allRawEmails`: the address under GitHub's own name (equal to `value`). */
  email?: string;
  [field: string]: unknown;
}

/** The profile `GitHubStrategy` hands to the verify callback. */
export interface GitHubProfile extends Profile {
  provider: 'github';
  /** GitHub's numeric user id, as a string. */
  id: string;
  /** The GraphQL global node id (`node_id`). */
  nodeId?: string;
  /** `name`, or the login when the user has not set a name. */
  displayName: string;
  /** The login (`octocat`). */
  username: string;
  /** `html_url`: the user's page on GitHub. */
  profileUrl?: string;
  /** `avatar_url`: one picture. */
  photos?: {
    /** The avatar URL. */
    value: string;
  }[];
  /**
   * From `/user/emails` when the scope allows: the primary address (every address, primary
   * first, with `allRawEmails`); else, or when no address is primary, the public `email`.
   */
  emails?: GitHubProfileEmail[];
  _raw: string;
  _json: Record<string, unknown>;
}

/** Which addresses {@link parseEmails} keeps, and how. */
export interface ParseEmailsOptions {
  /** Every address, with every field GitHub sent (`email`, `visibility`, …) besides `value`. Default false: the primary one. */
  allRawEmails?: boolean | undefined;
}

/**
 * Maps a GitHub `GET /user` response (the JSON text or its parsed object) to a Passport profile.
 * Throws `UnexpectedBodyError` when it is not a user object.
 *
 * @example
 * ```ts
 * const profile = parseProfile('{"login":"octocat","id":1,"name":"monalisa octocat",...}');
 * profile.username; // 'octocat'
 * ```
 */
export function parseProfile(body: string | Record<string, unknown>): GitHubProfile {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const json = typeof body === 'string' ? parseObject(body) : body;
  const id = json['id'];
  const login = json['login'];
  if ((typeof id !== 'number' && typeof id !== 'string') || typeof login !== 'string') {
    throw new UnexpectedBodyError('GitHub user response has no id and login');
  }
  const name = json['name'];
  const profile: GitHubProfile = {
    provider: 'github',
    id: String(id),
    displayName: typeof name === 'string' && name !== '' ? name : login,
    username: login,
    _raw: raw,
    _json: json,
  };
  const nodeId = json['node_id'];
  if (typeof nodeId === 'string') profile.nodeId = nodeId;
  const htmlURL = json['html_url'];
  if (typeof htmlURL === 'string') profile.profileUrl = htmlURL;
  const avatarURL = json['avatar_url'];
  if (typeof avatarURL === 'string' && avatarURL !== '') profile.photos = [{ value: avatarURL }];
  const email = json['email'];
  if (typeof email === 'string' && email !== '') profile.emails = [{ value: email }];
  return profile;
}

/**
 * Maps a GitHub `GET /user/emails` response to profile emails as passport-github2 did: the
 * primary address alone, `[{ value, primary, verified }]`; with `allRawEmails`, every address,
 * the primary one first, each with every field GitHub sent plus `value`. `undefined` when the
 * response holds no address (or, without `allRawEmails`, no primary one).
 *
 * @example
 * ```ts
 * parseEmails([
 *   { email: 'mona@work.example', verified: false, primary: false, visibility: null },
 *   { email: 'octocat@github.com', verified: true, primary: true, visibility: 'public' },
 * ]);
 * // [{ value: 'octocat@github.com', primary: true, verified: true }]
 * ```
 */
export function parseEmails(body: unknown, options: ParseEmailsOptions = {}): GitHubProfileEmail[] | undefined {
  if (!Array.isArray(body)) return undefined;
  const emails: GitHubProfileEmail[] = [];
  for (const entry of body as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const fields = entry as Record<string, unknown>;
    const address = fields['email'];
    if (typeof address !== 'string' || address === '') continue;
    const primary = fields['primary'] === true;
    const verified = fields['verified'] === true;
    emails.push(options.allRawEmails ? { ...fields, value: address, primary, verified } : { value: address, primary, verified });
  }
  if (!options.allRawEmails) {
    const primary = emails.find((email) => email.primary === true);
    return primary ? [primary] : undefined;
  }
  if (emails.length === 0) return undefined;
  // A stable sort: the primary address first, the others in GitHub's order.
  return emails.sort((a, b) => Number(b.primary === true) - Number(a.primary === true));
}

function parseObject(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UnexpectedBodyError('GitHub user response is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UnexpectedBodyError('GitHub user response is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}
