// Collects what passport-kit publishes on its diagnostics channels during a test.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { LOGIN_CHANNELS, type LoginChannelName } from '@passport-kit/core';

export interface Published {
  channel: LoginChannelName;
  message: Record<string, unknown>;
}

/** Subscribes to every login channel; `stop()` unsubscribes. */
export function recordLoginSteps(): { messages: Published[]; on(channel: LoginChannelName): Record<string, unknown>[]; stop(): void } {
  const messages: Published[] = [];
  const listeners = Object.values(LOGIN_CHANNELS).map((channel) => {
    const listener = (message: unknown) => messages.push({ channel, message: message as Record<string, unknown> });
    subscribe(channel, listener);
    return { channel, listener };
  });
  return {
    messages,
    on: (channel) => messages.filter((m) => m.channel === channel).map((m) => m.message),
    stop: () => listeners.forEach(({ channel, listener }) => unsubscribe(channel, listener)),
  };
}
