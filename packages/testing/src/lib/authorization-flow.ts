import type { EmulatorClient } from '../clients.js';
import type { Scenario } from '../scenario.js';
import { findUser, type EmulatorUser } from '../users.js';
import { renderConsentPage, renderErrorPage } from './consent-page.js';
import type { EndpointCall } from './context.js';
import type { ProviderName } from './grant-store.js';
import { redirect, sendHTML } from './http.js';
import type { CodeChallengeMethod } from './pkce.js';

/** An authorization request the provider accepted: where to answer and what was asked. */
export interface ValidAuthorizationRequest {
  readonly client: EmulatorClient;
  /** Where the answer goes: the request's `redirect_uri` or the registered default. */
  readonly redirectURI: string;
  /** The `redirect_uri` parameter as sent (the token request must repeat it), if any. */
  readonly sentRedirectURI: string | undefined;
  readonly scope: readonly string[];
  readonly state: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: CodeChallengeMethod | undefined;
}

export type AuthorizationCheck =
  | { readonly kind: 'ok'; readonly request: ValidAuthorizationRequest }
  /** The provider shows an error page and does not redirect (RFC 6749 §4.1.2.1). */
  | { readonly kind: 'errorPage'; readonly status: number; readonly message: string }
  | { readonly kind: 'errorRedirect'; readonly location: string };

/** How one provider's authorize endpoint validates and answers. */
export interface AuthorizationDialect {
  readonly provider: ProviderName;
  readonly title: string;
  /** A provider-native parameter that suggests an account (GitHub `login`), used when auto-approving. */
  readonly accountHintParam?: string;
  check(call: EndpointCall): AuthorizationCheck;
  approved(call: EndpointCall, request: ValidAuthorizationRequest, code: string): string;
  denied(call: EndpointCall, request: ValidAuthorizationRequest): string;
  failed(call: EndpointCall, request: ValidAuthorizationRequest, scenario: Extract<Scenario, { kind: 'error' }>): string;
}

/**
 * The authorize endpoint of every OAuth 2.0 provider: validate, then deny, fail, auto-approve,
 * take the consent form's decision, or show the consent page.
 */
export function handleAuthorization(call: EndpointCall, dialect: AuthorizationDialect): void {
  const { ctx, req, res, scenario } = call;
  const check = dialect.check(call);
  if (check.kind === 'errorPage') return sendHTML(res, check.status, renderErrorPage(dialect.title, check.message));
  if (check.kind === 'errorRedirect') return redirect(res, check.location);
  const request = check.request;

  if (scenario?.kind === 'deny') return redirect(res, dialect.denied(call, request));
  if (scenario?.kind === 'error') return redirect(res, dialect.failed(call, request, scenario));

  const approve = (user: EmulatorUser): void => {
    const code = ctx.grants.issueCode(
      {
        provider: dialect.provider,
        clientID: request.client.clientID,
        userID: user.id,
        scope: request.scope,
        redirectURI: request.redirectURI,
        codeChallenge: request.codeChallenge,
        codeChallengeMethod: request.codeChallengeMethod,
      },
      ctx.codeTTL,
    );
    redirect(res, dialect.approved(call, request, code));
  };

  if (req.method === 'POST' && req.body.decision !== undefined) {
    if (req.body.decision === 'deny') return redirect(res, dialect.denied(call, request));
    const user = req.body.user === undefined ? undefined : findUser(ctx.users, req.body.user);
    if (req.body.decision !== 'approve' || !user) return sendHTML(res, 400, renderErrorPage(dialect.title, 'Pick a user, then Approve or Deny.'));
    return approve(user);
  }

  // Emulator-only: `login_hint` names the user and approves at once, whatever autoApprove says.
  const loginHint = req.params.login_hint;
  if (loginHint !== undefined) {
    const user = findUser(ctx.users, loginHint);
    if (!user) return sendHTML(res, 400, renderErrorPage(dialect.title, `No emulator user matches login_hint ${JSON.stringify(loginHint)}.`));
    return approve(user);
  }

  const providerHint = dialect.accountHintParam === undefined ? undefined : req.params[dialect.accountHintParam];
  const hinted = providerHint === undefined ? undefined : findUser(ctx.users, providerHint);
  const autoApprove = ctx.autoApprove();
  if (autoApprove !== false) {
    const user = typeof autoApprove === 'string' ? findUser(ctx.users, autoApprove) : (hinted ?? ctx.users[0]);
    if (!user) return sendHTML(res, 500, renderErrorPage(dialect.title, `autoApprove names no emulator user: ${JSON.stringify(autoApprove)}.`));
    return approve(user);
  }

  sendHTML(
    res,
    200,
    renderConsentPage({
      providerTitle: dialect.title,
      applicationName: request.client.name ?? request.client.clientID,
      scopes: request.scope,
      users: ctx.users,
      selectedUserID: hinted?.id,
      action: req.url.pathname,
      params: { ...req.query, ...req.body },
    }),
  );
}

/** Splits a scope parameter on spaces and commas (GitHub and Facebook take either). */
export function splitScope(value: string | undefined, separator: RegExp = /[\s,]+/): string[] {
  if (value === undefined) return [];
  return value.split(separator).filter((s) => s !== '');
}

/** Is this an absolute http(s) URL without a fragment (RFC 6749 §3.1.2)? */
export function isRedirectURI(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hash === '' && !value.includes('#');
  } catch {
    return false;
  }
}
