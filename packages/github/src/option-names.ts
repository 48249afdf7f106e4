import { OAUTH2_OPTION_NAMES } from '@passport-kit/oauth2';
import type { GitHubStrategyOptions } from './options.js';

/** Every option `GitHubStrategy` reads (checked by the compiler), for the unknown-option warning. */
export const GITHUB_OPTION_NAMES = {
  ...OAUTH2_OPTION_NAMES,
  baseURL: true,
  userProfileURL: true,
  userEmailURL: true,
  allRawEmails: true,
  userAgent: true,
  name: true,
} as const satisfies Record<keyof GitHubStrategyOptions, true>;
