/** github.com's OAuth endpoints. */
export const AUTHORIZATION_URL = 'https://github.com/login/oauth/authorize';
/** github.com's token endpoint. */
export const TOKEN_URL = 'https://github.com/login/oauth/access_token';
/** The `iss` GitHub sends on the callback (RFC 9207). */
export const ISSUER = 'https://github.com/login/oauth';
/** github.com's REST API: the authenticated user and their email addresses. */
export const USER_PROFILE_URL = 'https://api.github.com/user';
/** github.com's `/user/emails` endpoint. */
export const USER_EMAIL_URL = 'https://api.github.com/user/emails';

/** Every URL a GitHub login talks to. */
export interface GitHubEndpoints {
  /** Where the user is sent to authorize the app. */
  authorizationURL: string;
  /** Where the code is exchanged for a token. */
  tokenURL: string;
  /** The REST API's `/user`. */
  userProfileURL: string;
  /** The REST API's `/user/emails`. */
  userEmailURL: string;
  /** The issuer the callback's `iss` must equal. */
  issuer: string;
}

/**
 * The endpoints of a GitHub host: github.com without a base URL; for GitHub Enterprise Server
 * (`https://ghe.example`) OAuth below `/login/oauth` and the REST API below `/api/v3`.
 *
 * @example
 * ```ts
 * githubEndpoints('https://ghe.example').userEmailURL; // 'https://ghe.example/api/v3/user/emails'
 * ```
 */
export function githubEndpoints(baseURL?: string): GitHubEndpoints {
  if (baseURL === undefined) {
    return { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, userProfileURL: USER_PROFILE_URL, userEmailURL: USER_EMAIL_URL, issuer: ISSUER };
  }
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new TypeError('GitHubStrategy requires baseURL to be an absolute URL');
  }
  if (url.search || url.hash) throw new TypeError('GitHubStrategy requires baseURL without a query or fragment');
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const api = restAPIRoot(url, base);
  return {
    authorizationURL: `${base}/login/oauth/authorize`,
    tokenURL: `${base}/login/oauth/access_token`,
    userProfileURL: `${api}/user`,
    userEmailURL: `${api}/user/emails`,
    issuer: `${base}/login/oauth`,
  };
}

function restAPIRoot(url: URL, base: string): string {
  // github.com and GHE.com (data residency) serve the API from an `api.` host, GHES below /api/v3.
  if (url.hostname === 'github.com' || url.hostname.endsWith('.ghe.com')) return `${url.protocol}//api.${url.host}`;
  return `${base}/api/v3`;
}

/** The email endpoint next to a custom profile URL, as passport-github derives it (`<userProfileURL>/emails`). */
export function emailURLBeside(userProfileURL: string): string {
  const url = new URL(userProfileURL);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/emails`;
  return url.toString();
}
