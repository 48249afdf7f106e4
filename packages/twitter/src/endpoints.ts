// Twitter's OAuth 1.0a endpoints, as passport-twitter 1.0.4 uses them.
// https://developer.x.com/en/docs/authentication/oauth-1-0a/obtaining-user-access-tokens
/** Leg 1: the request token endpoint. */
export const REQUEST_TOKEN_URL = 'https://api.twitter.com/oauth/request_token';
/** "Sign in with Twitter": skips the approval screen for a user who already approved the app. */
export const AUTHENTICATE_URL = 'https://api.twitter.com/oauth/authenticate';
/** Always shows the approval screen. */
export const AUTHORIZE_URL = 'https://api.twitter.com/oauth/authorize';
/** Leg 3: the access token endpoint. */
export const ACCESS_TOKEN_URL = 'https://api.twitter.com/oauth/access_token';
/** https://developer.x.com/en/docs/twitter-api/v1/accounts-and-users/manage-account-settings/api-reference/get-account-verify_credentials */
export const USER_PROFILE_URL = 'https://api.twitter.com/1.1/account/verify_credentials.json';

// X's OAuth 2.0 endpoints.
// https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
/** X's OAuth 2.0 authorization endpoint. */
export const X_AUTHORIZATION_URL = 'https://x.com/i/oauth2/authorize';
/** X's OAuth 2.0 token endpoint. */
export const X_TOKEN_URL = 'https://api.x.com/2/oauth2/token';
/** https://docs.x.com/x-api/users/get-my-user */
export const X_USER_PROFILE_URL = 'https://api.x.com/2/users/me';
/** The `user.fields` XStrategy asks `/2/users/me` for by default. */
export const X_DEFAULT_USER_FIELDS: readonly string[] = Object.freeze([
  'profile_image_url',
  'created_at',
  'description',
  'location',
  'protected',
  'public_metrics',
  'url',
  'verified',
]);
/** `/2/users/me` needs both; add `offline.access` for a refresh token, `users.email` for `confirmed_email`. */
export const X_DEFAULT_SCOPE: readonly string[] = Object.freeze(['users.read', 'tweet.read']);
