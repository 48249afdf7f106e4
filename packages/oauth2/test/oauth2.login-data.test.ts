import { expect } from 'chai';
import nock from 'nock';
import {
  OAuth2Strategy,
  type LoginExtras,
  type OAuth2AuthenticateOptions,
  type StateStore,
  type StateStoreMeta,
  type TokenResponse,
} from '@passport-kit/oauth2';
import type { IncomingRequest, VerifyCallback } from '@passport-kit/core';
import { AUTHORIZATION_URL, Browser, CALLBACK_URL, PROVIDER, TOKEN_URL, loginApp } from '@passport-kit/test-support/login-app';

const options = { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: 'client-secret-1', callbackURL: CALLBACK_URL };

const verify = (_at: string, _rt: string | undefined, params: Record<string, unknown>, profile: unknown, done: VerifyCallback) =>
  done(null, { params, profile });

/** A subclass using the passport-kit hooks the way OpenID Connect does, recording what it saw. */
class TicketStrategy extends OAuth2Strategy {
  seen: Record<string, unknown>[] = [];

  protected override beginLogin(_req: IncomingRequest, options: OAuth2AuthenticateOptions): LoginExtras {
    const ticket = String(options['ticket'] ?? 'ticket-1');
    return { params: { ticket }, data: { ticket } };
  }

  protected override validateTokenResponse(tokens: TokenResponse, loginData: Record<string, unknown>): TokenResponse {
    this.seen.push(loginData);
    if (tokens.params['ticket'] !== loginData['ticket']) throw new Error('ticket mismatch');
    return { ...tokens, params: { ...tokens.params, checked: true } };
  }

  protected override async loadUserProfile(tokens: TokenResponse): Promise<unknown> {
    return { fromParams: tokens.params['checked'] };
  }
}

function tokenEndpointAnswers(extra: Record<string, unknown> = {}) {
  return nock(PROVIDER).post('/token').reply(200, { access_token: 'access-1', token_type: 'Bearer', ...extra });
}

describe('OAuth2Strategy per-login data (beginLogin, validateTokenResponse, loadUserProfile)', () => {
  it('adds the beginLogin params to the authorization request', async () => {
    const login = await new Browser(loginApp(new TicketStrategy(options, verify))).startLogin();
    expect(login.get('ticket')).to.equal('ticket-1');
    expect(login.get('response_type')).to.equal('code');
  });

  it('hands the data kept with the state back on the callback, and verify gets the validated response', async () => {
    const strategy = new TicketStrategy(options, verify);
    const browser = new Browser(loginApp(strategy, { loginOptions: { ticket: 'ticket-42' } }));
    const login = await browser.startLogin();
    tokenEndpointAnswers({ ticket: 'ticket-42' });
    const outcome = await browser.callback({ code: 'code-1', state: login.get('state')! });
    expect(outcome.status).to.equal(200);
    expect(strategy.seen).to.deep.equal([{ ticket: 'ticket-42' }]);
    expect(outcome.user).to.deep.equal({ params: { access_token: 'access-1', token_type: 'Bearer', ticket: 'ticket-42', checked: true }, profile: { fromParams: true } });
  });

  it('keeps the data of each tab apart', async () => {
    const strategy = new TicketStrategy(options, verify);
    const first = new Browser(loginApp(strategy, { loginOptions: { ticket: 'first' } }));
    const firstLogin = await first.startLogin();
    const second = await new Browser(loginApp(strategy, { loginOptions: { ticket: 'second' } })).startLogin();
    expect(second.get('state')).not.to.equal(firstLogin.get('state'));
    tokenEndpointAnswers({ ticket: 'first' });
    expect((await first.callback({ code: 'code-1', state: firstLogin.get('state')! })).status).to.equal(200);
    expect(strategy.seen).to.deep.equal([{ ticket: 'first' }]);
  });

  it('keeps the data in the encrypted state cookie when there is no session', async () => {
    const strategy = new TicketStrategy(options, verify);
    const browser = new Browser(loginApp(strategy, { session: false, loginOptions: { ticket: 'cookie-ticket' } }));
    const login = await browser.startLogin();
    tokenEndpointAnswers({ ticket: 'cookie-ticket' });
    expect((await browser.callback({ code: 'code-1', state: login.get('state')! })).status).to.equal(200);
    expect(strategy.seen).to.deep.equal([{ ticket: 'cookie-ticket' }]);
  });

  it('ends the login with an error when validateTokenResponse throws, before verify runs', async () => {
    let verified = false;
    const strategy = new TicketStrategy(options, (_at: string, _rt: string | undefined, _profile: unknown, done: VerifyCallback) => {
      verified = true;
      done(null, {});
    });
    const browser = new Browser(loginApp(strategy));
    const login = await browser.startLogin();
    tokenEndpointAnswers({ ticket: 'not-the-ticket' });
    const outcome = await browser.callback({ code: 'code-1', state: login.get('state')! });
    expect(outcome.status).to.equal(500);
    expect(outcome.error?.message).to.equal('ticket mismatch');
    expect(verified).to.equal(false);
  });

  it('gives a custom store the data as meta.loginData and takes it back as the fourth verify argument', async () => {
    const kept = new Map<string, Record<string, unknown> | undefined>();
    const store: StateStore = {
      store(_req: IncomingRequest, _verifier: unknown, _state: unknown, meta: StateStoreMeta, cb: (err: Error | null, handle?: string) => void) {
        kept.set('handle-1', meta.loginData);
        cb(null, 'handle-1');
      },
      verify(_req: IncomingRequest, handle: string, _meta: StateStoreMeta, cb: (err: Error | null, ok?: boolean, state?: unknown, data?: unknown) => void) {
        cb(null, true, undefined, kept.get(handle));
      },
    } as unknown as StateStore;
    const strategy = new TicketStrategy({ ...options, store, pkce: false }, verify);
    const browser = new Browser(loginApp(strategy));
    const login = await browser.startLogin();
    expect(kept.get('handle-1')).to.deep.equal({ ticket: 'ticket-1' });
    tokenEndpointAnswers({ ticket: 'ticket-1' });
    expect((await browser.callback({ code: 'code-1', state: login.get('state')! })).status).to.equal(200);
    expect(strategy.seen).to.deep.equal([{ ticket: 'ticket-1' }]);
  });

  it('hands {} to validateTokenResponse when the store keeps no login data', async () => {
    const store = {
      store: (_req: unknown, _verifier: unknown, _state: unknown, _meta: unknown, cb: (err: null, handle: string) => void) => cb(null, 'handle-1'),
      verify: (_req: unknown, _handle: unknown, _meta: unknown, cb: (err: null, ok: boolean) => void) => cb(null, true),
    } as unknown as StateStore;
    const strategy = new TicketStrategy({ ...options, store, pkce: false }, verify);
    const browser = new Browser(loginApp(strategy));
    const login = await browser.startLogin();
    tokenEndpointAnswers();
    const outcome = await browser.callback({ code: 'code-1', state: login.get('state')! });
    expect(strategy.seen).to.deep.equal([{}]);
    expect(outcome.status).to.equal(200);
  });

  it('changes nothing for a strategy that does not use the hooks', async () => {
    const browser = new Browser(loginApp(new OAuth2Strategy(options, verify)));
    const login = await browser.startLogin();
    expect([...login.keys()].sort()).to.deep.equal(['client_id', 'code_challenge', 'code_challenge_method', 'redirect_uri', 'response_type', 'state']);
    tokenEndpointAnswers();
    const outcome = await browser.callback({ code: 'code-1', state: login.get('state')! });
    expect(outcome.user).to.deep.equal({ params: { access_token: 'access-1', token_type: 'Bearer' }, profile: {} });
  });
});
