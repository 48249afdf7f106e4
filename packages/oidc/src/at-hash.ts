import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The `at_hash` of an access token (OIDC Core §3.1.3.6 via §3.2.2.9): the base64url of the
 * left half of the hash of its ASCII octets, with the hash of the id_token's `alg` (SHA-256
 * for `*256`, SHA-384 for `*384`, SHA-512 for `*512` and for Ed25519).
 *
 * @example
 * ```ts
 * accessTokenHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y', 'RS256'); // '77QmUPtjPfzWtF2AnpK9RQ'
 * ```
 */
export function accessTokenHash(accessToken: string, alg: string): string {
  const digest = createHash(hashFor(alg)).update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/** Whether `atHash` is the `at_hash` of `accessToken` for an id_token signed with `alg`. */
export function matchesAccessTokenHash(atHash: string, accessToken: string, alg: string): boolean {
  const expected = Buffer.from(accessTokenHash(accessToken, alg));
  const actual = Buffer.from(atHash);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function hashFor(alg: string): 'sha256' | 'sha384' | 'sha512' {
  if (alg === 'EdDSA' || alg === 'Ed25519') return 'sha512';
  const bits = /^(?:RS|PS|ES|HS)(256|384|512)$/.exec(alg)?.[1];
  if (bits === undefined) throw new TypeError(`No at_hash hash is defined for alg ${alg}`);
  return `sha${bits}` as 'sha256' | 'sha384' | 'sha512';
}
