import { randomBytes } from 'node:crypto';

/** A URL-safe random string carrying `bytes` bytes of entropy from the system CSPRNG. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
