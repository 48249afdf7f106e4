import { OAUTH2_OPTION_NAMES } from '@passport-kit/oauth2';
import type { XStrategyOptions } from './options.js';

// X fixes these itself (PKCE S256, the space separator, its client authentication).
const { clientAssertion: _clientAssertion, scopeSeparator: _scopeSeparator, ...oauth2Options } = OAUTH2_OPTION_NAMES;

/** Every option `XStrategy` reads (checked by the compiler), for the unknown-option warning. */
export const X_OPTION_NAMES = {
  ...oauth2Options,
  userProfileURL: true,
  userFields: true,
  userAgent: true,
} as const satisfies Record<keyof XStrategyOptions, true>;
