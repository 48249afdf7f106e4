// The verify callback of the OpenID Connect recordings: scripts/recorders/oidc.ts logs in with
// it, and the replaying tests (packages/oidc) must use the same one to see the same user.
import type { VerifyCallback } from '@passport-kit/oauth2';
import type { OpenIDConnectProfile } from '@passport-kit/oidc';

/** What the recorded app's verify keeps: who logged in, never a token. */
export interface RecordedUser {
  sub: string;
  issuer: string;
  displayName: string;
  emails: OpenIDConnectProfile['emails'];
  nonce: unknown;
}

/** The verify the recorder and the replaying tests use. */
export function recordedUser(_accessToken: string, _refreshToken: string | undefined, params: Record<string, unknown>, profile: OpenIDConnectProfile, done: VerifyCallback): void {
  const user: RecordedUser = {
    sub: profile.id,
    issuer: profile.issuer,
    displayName: profile.displayName,
    emails: profile.emails,
    nonce: (params['id_token_claims'] as { nonce?: unknown }).nonce,
  };
  done(null, user);
}
