// The least an OAuth 2.0 login can do (RFC 6749 §4.1): a random state kept in the session and
// checked once (§10.12), the code redeemed, the profile read (GitHub's user and emails at once),
// the few fields verify needs. A lower bound for the bench, not a strategy to use: no PKCE,
// deadlines, size caps or validation of what the provider sends.
import { createHmac, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { Strategy } from 'passport-strategy';
import { send } from './http.js';
import { session, text } from './request.js';

export interface FloorOAuth2Options {
  /** Which profile to read after the token: none (generic OAuth 2.0), GitHub's or Facebook's. */
  profile: 'none' | 'github' | 'facebook';
  clientID: string;
  clientSecret: string;
  callbackURL: string;
  authorizationURL: string;
  tokenURL: string;
  scope?: string;
  /** GitHub `/user` or Facebook `/me`. */
  profileURL?: string;
  /** GitHub `/user/emails`. */
  emailsURL?: string;
}

type Done = (err: unknown, user?: unknown) => void;
export type FloorOAuth2Verify = (accessToken: string, refreshToken: string | undefined, profile: Record<string, unknown>, done: Done) => void;

const SESSION_KEY = 'floor:oauth2';

/** express-session's session as a plain record. */

export class FloorOAuth2Strategy extends Strategy {
  readonly name = 'floor-oauth2';

  constructor(
    private readonly options: FloorOAuth2Options,
    private readonly verify: FloorOAuth2Verify,
  ) {
    super();
  }

  override authenticate(req: Request): void {
    const code = text(req.query.code);
    const state = text(req.query.state);
    if (code === undefined) {
      const issued = randomBytes(16).toString('base64url');
      session(req)[SESSION_KEY] = issued;
      const params = new URLSearchParams({ response_type: 'code', client_id: this.options.clientID, redirect_uri: this.options.callbackURL, state: issued });
      if (this.options.scope) params.set('scope', this.options.scope);
      return this.redirect(`${this.options.authorizationURL}?${params}`);
    }
    const expected = session(req)[SESSION_KEY];
    delete session(req)[SESSION_KEY];
    if (typeof expected !== 'string' || state !== expected) return this.fail({ message: 'invalid state' }, 403);
    this.redeemCode(code).then(
      ({ accessToken, refreshToken, profile }) =>
        this.verify(accessToken, refreshToken, profile, (err, user) => (err ? this.error(err as Error) : user ? this.success(user) : this.fail(401))),
      (err: unknown) => this.error(err instanceof Error ? err : new Error(String(err))),
    );
  }

  private async redeemCode(code: string) {
    const { clientID, clientSecret, callbackURL, tokenURL } = this.options;
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: callbackURL, client_id: clientID, client_secret: clientSecret });
    const token = JSON.parse(await send('POST', tokenURL, { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, form.toString())) as Record<string, string>;
    const accessToken = token.access_token ?? '';
    return { accessToken, refreshToken: token.refresh_token, profile: await this.readProfile(accessToken) };
  }

  private async readProfile(accessToken: string): Promise<Record<string, unknown>> {
    const headers = { authorization: `Bearer ${accessToken}`, accept: 'application/json', 'user-agent': 'bench-floor' };
    const { profile, profileURL = '', emailsURL = '', clientSecret } = this.options;
    if (profile === 'github') {
      const [user, emails] = await Promise.all([send('GET', profileURL, headers), send('GET', emailsURL, headers)]);
      const json = JSON.parse(user) as Record<string, unknown>;
      const list = JSON.parse(emails) as { email: string; primary: boolean; verified: boolean }[];
      return { id: String(json.id), username: json.login, displayName: json.name, emails: list.map(({ email, verified }) => ({ value: email, verified })) };
    }
    if (profile === 'facebook') {
      // appsecret_proof: on for both sides of the bench, so on here too.
      const proof = createHmac('sha256', clientSecret).update(accessToken).digest('hex');
      const json = JSON.parse(await send('GET', `${profileURL}?fields=id,name,last_name,first_name,email,picture&appsecret_proof=${proof}`, headers)) as Record<string, unknown>;
      const picture = json.picture as { data?: { url?: string } } | undefined;
      return { id: json.id, displayName: json.name, name: { familyName: json.last_name, givenName: json.first_name }, emails: json.email ? [{ value: json.email }] : [], photos: picture?.data?.url ? [{ value: picture.data.url }] : [] };
    }
    return {};
  }
}
