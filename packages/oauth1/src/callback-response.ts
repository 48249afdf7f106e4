import { readParam, type IncomingRequest, type ParamValue } from '@passport-kit/core';

/** The user refused: `denied=<request token>` (Twitter and others). */
export interface DeniedResponse {
  /** Says which kind of response this is. */
  type: 'denied';
  /** The refused request token, when it is one readable value. */
  requestToken: string | undefined;
}

/** A callback with a request token to exchange (RFC 5849 §2.2). */
export interface AuthorizedResponse {
  /** Says which kind of response this is. */
  type: 'authorized';
  /** `oauth_token`, the request token leg 1 obtained. */
  requestToken: string;
  /** `oauth_verifier` as sent: absent for an OAuth 1.0 provider, invalid when repeated or not text. */
  verifier: ParamValue;
}

/** A callback whose `oauth_token` is repeated or not text. */
export interface MalformedResponse {
  /** Says which kind of response this is. */
  type: 'malformed';
}

/** A request that is no callback: a login to start. */
export interface NoResponse {
  /** Says which kind of response this is. */
  type: 'none';
}

/** What a request to the strategy carries, as the strategy acts on it. */
export type CallbackResponse = DeniedResponse | AuthorizedResponse | MalformedResponse | NoResponse;

/**
 * Reads the callback (RFC 5849 §2.2) from the query or body: denied, authorized (with the
 * request token and verifier), malformed, or none (an empty `oauth_token` too: a login to start).
 *
 * @example
 * ```ts
 * const response = readCallbackResponse(req);
 * if (response.type === 'authorized') exchange(response.requestToken, response.verifier);
 * ```
 */
export function readCallbackResponse(req: IncomingRequest): CallbackResponse {
  const denied = readParam(req, 'denied');
  if (denied.kind !== 'absent') return { type: 'denied', requestToken: denied.kind === 'value' ? denied.value : undefined };
  const token = readParam(req, 'oauth_token');
  if (token.kind === 'invalid') return { type: 'malformed' };
  if (token.kind === 'value' && token.value !== '') return { type: 'authorized', requestToken: token.value, verifier: readParam(req, 'oauth_verifier') };
  return { type: 'none' };
}
