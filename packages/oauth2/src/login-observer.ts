import { loginObserver, paramValue, readParam, reasonOf, type IncomingRequest, type ObservableStrategy } from '@passport-kit/core';

/**
 * An OAuth 2.0 login as core's observer sees it: named by its `state`, started by the
 * authorization redirect, whose query says the rest.
 */
const oauth2Login = loginObserver({
  defaultName: 'oauth2',
  loginParams: ['state'],
  ttlOption: 'stateTTL',
  readCallback(req) {
    if (!['code', 'error', 'state', 'error_code'].some((name) => readParam(req, name).kind !== 'absent')) return undefined;
    return {
      code: readParam(req, 'code').kind !== 'absent',
      state: readParam(req, 'state').kind !== 'absent',
      error: paramValue(req, 'error')?.slice(0, 100),
    };
  },
  readStart(url) {
    const params = url.searchParams;
    return {
      loginKey: params.get('state') ?? undefined,
      authorizationURL: url.href,
      callbackURL: params.get('redirect_uri') ?? undefined,
      scope: params.get('scope') ?? undefined,
      pkce: params.get('code_challenge_method') ?? undefined,
    };
  },
});

/** See core's `LoginObserver.observeLogin`. */
export const observeLogin = oauth2Login.observeLogin;
/** See core's `LoginObserver.duringStep`. */
export const duringStep = oauth2Login.duringStep;
/** See core's `LoginObserver.duringVerify`. */
export const duringVerify = oauth2Login.duringVerify;

/** Publishes how the callback's state checked out; `failure` is the state store's info. */
export function reportStateCheck(strategy: ObservableStrategy, req: IncomingRequest, ok: boolean, failure: unknown, proxy: boolean | undefined): void {
  oauth2Login.reportCheck(strategy, req, ok, ok ? undefined : reasonOf(failure), proxy);
}
