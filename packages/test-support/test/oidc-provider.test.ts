import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { loginThroughProvider } from '../src/browserless-login.js';
import { startOidcProvider, type OidcProvider } from '../src/oidc-provider.js';

const CALLBACK = 'http://127.0.0.1:9/auth/callback';

describe('test oidc-provider', () => {
  let op: OidcProvider;

  before(async () => {
    op = await startOidcProvider({ redirectURIs: [CALLBACK] });
  });

  after(async () => {
    await op.close();
  });

  function authorizationURL(clientID: string, extra: Record<string, string> = {}): string {
    const url = new URL(op.authorizationURL);
    url.search = new URLSearchParams({ response_type: 'code', client_id: clientID, redirect_uri: CALLBACK, scope: 'openid profile email', state: 'st', ...extra }).toString();
    return url.href;
  }

  async function exchange(form: Record<string, string>, headers: Record<string, string> = {}) {
    const res = await fetch(op.tokenURL, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ grant_type: 'authorization_code', redirect_uri: CALLBACK, ...form }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('logs a named account in and redirects to the callback with code, state and iss', async () => {
    const callback = new URL(await loginThroughProvider(authorizationURL(op.clients.secretPost.clientID), { account: 'bob' }));
    expect(callback.origin + callback.pathname).to.equal(CALLBACK);
    expect(callback.searchParams.get('state')).to.equal('st');
    expect(callback.searchParams.get('iss')).to.equal(op.issuer);
    const code = callback.searchParams.get('code') ?? '';
    const { client_id, client_secret } = { client_id: op.clients.secretPost.clientID, client_secret: op.clients.secretPost.clientSecret };
    const token = await exchange({ code, client_id, client_secret });
    expect(token.status).to.equal(200);
    const userinfo = await fetch(op.userInfoURL, { headers: { authorization: `Bearer ${String(token.body['access_token'])}` } });
    expect(await userinfo.json()).to.deep.equal({ sub: 'bob', name: 'Bob Tables', picture: 'https://example.test/bob.png', email: 'bob@example.test', email_verified: false });
  });

  it('accepts any typed name as an account', async () => {
    const callback = new URL(await loginThroughProvider(authorizationURL(op.clients.secretBasic.clientID), { account: 'Jane Doe' }));
    const { clientID, clientSecret } = op.clients.secretBasic;
    const token = await exchange(
      { code: callback.searchParams.get('code') ?? '' },
      { authorization: `Basic ${Buffer.from(`${clientID}:${clientSecret}`).toString('base64')}` },
    );
    const userinfo = await fetch(op.userInfoURL, { headers: { authorization: `Bearer ${String(token.body['access_token'])}` } });
    expect(await userinfo.json()).to.include({ sub: 'Jane Doe', name: 'Jane Doe', email: 'jane.doe@example.test' });
  });

  it('redirects with error=access_denied when consent is denied', async () => {
    const callback = new URL(await loginThroughProvider(authorizationURL(op.clients.secretPost.clientID), { consent: 'deny' }));
    expect(callback.searchParams.get('error')).to.equal('access_denied');
    expect(callback.searchParams.get('state')).to.equal('st');
  });

  it('requires PKCE from the public client and checks the verifier', async () => {
    const denied = new URL(await loginThroughProvider(authorizationURL(op.clients.public.clientID)));
    expect(denied.searchParams.get('error')).to.equal('invalid_request');

    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const callback = new URL(await loginThroughProvider(authorizationURL(op.clients.public.clientID, { code_challenge: challenge, code_challenge_method: 'S256' })));
    const token = await exchange({ code: callback.searchParams.get('code') ?? '', client_id: op.clients.public.clientID, code_verifier: verifier });
    expect(token.status).to.equal(200);
  });

  it('answers invalid_grant to a reused code', async () => {
    const callback = new URL(await loginThroughProvider(authorizationURL(op.clients.secretPost.clientID)));
    const form = { code: callback.searchParams.get('code') ?? '', client_id: op.clients.secretPost.clientID, client_secret: op.clients.secretPost.clientSecret };
    expect((await exchange(form)).status).to.equal(200);
    const again = await exchange(form);
    expect(again.status).to.equal(400);
    expect(again.body).to.include({ error: 'invalid_grant' });
  });
});
