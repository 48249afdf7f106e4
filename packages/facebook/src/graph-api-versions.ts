/**
 * Graph API versions and the dates Meta stops serving them, from
 * https://developers.facebook.com/docs/graph-api/changelog/versions/ (read November 2026).
 * This is the one place the default version lives: bump it here when Meta releases a new one.
 */

/** The Graph API version the strategy uses unless `graphAPIVersion` says otherwise. */
export const DEFAULT_GRAPH_API_VERSION = 'v26.0';

/**
 * Each documented version and its end-of-life date (the first day Meta no longer serves it,
 * as `YYYY-MM-DD`), or `undefined` while Meta has not announced one.
 */
export const GRAPH_API_VERSIONS: Readonly<Record<string, string | undefined>> = Object.freeze({
  'v26.0': undefined,
  'v25.0': '2028-07-29',
  'v24.0': '2028-02-18',
  'v23.0': '2027-10-08',
  'v22.0': '2027-05-20',
  'v21.0': '2027-01-21',
  'v20.0': '2026-09-24',
  'v19.0': '2026-05-21',
  'v18.0': '2026-01-26',
  'v17.0': '2025-09-12',
  'v16.0': '2025-05-14',
  'v15.0': '2024-11-20',
  'v14.0': '2024-09-17',
  'v13.0': '2024-05-28',
  'v12.0': '2024-02-08',
  'v11.0': '2023-09-14',
  'v10.0': '2023-06-08',
  'v9.0': '2023-02-23',
  'v8.0': '2022-11-01',
  'v7.0': '2022-08-04',
  'v6.0': '2022-05-05',
  'v5.0': '2022-02-03',
  'v4.0': '2021-11-02',
  'v3.3': '2021-08-03',
  'v3.2': '2021-05-04',
  'v3.1': '2020-10-27',
  'v3.0': '2020-07-28',
  'v2.12': '2020-05-05',
  'v2.11': '2020-01-28',
  'v2.10': '2019-11-07',
  'v2.9': '2019-07-22',
  'v2.8': '2019-04-18',
  'v2.7': '2018-10-05',
  'v2.6': '2018-07-13',
  'v2.5': '2018-04-12',
  'v2.4': '2017-10-07',
  'v2.3': '2017-07-08',
  'v2.2': '2017-03-25',
  'v2.1': '2016-10-30',
  'v2.0': '2016-08-07',
});

/** The code of the warning {@link warnIfPastEndOfLife} emits, for `process.on('warning')` filters. */
export const GRAPH_API_VERSION_WARNING_CODE = 'PASSPORT_KIT_FACEBOOK_GRAPH_API_VERSION_EXPIRED';

/**
 * The day Meta stops serving `version` (UTC midnight), or `undefined` when the version is not
 * documented here or has no announced end of life yet.
 *
 * @example
 * ```ts
 * graphAPIVersionEndOfLife('v3.2'); // 2021-05-04T00:00:00.000Z
 * graphAPIVersionEndOfLife('v26.0'); // undefined
 * ```
 */
export function graphAPIVersionEndOfLife(version: string): Date | undefined {
  const date = Object.hasOwn(GRAPH_API_VERSIONS, version) ? GRAPH_API_VERSIONS[version] : undefined;
  return date === undefined ? undefined : new Date(`${date}T00:00:00Z`);
}

/** The `vNN.N` segment of a Graph API or dialog URL (`https://graph.facebook.com/v2.5/me`), if any. */
export function graphAPIVersionOf(url: string): string | undefined {
  try {
    return /\/(v\d+\.\d+)(?:\/|$)/.exec(new URL(url).pathname)?.[1];
  } catch {
    return undefined;
  }
}

const warned = new Set<string>();

/**
 * Emits a process warning (code {@link GRAPH_API_VERSION_WARNING_CODE}) when `version` is past
 * Meta's end-of-life date on `today`: calls to it fail or are silently upgraded by Meta. Warns
 * once per process per version; returns whether it warned.
 *
 * @example
 * ```ts
 * warnIfPastEndOfLife('v3.2'); // (node) Warning: Facebook Graph API v3.2 reached its end of life on 2021-05-04 …
 * warnIfPastEndOfLife('v25.0', new Date('2028-08-01')); // true
 * ```
 */
export function warnIfPastEndOfLife(version: string, today: Date = new Date()): boolean {
  const endOfLife = graphAPIVersionEndOfLife(version);
  if (endOfLife === undefined || today.getTime() < endOfLife.getTime() || warned.has(version)) return false;
  warned.add(version);
  process.emitWarning(
    `Facebook Graph API ${version} reached its end of life on ${endOfLife.toISOString().slice(0, 10)}; ` +
      `set graphAPIVersion to a supported version (the default is ${DEFAULT_GRAPH_API_VERSION}).`,
    { code: GRAPH_API_VERSION_WARNING_CODE },
  );
  return true;
}
