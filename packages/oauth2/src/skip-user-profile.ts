import type { SkipUserProfileOption } from '@passport-kit/core';

/**
 * passport-oauth2's `skipUserProfile`: a boolean, a function of the access token returning a
 * boolean (or, here, a promise of one), or a function taking `(accessToken, done)`.
 */
export type SkipUserProfile = SkipUserProfileOption<[accessToken: string]>;
