import { PassportKitError } from '@passport-kit/core';

// One class for both protocols: passport-oauth1 and passport-oauth2 export the same error.
// passport-oauth1's messages (`Failed to obtain request token`) are made with
// `{ quoteCause: false }`: the cause is in `oauthError`, its status in `toString()`.
export { InternalOAuthError } from '@passport-kit/core';

/**
 * The provider's request-token response lacks `oauth_callback_confirmed=true`: it speaks OAuth
 * 1.0, not 1.0a, and its logins can be hijacked by session fixation (the attacker rewrites the
 * callback in the authorization link; see RFC 5849 §2.2 and the `allowOAuth10` option). The
 * strategy refuses it unless `allowOAuth10: true`.
 */
export class CallbackNotConfirmedError extends PassportKitError {
  declare code: 'ERR_OAUTH_CALLBACK_NOT_CONFIRMED';

  constructor() {
    super(
      'The provider did not confirm the callback (no oauth_callback_confirmed=true): it speaks OAuth 1.0, whose logins can be hijacked by session fixation. Set allowOAuth10: true only to accept that risk.',
      'ERR_OAUTH_CALLBACK_NOT_CONFIRMED',
    );
  }
}
