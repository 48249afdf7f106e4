import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { isObserved, publish } from './diagnostics.js';
import { LOGIN_CHANNELS, type LoginMessageBase } from './login-channels.js';
import { describeURL } from './describe-url.js';

/** A login step whose back-channel calls are published: on `passport-kit:login:token` or `:profile`. */
export type BackChannelStep = 'token' | 'profile';

interface StepContext extends LoginMessageBase {
  step: BackChannelStep;
}

// Entered only while someone listens, so an unobserved login pays nothing for it.
const current = new AsyncLocalStorage<StepContext>();

/**
 * Runs `work` as one step of a login: each call `HttpClient` makes inside it (however deep, a
 * subclass's own `_oauth2.get` included) is published on the step's channel, with its status and
 * duration.
 */
export function runLoginStep<T>(step: BackChannelStep, login: LoginMessageBase, work: () => Promise<T>): Promise<T> {
  if (!isObserved(LOGIN_CHANNELS[step])) return work();
  return current.run({ ...login, step }, work);
}

/**
 * Called by `HttpClient` for each call: publishes how `response` ended when the call belongs to
 * an observed login step, and returns `response` unchanged.
 */
export function observeBackChannelCall<R extends { status: number }>(method: string, url: string, response: Promise<R>): Promise<R> {
  const context = current.getStore();
  if (!context || !isObserved(LOGIN_CHANNELS[context.step])) return response;
  const started = performance.now();
  const report = (status: number | undefined, error: string | undefined) =>
    publish(LOGIN_CHANNELS[context.step], {
      strategy: context.strategy,
      login: context.login,
      method,
      url: describeURL(url),
      status,
      duration: Math.round((performance.now() - started) * 10) / 10,
      error,
    });
  response.then(
    (res) => report(res.status, undefined),
    (err: unknown) => report(undefined, String((err as { code?: unknown } | null)?.code ?? 'ERR_NETWORK')),
  );
  return response;
}
