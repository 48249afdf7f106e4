import { OAUTH1_OPTION_NAMES } from '@passport-kit/oauth1';
import type { TwitterStrategyOptions } from './options.js';

/**
 * Every option `TwitterStrategy` reads (checked by the compiler), for the unknown-option warning.
 *
 * @internal
 */
export const TWITTER_OPTION_NAMES = {
  ...OAUTH1_OPTION_NAMES,
  userProfileURL: true,
  includeEmail: true,
  includeStatus: true,
  includeEntities: true,
  skipExtendedUserProfile: true,
} as const satisfies Record<keyof TwitterStrategyOptions, true>;
