import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorConsumer } from '../clients.js';
import { OAuth1Problem, OAuth1Provider, type OAuth1AccessGrant } from '../oauth1-provider.js';
import type { TwitterEndpoints } from '../start-emulator.js';
import type { EmulatorUser } from '../users.js';
import { findUser } from '../users.js';
import { renderConsentPage, renderErrorPage } from './consent-page.js';
import type { EmulatorContext, EndpointCall, Route } from './context.js';
import { sendHTML, sendJSON, sendText } from './http.js';

// Paths as the OAuth 1.0a provider sees them: the full request path, /twitter prefix included.
const PREFIX = '/twitter';
const REQUEST_TOKEN_PATH = `${PREFIX}/oauth/request_token`;
const AUTHORIZE_PATH = `${PREFIX}/oauth/authorize`;
const AUTHENTICATE_PATH = `${PREFIX}/oauth/authenticate`;
const ACCESS_TOKEN_PATH = `${PREFIX}/oauth/access_token`;
const VERIFY_CREDENTIALS_PATH = `${PREFIX}/1.1/account/verify_credentials.json`;

/** The endpoint URLs below `base` (`<emulator.url>/twitter`). */
export function twitterEndpoints(base: string): TwitterEndpoints {
  return {
    baseURL: base,
    requestTokenURL: `${base}/oauth/request_token`,
    authorizationURL: `${base}/oauth/authorize`,
    authenticateURL: `${base}/oauth/authenticate`,
    accessTokenURL: `${base}/oauth/access_token`,
    userProfileURL: `${base}/1.1/account/verify_credentials.json`,
  };
}

// https://developer.x.com/en/support/x-api/error-troubleshooting (v1.1 error codes)
const COULD_NOT_AUTHENTICATE = { code: 32, message: 'Could not authenticate you.' };
const INVALID_TOKEN = { code: 89, message: 'Invalid or expired token.' };

function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === 't' || value === '1';
}

// Twitter's created_at: "Wed Oct 21 07:28:00 +0000 2015".
function twitterDate(iso: string): string {
  const d = new Date(iso);
  const [weekday, month] = [d.toUTCString().slice(0, 3), d.toUTCString().slice(8, 11)];
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${weekday} ${month} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
}

/** The v1.1 user object verify_credentials returns, shaped by its query options. */
// https://developer.x.com/en/docs/twitter-api/v1/accounts-and-users/manage-account-settings/api-reference/get-account-verify_credentials
function verifyCredentialsPayload(user: EmulatorUser, query: URLSearchParams, consumer: EmulatorConsumer | undefined): Record<string, unknown> {
  const includeEntities = query.get('include_entities') !== 'false' && query.get('include_entities') !== '0';
  const payload: Record<string, unknown> = {
    id: Number(user.id),
    id_str: user.id,
    name: user.name,
    screen_name: user.username,
    location: user.location ?? '',
    description: user.bio ?? '',
    url: null,
    ...(includeEntities ? { entities: { description: { urls: [] } } } : {}),
    protected: false,
    followers_count: 20,
    friends_count: 10,
    listed_count: 1,
    created_at: twitterDate(user.createdAt),
    favourites_count: 7,
    utc_offset: null,
    time_zone: null,
    geo_enabled: false,
    verified: false,
    statuses_count: 42,
    lang: null,
    contributors_enabled: false,
    is_translator: false,
    is_translation_enabled: false,
    profile_background_color: 'F5F8FA',
    profile_background_image_url: null,
    profile_background_image_url_https: null,
    profile_background_tile: false,
    profile_image_url: user.avatarURL.replace(/^https:/, 'http:'),
    profile_image_url_https: user.avatarURL,
    profile_link_color: '1DA1F2',
    profile_sidebar_border_color: 'C0DEED',
    profile_sidebar_fill_color: 'DDEEF6',
    profile_text_color: '333333',
    profile_use_background_image: true,
    has_extended_profile: false,
    default_profile: true,
    default_profile_image: false,
    following: false,
    follow_request_sent: false,
    notifications: false,
    translator_type: 'none',
    withheld_in_countries: [],
    suspended: false,
    needs_phone_verification: false,
  };
  if (!isTrue(query.get('skip_status') ?? undefined)) {
    payload.status = {
      created_at: twitterDate(user.createdAt),
      id: 1050118621198921700,
      id_str: '1050118621198921728',
      text: 'Hello from the emulator.',
      truncated: false,
      ...(includeEntities ? { entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] } } : {}),
      source: 'passport-kit emulator',
      retweet_count: 0,
      favorite_count: 0,
      favorited: false,
      retweeted: false,
      lang: 'en',
    };
  }
  // `email` only with include_email=true and the app's email permission; null when there is none.
  if (isTrue(query.get('include_email') ?? undefined) && (consumer?.emailAccess ?? true)) payload.email = user.email;
  return payload;
}

/**
 * Twitter on top of the signature-verifying OAuth 1.0a provider: Twitter's paths, its error
 * bodies, `authenticate` as well as `authorize`, and verify_credentials with its options.
 */
class TwitterProvider extends OAuth1Provider {
  readonly #ctx: EmulatorContext;

  constructor(ctx: EmulatorContext) {
    super({
      consumers: ctx.clients.twitter.map((c) => ({ key: c.consumerKey, secret: c.consumerSecret })),
      users: ctx.users.map((u) => ({ id: u.id, username: u.username, displayName: u.name })),
      consent: 'auto',
      errorFormat: 'json',
      paths: { requestToken: REQUEST_TOKEN_PATH, authorize: AUTHORIZE_PATH, accessToken: ACCESS_TOKEN_PATH, resource: VERIFY_CREDENTIALS_PATH },
    });
    this.#ctx = ctx;
  }

  /** Serves one request; OAuth 1.0a refusals become Twitter-shaped error responses. */
  async dispatch(call: EndpointCall, req: IncomingMessage): Promise<void> {
    const { res } = call;
    try {
      const path = call.req.url.pathname;
      if (path === VERIFY_CREDENTIALS_PATH) return this.verifyCredentials(call, req);
      if (path === AUTHORIZE_PATH || path === AUTHENTICATE_PATH) return await this.authorizeStep(call, req);
      if (path === REQUEST_TOKEN_PATH && !this.callbackApproved(call, req)) return;
      await this.route(req, res, call.req.rawBody);
    } catch (err) {
      if (!(err instanceof OAuth1Problem)) throw err;
      this.sendProblem(res, err, req.url ?? '/');
    }
  }

  // Twitter error bodies: {"errors":[{"code":32,"message":"Could not authenticate you."}]}, and plain
  // text from the access-token step.
  protected override sendProblem(res: ServerResponse, problem: OAuth1Problem, requestPath: string): void {
    const path = requestPath.split('?')[0];
    if (path === ACCESS_TOKEN_PATH && problem.status === 401) {
      const text = problem.problem === 'verifier_invalid' ? 'Error processing your OAuth request: Invalid oauth_verifier parameter' : 'Invalid request token.';
      return sendText(res, 401, 'text/plain; charset=utf-8', text);
    }
    if (problem.status === 401) {
      const error = problem.problem === 'token_rejected' && path === VERIFY_CREDENTIALS_PATH ? INVALID_TOKEN : COULD_NOT_AUTHENTICATE;
      return sendJSON(res, 401, { errors: [error] }, { 'www-authenticate': 'OAuth realm="https://api.twitter.com"' });
    }
    if (problem.status === 400) return sendJSON(res, 400, { errors: [{ code: 215, message: 'Bad Authentication data.' }] });
    super.sendProblem(res, problem, requestPath);
  }

  /** Twitter refuses an oauth_callback the app has not registered (error 415). */
  private callbackApproved(call: EndpointCall, req: IncomingMessage): boolean {
    const parsed = this.parse(req, call.req.rawBody);
    const consumer = this.#ctx.clients.twitter.find((c) => c.consumerKey === parsed.oauth.oauth_consumer_key);
    const callback = parsed.oauth.oauth_callback;
    if (consumer?.callbackURLs === undefined || callback === undefined || callback === 'oob' || consumer.callbackURLs.includes(callback)) return true;
    sendJSON(call.res, 403, {
      errors: [{ code: 415, message: 'Callback URL not approved for this client application. Approved callback URLs can be adjusted in your application settings' }],
    });
    return false;
  }

  /**
   * authorize and authenticate: decide who approves (consent page, login_hint, autoApprove,
   * `screen_name`), then let the OAuth 1.0a provider bind the request token and redirect.
   */
  private async authorizeStep(call: EndpointCall, req: IncomingMessage): Promise<void> {
    const { ctx, res, scenario } = call;
    const params = call.req.params;
    const forward = async (fields: Record<string, string>): Promise<void> => {
      req.method = 'GET';
      req.url = `${AUTHORIZE_PATH}?${new URLSearchParams(fields).toString()}`;
      await this.route(req, res, '');
    };
    const token = params.oauth_token ?? '';
    if (scenario?.kind === 'deny' || params.decision === 'deny') return forward({ oauth_token: token, decision: 'deny' });
    if (call.req.method === 'POST' && params.decision === 'approve') {
      const user = params.user === undefined ? undefined : findUser(ctx.users, params.user);
      if (!user) return sendHTML(res, 400, renderErrorPage('Twitter', 'Pick a user, then Approve or Deny.'));
      return forward({ oauth_token: token, user: user.id });
    }
    if (params.login_hint !== undefined) {
      const user = findUser(ctx.users, params.login_hint);
      if (!user) return sendHTML(res, 400, renderErrorPage('Twitter', `No emulator user matches login_hint ${JSON.stringify(params.login_hint)}.`));
      return forward({ oauth_token: token, user: user.id });
    }
    const hinted = params.screen_name === undefined ? undefined : findUser(ctx.users, params.screen_name);
    const autoApprove = ctx.autoApprove();
    if (autoApprove !== false) {
      const user = typeof autoApprove === 'string' ? findUser(ctx.users, autoApprove) : (hinted ?? ctx.users[0]);
      if (!user) return sendHTML(res, 500, renderErrorPage('Twitter', `autoApprove names no emulator user: ${JSON.stringify(autoApprove)}.`));
      return forward({ oauth_token: token, user: user.id });
    }
    sendHTML(
      res,
      200,
      renderConsentPage({
        providerTitle: 'Twitter',
        applicationName: this.applicationName(token),
        scopes: [],
        users: ctx.users,
        selectedUserID: hinted?.id,
        action: call.req.url.pathname,
        params: { oauth_token: token, ...(params.force_login === undefined ? {} : { force_login: params.force_login }) },
      }),
    );
  }

  /** The registered name of the app that asked for the request token, as Twitter's authorize page shows it. */
  private applicationName(requestToken: string): string {
    const consumerKey = this.consumerKeyOf(requestToken);
    const consumer = this.#ctx.clients.twitter.find((c) => c.consumerKey === consumerKey);
    return consumer?.name ?? consumerKey ?? 'an unknown application';
  }

  private verifyCredentials(call: EndpointCall, req: IncomingMessage): void {
    const { ctx, res, scenario } = call;
    const grant: OAuth1AccessGrant = this.verifyAccess(this.parse(req, call.req.rawBody));
    if (scenario?.kind === 'expiredToken') return sendJSON(res, 401, { errors: [INVALID_TOKEN] });
    const user = ctx.users.find((u) => u.id === grant.user.id)!;
    const consumer = ctx.clients.twitter.find((c) => c.consumerKey === grant.consumerKey);
    sendJSON(res, 200, verifyCredentialsPayload(user, call.req.url.searchParams, consumer), { 'x-access-level': consumer?.accessLevel ?? 'read-write' });
  }
}

/** Twitter's routes, bound to one emulator's provider instance. */
export function twitterRoutes(ctx: EmulatorContext): readonly Route[] {
  const provider = new TwitterProvider(ctx);
  const handle = (call: EndpointCall): Promise<void> => provider.dispatch(call, call.incoming);
  return [
    { endpoint: 'twitter.requestToken', methods: ['POST'], path: /^\/oauth\/request_token$/, handle },
    { endpoint: 'twitter.authorize', methods: ['GET', 'POST'], path: /^\/oauth\/(?:authorize|authenticate)$/, handle },
    {
      endpoint: 'twitter.accessToken',
      methods: ['POST'],
      path: /^\/oauth\/access_token$/,
      handle: (call) => {
        if (call.scenario?.kind === 'badCode') return sendText(call.res, 401, 'text/plain; charset=utf-8', 'Error processing your OAuth request: Invalid oauth_verifier parameter');
        return handle(call);
      },
    },
    { endpoint: 'twitter.verifyCredentials', methods: ['GET'], path: /^\/1\.1\/account\/verify_credentials\.json$/, handle },
  ];
}
