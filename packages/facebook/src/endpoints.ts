import { DEFAULT_GRAPH_API_VERSION } from './graph-api-versions.js';

const DIALOG_ORIGIN = 'https://www.facebook.com';
const GRAPH_ORIGIN = 'https://graph.facebook.com';

/** Facebook's OAuth 2.0 and profile endpoints for one Graph API version. */
export interface FacebookEndpoints {
  /** The Login dialog (`www.facebook.com/<version>/dialog/oauth`). */
  authorizationURL: string;
  /** The token endpoint (`graph.facebook.com/<version>/oauth/access_token`). */
  tokenURL: string;
  /** The Graph API `/me` endpoint. */
  profileURL: string;
}

/**
 * The login dialog, token and `/me` URLs of a Graph API version.
 * https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow
 *
 * @example
 * ```ts
 * facebookEndpoints('v25.0').tokenURL; // 'https://graph.facebook.com/v25.0/oauth/access_token'
 * ```
 */
export function facebookEndpoints(graphAPIVersion: string = DEFAULT_GRAPH_API_VERSION): FacebookEndpoints {
  return {
    authorizationURL: `${DIALOG_ORIGIN}/${graphAPIVersion}/dialog/oauth`,
    tokenURL: `${GRAPH_ORIGIN}/${graphAPIVersion}/oauth/access_token`,
    profileURL: `${GRAPH_ORIGIN}/${graphAPIVersion}/me`,
  };
}
