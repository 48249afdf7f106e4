import { TokenError } from './errors.js';
import { parseTokenBody } from './token-response.js';

/**
 * Turns an OAuth 2.0 error body (RFC 6749 §5.2: `{ error, error_description, error_uri }`,
 * JSON or form-encoded) into a `TokenError`, or `null` when the body is not one.
 * The strategy's `parseErrorResponse` hook calls this; providers override the hook. The
 * error's `status` stays 500, as passport-oauth2's: it is what the app answers its user, and the
 * provider's status describes the app's request, not the user's.
 */
export function parseOAuthErrorBody(body: string): TokenError | null {
  const parsed = parseTokenBody(body, undefined);
  const code = parsed?.['error'];
  if (typeof code !== 'string' || code === '') return null;
  const description = parsed?.['error_description'];
  const uri = parsed?.['error_uri'];
  return new TokenError(
    typeof description === 'string' ? description : undefined,
    code,
    typeof uri === 'string' ? uri : undefined,
  );
}
