import type { GrantParams } from './grant-params.js';

/** Request parameters that carry a credential, a code or a token. */
const SECRET_PARAMS = ['code', 'code_verifier', 'refresh_token', 'client_secret', 'client_assertion', 'password', 'token', 'subject_token', 'actor_token', 'assertion'];

/** The secret values among a token request's parameters: what `redact` removes from an error. */
export function secretValues(params: GrantParams): string[] {
  return SECRET_PARAMS.flatMap((name) => {
    const value = params[name];
    return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
  });
}
