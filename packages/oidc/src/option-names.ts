import { OAUTH2_OPTION_NAMES } from '@passport-kit/oauth2';
import type { OpenIDConnectStrategyOptions } from './options.js';

/** Every option `OpenIDConnectStrategy` reads (checked by the compiler), for the unknown-option warning. */
export const OIDC_OPTION_NAMES = {
  ...OAUTH2_OPTION_NAMES,
  jwksURL: true,
  userInfoURL: true,
  idTokenSigningAlgValuesSupported: true,
  idTokenSigningAlgorithms: true,
  clockTolerance: true,
  jwks: true,
  requireIssParameter: true,
  name: true,
} as const satisfies Record<keyof OpenIDConnectStrategyOptions, true>;
