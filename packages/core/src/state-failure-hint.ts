import type { RecentLogin } from './recent-logins.js';
import type { StateFailureReason } from './login-channels.js';

/** What is known about a callback whose state did not check out. */
export interface StateFailureFacts {
  /** The store's reason, when it gives one (custom stores may not). */
  reason: StateFailureReason | undefined;
  /** Whether the callback carried a `state` at all. */
  hasState: boolean;
  /** Where the callback arrived (`http://127.0.0.1:3000`). */
  callbackOrigin: string;
  /** What this process remembers of the login, if it started it. */
  login: RecentLogin | undefined;
  /** The option that sets how long a pending login lives. Default `stateTTL` (OAuth 1.0a: `requestTokenTTL`). */
  ttlOption?: string | undefined;
}

/**
 * The likely cause of a state failure and its fix, in words, for the `NODE_DEBUG` trace and the
 * `passport-kit:login:state` message. The classic case: the app was opened on `localhost`, the
 * callback URL names `127.0.0.1`, and the browser does not send one host's cookies to the other.
 */
export function explainStateFailure({ reason, hasState, callbackOrigin, login, ttlOption = 'stateTTL' }: StateFailureFacts): string {
  if (!hasState) {
    return 'the callback carried no state: it was not sent by the provider for a login this app started ' +
      '(a bookmarked or shared callback URL, or a login begun elsewhere). Fix: start the login at the login route.';
  }
  const otherHost = login !== undefined && login.origin !== callbackOrigin;
  switch (reason) {
    case 'missing':
      if (otherHost) {
        return `no pending login in this browser: the login began on ${login.origin} and the callback came to ${callbackOrigin}; ` +
          `cookies do not cross hosts. Fix: open the app at ${callbackOrigin}, or make callbackURL point to ${login.origin} ` +
          '(a relative callbackURL follows the host the login began on).';
      }
      if (login) {
        return `no pending login in this browser, though the login began on this host (${login.origin}): the session or state cookie ` +
          'was not sent back. Fix: check that the login redirect sets it (Secure cookies need https; SameSite=Strict is not ' +
          'sent on the redirect from the provider) and that the session store keeps it.';
      }
      return `no pending login in this browser, and this process did not start this login: it began in another browser, before a ` +
        `restart, on another instance, or on another host than ${callbackOrigin} (localhost and 127.0.0.1 are different hosts: ` +
        `cookies do not cross hosts). Fix: open the app at ${callbackOrigin} and log in again; with several instances, share the ` +
        'session store or the stateCookie secret.';
    case 'mismatch':
      if (login?.completed) {
        return 'this login already completed: the callback was replayed (a reload, the back button, or a double request). Fix: start a new login.';
      }
      if (otherHost) {
        return `this browser has pending logins, but not this one: it began on ${login.origin} and the callback came to ${callbackOrigin}. ` +
          `Fix: open the app at ${callbackOrigin} and log in again.`;
      }
      return 'this browser has pending logins, but not this one: the login began in another browser or session, was already used, ' +
        'or the state was forged. Fix: start a new login from this browser.';
    case 'expired':
      return `the login took longer than the pending login's lifetime (${ttlOption}, 10 minutes by default). Fix: log in again, or raise ${ttlOption}.`;
    default:
      return 'the state store refused the state without saying why (a custom store). Fix: check the store.';
  }
}
