// Assertions the TokenClient tests share.
import { inspect } from 'node:util';
import { expect } from 'chai';

/** The error a promise rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

/** None of `secrets` appears in the error's text or its inspected form (causes included). */
export function expectNoSecrets(err: unknown, secrets: string[]): void {
  const text = `${String(err)} ${inspect(err, { depth: 6 })}`;
  for (const secret of secrets) expect(text).not.to.contain(secret);
}
