import type { EmulatorClient } from '../clients.js';
import type { XEndpoints } from '../start-emulator.js';
import type { EmulatorUser } from '../users.js';
import { handleAuthorization, isRedirectURI, splitScope, type AuthorizationDialect } from './authorization-flow.js';
import type { EndpointCall, Route } from './context.js';
import { basicCredentials, bearerToken, sendJSON, withQuery } from './http.js';
import { isCodeChallengeMethod, verifyCodeVerifier } from './pkce.js';

// Below the emulator's /x prefix: x.com/i/oauth2/authorize, api.x.com/2/oauth2/token, api.x.com/2/users/me.
const AUTHORIZE_PATH = /^\/i\/oauth2\/authorize$/;
const TOKEN_PATH = /^\/2\/oauth2\/token$/;
const ME_PATH = /^\/2\/users\/me$/;

/** The endpoint URLs below `base` (`<emulator.url>/x`). */
export function xEndpoints(base: string): XEndpoints {
  return {
    baseURL: base,
    authorizationURL: `${base}/i/oauth2/authorize`,
    tokenURL: `${base}/2/oauth2/token`,
    userProfileURL: `${base}/2/users/me`,
  };
}

// https://docs.x.com/x-api/fundamentals/data-dictionary#user
const USER_FIELDS = [
  'affiliation',
  'confirmed_email',
  'connection_status',
  'created_at',
  'description',
  'entities',
  'id',
  'location',
  'most_recent_tweet_id',
  'name',
  'pinned_tweet_id',
  'profile_banner_url',
  'profile_image_url',
  'protected',
  'public_metrics',
  'receives_your_dm',
  'subscription_type',
  'url',
  'username',
  'verified',
  'verified_type',
  'withheld',
];

function findClient(call: EndpointCall, clientID: string | undefined): EmulatorClient | undefined {
  return clientID === undefined ? undefined : call.ctx.clients.x.find((c) => c.clientID === clientID);
}

// https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
const dialect: AuthorizationDialect = {
  provider: 'x',
  title: 'X',
  check(call) {
    const { params } = call.req;
    // X shows "Something went wrong" rather than redirecting a malformed request.
    const fail = (detail: string) => ({ kind: 'errorPage' as const, status: 400, message: `Something went wrong. You weren't able to give access to the App. (${detail})` });
    if (params.response_type !== 'code') return fail('response_type must be code');
    const client = findClient(call, params.client_id);
    if (!client) return fail('unknown client_id');
    const sent = params.redirect_uri;
    if (sent === undefined || !isRedirectURI(sent)) return fail('redirect_uri is missing or invalid');
    if (client.redirectURIs !== undefined && !client.redirectURIs.includes(sent)) return fail('redirect_uri is not registered');
    if (params.state === undefined) return fail('state is required');
    // PKCE is mandatory at X.
    if (params.code_challenge === undefined) return fail('code_challenge is required');
    const method = params.code_challenge_method ?? 'plain';
    if (!isCodeChallengeMethod(method)) return fail('unsupported code_challenge_method');
    const scope = splitScope(params.scope, / +/);
    if (scope.length === 0) return fail('scope is required');
    return {
      kind: 'ok',
      request: { client, redirectURI: sent, sentRedirectURI: sent, scope, state: params.state, codeChallenge: params.code_challenge, codeChallengeMethod: method },
    };
  },
  approved(_call, request, code) {
    return withQuery(request.redirectURI, { state: request.state, code });
  },
  denied(_call, request) {
    return withQuery(request.redirectURI, { error: 'access_denied', state: request.state });
  },
  failed(_call, request, scenario) {
    return withQuery(request.redirectURI, { error: scenario.error, error_description: scenario.description, state: request.state });
  },
};

function sendTokenError(call: EndpointCall, status: number, error: string, description: string): void {
  sendJSON(call.res, status, { error, error_description: description });
}

/**
 * Client authentication as X does it: confidential clients with HTTP Basic (client_secret_basic),
 * public clients by `client_id` in the body and PKCE alone.
 */
function authenticateClient(call: EndpointCall): EmulatorClient | undefined {
  const { req } = call;
  const basic = basicCredentials(req.headers);
  const unauthorized = (): undefined => {
    sendTokenError(call, 401, 'unauthorized_client', 'Missing valid authorization header');
    return undefined;
  };
  if (basic) {
    const client = findClient(call, basic.id);
    if (!client || client.clientSecret === undefined || client.clientSecret !== basic.secret) return unauthorized();
    if (req.params.client_id !== undefined && req.params.client_id !== client.clientID) {
      sendTokenError(call, 400, 'invalid_request', 'Value passed for the client_id did not match the authorization header.');
      return undefined;
    }
    return client;
  }
  const client = findClient(call, req.params.client_id);
  // A confidential client must use the Authorization header, even if it sent the secret in the body.
  if (!client || client.clientSecret !== undefined) return unauthorized();
  return client;
}

function issueTokens(call: EndpointCall, client: EmulatorClient, userID: string, scope: readonly string[]): Record<string, unknown> {
  const { grants } = call.ctx;
  const ttl = call.ctx.x.tokenTTL;
  const accessToken = grants.issueAccessToken({ provider: 'x', clientID: client.clientID, userID, scope }, '', ttl);
  // https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token (step 3 response)
  const body: Record<string, unknown> = { token_type: 'bearer', expires_in: ttl, access_token: accessToken, scope: scope.join(' ') };
  // A refresh token only with `offline.access`.
  if (scope.includes('offline.access')) body.refresh_token = grants.issueRefreshToken({ provider: 'x', clientID: client.clientID, userID, scope }, '');
  return body;
}

function token(call: EndpointCall): void {
  const { ctx, req, res, scenario } = call;
  if (scenario?.kind === 'error') return sendTokenError(call, 400, scenario.error, scenario.description ?? scenario.error);
  const invalidCode = (): void => sendTokenError(call, 400, 'invalid_request', 'Value passed for the authorization code was invalid.');
  if (scenario?.kind === 'badCode') return invalidCode();

  const client = authenticateClient(call);
  if (!client) return;
  const grantType = req.params.grant_type;

  if (grantType === 'refresh_token') {
    const entry = ctx.grants.redeemRefreshToken(req.params.refresh_token, 'x');
    if (!entry || entry.clientID !== client.clientID) return sendTokenError(call, 400, 'invalid_request', 'Value passed for the token was invalid.');
    return sendJSON(res, 200, issueTokens(call, client, entry.userID, entry.scope));
  }
  if (grantType !== 'authorization_code') return sendTokenError(call, 400, 'invalid_request', 'Value passed for the grant_type was invalid.');

  const redeemed = ctx.grants.redeemCode(req.params.code, 'x');
  if (redeemed.status !== 'ok' || redeemed.grant.clientID !== client.clientID) return invalidCode();
  const { grant } = redeemed;
  if (req.params.redirect_uri !== grant.redirectURI) return sendTokenError(call, 400, 'invalid_request', 'Value passed for the redirect uri did not match the uri of the authorization code.');
  if (!verifyCodeVerifier(req.params.code_verifier, grant.codeChallenge ?? '', grant.codeChallengeMethod ?? 'plain')) {
    return sendTokenError(call, 400, 'invalid_request', 'Value passed for the code verifier did not match the code challenge.');
  }
  const body = issueTokens(call, client, grant.userID, grant.scope);
  ctx.grants.bindToCode(req.params.code!, String(body.access_token));
  sendJSON(res, 200, body);
}

// https://docs.x.com/x-api/users/get-my-user
function userPayload(user: EmulatorUser, fields: readonly string[]): Record<string, unknown> {
  const data: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
  const values: Record<string, unknown> = {
    created_at: new Date(user.createdAt).toISOString(),
    description: user.bio ?? '',
    location: user.location ?? undefined,
    profile_image_url: user.avatarURL,
    protected: false,
    public_metrics: { followers_count: 20, following_count: 10, tweet_count: 42, listed_count: 1, like_count: 7, media_count: 3 },
    url: '',
    verified: false,
    verified_type: 'none',
    confirmed_email: user.email ?? undefined,
  };
  for (const field of fields) {
    const value = values[field];
    if (value !== undefined) data[field] = value;
  }
  return { data };
}

function me(call: EndpointCall): void {
  const { ctx, req, res, scenario } = call;
  const unauthorized = (): void => sendJSON(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
  const lookup = ctx.grants.lookupAccessToken(bearerToken(req.headers), 'x');
  const user = lookup.status === 'ok' ? ctx.users.find((u) => u.id === lookup.record.userID) : undefined;
  if (scenario?.kind === 'expiredToken' || lookup.status !== 'ok' || !user) return unauthorized();
  if (!lookup.record.scope.includes('users.read') || !lookup.record.scope.includes('tweet.read')) {
    return sendJSON(res, 403, {
      title: 'Forbidden',
      type: 'about:blank',
      status: 403,
      detail: 'Missing scopes: /2/users/me needs users.read and tweet.read.',
    });
  }
  const fields = splitFieldList(req.params['user.fields']);
  const unknown = fields.filter((f) => !USER_FIELDS.includes(f));
  if (unknown.length > 0) {
    // https://docs.x.com/x-api/fundamentals/response-codes-and-errors
    return sendJSON(res, 400, {
      errors: [
        {
          parameters: { 'user.fields': [req.params['user.fields']] },
          message: `The \`user.fields\` query parameter value [${unknown[0]}] is not one of [${USER_FIELDS.join(',')}]`,
        },
      ],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    });
  }
  // `confirmed_email` needs the users.email scope.
  const visible = lookup.record.scope.includes('users.email') ? fields : fields.filter((f) => f !== 'confirmed_email');
  sendJSON(res, 200, userPayload(user, visible));
}

function splitFieldList(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').map((f) => f.trim()).filter((f) => f !== '');
}

export const xRoutes: readonly Route[] = [
  { endpoint: 'x.authorize', methods: ['GET', 'POST'], path: AUTHORIZE_PATH, handle: (call) => handleAuthorization(call, dialect) },
  { endpoint: 'x.token', methods: ['POST'], path: TOKEN_PATH, handle: token },
  { endpoint: 'x.me', methods: ['GET'], path: ME_PATH, handle: me },
];
