// The least an OAuth 1.0a login can do (RFC 5849 §2): a signed request token, its secret kept in
// the session, the verifier redeemed, the profile read, the few fields verify needs. A lower
// bound for the bench, not a strategy to use: no deadlines, size caps or validation.
import { createHmac, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { Strategy } from 'passport-strategy';
import { send } from './http.js';
import { session, text } from './request.js';

export interface FloorOAuth1Options {
  consumerKey: string;
  consumerSecret: string;
  callbackURL: string;
  requestTokenURL: string;
  accessTokenURL: string;
  userAuthorizationURL: string;
  userProfileURL: string;
}

type Done = (err: unknown, user?: unknown) => void;
export type FloorOAuth1Verify = (token: string, tokenSecret: string, profile: Record<string, unknown>, done: Done) => void;

const SESSION_KEY = 'floor:oauth1';

// RFC 5849 §3.6: RFC 3986 unreserved characters only.
const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** express-session's session as a plain record. */

export class FloorOAuth1Strategy extends Strategy {
  readonly name = 'floor-oauth1';

  constructor(
    private readonly options: FloorOAuth1Options,
    private readonly verify: FloorOAuth1Verify,
  ) {
    super();
  }

  override authenticate(req: Request): void {
    const token = text(req.query.oauth_token);
    const verifier = text(req.query.oauth_verifier);
    if (token === undefined || verifier === undefined) {
      this.requestToken().then(
        ({ oauth_token = '', oauth_token_secret = '' }) => {
          session(req)[SESSION_KEY] = [oauth_token, oauth_token_secret];
          this.redirect(`${this.options.userAuthorizationURL}?oauth_token=${encode(oauth_token)}`);
        },
        (err: unknown) => this.error(err instanceof Error ? err : new Error(String(err))),
      );
      return;
    }
    const pending = session(req)[SESSION_KEY] as [string, string] | undefined;
    delete session(req)[SESSION_KEY];
    if (!pending || pending[0] !== token) return this.fail({ message: 'unknown request token' }, 403);
    this.redeemVerifier(token, pending[1], verifier).then(
      ({ accessToken, accessSecret, profile }) =>
        this.verify(accessToken, accessSecret, profile, (err, user) => (err ? this.error(err as Error) : user ? this.success(user) : this.fail(401))),
      (err: unknown) => this.error(err instanceof Error ? err : new Error(String(err))),
    );
  }

  private async requestToken(): Promise<Record<string, string>> {
    const { requestTokenURL, callbackURL } = this.options;
    return Object.fromEntries(new URLSearchParams(await this.signed('POST', requestTokenURL, '', { oauth_callback: callbackURL })));
  }

  private async redeemVerifier(token: string, tokenSecret: string, verifier: string) {
    const answer = new URLSearchParams(await this.signed('POST', this.options.accessTokenURL, tokenSecret, { oauth_token: token, oauth_verifier: verifier }));
    const accessToken = answer.get('oauth_token') ?? '';
    const accessSecret = answer.get('oauth_token_secret') ?? '';
    const json = JSON.parse(await this.signed('GET', this.options.userProfileURL, accessSecret, { oauth_token: accessToken })) as Record<string, unknown>;
    const profile = { id: json.id_str, username: json.screen_name, displayName: json.name, photos: [{ value: json.profile_image_url_https }] };
    return { accessToken, accessSecret, profile };
  }

  // RFC 5849 §3.4.2 HMAC-SHA1 over the method, the URL and the protocol parameters (no query, no body parameters here).
  private signed(method: 'GET' | 'POST', url: string, tokenSecret: string, extra: Record<string, string>): Promise<string> {
    const params: Record<string, string> = {
      oauth_consumer_key: this.options.consumerKey,
      oauth_nonce: randomBytes(16).toString('hex'),
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: String(Math.floor(Date.now() / 1000)),
      oauth_version: '1.0',
      ...extra,
    };
    const normalized = Object.keys(params)
      .sort()
      .map((name) => `${encode(name)}=${encode(params[name] ?? '')}`)
      .join('&');
    const base = `${method}&${encode(url)}&${encode(normalized)}`;
    params.oauth_signature = createHmac('sha1', `${encode(this.options.consumerSecret)}&${encode(tokenSecret)}`).update(base).digest('base64');
    const header = `OAuth ${Object.entries(params)
      .map(([name, value]) => `${name}="${encode(value)}"`)
      .join(', ')}`;
    return send(method, url, { authorization: header, accept: '*/*', 'user-agent': 'bench-floor' }, method === 'POST' ? '' : undefined);
  }
}
