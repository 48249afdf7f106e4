/** The `type` of every process warning passport-kit emits (`process.on('warning')` sees it as `warning.name`). */
export const WARNING_TYPE = 'PassportKitWarning';

/** Warning codes passport-kit emits. */
export const WARNING_CODES = {
  /** A strategy was given an option it does not know (`callbackUrl` for `callbackURL`). */
  unknownOption: 'PASSPORT_KIT_UNKNOWN_OPTION',
  /** A client authentication method that sends a secret, with no `clientSecret`. */
  missingClientSecret: 'PASSPORT_KIT_MISSING_CLIENT_SECRET',
} as const;

const warned = new Set<string>();

/**
 * Emits a `PassportKitWarning` with `code`, once per process for each `key`: a mistake in
 * configuration is said at startup, not at every construction.
 */
export function warnOnce(code: (typeof WARNING_CODES)[keyof typeof WARNING_CODES], key: string, message: string): void {
  if (warned.has(`${code}\0${key}`)) return;
  warned.add(`${code}\0${key}`);
  process.emitWarning(message, { type: WARNING_TYPE, code });
}

/**
 * Warns once per strategy class and option for each key of `options` not in `known`, naming the
 * closest known option. JavaScript ignores an option nobody reads, so `callbackUrl` for
 * `callbackURL` would otherwise surface only as a failed callback.
 *
 * @example
 * ```ts
 * warnUnknownOptions('GitHubStrategy', { clientID, callbackUrl }, GITHUB_OPTION_NAMES);
 * // (node:1) [PASSPORT_KIT_UNKNOWN_OPTION] PassportKitWarning: GitHubStrategy does not know the option callbackUrl; did you mean callbackURL?
 * ```
 */
export function warnUnknownOptions(strategy: string, options: object | null | undefined, known: Readonly<Record<string, unknown>>): void {
  if (typeof options !== 'object' || options === null) return;
  for (const name of Object.keys(options)) {
    if (Object.prototype.hasOwnProperty.call(known, name)) continue;
    const closest = closestName(name, Object.keys(known));
    warnOnce(
      WARNING_CODES.unknownOption,
      `${strategy}.${name}`,
      `${strategy} does not know the option ${name}${closest ? `; did you mean ${closest}?` : ', and ignores it'}`,
    );
  }
}

// A suggestion only when it is plausibly a typo: at most a third of the name differs.
function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
