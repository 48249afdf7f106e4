/** A person who can log in at the emulator, shared by all four providers. */
export interface EmulatorUser {
  /** Numeric string: Facebook, X and Twitter ids are strings of digits; GitHub's id is its number. */
  readonly id: string;
  /** GitHub login, Twitter and X screen name. */
  readonly username: string;
  /** Full name, shown on the consent page and in profiles. */
  readonly name: string;
  /** Primary email, or `null` for an account without one (GitHub hides it, Facebook and Twitter omit it). */
  readonly email: string | null;
  /** Further verified emails GitHub lists on `/user/emails` after the primary one. */
  readonly otherEmails: readonly string[];
  /** Avatar URL; by default an SVG the emulator itself serves, so pages work offline. */
  readonly avatarURL: string;
  /** Location, as profiles report it (`null`: none). */
  readonly location: string | null;
  /** Biography, as profiles report it (`null`: none). */
  readonly bio: string | null;
  /** ISO 8601 creation time. */
  readonly createdAt: string;
}

/** What `startEmulator({ users })` accepts: only `username` is required. */
export interface EmulatorUserInput {
  /** A string of digits; default 1001, 1002, … by position. */
  readonly id?: string;
  /** Login name (GitHub `login`, Twitter `screen_name`): letters, digits, `_`, `-`. */
  readonly username: string;
  /** Full name; default the username. */
  readonly name?: string;
  /** Primary email; default `<username>@example.com`, `null` for none. */
  readonly email?: string | null;
  /** Further verified addresses (GitHub `/user/emails`). */
  readonly otherEmails?: readonly string[];
  /** Picture URL; default the emulator's own `/avatars/<username>.svg`. */
  readonly avatarURL?: string;
  /** Location; default none. */
  readonly location?: string | null;
  /** Biography; default none. */
  readonly bio?: string | null;
  /** Account creation time, ISO 8601. */
  readonly createdAt?: string;
}

/**
 * The users an emulator has when `users` is not given: two with emails (one with a second
 * address) and one without, so both branches of an email mapping can be tested.
 */
export const DEFAULT_USERS: readonly EmulatorUserInput[] = Object.freeze([
  { id: '1001', username: 'ada', name: 'Ada Lovelace', email: 'ada@example.com', location: 'London', bio: 'Analyst of engines.' },
  { id: '1002', username: 'grace', name: 'Grace Hopper', email: 'grace@example.com', otherEmails: ['grace@navy.example.org'], location: 'Arlington', bio: null },
  { id: '1003', username: 'alan', name: 'Alan Turing', email: null, location: null, bio: null },
]);

export function resolveUsers(inputs: readonly EmulatorUserInput[], origin: string): EmulatorUser[] {
  if (inputs.length === 0) throw new TypeError('startEmulator: users must not be empty');
  const seen = new Set<string>();
  return inputs.map((input, index) => {
    const id = input.id ?? String(1001 + index);
    if (!/^[1-9][0-9]{0,15}$/.test(id)) throw new TypeError(`startEmulator: user id must be a string of digits, got ${JSON.stringify(id)}`);
    if (!/^[A-Za-z0-9_-]{1,39}$/.test(input.username)) throw new TypeError(`startEmulator: invalid username ${JSON.stringify(input.username)}`);
    for (const key of [id, input.username.toLowerCase()]) {
      if (seen.has(key)) throw new TypeError(`startEmulator: duplicate user ${JSON.stringify(key)}`);
      seen.add(key);
    }
    return {
      id,
      username: input.username,
      name: input.name ?? input.username,
      email: input.email === undefined ? `${input.username}@example.com` : input.email,
      otherEmails: [...(input.otherEmails ?? [])],
      avatarURL: input.avatarURL ?? `${origin}/avatars/${encodeURIComponent(input.username)}.svg`,
      location: input.location ?? null,
      bio: input.bio ?? null,
      createdAt: input.createdAt ?? '2015-10-21T07:28:00Z',
    };
  });
}

/** Finds a user by id, username (case-insensitive) or email, as a `login_hint` may name them. */
export function findUser(users: readonly EmulatorUser[], hint: string): EmulatorUser | undefined {
  const lower = hint.toLowerCase();
  return users.find((u) => u.id === hint || u.username.toLowerCase() === lower || u.email?.toLowerCase() === lower);
}
