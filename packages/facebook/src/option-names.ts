import { OAUTH2_OPTION_NAMES } from '@passport-kit/oauth2';
import type { FacebookStrategyOptions } from './options.js';

/** Every option `FacebookStrategy` reads (checked by the compiler), for the unknown-option warning. */
export const FACEBOOK_OPTION_NAMES = {
  ...OAUTH2_OPTION_NAMES,
  graphAPIVersion: true,
  profileURL: true,
  profileFields: true,
  enableProof: true,
  userAgent: true,
} as const satisfies Record<keyof FacebookStrategyOptions, true>;
