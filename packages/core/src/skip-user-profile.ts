import { settle } from './verify.js';

/**
 * passport-oauth2's and passport-oauth1's `skipUserProfile` option: a boolean, a function of
 * the login's credentials (`accessToken`, or `token, tokenSecret`) returning a boolean (or,
 * here, a promise of one), or the same function taking a `done` callback last.
 */
export type SkipUserProfileOption<Credentials extends readonly string[]> =
  | boolean
  | ((...credentials: Credentials) => boolean | Promise<boolean>)
  | ((...args: [...Credentials, (err: unknown, skip?: boolean) => void]) => void);

/**
 * Whether to skip loading the profile for this login, whichever form the option takes. A
 * function that declares one parameter more than there are credentials answers through `done`.
 */
export async function shouldSkipUserProfile<Credentials extends readonly string[]>(
  option: SkipUserProfileOption<Credentials> | undefined,
  ...credentials: Credentials
): Promise<boolean> {
  if (typeof option !== 'function') return Boolean(option);
  if (option.length > credentials.length) return Boolean((await settle(option as (...args: never[]) => unknown, credentials)).user);
  return Boolean(await (option as (...args: Credentials) => boolean | Promise<boolean>)(...credentials));
}
