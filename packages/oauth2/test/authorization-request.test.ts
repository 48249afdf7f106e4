import { expect } from 'chai';
import { authorizationRequestURL, createAuthorizationRequest, type AuthorizationClient, type LoginRequest } from '../src/authorization-request.js';
import { codeChallenge } from '../src/pkce.js';

const client: AuthorizationClient = {
  authorizationURL: 'https://provider.test/oauth2/authorize',
  clientID: 'client-1',
  scope: ['read', 'write'],
  scopeSeparator: ' ',
  pkceMethod: 'S256',
  usesDefaultStore: true,
};

const meta = {
  authorizationURL: client.authorizationURL,
  tokenURL: 'https://provider.test/oauth2/token',
  clientID: 'client-1',
  callbackURL: 'https://app.test/auth/callback',
};

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

function login(overrides: Partial<LoginRequest> = {}): LoginRequest {
  return { authorizationParams: {}, loginParams: undefined, loginData: undefined, codeVerifier: VERIFIER, meta, ...overrides };
}

describe('starting a login (createAuthorizationRequest)', () => {
  it('asks for a code with the redirect_uri, configured scopes and the PKCE S256 challenge', () => {
    const { params } = createAuthorizationRequest(client, login());

    expect(params).to.deep.equal({
      response_type: 'code',
      redirect_uri: 'https://app.test/auth/callback',
      scope: 'read write',
      code_challenge: codeChallenge(VERIFIER, 'S256'),
      code_challenge_method: 'S256',
    });
  });

  it('keeps the verifier, the app state and the store meta as the pending login', () => {
    const { pending } = createAuthorizationRequest(client, login({ state: { returnTo: '/account' } }));

    expect(pending).to.deep.equal({ codeVerifier: VERIFIER, appState: { returnTo: '/account' }, meta });
  });

  it('keeps beginLogin data with the meta, and its parameters win over authorizationParams', () => {
    const { params, pending } = createAuthorizationRequest(client, login({
      authorizationParams: { prompt: 'login', nonce: 'from-hook' },
      loginParams: { nonce: 'n-1' },
      loginData: { nonce: 'n-1' },
    }));

    expect(params['prompt']).to.equal('login');
    expect(params['nonce']).to.equal('n-1');
    expect(pending?.meta).to.deep.equal({ ...meta, loginData: { nonce: 'n-1' } });
  });

  it('lets no hook replace response_type', () => {
    const { params } = createAuthorizationRequest(client, login({ authorizationParams: { response_type: 'token' } }));

    expect(params['response_type']).to.equal('code');
  });

  it('prefers the scope authenticate() names, and joins it with the configured separator', () => {
    const { params } = createAuthorizationRequest({ ...client, scopeSeparator: ',' }, login({ scope: ['a', 'b'] }));

    expect(params['scope']).to.equal('a,b');
  });

  it('sends no redirect_uri, scope or challenge when there is none', () => {
    const { params } = createAuthorizationRequest(
      { ...client, scope: undefined, pkceMethod: undefined },
      login({ codeVerifier: undefined, meta: { ...meta, callbackURL: undefined } }),
    );

    expect(params).to.deep.equal({ response_type: 'code' });
  });

  it('sends a string state as is with a custom store, and keeps nothing (passport-oauth2)', () => {
    const request = createAuthorizationRequest({ ...client, usesDefaultStore: false }, login({ state: 'app-state' }));

    expect(request.params['state']).to.equal('app-state');
    expect(request.pending).to.equal(undefined);
  });

  it('keeps a string state with the built-in store instead of sending it', () => {
    const request = createAuthorizationRequest(client, login({ state: 'app-state' }));

    expect(request.params).not.to.have.property('state');
    expect(request.pending?.appState).to.equal('app-state');
  });
});

describe('the authorization request URL (authorizationRequestURL)', () => {
  it('sends the store handle as state, then client_id', () => {
    const request = createAuthorizationRequest({ ...client, pkceMethod: undefined }, login({ codeVerifier: undefined }));
    const url = new URL(authorizationRequestURL(client, request, 'handle-1'));

    expect(url.origin + url.pathname).to.equal('https://provider.test/oauth2/authorize');
    expect([...url.searchParams]).to.deep.equal([
      ['response_type', 'code'],
      ['redirect_uri', 'https://app.test/auth/callback'],
      ['scope', 'read write'],
      ['state', 'handle-1'],
      ['client_id', 'client-1'],
    ]);
  });

  it('sends no state when the store gave no handle', () => {
    const request = createAuthorizationRequest(client, login());

    expect(new URL(authorizationRequestURL(client, request, undefined)).searchParams.has('state')).to.equal(false);
  });
});
