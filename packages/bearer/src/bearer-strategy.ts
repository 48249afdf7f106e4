import { Strategy as PassportStrategy, type IncomingRequest } from '@passport-kit/core';
import { readBearerToken } from './bearer-token.js';
import { BEARER_ERROR_STATUS, bearerChallenge, type BearerErrorCode } from './challenge.js';
import { grantedScopes, missingScopes, scopeList } from './scope.js';
import { callVerify, type BearerVerifyFunction, type BearerVerifyFunctionWithRequest } from './verify.js';

/** Options every bearer strategy takes. */
export interface BearerStrategyOptions {
  /** The `realm` of the `WWW-Authenticate` challenge. Default `api`. */
  realm?: string | undefined;
  /**
   * Also read the token from this cookie, as a browser front end sends it. A cookie is sent
   * with cross-site requests too: pair it with `SameSite` and CSRF protection.
   */
  cookie?: string | undefined;
  /** Scopes every token must grant (`scope` or `scp` claim). A route adds more with `authenticate(name, { scope })`. */
  requiredScopes?: string | readonly string[] | undefined;
  /** Pass `req` as the first argument of the verify function. */
  passReqToCallback?: boolean | undefined;
}

/** Options of `passport.authenticate('jwt-bearer' | 'introspection-bearer', options)` this strategy reads. */
export interface BearerAuthenticateOptions {
  /** Scopes this route requires on top of the strategy's `requiredScopes`. */
  scope?: string | readonly string[] | undefined;
  [option: string]: unknown;
}

/** What a subclass decides about a token: its claims, or why it is not accepted. */
export type TokenValidation<Claims> =
  | {
      /** The token is accepted. */
      valid: true;
      /** What it says. */
      claims: Claims;
    }
  | {
      /** The token is refused (`invalid_token`). */
      valid: false;
      /** Why, sent as `error_description`. */
      description: string;
    };

/**
 * The flow both bearer strategies share: read the token (RFC 6750 §2.1), let the subclass
 * validate it, check scopes, run the verify function, and answer failures with the RFC 6750 §3
 * challenge. Every path ends in `success`, `fail` or `error`; a failure's body is passport's
 * plain "Unauthorized", never the token or a stack.
 */
export abstract class BearerStrategy<Claims extends object> extends PassportStrategy {
  /** The `realm` of `WWW-Authenticate` challenges. */
  protected readonly _realm: string;
  /** The cookie a token may also come in (`cookie` option), if any. */
  protected readonly _cookie: string | undefined;
  /** Scopes every token must grant. */
  protected readonly _requiredScopes: string[];
  /** The `passReqToCallback` option. */
  protected readonly _passReqToCallback: boolean;
  /** The app's verify callback, if any: without one, the claims are the user. */
  protected readonly _verify: BearerVerifyFunction<Claims> | BearerVerifyFunctionWithRequest<Claims, never> | undefined;

  constructor(options: BearerStrategyOptions, verify: BearerVerifyFunction<Claims> | BearerVerifyFunctionWithRequest<Claims, never> | undefined) {
    super();
    if (verify !== undefined && typeof verify !== 'function') throw new TypeError('verify must be a function');
    this._realm = options.realm ?? 'api';
    this._cookie = options.cookie;
    this._requiredScopes = scopeList(options.requiredScopes);
    this._passReqToCallback = options.passReqToCallback === true;
    this._verify = verify;
  }

  /** Checks the token; throws for a failure that is not the token's fault (the key set or introspection endpoint is down). */
  protected abstract validateToken(token: string, req: IncomingRequest): Promise<TokenValidation<Claims>>;

  /** Reads the bearer token, validates it, and calls `success` with the user, or answers 401/403 with a `WWW-Authenticate` challenge. */
  override authenticate(req: IncomingRequest, options: BearerAuthenticateOptions = {}): void {
    this.handleRequest(req, options).catch((err: unknown) => {
      this.error(err instanceof Error ? err : new Error(String(err)));
    });
  }

  private async handleRequest(req: IncomingRequest, options: BearerAuthenticateOptions): Promise<void> {
    const lookup = readBearerToken(req, this._cookie);
    if (lookup.kind === 'absent') return this.fail(bearerChallenge({ realm: this._realm }), 401);
    if (lookup.kind === 'invalid') return this.reject(req, 'invalid_request', lookup.description);

    const validation = await this.validateToken(lookup.token, req);
    if (!validation.valid) return this.reject(req, 'invalid_token', validation.description);

    const scopes = grantedScopes(validation.claims as Record<string, unknown>);
    const required = [...this._requiredScopes, ...scopeList(options.scope)];
    if (missingScopes(scopes, required).length > 0) {
      return this.reject(req, 'insufficient_scope', 'The access token does not grant the required scope', required);
    }

    if (!this._verify) return this.success(validation.claims, { scope: scopes });
    const { user, info } = await callVerify(this._verify, this._passReqToCallback, req, validation.claims);
    if (!user) return this.reject(req, 'invalid_token', typeof (info as { message?: unknown })?.message === 'string' ? (info as { message: string }).message : 'The access token is not accepted');
    this.success(user, info ?? { scope: scopes });
  }

  /**
   * Fails with the RFC 6750 challenge. Passport sets `WWW-Authenticate` only on a 401, so for
   * 400 and 403 it is set here, on the response Express links as `req.res`.
   */
  private reject(req: IncomingRequest, error: BearerErrorCode, description: string, scope?: readonly string[]): void {
    const challenge = bearerChallenge({ realm: this._realm, error, description, scope });
    const status = BEARER_ERROR_STATUS[error];
    if (status !== 401 && req.res && !req.res.headersSent) req.res.setHeader('www-authenticate', challenge);
    this.fail(challenge, status);
  }
}
