import { HttpClient, UnexpectedBodyError, UnexpectedStatusError, userAgent, type Dispatcher } from '@passport-kit/core';
import packageJson from '../package.json' with { type: 'json' };
import { DiscoveryError } from './errors.js';

/**
 * An authorization server's metadata (OpenID Connect Discovery 1.0 §3, RFC 8414 §2), checked
 * field by field: every field named here has the type shown, every URL is an absolute http(s)
 * URL. Fields this package does not read are kept as they came, typed `unknown`.
 */
export interface IssuerMetadata {
  /** Exactly the issuer that was asked for. */
  issuer: string;
  /** Where users are sent to log in. */
  authorization_endpoint: string;
  /** Where codes are exchanged for tokens. */
  token_endpoint: string;
  /** Required by OIDC Discovery; RFC 8414 servers may omit it (then only `HS*` id_tokens verify). */
  jwks_uri?: string;
  /** The UserInfo endpoint (OIDC Core §5.3). */
  userinfo_endpoint?: string;
  /** RFC 7009 token revocation. */
  revocation_endpoint?: string;
  /** RFC 7662 token introspection. */
  introspection_endpoint?: string;
  /** RP-initiated logout. */
  end_session_endpoint?: string;
  /** Dynamic client registration. */
  registration_endpoint?: string;
  /** Response types the issuer supports (`code` is required here). */
  response_types_supported: string[];
  /** Scopes the issuer supports. */
  scopes_supported?: string[];
  /** Response modes (`query`, `form_post`, …). */
  response_modes_supported?: string[];
  /** Grant types (`authorization_code`, `refresh_token`, …). */
  grant_types_supported?: string[];
  /** `public` and/or `pairwise`. */
  subject_types_supported?: string[];
  /** Absent in RFC 8414 metadata; OIDC Core's default, `RS256`, is then assumed. */
  id_token_signing_alg_values_supported?: string[];
  /** Client authentication methods at the token endpoint. */
  token_endpoint_auth_methods_supported?: string[];
  /** PKCE methods (`S256`). */
  code_challenge_methods_supported?: string[];
  /** Claims the issuer may return. */
  claims_supported?: string[];
  /** RFC 9207: the server sends `iss` on every authorization response. */
  authorization_response_iss_parameter_supported?: boolean;
  [field: string]: unknown;
}

/** How {@link discover} reaches the issuer. */
export interface DiscoveryOptions {
  /** The undici dispatcher for the request (a `ProxyAgent`, a `MockAgent`, …). */
  dispatcher?: Dispatcher | undefined;
  /** Deadline of each request, in ms. Default 10 000. */
  timeout?: number | undefined;
  /** Largest metadata document accepted, in bytes. Default 1 MiB. */
  maxResponseSize?: number | undefined;
  /** The `User-Agent` header. Default `@passport-kit/oidc/<version>`. */
  userAgent?: string | undefined;
}

const URL_FIELDS = [
  'authorization_endpoint',
  'token_endpoint',
  'jwks_uri',
  'userinfo_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
  'end_session_endpoint',
  'registration_endpoint',
] as const;
const REQUIRED_URL_FIELDS = new Set<string>(['authorization_endpoint', 'token_endpoint']);
const LIST_FIELDS = [
  'response_types_supported',
  'scopes_supported',
  'response_modes_supported',
  'grant_types_supported',
  'subject_types_supported',
  'id_token_signing_alg_values_supported',
  'token_endpoint_auth_methods_supported',
  'code_challenge_methods_supported',
  'claims_supported',
] as const;

/**
 * Fetches and checks an issuer's metadata: `<issuer>/.well-known/openid-configuration`
 * (OpenID Connect Discovery §4), then, if that answers a 4xx, the RFC 8414 location
 * `<origin>/.well-known/oauth-authorization-server<path>`. The document's `issuer` must equal
 * `issuerURL` exactly (no trailing-slash or case folding), or a server could name itself any
 * issuer it likes.
 *
 * @throws {DiscoveryError} `ERR_DISCOVERY_ISSUER_MISMATCH`, `ERR_DISCOVERY_INVALID_METADATA`, `ERR_DISCOVERY_NOT_FOUND`
 * @throws core's `NetworkError` (unreachable, timeout, too large) or `UnexpectedStatusError` (5xx)
 * @example
 * ```ts
 * const metadata = await discover('https://accounts.example.com');
 * metadata.authorization_endpoint; // 'https://accounts.example.com/authorize'
 * ```
 */
export async function discover(issuerURL: string, options: DiscoveryOptions = {}): Promise<IssuerMetadata> {
  const http = new HttpClient({
    dispatcher: options.dispatcher,
    timeout: options.timeout,
    maxResponseSize: options.maxResponseSize,
    userAgent: options.userAgent ?? userAgent(packageJson.name, packageJson.version),
  });
  let lastStatus = 0;
  for (const url of wellKnownURLs(issuerURL)) {
    const response = await http.request({ method: 'GET', url, headers: { accept: 'application/json' } });
    if (response.status === 200) return readIssuerMetadata(parseJSON(response.body, url), issuerURL);
    if (response.status < 400 || response.status >= 500) {
      throw new UnexpectedStatusError(`Discovery at ${new URL(url).pathname} answered ${response.status}`, response.status, response.body);
    }
    lastStatus = response.status;
  }
  throw new DiscoveryError(`No metadata for issuer ${issuerURL} (last status ${lastStatus})`, 'ERR_DISCOVERY_NOT_FOUND');
}

/**
 * The two places metadata may live. OIDC Discovery appends to the issuer's path; RFC 8414 §3
 * inserts the well-known segment between host and path.
 */
export function wellKnownURLs(issuerURL: string): [openid: string, oauth: string] {
  let issuer: URL;
  try {
    issuer = new URL(issuerURL);
  } catch {
    throw new TypeError('discover requires an absolute issuer URL');
  }
  if (!/^https?:$/.test(issuer.protocol) || issuer.search || issuer.hash) {
    // OIDC Discovery §2: an issuer has no query or fragment.
    throw new TypeError('discover requires an http(s) issuer URL without query or fragment');
  }
  const path = issuer.pathname.replace(/\/$/, '');
  return [`${issuer.origin}${path}/.well-known/openid-configuration`, `${issuer.origin}/.well-known/oauth-authorization-server${path}`];
}

/**
 * Checks a parsed metadata document field by field against the issuer that was asked for.
 * Exported for metadata obtained some other way (a file, a cache).
 *
 * @throws {DiscoveryError}
 */
export function readIssuerMetadata(document: unknown, expectedIssuer: string): IssuerMetadata {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw invalid('the document is not a JSON object');
  }
  const fields = document as Record<string, unknown>;
  if (typeof fields['issuer'] !== 'string') throw invalid('issuer is missing');
  if (fields['issuer'] !== expectedIssuer) {
    throw new DiscoveryError(
      `Metadata names issuer "${fields['issuer'].slice(0, 200)}", not the requested "${expectedIssuer}"`,
      'ERR_DISCOVERY_ISSUER_MISMATCH',
    );
  }
  for (const name of URL_FIELDS) {
    const value = fields[name];
    if (value === undefined && !REQUIRED_URL_FIELDS.has(name)) continue;
    if (typeof value !== 'string' || !isHttpURL(value)) throw invalid(`${name} is ${value === undefined ? 'missing' : 'not an absolute http(s) URL'}`);
  }
  for (const name of LIST_FIELDS) {
    const value = fields[name];
    if (value === undefined && name !== 'response_types_supported') continue;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw invalid(`${name} is ${value === undefined ? 'missing' : 'not a list of strings'}`);
    }
  }
  const issParameter = fields['authorization_response_iss_parameter_supported'];
  if (issParameter !== undefined && typeof issParameter !== 'boolean') {
    throw invalid('authorization_response_iss_parameter_supported is not a boolean');
  }
  return fields as IssuerMetadata;
}

function parseJSON(body: string, url: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (err) {
    throw new UnexpectedBodyError(`Discovery at ${new URL(url).pathname} did not answer JSON`, { cause: err });
  }
}

function isHttpURL(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

function invalid(why: string): DiscoveryError {
  return new DiscoveryError(`Invalid issuer metadata: ${why}`, 'ERR_DISCOVERY_INVALID_METADATA');
}
