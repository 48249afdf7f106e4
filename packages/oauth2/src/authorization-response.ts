import { paramValue, readParam, type IncomingRequest, type ParamValue } from '@passport-kit/core';
import { AuthorizationError } from './errors.js';

const MAX_ERROR_DESCRIPTION = 500;
const MAX_ERROR_CODE = 100;

/** A callback carrying RFC 6749's `error` parameter (§4.1.2.1). */
export interface ErrorResponse {
  /** Says which kind of response this is. */
  type: 'error';
  /** The `error` code, or `undefined` when it was repeated or not text. */
  error: string | undefined;
  /** `error_description`, cut to 500 characters. */
  description: string | undefined;
  /** `error_uri`. */
  uri: string | undefined;
  /** The `state` the callback carried, if one readable value. */
  state: string | undefined;
}

/** A callback carrying an authorization code (§4.1.2). */
export interface CodeResponse {
  /** Says which kind of response this is. */
  type: 'code';
  /** The code, or `undefined` when it was empty, repeated or not text. */
  code: string | undefined;
  /** The `state` the callback carried, if one readable value. */
  state: string | undefined;
  /** The `iss` parameter as sent (RFC 9207). */
  iss: ParamValue;
}

/** A request that is no authorization response: a login to start. */
export interface NoResponse {
  /** Says which kind of response this is. */
  type: 'none';
}

/** What a request to the strategy carries, as the strategy acts on it. */
export type AuthorizationResponse = ErrorResponse | CodeResponse | NoResponse;

/**
 * Reads the authorization response (RFC 6749 §4.1.2) from the callback's query or
 * `form_post` body: an error, a code, or none (a request that starts a login). A provider's own
 * error form (`readAuthorizationError`) is the strategy's to read, between an error and a code.
 *
 * @example
 * ```ts
 * const response = readAuthorizationResponse(req);
 * if (response.type === 'code' && response.code === undefined) fail(...);
 * ```
 */
export function readAuthorizationResponse(req: IncomingRequest): AuthorizationResponse {
  const error = readParam(req, 'error');
  if (error.kind !== 'absent') {
    return {
      type: 'error',
      error: error.kind === 'value' ? error.value : undefined,
      description: paramValue(req, 'error_description')?.slice(0, MAX_ERROR_DESCRIPTION),
      uri: paramValue(req, 'error_uri'),
      state: paramValue(req, 'state'),
    };
  }
  const code = readParam(req, 'code');
  if (code.kind === 'absent') return { type: 'none' };
  return {
    type: 'code',
    code: code.kind === 'value' && code.value !== '' ? code.value : undefined,
    state: paramValue(req, 'state'),
    iss: readParam(req, 'iss'),
  };
}

/**
 * What an error response of a pending login ends in: the user said no (`access_denied`, a
 * failure with the provider's description), or the provider failed (an `AuthorizationError`).
 */
export function errorResponseOutcome(response: ErrorResponse & { error: string }): { failure: { message: string | undefined } } | { error: AuthorizationError } {
  if (response.error === 'access_denied') return { failure: { message: response.description } };
  return { error: new AuthorizationError(response.description, response.error.slice(0, MAX_ERROR_CODE), response.uri) };
}

/**
 * RFC 9207 §2.4: with an expected issuer, a response whose `iss` is another server's (or
 * malformed) is a mix-up attack. A response without `iss` passes, as servers that do not send it do.
 */
export function isExpectedIssuer(iss: ParamValue, expected: string | undefined): boolean {
  if (!expected || iss.kind === 'absent') return true;
  return iss.kind === 'value' && iss.value === expected;
}

