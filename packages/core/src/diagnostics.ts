import { channel, type Channel } from 'node:diagnostics_channel';
import { traceToDebugLog } from './debug-trace.js';
import { LOGIN_CHANNELS, type LoginChannelMessages, type LoginChannelName } from './login-channels.js';

const channels = new Map<string, Channel>(Object.values(LOGIN_CHANNELS).map((name) => [name, channel(name)]));

let debugTraceChecked = false;

/** Whether anyone listens on `name`: check before building a message. */
export function isObserved(name: LoginChannelName): boolean {
  // The NODE_DEBUG=passport-kit trace is one more subscriber, installed on first use: an
  // import for its side effect alone would be dropped by bundlers (`"sideEffects": false`).
  if (!debugTraceChecked) {
    debugTraceChecked = true;
    traceToDebugLog();
  }
  return channels.get(name)!.hasSubscribers;
}

/** Whether anyone listens on any login channel. */
export function isAnyLoginStepObserved(): boolean {
  for (const name of Object.values(LOGIN_CHANNELS)) if (isObserved(name)) return true;
  return false;
}

/** Publishes `message` on `name` (build it only after {@link isObserved}). */
export function publish<N extends LoginChannelName>(name: N, message: LoginChannelMessages[N]): void {
  channels.get(name)!.publish(message);
}
