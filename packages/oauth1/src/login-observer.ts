import { loginObserver, readParam } from '@passport-kit/core';

/**
 * An OAuth 1.0a login as core's observer sees it: named by its request token (RFC 5849 §2.1),
 * which the callback brings back as `oauth_token` (or, from a user who refused, as `denied`).
 * The request token is known only after leg 1, so the strategy reports the start itself.
 */
export const oauth1Login = loginObserver({
  defaultName: 'oauth',
  protocol: 'oauth1',
  loginParams: ['oauth_token', 'denied'],
  ttlOption: 'requestTokenTTL',
  readCallback(req) {
    const token = readParam(req, 'oauth_token');
    const denied = readParam(req, 'denied');
    if (token.kind === 'absent' && denied.kind === 'absent') return undefined;
    return {
      code: readParam(req, 'oauth_verifier').kind !== 'absent',
      state: token.kind !== 'absent',
      error: denied.kind === 'absent' ? undefined : 'denied',
    };
  },
});
