// panva's oidc-provider, started in-process on loopback: the real authorization server the OAuth2
// fixtures are recorded against, the live interop suite runs against, and the example app uses.
import { generateKeyPairSync, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type InteractionDetails } from 'oidc-provider';

/** The installed oidc-provider version, for a recording's `against` field. */
export const OIDC_PROVIDER_VERSION: string = (createRequire(import.meta.url)('oidc-provider/package.json') as { version: string }).version;

/** A registered client. `clientSecret` is absent for the public client. */
export interface TestClient {
  clientID: string;
  clientSecret?: string;
  tokenEndpointAuthMethod: 'client_secret_post' | 'client_secret_basic' | 'none';
}

/** Test accounts with fixed claims; any other login name gets claims derived from the name. */
export const TEST_ACCOUNTS = {
  alice: { sub: 'alice', name: 'Alice Liddell', email: 'alice@example.test', email_verified: true, picture: 'https://example.test/alice.png' },
  bob: { sub: 'bob', name: 'Bob Tables', email: 'bob@example.test', email_verified: false, picture: 'https://example.test/bob.png' },
} as const;

/** The three clients every test provider registers (fixed ids and secrets: recordings depend on them). */
export const TEST_CLIENTS = {
  secretPost: { clientID: 'client-secret-post', clientSecret: 'secret-post-5kY2rQ8vXo3nLm7w', tokenEndpointAuthMethod: 'client_secret_post' },
  secretBasic: { clientID: 'client-secret-basic', clientSecret: 'secret-basic-Jq4tZp9eWc1hRb6u', tokenEndpointAuthMethod: 'client_secret_basic' },
  public: { clientID: 'public-client', tokenEndpointAuthMethod: 'none' },
} as const satisfies Record<string, TestClient>;

/**
 * The password every {@link TEST_ACCOUNTS} account has for the password grant (RFC 6749 §4.3),
 * which only `TEST_GRANT_CLIENTS.legacy` may use.
 */
export const TEST_PASSWORD = 'correct-horse-battery-staple-8Jd2';

/**
 * Clients for the token endpoint grants beyond the authorization code (fixed ids and secrets:
 * recordings depend on them): machine-to-machine with `client_secret_basic`, and the two JWT
 * client authentication methods of RFC 7523 (`private_key_jwt` with {@link testClientPrivateKey},
 * `client_secret_jwt` with its secret); these three may use client_credentials. `legacy` may use
 * the password grant (and refresh what it gets with offline_access); `exchange`, a backend
 * service, may use token exchange (RFC 8693). All may introspect tokens.
 */
export const TEST_GRANT_CLIENTS = {
  machine: { clientID: 'm2m-client', clientSecret: 'm2m-secret-Vd3kP0qLx8sT2wYz', tokenEndpointAuthMethod: 'client_secret_basic' },
  privateKeyJwt: { clientID: 'private-key-jwt-client', tokenEndpointAuthMethod: 'private_key_jwt' },
  clientSecretJwt: { clientID: 'client-secret-jwt-client', clientSecret: 'client-secret-jwt-secret-Hq7mN2vB9xK4pL6sR1tW8yZ3', tokenEndpointAuthMethod: 'client_secret_jwt' },
  legacy: { clientID: 'legacy-password-client', clientSecret: 'legacy-secret-Tn5wQ1zR8cLx4Hv0', tokenEndpointAuthMethod: 'client_secret_post' },
  exchange: { clientID: 'token-exchange-service', clientSecret: 'exchange-secret-Pb7sK3mY9dWq2Fe6', tokenEndpointAuthMethod: 'client_secret_basic' },
} as const;

/** The grant type of token exchange (RFC 8693 §2.1). */
export const TOKEN_EXCHANGE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/**
 * The one logical `audience` (RFC 8693 §2.1) the provider exchanges tokens for, besides the
 * resource {@link TEST_API}: the exchanged access token is opaque and introspects with this `aud`.
 */
export const TEST_EXCHANGE_AUDIENCE = 'billing-api';

/**
 * A resource server (RFC 8707) the provider issues JWT access tokens for (RFC 9068: `typ`
 * `at+jwt`, signed with the provider's key, published at `jwksURL`): ask for it with
 * `resource` in a client_credentials request.
 */
export const TEST_API = { resource: 'https://api.example.test/todos', scope: 'todos:read todos:write' } as const;

let clientKey: { privateKey: KeyObject; publicJwk: Record<string, unknown> } | undefined;

/** The `private_key_jwt` client's ES256 key pair (one per process); its public JWK is registered with kid `client-key-1`. */
export function testClientPrivateKey(): { privateKey: KeyObject; publicJwk: Record<string, unknown> } {
  if (clientKey === undefined) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    clientKey = { privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid: 'client-key-1', alg: 'ES256', use: 'sig' } };
  }
  return clientKey;
}

export interface OidcProviderOptions {
  /** Port on 127.0.0.1; a fixed one keeps the issuer stable across recordings. Default: ephemeral. */
  port?: number;
  /** Redirect URIs registered for every client (oidc-provider compares them exactly). */
  redirectURIs: string[];
  /** The name the login and consent pages give the {@link TEST_CLIENTS} (`client_name`). Default `passport-kit test app`. */
  clientName?: string;
}

/** A running oidc-provider. */
export interface OidcProvider {
  /** The issuer, `http://127.0.0.1:<port>`; also the `iss` sent on every authorization response (RFC 9207). */
  readonly issuer: string;
  readonly authorizationURL: string;
  readonly tokenURL: string;
  readonly userInfoURL: string;
  readonly revocationURL: string;
  readonly introspectionURL: string;
  /** The provider's signing keys (JWKS), e.g. for verifying JWT access tokens for {@link TEST_API}. */
  readonly jwksURL: string;
  readonly clients: typeof TEST_CLIENTS;
  /** The underlying `oidc-provider` instance, for anything not wrapped here. */
  readonly provider: Provider;
  close(): Promise<void>;
}

const OIDC_SCOPES = ['openid', 'offline_access', 'profile', 'email'];

const ROUTES = {
  authorization: '/auth',
  token: '/token',
  userinfo: '/me',
  revocation: '/token/revocation',
  introspection: '/token/introspection',
  jwks: '/jwks',
  end_session: '/session/end',
};

/**
 * Starts oidc-provider on 127.0.0.1 with three clients (`client_secret_post`,
 * `client_secret_basic`, and a public client that must use PKCE S256), scopes `openid profile
 * email offline_access`, refresh tokens, revocation and introspection, plus the clients of
 * {@link TEST_GRANT_CLIENTS} for client credentials, the password grant and token exchange (the
 * last two are registered here: oidc-provider has neither built in). Logins go through small
 * built-in interaction pages (any login name is accepted; see {@link loginThroughProvider} in
 * `browserless-login.ts` to drive them over HTTP).
 *
 * @example
 * const op = await startOidcProvider({ redirectURIs: ['http://127.0.0.1:3000/auth/callback'] });
 * // ... authorizationURL: op.authorizationURL, tokenURL: op.tokenURL, issuer: op.issuer ...
 * await op.close();
 */
export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProvider> {
  // The issuer names the port, so the provider is made once the server listens.
  const started: { provider?: Provider; handle?: ReturnType<Provider['callback']> } = {};
  const server = createServer((req, res) => {
    const { provider, handle } = started;
    if (provider === undefined || handle === undefined) return void res.writeHead(503).end();
    void handleInteraction(provider, req, res).then((handled) => {
      if (!handled) handle(req, res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, configuration(options.redirectURIs, options.clientName ?? 'passport-kit test app'));
  registerExtensionGrants(provider);
  started.provider = provider;
  started.handle = provider.callback();

  return {
    issuer,
    authorizationURL: issuer + ROUTES.authorization,
    tokenURL: issuer + ROUTES.token,
    userInfoURL: issuer + ROUTES.userinfo,
    revocationURL: issuer + ROUTES.revocation,
    introspectionURL: issuer + ROUTES.introspection,
    jwksURL: issuer + ROUTES.jwks,
    clients: TEST_CLIENTS,
    provider,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function configuration(redirectURIs: string[], clientName: string): Record<string, unknown> {
  return {
    adapter: memoryAdapter(),
    clients: [
      ...Object.values(TEST_CLIENTS).map((client) => ({
        client_id: client.clientID,
        client_name: clientName,
        ...('clientSecret' in client ? { client_secret: client.clientSecret } : {}),
        token_endpoint_auth_method: client.tokenEndpointAuthMethod,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: redirectURIs,
      })),
      ...grantClients(),
    ],
    claims: { openid: ['sub'], profile: ['name', 'picture'], email: ['email', 'email_verified'] },
    scopes: OIDC_SCOPES,
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => claimsFor(sub) }),
    features: {
      devInteractions: { enabled: false },
      introspection: { enabled: true, allowedPolicy: introspectionAllowed },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: { enabled: true, getResourceServerInfo: resourceServerInfo },
      rpInitiatedLogout: { enabled: false },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { methods: ['S256'], required: (_ctx: unknown, client: { clientAuthMethod: string }) => client.clientAuthMethod === 'none' },
    routes: ROUTES,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [signingKey()] },
    // The `act` claim (RFC 8693 §4.1) of a delegated token exchange; introspection returns it.
    extraTokenClaims: (_ctx: unknown, token: object) => exchangeActors.get(token),
    ttl: { AccessToken: 3600, AuthorizationCode: 60, ClientCredentials: 600, IdToken: 3600, RefreshToken: 86_400, Interaction: 600, Session: 3600, Grant: 86_400 },
    renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'text/plain';
      ctx.body = Object.entries(out).map(([key, value]) => `${key}: ${value}`).join('\n');
    },
  };
}

function grantClients(): Record<string, unknown>[] {
  const { machine, privateKeyJwt, clientSecretJwt, legacy, exchange } = TEST_GRANT_CLIENTS;
  const common = { grant_types: ['client_credentials'], response_types: [], redirect_uris: [] };
  return [
    { ...common, client_id: machine.clientID, client_secret: machine.clientSecret, token_endpoint_auth_method: machine.tokenEndpointAuthMethod },
    { ...common, client_id: privateKeyJwt.clientID, token_endpoint_auth_method: privateKeyJwt.tokenEndpointAuthMethod, jwks: { keys: [testClientPrivateKey().publicJwk] } },
    { ...common, client_id: clientSecretJwt.clientID, client_secret: clientSecretJwt.clientSecret, token_endpoint_auth_method: clientSecretJwt.tokenEndpointAuthMethod },
    { ...common, grant_types: ['password', 'refresh_token'], client_id: legacy.clientID, client_secret: legacy.clientSecret, token_endpoint_auth_method: legacy.tokenEndpointAuthMethod },
    { ...common, grant_types: [TOKEN_EXCHANGE_GRANT_TYPE], client_id: exchange.clientID, client_secret: exchange.clientSecret, token_endpoint_auth_method: exchange.tokenEndpointAuthMethod },
  ];
}

// Only TEST_API is a known resource server; its access tokens are RFC 9068 JWTs.
function resourceServerInfo(_ctx: unknown, resourceIndicator: string): Record<string, unknown> {
  if (resourceIndicator !== TEST_API.resource) throw new (errors['InvalidTarget'] as new () => Error)();
  return { scope: TEST_API.scope, audience: TEST_API.resource, accessTokenTTL: 600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
}

function claimsFor(sub: string): Record<string, unknown> {
  const known = (TEST_ACCOUNTS as Record<string, (typeof TEST_ACCOUNTS)[keyof typeof TEST_ACCOUNTS]>)[sub];
  if (known !== undefined) return { ...known };
  const local = sub.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '') || 'user';
  return { sub, name: sub, email: `${local}@example.test`, email_verified: false };
}

function introspectionAllowed(_ctx: unknown, client: { clientId: string; clientAuthMethod: string }, token: { clientId?: string }): boolean {
  // A confidential client may introspect any token; a public one only its own.
  return client.clientAuthMethod !== 'none' || token.clientId === client.clientId;
}

// The password grant (RFC 6749 §4.3) and token exchange (RFC 8693), which oidc-provider 8 does
// not implement, registered as extension grants. Each saves a Grant for the requesting client,
// as oidc-provider's own grants do, so the issued tokens introspect, refresh and revoke like any other.

const TOKEN_TYPE = {
  accessToken: 'urn:ietf:params:oauth:token-type:access_token',
  idToken: 'urn:ietf:params:oauth:token-type:id_token',
} as const;

/** The slice of oidc-provider's token endpoint context a grant handler uses (the package ships no types). */
interface GrantContext {
  oidc: {
    params: Record<string, string | string[] | undefined>;
    client: { clientId: string; grantTypeAllowed(grantType: string): boolean };
    provider: ExtensionGrantProvider;
  };
  body: unknown;
}

interface IssuedToken {
  accountId?: string;
  clientId: string;
  scope?: string | undefined;
  aud?: string;
  readonly expiration: number;
  readonly tokenType: string;
  resourceServer?: unknown;
  setAudience(audience: string): void;
  save(): Promise<string>;
}

interface ExtensionGrantProvider {
  Grant: new (properties: { accountId: string; clientId: string }) => {
    addOIDCScope(scope: string): void;
    addResourceScope(indicator: string, scope: string): void;
    save(): Promise<string>;
  };
  AccessToken: {
    new (properties: Record<string, unknown>): IssuedToken;
    find(value: string): Promise<IssuedToken | undefined>;
  };
  RefreshToken: new (properties: Record<string, unknown>) => { save(): Promise<string> };
  IdToken: new (claims: Record<string, unknown>, options: { ctx: GrantContext }) => { scope?: string; issue(options: { use: 'idtoken' }): Promise<string> };
  ResourceServer: new (identifier: string, info: Record<string, unknown>) => unknown;
  registerGrantType(name: string, handler: (ctx: GrantContext, next: () => Promise<void>) => Promise<void>, parameters: string[], allowedDuplicateParameters?: string[]): void;
}

type OAuthError = new (...args: (string | undefined)[]) => Error;
const oauthError = (name: string) => errors[name] as unknown as OAuthError;
const invalidRequest = (description: string) => new (oauthError('InvalidRequest'))(description);
const invalidGrant = (detail: string) => new (oauthError('InvalidGrant'))(detail);
const invalidScope = (description: string, scope: string) => new (oauthError('InvalidScope'))(description, scope);
const invalidTarget = (description: string) => new (oauthError('InvalidTarget'))(description);
const unsupportedTokenType = (description: string) => new (oauthError('CustomOIDCProviderError'))('unsupported_token_type', description);

// The `act` claim of each delegated exchange's access token, read back by extraTokenClaims when it is saved.
const exchangeActors = new WeakMap<object, { act: { sub: string } }>();

function registerExtensionGrants(provider: Provider): void {
  const extensible = provider as unknown as ExtensionGrantProvider;
  extensible.registerGrantType('password', passwordGrant, ['username', 'password', 'scope']);
  extensible.registerGrantType(
    TOKEN_EXCHANGE_GRANT_TYPE,
    tokenExchangeGrant,
    ['subject_token', 'subject_token_type', 'actor_token', 'actor_token_type', 'requested_token_type', 'audience', 'resource', 'scope'],
    // Repeatable per RFC 8693 §2.1; the handler then refuses more than one target with invalid_target.
    ['audience', 'resource'],
  );
}

function single(params: GrantContext['oidc']['params'], name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function all(params: GrantContext['oidc']['params'], name: string): string[] {
  const value = params[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
}

function required(params: GrantContext['oidc']['params'], ...names: string[]): string[] {
  const missing = names.filter((name) => single(params, name) === undefined);
  if (missing.length > 0) throw invalidRequest(`missing required parameter(s) (${missing.join(',')})`);
  return names.map((name) => single(params, name) ?? '');
}

function scopesOf(scope: string | undefined): string[] {
  return [...new Set((scope ?? '').split(' ').filter(Boolean))];
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

// RFC 6749 §4.3.2: the test accounts, each with TEST_PASSWORD; offline_access adds a refresh token.
async function passwordGrant(ctx: GrantContext, next: () => Promise<void>): Promise<void> {
  const { params, client, provider } = ctx.oidc;
  const [username = '', password = ''] = required(params, 'username', 'password');
  if (!Object.hasOwn(TEST_ACCOUNTS, username) || !sameSecret(password, TEST_PASSWORD)) {
    throw invalidGrant('invalid resource owner credentials');
  }
  const scopes = scopesOf(single(params, 'scope'));
  const unknown = scopes.filter((scope) => !OIDC_SCOPES.includes(scope));
  if (unknown.length > 0) throw invalidScope('requested scope is not allowed', unknown.join(' '));
  const scope = scopes.join(' ') || undefined;

  const grant = new provider.Grant({ accountId: username, clientId: client.clientId });
  if (scope !== undefined) grant.addOIDCScope(scope);
  const grantId = await grant.save();
  const token = new provider.AccessToken({ accountId: username, client, grantId, gty: 'password', scope });
  const accessToken = await token.save();
  const refreshToken = scopes.includes('offline_access') && client.grantTypeAllowed('refresh_token')
    ? await new provider.RefreshToken({ accountId: username, client, grantId, gty: 'password', scope, rotations: 0, authTime: Math.floor(Date.now() / 1000) }).save()
    : undefined;

  ctx.body = { access_token: accessToken, expires_in: token.expiration, token_type: token.tokenType, scope, refresh_token: refreshToken };
  await next();
}

// RFC 8693 §2: the subject (and actor) must be access tokens this provider issued; the new token
// is for the requesting client, narrowed to the requested scope, for one audience or resource.
async function tokenExchangeGrant(ctx: GrantContext, next: () => Promise<void>): Promise<void> {
  const { params, client, provider } = ctx.oidc;
  const [subjectToken = '', subjectTokenType = ''] = required(params, 'subject_token', 'subject_token_type');
  const subject = await activeAccessToken(provider, subjectToken, subjectTokenType, 'subject_token');
  if (subject.accountId === undefined) throw invalidGrant('subject_token has no subject');
  const accountId = subject.accountId;

  let actor: IssuedToken | undefined;
  const actorToken = single(params, 'actor_token');
  const actorTokenType = single(params, 'actor_token_type');
  if ((actorToken === undefined) !== (actorTokenType === undefined)) {
    throw invalidRequest('actor_token and actor_token_type go together');
  }
  if (actorToken !== undefined && actorTokenType !== undefined) {
    actor = await activeAccessToken(provider, actorToken, actorTokenType, 'actor_token');
  }

  const requestedTokenType = single(params, 'requested_token_type') ?? TOKEN_TYPE.accessToken;
  if (requestedTokenType !== TOKEN_TYPE.accessToken && requestedTokenType !== TOKEN_TYPE.idToken) {
    throw invalidRequest('requested_token_type must be an access token or an ID token');
  }

  const audiences = all(params, 'audience');
  const resources = all(params, 'resource');
  if (audiences.length + resources.length > 1) throw invalidTarget('only one audience or resource per exchange');
  const [audience] = audiences;
  const [resource] = resources;
  if (audience !== undefined && audience !== TEST_EXCHANGE_AUDIENCE) throw invalidTarget('unknown audience');
  const resourceServer = resource === undefined ? undefined : resourceServerInfo(ctx, resource);

  // Without a resource the new token may narrow the subject's scopes, never widen them; with
  // one, it carries the resource server's scopes asked for.
  const allowed = resourceServer === undefined ? scopesOf(subject.scope) : scopesOf(String(resourceServer['scope']));
  const requested = single(params, 'scope') === undefined ? (resourceServer === undefined ? allowed : []) : scopesOf(single(params, 'scope'));
  const refused = requested.filter((scope) => !allowed.includes(scope));
  if (refused.length > 0) throw invalidScope('requested scope exceeds the subject_token', refused.join(' '));
  const scope = requested.join(' ') || undefined;

  if (requestedTokenType === TOKEN_TYPE.idToken) {
    if (!requested.includes('openid')) throw invalidRequest('an ID token needs the openid scope');
    if (audience !== undefined || resource !== undefined) throw invalidTarget('an ID token is for the requesting client only');
    const idToken = new provider.IdToken({ ...claimsFor(accountId) }, { ctx });
    idToken.scope = scope ?? 'openid';
    // §2.2.1: N_A, since an ID token is not an access token.
    ctx.body = { access_token: await idToken.issue({ use: 'idtoken' }), issued_token_type: TOKEN_TYPE.idToken, token_type: 'N_A' };
    return next();
  }

  const grant = new provider.Grant({ accountId, clientId: client.clientId });
  if (resource !== undefined && scope !== undefined) grant.addResourceScope(resource, scope);
  else if (scope !== undefined) grant.addOIDCScope(scope);
  const grantId = await grant.save();
  const token = new provider.AccessToken({ accountId, client, grantId, gty: 'token-exchange', scope });
  if (resource !== undefined && resourceServer !== undefined) token.resourceServer = new provider.ResourceServer(resource, resourceServer);
  else if (audience !== undefined) token.setAudience(audience);
  if (actor !== undefined) exchangeActors.set(token, { act: { sub: actor.accountId ?? actor.clientId } });

  ctx.body = {
    access_token: await token.save(),
    issued_token_type: TOKEN_TYPE.accessToken,
    token_type: token.tokenType,
    expires_in: token.expiration,
    scope,
  };
  await next();
}

async function activeAccessToken(provider: ExtensionGrantProvider, value: string, type: string, name: string): Promise<IssuedToken> {
  // RFC 8693 §3 lists more token types; this provider only vouches for its own access tokens.
  if (type !== TOKEN_TYPE.accessToken) throw unsupportedTokenType(`${name}_type must be ${TOKEN_TYPE.accessToken}`);
  const token = await provider.AccessToken.find(value);
  if (token === undefined) throw invalidGrant(`${name} is not an active access token issued here`);
  return token;
}

let cachedKey: Record<string, unknown> | undefined;

// One RSA key per process (generating one costs ~100 ms); a configured key also keeps
// oidc-provider from warning about its development keys.
function signingKey(): Record<string, unknown> {
  cachedKey ??= { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
  return cachedKey;
}

interface Stored {
  payload: Record<string, unknown>;
  expiresAt: number;
}

// A per-provider in-memory adapter: oidc-provider's own keeps one store per process and warns.
function memoryAdapter() {
  const store = new Map<string, Stored>();
  const byGrant = new Map<string, Set<string>>();
  const alias = new Map<string, string>();
  const live = (key: string | undefined) => {
    const entry = key === undefined ? undefined : store.get(key);
    return entry !== undefined && entry.expiresAt > Date.now() ? entry.payload : undefined;
  };
  return class MemoryAdapter {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: Record<string, unknown>, expiresIn: number) {
      const key = this.key(id);
      store.set(key, { payload, expiresAt: Date.now() + expiresIn * 1000 });
      if (typeof payload['grantId'] === 'string') {
        const keys = byGrant.get(payload['grantId']) ?? new Set<string>();
        byGrant.set(payload['grantId'], keys.add(key));
      }
      if (typeof payload['uid'] === 'string') alias.set(`uid:${this.model}:${payload['uid']}`, key);
      if (typeof payload['userCode'] === 'string') alias.set(`userCode:${this.model}:${payload['userCode']}`, key);
    }
    async find(id: string) {
      return live(this.key(id));
    }
    async findByUid(uid: string) {
      return live(alias.get(`uid:${this.model}:${uid}`));
    }
    async findByUserCode(userCode: string) {
      return live(alias.get(`userCode:${this.model}:${userCode}`));
    }
    async consume(id: string) {
      const entry = store.get(this.key(id));
      if (entry !== undefined) entry.payload['consumed'] = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const key of byGrant.get(grantId) ?? []) store.delete(key);
      byGrant.delete(grantId);
    }
  };
}

// The interaction pages: a login form that accepts any name, and a consent form with Allow and
// Deny, styled like the provider emulator's (@passport-kit/testing). Paths stay under
// /interaction/<uid>, where oidc-provider scopes its interaction cookie.
async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const match = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
  if (match === null) return false;
  const [, uid = '', action] = match;
  try {
    const details = await provider.interactionDetails(req, res);
    const client = await provider.Client.find(String(details.params.client_id));
    const clientName = client?.clientName ?? String(details.params.client_id);
    if (action === undefined && req.method === 'GET') {
      sendPage(res, details.prompt.name === 'login' ? loginPage(uid, clientName) : consentPage(uid, details, clientName));
    } else if (action === 'login' && req.method === 'POST') {
      const login = new URLSearchParams(await readText(req)).get('login')?.trim();
      if (!login) return sendPage(res, loginPage(uid, clientName, 'Type a name to log in as.')), true;
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    } else if (action === 'confirm' && req.method === 'POST') {
      await provider.interactionFinished(req, res, { consent: { grantId: await saveGrant(provider, details) } }, { mergeWithLastSubmission: true });
    } else if (action === 'abort' && req.method === 'POST') {
      const denied = { error: 'access_denied', error_description: 'End-User denied the request' };
      await provider.interactionFinished(req, res, denied, { mergeWithLastSubmission: false });
    } else {
      res.writeHead(405, { 'content-type': 'text/plain' }).end('method not allowed');
    }
  } catch (err) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end(`interaction failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  return true;
}

async function saveGrant(provider: Provider, { prompt: { details }, params, session, grantId }: InteractionDetails): Promise<string> {
  const grant = grantId !== undefined ? await provider.Grant.find(grantId) : undefined;
  const target = grant ?? new provider.Grant({ accountId: session?.accountId ?? '', clientId: params.client_id });
  if (details.missingOIDCScope) target.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) target.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) target.addResourceScope(indicator, scopes.join(' '));
  return target.save();
}

function loginPage(uid: string, clientName: string, problem?: string): string {
  return `<h1>Local OpenID provider</h1>
<p>Log in to continue to <strong class="app">${escapeHTML(clientName)}</strong>.</p>
${problem ? `<p role="alert" class="error">${escapeHTML(problem)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
  <label>Name <input name="login" required autofocus placeholder="alice"></label>
  <div class="buttons"><button type="submit" class="primary">Log in</button></div>
</form>
<p class="note">Any name logs in (<code>alice</code> and <code>bob</code> have an email and a picture): this is panva's oidc-provider on your machine, not a real account.</p>`;
}

function consentPage(uid: string, details: InteractionDetails, clientName: string): string {
  const scopes = typeof details.params.scope === 'string' ? details.params.scope.split(' ') : [];
  return `<h1>Local OpenID provider</h1>
<p>The application <strong class="app">${escapeHTML(clientName)}</strong> asks to access your account:</p>
<ul>${scopes.map((scope) => `<li><code>${escapeHTML(scope)}</code></li>`).join('')}</ul>
<div class="buttons">
  <form method="post" action="/interaction/${uid}/confirm"><button type="submit" class="primary">Allow</button></form>
  <form method="post" action="/interaction/${uid}/abort"><button type="submit">Deny</button></form>
</div>
<p class="note">This is panva's oidc-provider on your machine, not a real provider.</p>`;
}

// The look of the provider emulator's pages (packages/testing/src/lib/consent-page.ts).
const PAGE_ICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#8250df"/><circle cx="16" cy="13" r="5" fill="#fff"/><rect x="14" y="15" width="4" height="10" rx="1" fill="#fff"/></svg>',
)}`;
const PAGE_STYLE = `
  body { font: 16px/1.4 system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
  label { display: flex; align-items: center; gap: .5rem; }
  input { font: inherit; padding: .4rem .6rem; border: 1px solid #ccc; border-radius: 6px; flex: 1; }
  .buttons { display: flex; gap: 1rem; margin-top: 1.5rem; }
  button { font-size: 1rem; padding: .5rem 1.5rem; border-radius: 6px; border: 1px solid #888; cursor: pointer; }
  button.primary { background: #1f883d; color: #fff; border-color: #1f883d; }
  .error { padding: .6rem .8rem; border-radius: 6px; background: #fff1f0; border: 1px solid #e5a29b; }
  .note { color: #666; font-size: .85rem; margin-top: 1.5rem; }`;

function sendPage(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local OpenID provider</title><link rel="icon" href="${PAGE_ICON}"><style>${PAGE_STYLE}</style></head><body>${body}</body></html>`);
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.once('end', () => resolve(text));
    req.once('error', reject);
  });
}

function escapeHTML(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
