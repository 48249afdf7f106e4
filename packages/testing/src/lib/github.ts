import type { EmulatorClient } from '../clients.js';
import type { GitHubEndpoints } from '../start-emulator.js';
import type { EmulatorUser } from '../users.js';
import { handleAuthorization, isRedirectURI, splitScope, type AuthorizationDialect } from './authorization-flow.js';
import type { EndpointCall, Route } from './context.js';
import { basicCredentials, bearerToken, escapeHTML, sendJSON, sendText, withQuery } from './http.js';
import { isCodeChallengeMethod, verifyCodeVerifier } from './pkce.js';

// Paths below the emulator's /github prefix, laid out like GitHub Enterprise Server
// (https://HOSTNAME/login/oauth/..., https://HOSTNAME/api/v3/...), so one base URL derives all.
const AUTHORIZE_PATH = /^\/login\/oauth\/authorize$/;
const TOKEN_PATH = /^\/login\/oauth\/access_token$/;
const USER_PATH = /^\/api\/v3\/user$/;
const EMAILS_PATH = /^\/api\/v3\/user\/emails$/;

/** The endpoint URLs below `base` (`<emulator.url>/github`), laid out like GitHub Enterprise Server. */
export function githubEndpoints(base: string, issuer: string | undefined): GitHubEndpoints {
  return {
    baseURL: base,
    authorizationURL: `${base}/login/oauth/authorize`,
    tokenURL: `${base}/login/oauth/access_token`,
    apiURL: `${base}/api/v3`,
    userProfileURL: `${base}/api/v3/user`,
    userEmailURL: `${base}/api/v3/user/emails`,
    issuer,
  };
}

const AUTHORIZATION_ERRORS_DOC = 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors';
const TOKEN_ERRORS_DOC = 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors';

// https://docs.github.com/en/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors
const TOKEN_ERRORS: Record<string, { description: string; uri: string }> = {
  incorrect_client_credentials: { description: 'The client_id and/or client_secret passed are incorrect.', uri: `${TOKEN_ERRORS_DOC}/#incorrect-client-credentials` },
  redirect_uri_mismatch: { description: 'The redirect_uri MUST match the registered callback URL for this application.', uri: `${AUTHORIZATION_ERRORS_DOC}/#redirect-uri-mismatch2` },
  bad_verification_code: { description: 'The code passed is incorrect or expired.', uri: `${TOKEN_ERRORS_DOC}/#bad-verification-code` },
  unverified_user_email: { description: 'The user must have a verified primary email.', uri: `${TOKEN_ERRORS_DOC}/#unverified-user-email` },
};

// https://docs.github.com/en/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-authorization-request-errors
const AUTHORIZATION_ERRORS: Record<string, { description: string; uri: string }> = {
  access_denied: { description: 'The user has denied your application access.', uri: `${AUTHORIZATION_ERRORS_DOC}/#access-denied` },
  application_suspended: { description: 'Your application has been suspended. Contact support@github.com.', uri: `${AUTHORIZATION_ERRORS_DOC}/#application-suspended` },
  redirect_uri_mismatch: TOKEN_ERRORS.redirect_uri_mismatch!,
};

function findClient(call: EndpointCall, clientID: string | undefined): EmulatorClient | undefined {
  return clientID === undefined ? undefined : call.ctx.clients.github.find((c) => c.clientID === clientID);
}

// GitHub's rule: host and port equal to the registered callback's, path a subdirectory of its path.
// https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#redirect-urls
function matchesRegistered(redirectURI: string, registered: string): boolean {
  const sent = new URL(redirectURI);
  const base = new URL(registered);
  if (sent.protocol !== base.protocol || sent.host !== base.host) return false;
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return sent.pathname === base.pathname || sent.pathname.startsWith(basePath);
}

const dialect: AuthorizationDialect = {
  provider: 'github',
  title: 'GitHub',
  accountHintParam: 'login',
  check(call) {
    const { params } = call.req;
    const client = findClient(call, params.client_id);
    // GitHub answers an unknown client_id with its 404 page.
    if (!client) return { kind: 'errorPage', status: 404, message: 'Not Found: no OAuth app has this client_id.' };
    const sent = params.redirect_uri;
    const registered = client.redirectURIs ?? [];
    if (sent !== undefined && !isRedirectURI(sent)) return { kind: 'errorPage', status: 400, message: 'The redirect_uri is not a valid URL.' };
    if (sent === undefined && registered.length === 0) {
      return { kind: 'errorPage', status: 400, message: 'This emulator client has no registered callback URL: send redirect_uri.' };
    }
    if (sent !== undefined && registered.length > 0 && !registered.some((r) => matchesRegistered(sent, r))) {
      // GitHub sends the mismatch to the registered callback URL rather than the offered one.
      const error = AUTHORIZATION_ERRORS.redirect_uri_mismatch!;
      return {
        kind: 'errorRedirect',
        location: withQuery(registered[0]!, { error: 'redirect_uri_mismatch', error_description: error.description, error_uri: error.uri, state: params.state }),
      };
    }
    let codeChallengeMethod;
    if (params.code_challenge !== undefined) {
      const method = params.code_challenge_method ?? 'plain';
      if (!isCodeChallengeMethod(method)) return { kind: 'errorPage', status: 400, message: 'Unsupported code_challenge_method.' };
      codeChallengeMethod = method;
    }
    return {
      kind: 'ok',
      request: {
        client,
        redirectURI: sent ?? registered[0]!,
        sentRedirectURI: sent,
        scope: splitScope(params.scope),
        state: params.state,
        codeChallenge: params.code_challenge,
        codeChallengeMethod,
      },
    };
  },
  approved(call, request, code) {
    // RFC 9207: GitHub names itself in `iss`; the emulator's own issuer unless configured otherwise.
    return withQuery(request.redirectURI, { code, state: request.state, iss: call.ctx.github.issuer });
  },
  denied(_call, request) {
    const error = AUTHORIZATION_ERRORS.access_denied!;
    return withQuery(request.redirectURI, { error: 'access_denied', error_description: error.description, error_uri: error.uri, state: request.state });
  },
  failed(_call, request, scenario) {
    const known = AUTHORIZATION_ERRORS[scenario.error];
    return withQuery(request.redirectURI, {
      error: scenario.error,
      error_description: scenario.description ?? known?.description ?? scenario.error,
      error_uri: known?.uri ?? AUTHORIZATION_ERRORS_DOC,
      state: request.state,
    });
  },
};

/** GitHub answers token errors with HTTP 200, in the format the Accept header asks for. */
function sendTokenResponse(call: EndpointCall, body: Record<string, string>): void {
  const accept = (call.req.headers.accept ?? '').toLowerCase();
  if (accept.includes('application/json')) return sendJSON(call.res, 200, body);
  if (accept.includes('xml')) {
    const fields = Object.entries(body)
      .map(([k, v]) => `<${k}>${escapeHTML(v)}</${k}>`)
      .join('');
    return sendText(call.res, 200, 'application/xml; charset=utf-8', `<OAuth>${fields}</OAuth>`);
  }
  sendText(call.res, 200, 'application/x-www-form-urlencoded; charset=utf-8', new URLSearchParams(body).toString());
}

function sendTokenError(call: EndpointCall, error: string, description?: string): void {
  const known = TOKEN_ERRORS[error];
  sendTokenResponse(call, { error, error_description: description ?? known?.description ?? error, error_uri: known?.uri ?? TOKEN_ERRORS_DOC });
}

function exchangeCode(call: EndpointCall): void {
  const { ctx, req, scenario } = call;
  if (scenario?.kind === 'error') return sendTokenError(call, scenario.error, scenario.description);
  if (scenario?.kind === 'badCode') return sendTokenError(call, 'bad_verification_code');

  // GitHub takes client credentials in the body or with HTTP Basic.
  const basic = basicCredentials(req.headers);
  const clientID = basic?.id ?? req.params.client_id;
  const clientSecret = basic?.secret ?? req.params.client_secret;
  const client = findClient(call, clientID);
  if (!client || (client.clientSecret !== undefined && client.clientSecret !== clientSecret)) return sendTokenError(call, 'incorrect_client_credentials');

  const redeemed = ctx.grants.redeemCode(req.params.code, 'github');
  if (redeemed.status !== 'ok' || redeemed.grant.clientID !== client.clientID) return sendTokenError(call, 'bad_verification_code');
  const { grant } = redeemed;
  if (req.params.redirect_uri !== undefined && req.params.redirect_uri !== grant.redirectURI) return sendTokenError(call, 'redirect_uri_mismatch');
  if (grant.codeChallenge !== undefined && !verifyCodeVerifier(req.params.code_verifier, grant.codeChallenge, grant.codeChallengeMethod ?? 'plain')) {
    return sendTokenError(call, 'bad_verification_code', 'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.');
  }

  const accessToken = ctx.grants.issueAccessToken({ provider: 'github', clientID: client.clientID, userID: grant.userID, scope: grant.scope }, 'gho_', ctx.github.tokenTTL);
  ctx.grants.bindToCode(req.params.code!, accessToken);
  // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#2-users-are-redirected-back-to-your-site-by-github
  sendTokenResponse(call, { access_token: accessToken, token_type: 'bearer', scope: grant.scope.join(',') });
}

/** The user behind the request's token, or an answer already sent (401/403 as GitHub gives them). */
function authenticate(call: EndpointCall, documentationURL: string): { user: EmulatorUser; scope: readonly string[] } | undefined {
  const { ctx, req, res, scenario } = call;
  // GitHub's API refuses requests without a User-Agent.
  // https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent
  if (req.headers['user-agent'] === undefined || req.headers['user-agent'] === '') {
    sendText(res, 403, 'text/plain; charset=utf-8', 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.\n');
    return undefined;
  }
  const token = bearerToken(req.headers);
  if (token === undefined) {
    sendJSON(res, 401, { message: 'Requires authentication', documentation_url: documentationURL, status: '401' });
    return undefined;
  }
  const lookup = ctx.grants.lookupAccessToken(token, 'github');
  const user = lookup.status === 'ok' ? ctx.users.find((u) => u.id === lookup.record.userID) : undefined;
  if (scenario?.kind === 'expiredToken' || lookup.status !== 'ok' || !user) {
    // GitHub says the same for unknown, revoked and expired tokens.
    sendJSON(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    return undefined;
  }
  return { user, scope: lookup.status === 'ok' ? lookup.record.scope : [] };
}

function scopeHeaders(scope: readonly string[]): Record<string, string> {
  return { 'x-oauth-scopes': scope.join(', '), 'x-accepted-oauth-scopes': '', 'x-github-media-type': 'github.v3; format=json' };
}

// https://docs.github.com/en/rest/users/users#get-the-authenticated-user
function userPayload(call: EndpointCall, user: EmulatorUser, scope: readonly string[]): Record<string, unknown> {
  const api = `${call.base}/api/v3`;
  const userURL = `${api}/users/${user.username}`;
  const payload: Record<string, unknown> = {
    login: user.username,
    id: Number(user.id),
    node_id: Buffer.from(`04:User${user.id}`).toString('base64'),
    avatar_url: user.avatarURL,
    gravatar_id: '',
    url: userURL,
    html_url: `${call.base}/${user.username}`,
    followers_url: `${userURL}/followers`,
    following_url: `${userURL}/following{/other_user}`,
    gists_url: `${userURL}/gists{/gist_id}`,
    starred_url: `${userURL}/starred{/owner}{/repo}`,
    subscriptions_url: `${userURL}/subscriptions`,
    organizations_url: `${userURL}/orgs`,
    repos_url: `${userURL}/repos`,
    events_url: `${userURL}/events{/privacy}`,
    received_events_url: `${userURL}/received_events`,
    type: 'User',
    user_view_type: 'public',
    site_admin: false,
    name: user.name,
    company: null,
    blog: '',
    location: user.location,
    email: user.email,
    hireable: null,
    bio: user.bio,
    twitter_username: null,
    notification_email: user.email,
    public_repos: 2,
    public_gists: 1,
    followers: 20,
    following: 0,
    created_at: user.createdAt,
    updated_at: user.createdAt,
  };
  // Private profile information needs the `user` scope.
  if (scope.includes('user')) {
    Object.assign(payload, {
      private_gists: 0,
      total_private_repos: 0,
      owned_private_repos: 0,
      disk_usage: 0,
      collaborators: 0,
      two_factor_authentication: true,
      plan: { name: 'free', space: 976562499, private_repos: 10000, collaborators: 0 },
    });
  }
  return payload;
}

// https://docs.github.com/en/rest/users/emails#list-email-addresses-for-the-authenticated-user
function emailsPayload(user: EmulatorUser): Array<Record<string, unknown>> {
  const emails: Array<Record<string, unknown>> = [];
  if (user.email !== null) emails.push({ email: user.email, primary: true, verified: true, visibility: 'public' });
  for (const email of user.otherEmails) emails.push({ email, primary: false, verified: true, visibility: null });
  emails.push({ email: `${user.id}+${user.username}@users.noreply.github.com`, primary: false, verified: true, visibility: null });
  return emails;
}

export const githubRoutes: readonly Route[] = [
  {
    endpoint: 'github.authorize',
    methods: ['GET', 'POST'],
    path: AUTHORIZE_PATH,
    handle: (call) => handleAuthorization(call, dialect),
  },
  { endpoint: 'github.token', methods: ['POST'], path: TOKEN_PATH, handle: exchangeCode },
  {
    endpoint: 'github.user',
    methods: ['GET'],
    path: USER_PATH,
    handle(call) {
      const auth = authenticate(call, 'https://docs.github.com/rest/users/users#get-the-authenticated-user');
      if (auth) sendJSON(call.res, 200, userPayload(call, auth.user, auth.scope), scopeHeaders(auth.scope));
    },
  },
  {
    endpoint: 'github.emails',
    methods: ['GET'],
    path: EMAILS_PATH,
    handle(call) {
      const documentationURL = 'https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user';
      const auth = authenticate(call, documentationURL);
      if (!auth) return;
      // Without `user` or `user:email` GitHub answers 404, as if the resource did not exist.
      if (!auth.scope.includes('user') && !auth.scope.includes('user:email')) {
        return sendJSON(call.res, 404, { message: 'Not Found', documentation_url: documentationURL, status: '404' }, scopeHeaders(auth.scope));
      }
      sendJSON(call.res, 200, emailsPayload(auth.user), scopeHeaders(auth.scope));
    },
  },
];
