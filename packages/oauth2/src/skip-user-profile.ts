/**
 * passport-oauth2's `skipUserProfile`: a boolean, a function of the access token returning a
 * boolean (or, here, a promise of one), or a function taking `(accessToken, done)`.
 */
export type SkipUserProfile =
  | boolean
  | ((accessToken: string) => boolean | Promise<boolean>)
  | ((accessToken: string, done: (err: unknown, skip?: boolean) => void) => void);

/** Whether to skip loading the profile for this login, whichever form the `skipUserProfile` option takes. */
export function shouldSkipUserProfile(option: SkipUserProfile | undefined, accessToken: string): Promise<boolean> {
  if (typeof option !== 'function') return Promise.resolve(option === true);
  if (option.length > 1) {
    return new Promise((resolve, reject) => {
      (option as (token: string, done: (err: unknown, skip?: boolean) => void) => void)(accessToken, (err, skip) => {
        if (err) reject(err);
        else resolve(Boolean(skip));
      });
    });
  }
  return Promise.resolve((option as (token: string) => boolean | Promise<boolean>)(accessToken)).then(Boolean);
}
