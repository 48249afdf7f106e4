import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EmulatorClient } from '../clients.js';
import type { FacebookEndpoints } from '../start-emulator.js';
import type { EmulatorUser } from '../users.js';
import { handleAuthorization, isRedirectURI, splitScope, type AuthorizationDialect } from './authorization-flow.js';
import type { EndpointCall, Route } from './context.js';
import { bearerToken, sendJSON, withQuery } from './http.js';
import { isCodeChallengeMethod, verifyCodeVerifier } from './pkce.js';

// Facebook serves every Graph API version; an unversioned path means the oldest available one.
const VERSION = String.raw`(?:\/v\d+\.\d+)?`;
const DIALOG_PATH = new RegExp(`^${VERSION}\\/dialog\\/oauth$`);
const TOKEN_PATH = new RegExp(`^${VERSION}\\/oauth\\/access_token$`);
const ME_PATH = new RegExp(`^${VERSION}\\/me$`);

/** The endpoint URLs below `base` (`<emulator.url>/facebook`), with the Graph API version in the path. */
export function facebookEndpoints(base: string, graphAPIVersion: string): FacebookEndpoints {
  return {
    baseURL: base,
    graphAPIVersion,
    authorizationURL: `${base}/${graphAPIVersion}/dialog/oauth`,
    tokenURL: `${base}/${graphAPIVersion}/oauth/access_token`,
    profileURL: `${base}/${graphAPIVersion}/me`,
  };
}

interface GraphError {
  readonly message: string;
  readonly type: string;
  readonly code: number;
  readonly error_subcode?: number;
}

/** Facebook's object-valued error, HTTP 400, with a fresh trace id. */
// https://developers.facebook.com/docs/graph-api/guides/error-handling
function sendGraphError(call: EndpointCall, error: GraphError, status = 400): void {
  const fbtraceID = randomBytes(8).toString('base64url');
  const headers: Record<string, string> = {};
  if (error.type === 'OAuthException') {
    headers['www-authenticate'] = `OAuth "Facebook Platform" "invalid_token" "${error.message.replace(/"/g, "'")}"`;
  }
  sendJSON(call.res, status, { error: { ...error, fbtrace_id: fbtraceID } }, headers);
}

function findClient(call: EndpointCall, clientID: string | undefined): EmulatorClient | undefined {
  return clientID === undefined ? undefined : call.ctx.clients.facebook.find((c) => c.clientID === clientID);
}

// Facebook appends `#_=_` to the redirect after its dialog.
const FRAGMENT = '_=_';

const dialect: AuthorizationDialect = {
  provider: 'facebook',
  title: 'Facebook',
  check(call) {
    const { params } = call.req;
    const client = findClient(call, params.client_id);
    if (!client) return { kind: 'errorPage', status: 400, message: 'Invalid App ID: The provided app ID does not look like a valid app ID.' };
    const sent = params.redirect_uri;
    if (sent === undefined || !isRedirectURI(sent)) return { kind: 'errorPage', status: 400, message: "Can't load URL: the redirect_uri is missing or invalid." };
    // Strict mode: the redirect URI must equal a Valid OAuth Redirect URI exactly.
    if (client.redirectURIs !== undefined && !client.redirectURIs.includes(sent)) {
      return { kind: 'errorPage', status: 400, message: "URL blocked: This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings." };
    }
    let codeChallengeMethod;
    if (params.code_challenge !== undefined) {
      const method = params.code_challenge_method ?? 'plain';
      if (!isCodeChallengeMethod(method)) return { kind: 'errorPage', status: 400, message: 'Invalid code_challenge_method.' };
      codeChallengeMethod = method;
    }
    return {
      kind: 'ok',
      request: {
        client,
        redirectURI: sent,
        sentRedirectURI: sent,
        scope: splitScope(params.scope),
        state: params.state,
        codeChallenge: params.code_challenge,
        codeChallengeMethod,
      },
    };
  },
  // https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#confirm
  approved(_call, request, code) {
    return withQuery(request.redirectURI, { code, state: request.state }, FRAGMENT);
  },
  // https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#cancel
  denied(_call, request) {
    return withQuery(
      request.redirectURI,
      { error: 'access_denied', error_code: '200', error_description: 'Permissions error', error_reason: 'user_denied', state: request.state },
      FRAGMENT,
    );
  },
  // Errors other than a denial come back as error_code/error_message, without `error`.
  failed(_call, request, scenario) {
    return withQuery(
      request.redirectURI,
      { error_code: String(scenario.code ?? 100), error_message: scenario.description ?? scenario.error, state: request.state },
      FRAGMENT,
    );
  },
};

function exchangeCode(call: EndpointCall): void {
  const { ctx, req, res, scenario } = call;
  if (scenario?.kind === 'error') {
    const error: GraphError = { message: scenario.description ?? 'An unknown error has occurred.', type: scenario.error, code: scenario.code ?? 1 };
    return sendGraphError(call, scenario.subcode === undefined ? error : { ...error, error_subcode: scenario.subcode });
  }
  if (scenario?.kind === 'badCode') return sendGraphError(call, { message: 'Invalid verification code format.', type: 'OAuthException', code: 100 });

  const client = findClient(call, req.params.client_id);
  if (!client) return sendGraphError(call, { message: 'Error validating application. Invalid application ID.', type: 'OAuthException', code: 101 });
  if (req.params.redirect_uri === undefined) return sendGraphError(call, { message: 'Missing redirect_uri parameter.', type: 'OAuthException', code: 191 });
  const secretError: GraphError = { message: 'Error validating client secret.', type: 'OAuthException', code: 1 };
  const secret = req.params.client_secret;
  if (secret !== undefined && secret !== client.clientSecret) return sendGraphError(call, secretError);

  const redeemed = ctx.grants.redeemCode(req.params.code, 'facebook');
  if (redeemed.status === 'used') return sendGraphError(call, { message: 'This authorization code has been used.', type: 'OAuthException', code: 100, error_subcode: 36009 });
  if (redeemed.status === 'expired') return sendGraphError(call, { message: 'This authorization code has expired.', type: 'OAuthException', code: 100, error_subcode: 36007 });
  if (redeemed.status !== 'ok' || redeemed.grant.clientID !== client.clientID) {
    return sendGraphError(call, { message: 'Invalid verification code format.', type: 'OAuthException', code: 100 });
  }
  const { grant } = redeemed;
  // With PKCE the secret may be left out; without PKCE the app must send it.
  if (grant.codeChallenge === undefined && secret === undefined) return sendGraphError(call, secretError);
  if (grant.codeChallenge !== undefined && !verifyCodeVerifier(req.params.code_verifier, grant.codeChallenge, grant.codeChallengeMethod ?? 'plain')) {
    return sendGraphError(call, { message: 'Invalid code verifier.', type: 'OAuthException', code: 100 });
  }
  if (req.params.redirect_uri !== grant.redirectURI) {
    return sendGraphError(call, {
      message: 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      type: 'OAuthException',
      code: 100,
      error_subcode: 36008,
    });
  }

  const accessToken = ctx.grants.issueAccessToken({ provider: 'facebook', clientID: client.clientID, userID: grant.userID, scope: grant.scope }, 'EAA', ctx.facebook.tokenTTL);
  ctx.grants.bindToCode(req.params.code!, accessToken);
  // https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#exchangecode
  sendJSON(res, 200, { access_token: accessToken, token_type: 'bearer', expires_in: ctx.facebook.tokenTTL });
}

/** `appsecret_proof`: HMAC-SHA256 of the access token keyed by the app secret, hex. */
// https://developers.facebook.com/docs/graph-api/securing-requests#appsecret_proof
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}

/** Splits `fields` at top-level commas: `id,picture.type(large),friends{name,id}`. */
function splitFields(value: string): string[] {
  const fields: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value) {
    if (ch === '(' || ch === '{') depth += 1;
    if (ch === ')' || ch === '}') depth -= 1;
    if (ch === ',' && depth === 0) {
      fields.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') fields.push(current.trim());
  return fields.filter((f) => f !== '');
}

// https://developers.facebook.com/docs/graph-api/reference/user/picture/
function picture(user: EmulatorUser, modifiers: string): Record<string, unknown> {
  const sizes: Record<string, number> = { square: 50, small: 50, normal: 100, album: 50, large: 200 };
  const type = /\.type\((\w+)\)/.exec(modifiers)?.[1];
  const width = Number(/\.width\((\d+)\)/.exec(modifiers)?.[1] ?? sizes[type ?? 'square'] ?? 50);
  const height = Number(/\.height\((\d+)\)/.exec(modifiers)?.[1] ?? width);
  return { data: { height, is_silhouette: false, url: user.avatarURL, width } };
}

// Fields Facebook knows but the emulator has no data for: omitted, as Facebook omits ungranted ones.
const KNOWN_EMPTY_FIELDS = new Set(['gender', 'birthday', 'link', 'locale', 'timezone', 'age_range', 'hometown', 'location', 'verified', 'updated_time', 'about']);

/** The `/me` node with the requested fields, or the name of a field that does not exist. */
// https://developers.facebook.com/docs/graph-api/reference/user/
function mePayload(user: EmulatorUser, fieldsParam: string | undefined, scope: readonly string[]): Record<string, unknown> | { unknownField: string } {
  const [first, ...rest] = user.name.split(' ');
  const last = rest.length > 0 ? rest[rest.length - 1]! : '';
  const middle = rest.length > 1 ? rest.slice(0, -1).join(' ') : undefined;
  const payload: Record<string, unknown> = {};
  for (const field of splitFields(fieldsParam ?? 'id,name')) {
    const name = /^[a-z_]+/.exec(field)?.[0] ?? field;
    switch (name) {
      case 'id':
        payload.id = user.id;
        break;
      case 'name':
        payload.name = user.name;
        break;
      case 'first_name':
        payload.first_name = first ?? user.name;
        break;
      case 'last_name':
        payload.last_name = last;
        break;
      case 'middle_name':
        if (middle !== undefined) payload.middle_name = middle;
        break;
      case 'short_name':
        payload.short_name = first ?? user.name;
        break;
      case 'name_format':
        payload.name_format = '{first} {last}';
        break;
      case 'email':
        // Only with the `email` permission, and only for accounts that have one.
        if (scope.includes('email') && user.email !== null) payload.email = user.email;
        break;
      case 'picture':
        payload.picture = picture(user, field.slice(name.length));
        break;
      default:
        // `username` left the Graph API in v2.0: asking for it is an error, as for any unknown field.
        if (!KNOWN_EMPTY_FIELDS.has(name)) return { unknownField: name };
    }
  }
  // Facebook always returns the id.
  if (!('id' in payload)) payload.id = user.id;
  return payload;
}

function me(call: EndpointCall): void {
  const { ctx, req, res, scenario } = call;
  // The token may come in the Authorization header (Bearer or OAuth) or as access_token.
  const token = bearerToken(req.headers) ?? req.params.access_token;
  if (token === undefined) {
    return sendGraphError(call, { message: 'An active access token must be used to query information about the current user.', type: 'OAuthException', code: 2500 });
  }
  const lookup = ctx.grants.lookupAccessToken(token, 'facebook');
  if (lookup.status === 'expired' || (lookup.status === 'ok' && scenario?.kind === 'expiredToken')) {
    return sendGraphError(call, {
      message: 'Error validating access token: Session has expired on Thursday, 01-Jan-26 00:00:00 PST. The current time is Friday, 02-Jan-26 00:00:00 PST.',
      type: 'OAuthException',
      code: 190,
      error_subcode: 463,
    });
  }
  const user = lookup.status === 'ok' ? ctx.users.find((u) => u.id === lookup.record.userID) : undefined;
  if (lookup.status !== 'ok' || !user) return sendGraphError(call, { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 });

  const client = ctx.clients.facebook.find((c) => c.clientID === lookup.record.clientID);
  const proof = req.params.appsecret_proof;
  if (proof !== undefined) {
    const expected = Buffer.from(appSecretProof(token, client?.clientSecret ?? ''));
    const given = Buffer.from(proof);
    if (client?.clientSecret === undefined || expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return sendGraphError(call, { message: 'Invalid appsecret_proof provided in the API argument', type: 'GraphMethodException', code: 100 });
    }
  } else if (ctx.facebook.requireAppSecretProof) {
    return sendGraphError(call, { message: 'API calls from the server require an appsecret_proof argument', type: 'GraphMethodException', code: 100 });
  }

  const payload = mePayload(user, req.params.fields, lookup.record.scope);
  if ('unknownField' in payload) {
    return sendGraphError(call, { message: `(#100) Tried accessing nonexisting field (${String(payload.unknownField)}) on node type (User)`, type: 'OAuthException', code: 100 });
  }
  sendJSON(res, 200, payload);
}

export const facebookRoutes: readonly Route[] = [
  { endpoint: 'facebook.authorize', methods: ['GET', 'POST'], path: DIALOG_PATH, handle: (call) => handleAuthorization(call, dialect) },
  { endpoint: 'facebook.token', methods: ['GET', 'POST'], path: TOKEN_PATH, handle: exchangeCode },
  { endpoint: 'facebook.me', methods: ['GET'], path: ME_PATH, handle: me },
];
