// Smoke test of `npm start`'s app: a person logs in with the local OpenID provider and sees
// their profile and token metadata, never a token.
import { expect } from 'chai';
import request from 'supertest';
import { startExampleApp, type ExampleApp } from '../../examples/server.js';
import { loginThroughProvider } from '../support/browserless-login.js';

describe('example app', () => {
  let app: ExampleApp;
  let browser: ReturnType<typeof request.agent>;

  beforeEach(async () => {
    app = await startExampleApp({ port: 0 });
    // 127.0.0.1 rather than localhost: where the server listens, whatever localhost resolves to.
    browser = request.agent(app.url.replace('localhost', '127.0.0.1'));
  });

  afterEach(async () => {
    await app.close();
  });

  async function logIn(account: string, consent: 'allow' | 'deny' = 'allow') {
    const home = await browser.get('/').expect(200);
    expect(home.text).to.include('href="/auth/oidc"');
    const start = await browser.get('/auth/oidc').expect(302);
    const callback = new URL(await loginThroughProvider(String(start.headers['location']), { account, consent }));
    await browser.get(callback.pathname + callback.search).expect(302).expect('location', '/');
    return (await browser.get('/').expect(200)).text;
  }

  it('logs in with any name and shows the profile and token metadata', async () => {
    const page = await logIn('Ada Lovelace');
    expect(page).to.include('Logged in as Ada Lovelace');
    expect(page).to.include('ada.lovelace@example.test');
    expect(page).to.include('<th>Token type</th><td>Bearer</td>');
    expect(page).to.include('<th>Scope</th><td>openid profile email</td>');
    expect(page).to.match(/<th>Expires<\/th><td>\d{4}-\d\d-\d\dT/);
    // oidc-provider's access tokens are 43 base64url characters; an ID token is longer still.
    expect(page).not.to.match(/[\w-]{40,}/);
  });

  it('logs out', async () => {
    await logIn('alice');
    await browser.post('/logout').expect(302).expect('location', '/');
    const page = (await browser.get('/').expect(200)).text;
    expect(page).not.to.include('Logged in as');
    expect(page).to.include('Log in with the local OpenID provider');
  });

  it('shows why a login failed when the person denies access', async () => {
    const page = await logIn('alice', 'deny');
    expect(page).not.to.include('Logged in as');
    expect(page).to.include('End-User denied the request');
  });
});
