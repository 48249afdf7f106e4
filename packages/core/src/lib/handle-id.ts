import { createHash, timingSafeEqual } from 'node:crypto';

// Stores index transactions by a hash of the handle, so looking one up takes no time that
// depends on how much of a guessed handle is right; the handle itself is then compared in
// constant time.
export function handleId(handle: string): string {
  return createHash('sha256').update(handle).digest('base64url').slice(0, 22);
}

export function sameHandle(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
