import { performance } from 'node:perf_hooks';
import { isAnyLoginStepObserved, isObserved, publish } from './diagnostics.js';
import { describeURL, originOf } from './describe-url.js';
import { originalURL } from './callback-url.js';
import { LOGIN_CHANNELS, type LoginCallbackMessage, type LoginProtocol, type StateFailureReason } from './login-channels.js';
import { recordLoginFailure } from './login-failure.js';
import { runLoginStep, type BackChannelStep } from './login-step.js';
import { hasRecentLogins, loginId, markLoginCompleted, recallLogin, rememberLogin } from './recent-logins.js';
import { paramValue, type IncomingRequest } from './request.js';
import { explainStateFailure } from './state-failure-hint.js';
import { PassportKitError } from './errors.js';
import type { StrategyActions } from './strategy-base.js';

/** What a verify step ends with: the user (or `false`). */
export interface VerifyOutcome {
  /** The user verify gave, `false` or nothing for a failure. */
  user: unknown;
}

/** The part of a strategy the observer wraps: passport's actions on the per-request copy. */
export type ObservableStrategy = StrategyActions & {
  /** The strategy's name, as messages report it. */
  name?: string | undefined;
};

/** How a login starts, as the strategy knows it when it redirects to the provider. */
export interface LoginStartFacts {
  /** The value whose hash names the login (`state`; OAuth 1.0a's request token), if any. */
  loginKey: string | undefined;
  /** Where the user is sent (its query is dropped). */
  authorizationURL: string;
  /** Where the provider sends the user back, if said. */
  callbackURL?: string | undefined;
  /** The `scope` requested, if any. */
  scope?: string | undefined;
  /** The PKCE method, if any. */
  pkce?: string | undefined;
}

/** What one protocol tells the observer about its requests. */
export interface LoginFlow {
  /** The strategy's name when it has none (`oauth2`, `oauth`). */
  defaultName: string;
  /** `oauth1` for OAuth 1.0a, which names its messages' fields differently (see `LoginCallbackMessage`). */
  protocol?: LoginProtocol | undefined;
  /** The callback parameters whose value names the login, the first present one wins: `state`; OAuth 1.0a's `oauth_token` or `denied`. */
  loginParams: readonly string[];
  /** The option that sets how long a pending login lives (`stateTTL`), for the hint of an expired one. */
  ttlOption: string;
  /** What a callback carries, or `undefined` when the request is not a callback. */
  readCallback(req: IncomingRequest): Pick<LoginCallbackMessage, 'code' | 'state' | 'error'> | undefined;
  /** The start, read from the redirect to the provider; without it, the strategy calls `reportStart` itself. */
  readStart?(url: URL): LoginStartFacts;
}

/** Watches the logins of one protocol; see {@link loginObserver}. */
export interface LoginObserver {
  /**
   * A copy of this request's strategy whose `fail`, `error` and `redirect` also report the
   * login: the failure on `req.passportKitFailure` (see `recordLoginFailure`) and, for whoever
   * listens, each step on the `passport-kit:login:*` diagnostics channels. Passport already
   * runs each request on its own copy (`Object.create(strategy)`); this is one more, as thin.
   */
  observeLogin<S extends ObservableStrategy>(strategy: S, req: IncomingRequest, options: object, proxy: boolean | undefined): S;
  /** Publishes the start of a login (remembering where it began, for a failed callback's hint). */
  reportStart(strategy: ObservableStrategy, req: IncomingRequest, start: LoginStartFacts, proxy: boolean | undefined): void;
  /** Publishes how the callback's pending-login check (state, request token) went, with the likely cause of a failure. */
  reportCheck(strategy: ObservableStrategy, req: IncomingRequest, ok: boolean, reason: StateFailureReason | undefined, proxy: boolean | undefined): void;
  /** Runs a back-channel step (token request, profile) so each of its calls is published. */
  duringStep<T>(strategy: ObservableStrategy, req: IncomingRequest, step: BackChannelStep, work: () => Promise<T>): Promise<T>;
  /** Runs the verify callback and publishes what it answered and how long it took. */
  duringVerify<T extends VerifyOutcome>(strategy: ObservableStrategy, req: IncomingRequest, work: () => Promise<T>): Promise<T>;
}

const STATE_FAILURE_REASONS: ReadonlySet<unknown> = new Set<StateFailureReason>(['missing', 'mismatch', 'expired']);

// Why this request's check failed, for its `fail()`: a passport-oauth1 strategy fails with
// passport-oauth1's `{ message }`, which says no reason.
const checkFailures = new WeakMap<object, StateFailureReason>();

/**
 * The login steps of one protocol, published on the `passport-kit:login:*` diagnostics channels
 * and the `NODE_DEBUG=passport-kit` trace; OAuth 2.0 and OAuth 1.0a differ only in `flow`.
 */
export function loginObserver(flow: LoginFlow): LoginObserver {
  const nameOf = (strategy: ObservableStrategy) => strategy.name ?? flow.defaultName;
  const loginOf = (req: IncomingRequest): string | undefined => {
    for (const param of flow.loginParams) {
      const value = paramValue(req, param);
      if (value) return loginId(value);
    }
    return undefined;
  };

  const reportStart: LoginObserver['reportStart'] = (strategy, req, start, proxy) => {
    if (!isAnyLoginStepObserved()) return;
    const login = start.loginKey ? loginId(start.loginKey) : undefined;
    const origin = originOf(originalURL(req, { proxy }));
    if (login) rememberLogin(login, origin);
    if (!isObserved(LOGIN_CHANNELS.start)) return;
    publish(LOGIN_CHANNELS.start, {
      strategy: nameOf(strategy),
      login,
      protocol: flow.protocol,
      origin,
      authorizationURL: describeURL(start.authorizationURL),
      callbackURL: start.callbackURL,
      scope: start.scope,
      pkce: start.pkce,
    });
  };

  return {
    observeLogin(strategy, req, options, proxy) {
      const observed = Object.create(strategy) as typeof strategy;
      const name = nameOf(strategy);
      observed.fail = (challenge?: unknown, status?: number) => {
        // passport's fail(status) form.
        if (typeof challenge === 'number' && status === undefined) [challenge, status] = [undefined, challenge];
        const failure = { strategy: name, status: status ?? 401, message: messageOf(challenge), reason: reasonOf(challenge) ?? checkFailures.get(req) };
        recordLoginFailure(req, options, failure);
        if (isObserved(LOGIN_CHANNELS.fail)) publish(LOGIN_CHANNELS.fail, { ...failure, login: loginOf(req) });
        strategy.fail(challenge, status);
      };
      observed.error = (err: Error) => {
        if (isObserved(LOGIN_CHANNELS.error)) {
          const code = (err as { code?: unknown }).code;
          publish(LOGIN_CHANNELS.error, {
            strategy: name,
            login: loginOf(req),
            name: err.name,
            code: typeof code === 'string' || typeof code === 'number' ? code : undefined,
            // Our errors carry no secret by construction; another library's might.
            message: err instanceof PassportKitError ? err.message : undefined,
          });
        }
        strategy.error(err);
      };
      observed.redirect = (url: string, status?: number) => {
        if (flow.readStart && isAnyLoginStepObserved()) {
          try {
            reportStart(strategy, req, flow.readStart(new URL(url)), proxy);
          } catch {
            // Not an absolute URL: nothing to report.
          }
        }
        strategy.redirect(url, status);
      };
      if (isObserved(LOGIN_CHANNELS.callback)) {
        const callback = flow.readCallback(req);
        if (callback) {
          publish(LOGIN_CHANNELS.callback, {
            strategy: name,
            login: loginOf(req),
            protocol: flow.protocol,
            url: describeURL(originalURL(req, { proxy })),
            ...callback,
          });
        }
      }
      return observed;
    },

    reportStart,

    reportCheck(strategy, req, ok, reason, proxy) {
      if (!ok && reason) checkFailures.set(req, reason);
      if (!isObserved(LOGIN_CHANNELS.state)) {
        // Only a login remembered while diagnostics were on needs marking: hash the state only then.
        if (ok && hasRecentLogins()) markLoginCompleted(loginOf(req));
        return;
      }
      const id = loginOf(req);
      const login = recallLogin(id);
      const callbackOrigin = originOf(originalURL(req, { proxy }));
      publish(LOGIN_CHANNELS.state, {
        strategy: nameOf(strategy),
        login: id,
        protocol: flow.protocol,
        ok,
        reason: ok ? undefined : reason,
        loginOrigin: login?.origin,
        callbackOrigin,
        hint: ok ? undefined : explainStateFailure({ reason, hasState: id !== undefined, callbackOrigin, login, ttlOption: flow.ttlOption }),
      });
      if (ok) markLoginCompleted(id);
    },

    duringStep(strategy, req, step, work) {
      if (!isObserved(LOGIN_CHANNELS[step])) return work();
      return runLoginStep(step, { strategy: nameOf(strategy), login: loginOf(req) }, work);
    },

    async duringVerify(strategy, req, work) {
      if (!isObserved(LOGIN_CHANNELS.verify)) return work();
      const started = performance.now();
      const report = (outcome: 'user' | 'none' | 'error') =>
        publish(LOGIN_CHANNELS.verify, { strategy: nameOf(strategy), login: loginOf(req), outcome, duration: Math.round((performance.now() - started) * 10) / 10 });
      try {
        const verified = await work();
        report(verified.user ? 'user' : 'none');
        return verified;
      } catch (err) {
        report('error');
        throw err;
      }
    },
  };
}

/** The reason a failure challenge carries (`{ message, reason }`), if it is one of {@link StateFailureReason}. */
export function reasonOf(challenge: unknown): StateFailureReason | undefined {
  const reason = (challenge as { reason?: unknown } | null | undefined)?.reason;
  return STATE_FAILURE_REASONS.has(reason) ? (reason as StateFailureReason) : undefined;
}

function messageOf(challenge: unknown): string | undefined {
  if (typeof challenge === 'string') return challenge;
  const message = (challenge as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}
