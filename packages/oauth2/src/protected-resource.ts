import {
  InternalOAuthError,
  UnexpectedStatusError,
  describeTarget,
  redact,
  type HttpResponse,
} from '@passport-kit/core';

/** How `fetchResource` calls a provider resource and reads its failures. */
export interface ResourceRequestOptions {
  /** Headers besides `Accept: application/json` and the token's `Authorization`. */
  headers?: Record<string, string> | undefined;
  /** The `InternalOAuthError` message a failure ends with. Default `Failed to fetch user profile`. */
  failureMessage?: string | undefined;
  /** Statuses outside 2xx the caller handles itself (GitHub's 404 for `/user/emails` without the scope). */
  allowStatus?: readonly number[] | undefined;
  /**
   * The provider's own error in a failed call's body (Facebook's Graph error, X's problem
   * body), thrown as it is instead of an `InternalOAuthError`. Its text must be redacted of
   * `secrets`, as given.
   */
  providerError?: ((body: string, status: number, secrets: readonly (string | undefined)[]) => Error | undefined) | undefined;
  /** The provider's words for a failed call (GitHub's `message`), quoted in the error after the status. */
  describeFailure?: ((body: string) => string | undefined) | undefined;
}

/** A provider resource's answer: the status, headers, text, and the text read as JSON. */
export interface ResourceResponse extends HttpResponse {
  /** The body parsed as JSON, as `unknown` to check field by field; `undefined` when it is not JSON. */
  json: unknown;
}

/**
 * Sends one call to a provider resource (`send`) and checks its answer, the one way provider
 * strategies read their APIs: a transport failure or a status outside 2xx (and `allowStatus`)
 * ends in the provider's own error or an `InternalOAuthError` whose cause says what happened,
 * with every one of `secrets` redacted from its text; the body is read as JSON.
 */
export async function readProtectedResource(
  send: () => Promise<HttpResponse>,
  url: string,
  secrets: readonly (string | undefined)[],
  options: ResourceRequestOptions = {},
): Promise<ResourceResponse> {
  const failureMessage = options.failureMessage ?? 'Failed to fetch user profile';
  let response: HttpResponse;
  try {
    response = await send();
  } catch (err) {
    throw new InternalOAuthError(failureMessage, err);
  }
  const { status, body } = response;
  if ((status < 200 || status >= 300) && !options.allowStatus?.includes(status)) {
    const said = options.providerError?.(body, status, secrets);
    if (said) throw said;
    const detail = options.describeFailure?.(body);
    const answered = redact(`${describeTarget('GET', url)} answered ${status}${detail ? ` (${detail})` : ''}`, secrets);
    throw new InternalOAuthError(failureMessage, new UnexpectedStatusError(answered, status, redact(body, secrets)));
  }
  return { ...response, json: readJSON(body) };
}

function readJSON(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
