import { subscribe } from 'node:diagnostics_channel';
import { debuglog } from 'node:util';
import {
  LOGIN_CHANNELS,
  type LoginCallbackMessage,
  type LoginErrorMessage,
  type LoginFailMessage,
  type LoginMessageBase,
  type LoginProtocol,
  type LoginRequestMessage,
  type LoginStartMessage,
  type LoginStateMessage,
  type LoginVerifyMessage,
} from './login-channels.js';
import { originOf } from './describe-url.js';

/**
 * With `NODE_DEBUG=passport-kit`, writes one line per login step to stderr (Node's
 * `util.debuglog`), built from the diagnostics messages, so it carries nothing they do not: no
 * secret, code, verifier, state or token. Without it, subscribes to nothing.
 */
export function traceToDebugLog(): void {
  const log = debuglog('passport-kit');
  if (!log.enabled) return;
  const on = <M>(name: string, format: (message: M) => string | string[]) =>
    subscribe(name, (message) => {
      for (const line of ([] as string[]).concat(format(message as M))) log('%s', line);
    });
  on<LoginStartMessage>(LOGIN_CHANNELS.start, (m) => {
    const line = `${who(m)} started on ${m.origin}: to ${m.authorizationURL}` +
      `${m.callbackURL ? `, callback ${m.callbackURL}` : ''}${m.scope ? `, scope "${m.scope}"` : ''}${m.pkce ? `, PKCE ${m.pkce}` : ''}`;
    const callbackOrigin = m.callbackURL && originOf(m.callbackURL);
    if (!callbackOrigin || callbackOrigin === m.origin) return line;
    return [line, `${who(m)} note: the callback goes to ${callbackOrigin}, not ${m.origin} where the login began; ` +
      `the browser will not send ${m.origin}'s cookies there, so the ${checkedBy(m)} check will fail. ` +
      `Open the app at ${callbackOrigin}, or use a relative callbackURL.`];
  });
  on<LoginCallbackMessage>(LOGIN_CHANNELS.callback, (m) => {
    const names = m.protocol === 'oauth1' ? OAUTH1_CALLBACK_PARAMETERS : OAUTH2_CALLBACK_PARAMETERS;
    const carried = [m.code && names.code, m.state && names.state, m.error && `${names.error}=${m.error}`].filter(Boolean).join(', ');
    return `${who(m)} callback to ${m.url} (${carried || `no ${names.code}, ${names.state} or ${names.error}`})`;
  });
  on<LoginStateMessage>(LOGIN_CHANNELS.state, (m) => {
    const checked = checkedBy(m);
    return m.ok
      ? `${who(m)} ${checked} ok${m.loginOrigin ? ` (began on ${m.loginOrigin})` : ''}`
      : `${who(m)} ${checked} check failed (${m.reason ?? 'no reason given'}): ${m.hint ?? ''}`;
  });
  const request = (step: string) => (m: LoginRequestMessage) =>
    `${who(m)} ${step} ${m.method} ${m.url} -> ${m.status ?? m.error ?? '?'} in ${m.duration} ms`;
  on<LoginRequestMessage>(LOGIN_CHANNELS.token, request('token request'));
  on<LoginRequestMessage>(LOGIN_CHANNELS.profile, request('profile request'));
  on<LoginVerifyMessage>(LOGIN_CHANNELS.verify, (m) => `${who(m)} verify callback: ${VERIFY_OUTCOMES[m.outcome]} in ${m.duration} ms`);
  on<LoginFailMessage>(LOGIN_CHANNELS.fail, (m) =>
    `${who(m)} failed (${m.status}${m.reason ? `, ${m.reason}` : ''})${m.message ? `: ${m.message}` : ''}`);
  on<LoginErrorMessage>(LOGIN_CHANNELS.error, (m) =>
    `${who(m)} error: ${m.name}${m.code !== undefined ? ` [${m.code}]` : ''}${m.message ? `: ${m.message}` : ''}`);
}

// What the callback's fields stand for in each protocol's own words.
const OAUTH2_CALLBACK_PARAMETERS = { state: 'state', code: 'code', error: 'error' } as const;
const OAUTH1_CALLBACK_PARAMETERS = { state: 'oauth_token', code: 'oauth_verifier', error: 'denied' } as const;

const VERIFY_OUTCOMES = { user: 'a user', none: 'no user', error: 'an error' } as const;

// What ties a callback to its login: OAuth 2.0's state, OAuth 1.0a's request token.
function checkedBy({ protocol }: { protocol?: LoginProtocol | undefined }): string {
  return protocol === 'oauth1' ? 'request token' : 'state';
}

function who({ strategy, login }: LoginMessageBase): string {
  return `${strategy} login${login ? ` ${login}` : ''}`;
}

