import {
  LOGIN_CHANNELS,
  PassportKitError,
  describeURL,
  explainStateFailure,
  isAnyLoginStepObserved,
  isObserved,
  loginId,
  markLoginCompleted,
  originOf,
  originalURL,
  paramValue,
  publish,
  readParam,
  recallLogin,
  recordLoginFailure,
  rememberLogin,
  runLoginStep,
  type BackChannelStep,
  type IncomingRequest,
  type StateFailureReason,
  type StrategyActions,
} from '@passport-kit/core';

/** The part of a strategy the observer wraps: passport's actions on the per-request copy. */
export type ObservableStrategy = StrategyActions & { name?: string | undefined };

const STATE_FAILURE_REASONS: ReadonlySet<unknown> = new Set<StateFailureReason>(['missing', 'mismatch', 'expired']);

/**
 * A copy of this request's strategy whose `fail`, `error` and `redirect` also report the login:
 * the failure on `req.passportKitFailure` (see `recordLoginFailure`) and, for whoever listens,
 * each step on the `passport-kit:login:*` diagnostics channels. Passport already runs each
 * request on its own copy (`Object.create(strategy)`); this is one more, as thin.
 */
export function observeLogin<S extends ObservableStrategy>(strategy: S, req: IncomingRequest, options: object, proxy: boolean | undefined): S {
  const observed = Object.create(strategy) as S;
  const name = strategy.name ?? 'oauth2';
  observed.fail = (challenge?: unknown, status?: number) => {
    // passport's fail(status) form.
    if (typeof challenge === 'number' && status === undefined) [challenge, status] = [undefined, challenge];
    const failure = { strategy: name, status: status ?? 401, message: messageOf(challenge), reason: reasonOf(challenge) };
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
    if (isAnyLoginStepObserved()) reportStart(name, req, url, proxy);
    strategy.redirect(url, status);
  };
  if (isObserved(LOGIN_CHANNELS.callback) && isCallback(req)) {
    publish(LOGIN_CHANNELS.callback, {
      strategy: name,
      login: loginOf(req),
      url: describeURL(originalURL(req, { proxy })),
      code: readParam(req, 'code').kind !== 'absent',
      state: readParam(req, 'state').kind !== 'absent',
      error: paramValue(req, 'error')?.slice(0, 100),
    });
  }
  return observed;
}

/** Publishes how the callback's state checked out, with the likely cause of a failure. */
export function reportStateCheck(strategy: ObservableStrategy, req: IncomingRequest, ok: boolean, failure: unknown, proxy: boolean | undefined): void {
  const id = loginOf(req);
  if (!isObserved(LOGIN_CHANNELS.state)) return markLoginCompleted(ok ? id : undefined);
  const login = recallLogin(id);
  const callbackOrigin = originOf(originalURL(req, { proxy }));
  const reason = ok ? undefined : reasonOf(failure);
  publish(LOGIN_CHANNELS.state, {
    strategy: strategy.name ?? 'oauth2',
    login: id,
    ok,
    reason,
    loginOrigin: login?.origin,
    callbackOrigin,
    hint: ok ? undefined : explainStateFailure({ reason, hasState: id !== undefined, callbackOrigin, login }),
  });
  if (ok) markLoginCompleted(id);
}

/** Runs a back-channel step (token exchange, profile) so each of its calls is published. */
export function duringStep<T>(strategy: ObservableStrategy, req: IncomingRequest, step: BackChannelStep, work: () => Promise<T>): Promise<T> {
  if (!isObserved(LOGIN_CHANNELS[step])) return work();
  return runLoginStep(step, { strategy: strategy.name ?? 'oauth2', login: loginOf(req) }, work);
}

/** Runs the verify callback and publishes what it answered and how long it took. */
export async function duringVerify<T extends { user: unknown }>(strategy: ObservableStrategy, req: IncomingRequest, work: () => Promise<T>): Promise<T> {
  if (!isObserved(LOGIN_CHANNELS.verify)) return work();
  const started = performance.now();
  const report = (outcome: 'user' | 'none' | 'error') =>
    publish(LOGIN_CHANNELS.verify, { strategy: strategy.name ?? 'oauth2', login: loginOf(req), outcome, duration: Math.round((performance.now() - started) * 10) / 10 });
  try {
    const verified = await work();
    report(verified.user ? 'user' : 'none');
    return verified;
  } catch (err) {
    report('error');
    throw err;
  }
}

function reportStart(name: string, req: IncomingRequest, url: string, proxy: boolean | undefined): void {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return;
  }
  const state = params.get('state');
  const login = state === null ? undefined : loginId(state);
  const origin = originOf(originalURL(req, { proxy }));
  if (login) rememberLogin(login, origin);
  if (!isObserved(LOGIN_CHANNELS.start)) return;
  publish(LOGIN_CHANNELS.start, {
    strategy: name,
    login,
    origin,
    authorizationURL: describeURL(url),
    callbackURL: params.get('redirect_uri') ?? undefined,
    scope: params.get('scope') ?? undefined,
    pkce: params.get('code_challenge_method') ?? undefined,
  });
}

function isCallback(req: IncomingRequest): boolean {
  return ['code', 'error', 'state', 'error_code'].some((name) => readParam(req, name).kind !== 'absent');
}

function loginOf(req: IncomingRequest): string | undefined {
  const state = paramValue(req, 'state');
  return state ? loginId(state) : undefined;
}

function messageOf(challenge: unknown): string | undefined {
  if (typeof challenge === 'string') return challenge;
  const message = (challenge as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

function reasonOf(challenge: unknown): StateFailureReason | undefined {
  const reason = (challenge as { reason?: unknown } | null | undefined)?.reason;
  return STATE_FAILURE_REASONS.has(reason) ? (reason as StateFailureReason) : undefined;
}
