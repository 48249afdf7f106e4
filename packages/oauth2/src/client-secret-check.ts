import { WARNING_CODES, warnOnce } from '@passport-kit/core';
import type { OAuth2StrategyOptions } from './options.js';

// The methods that send the secret itself (RFC 6749 §2.3.1) or sign with it (RFC 7523 §2.2).
const SECRET_METHODS = new Set(['client_secret_post', 'client_secret_basic']);

/**
 * Warns at construction when `clientAuthentication` sends a client secret and there is none:
 * every code exchange would be refused with `invalid_client`. (`client_secret_jwt` without a
 * secret or key already throws.)
 */
export function warnIfNoClientSecret(strategy: string, options: Pick<OAuth2StrategyOptions, 'clientAuthentication' | 'clientSecret' | 'clientID'>): void {
  const method = options.clientAuthentication;
  if (method === undefined || !SECRET_METHODS.has(method) || options.clientSecret) return;
  warnOnce(
    WARNING_CODES.missingClientSecret,
    `${strategy}.${options.clientID}`,
    `${strategy} uses ${method} client authentication but has no clientSecret option: the token endpoint will refuse every code exchange`,
  );
}
