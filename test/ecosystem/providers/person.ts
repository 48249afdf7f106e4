// The one person who approves every login in the emulations.
export const PERSON = {
  id: '4242',
  givenName: 'Ada',
  familyName: 'Lovelace',
  displayName: 'Ada Lovelace',
  username: 'ada',
  email: 'ada@example.com',
} as const;

/** An unsigned JWT (`alg: none`) carrying `claims`, where a strategy only decodes an id_token. */
export function unsignedJWT(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}
