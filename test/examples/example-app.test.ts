// Smoke test of `npm start`'s app over HTTP: a person logs in with every provider (the emulator's
// consent page, or the local OpenID provider) and sees the normalized profile and token
// metadata, never a token.
import { expect } from 'chai';
import request from 'supertest';
import { startExampleApp, type ExampleApp } from '../../examples/server.js';
import { loginThroughProvider } from '@passport-kit/test-support/browserless-login';
import { answerConsentPage } from './emulator-consent.js';

// Long base64url-like runs: every access token, token secret, code and verifier the emulator
// and oidc-provider issue is at least this long; nothing on the profile page should be.
const TOKEN_LIKE = /[\w-]{32,}/;

describe('example app', () => {
  let app: ExampleApp;
  let browser: ReturnType<typeof request.agent>;

  beforeEach(async () => {
    app = await startExampleApp({ port: 0, env: {} });
    // 127.0.0.1 rather than localhost: where the server listens, whatever localhost resolves to.
    browser = request.agent(app.url.replace('localhost', '127.0.0.1'));
  });

  afterEach(async () => {
    await app.close();
  });

  /** Clicks "Log in with …", answers the emulator's consent page, follows the callback home. */
  async function logInAtEmulator(provider: string, username: string, decision: 'approve' | 'deny' = 'approve') {
    const start = await browser.get(`/auth/${provider}`).expect(302);
    const location = String(start.headers['location']);
    expect(location.startsWith(`${app.emulator.url}/${provider}/`), location).to.equal(true);
    const callback = await answerConsentPage(location, { username, decision });
    expect(callback.pathname).to.equal(`/auth/${provider}/callback`);
    await browser.get(callback.pathname + callback.search).expect(302).expect('location', '/');
    return (await browser.get('/').expect(200)).text;
  }

  function row(name: string, value: string): string {
    return `<tr><th>${name}</th><td>${value}</td></tr>`;
  }

  it('offers a login with every provider', async () => {
    const home = (await browser.get('/').expect(200)).text;
    for (const [href, label] of [
      ['/auth/facebook', 'Log in with Facebook'],
      ['/auth/github', 'Log in with GitHub'],
      ['/auth/twitter', 'Log in with Twitter'],
      ['/auth/x', 'Log in with X'],
      ['/auth/oidc', 'Log in with the local OpenID provider'],
    ]) {
      expect(home).to.include(`href="${href}">${label}</a> <small>`);
    }
    expect(home.match(/<small>local emulator<\/small>/g)).to.have.length(4);
  });

  describe('what a first visit meets', () => {
    it('answers /favicon.ico without an error, and every page links an inline icon', async () => {
      await browser.get('/favicon.ico').expect(204);
      expect((await browser.get('/').expect(200)).text).to.match(/<link rel="icon" href="data:image\/svg\+xml,/);
    });

    it('/profile when logged out goes to the start page, which says to log in', async () => {
      await browser.get('/profile').expect(302).expect('location', '/');
      expect((await browser.get('/').expect(200)).text).to.include('<p role="alert" class="alert">Log in to see your profile.</p>');
    });

    it('a failed login says why on the start page, with the state check’s reason', async () => {
      await browser.get('/auth/x/callback?code=forged&state=forged').expect(302).expect('location', '/');
      expect((await browser.get('/').expect(200)).text).to.include('Log in with X did not complete: Unable to verify authorization request state. (reason: missing)');
    });

    it('an unknown path is a "Page not found" page', async () => {
      const page = await browser.get('/no-such-page').expect(404).expect('content-type', /html/);
      expect(page.text).to.include('<title>Page not found</title>');
    });

    it('the consent pages name the app: passport-kit example', async () => {
      for (const provider of ['github', 'twitter']) {
        const start = await browser.get(`/auth/${provider}`).expect(302);
        const consent = await fetch(String(start.headers['location']));
        expect(await consent.text()).to.include('The application <strong class="app">passport-kit example</strong> asks');
      }
    });
  });

  describe('logging in at the emulator', () => {
    it('Facebook: shows the Graph profile of the chosen user', async () => {
      const page = await logInAtEmulator('facebook', 'grace');
      expect(page).to.include('<title>Logged in as Grace Hopper</title>');
      expect(page).to.include(row('provider', 'facebook'));
      expect(page).to.include(row('id', '1002'));
      expect(page).to.include(row('displayName', 'Grace Hopper'));
      expect(page).to.include(row('emails', 'grace@example.com'));
      expect(page).to.include(`<img class="avatar" src="${app.emulator.url}/avatars/grace.svg"`);
      expect(page).to.include(row('Token type', 'bearer'));
      expect(page).to.match(/<th>Expires<\/th><td>\d{4}-\d\d-\d\dT/);
      expect(page).not.to.match(TOKEN_LIKE);
      expect(app.emulator.requests['facebook.me']).to.equal(1);
    });

    it('GitHub: shows the profile with the primary email, as passport-github2 gave it', async () => {
      const page = await logInAtEmulator('github', 'grace');
      expect(page).to.include('<title>Logged in as Grace Hopper</title>');
      expect(page).to.include(row('provider', 'github'));
      expect(page).to.include(row('id', '1002'));
      expect(page).to.include(row('username', 'grace'));
      expect(page).to.include(row('emails', 'grace@example.com'));
      expect(page).to.include(`${row('profileUrl', `${app.emulator.url}/github/grace`)}`);
      expect(page).to.include(row('Scope', 'user:email'));
      expect(page).to.include(row('Expires', 'no expiry given'));
      expect(page).not.to.match(TOKEN_LIKE);
      // PKCE: the token request carried the verifier.
      expect(app.emulator.received('github.token')[0]?.body).to.match(/code_verifier=/);
    });

    it('Twitter: logs in with OAuth 1.0a and shows the verify_credentials profile', async () => {
      const page = await logInAtEmulator('twitter', 'grace');
      expect(page).to.include('<title>Logged in as Grace Hopper</title>');
      expect(page).to.include(row('provider', 'twitter'));
      expect(page).to.include(row('id', '1002'));
      expect(page).to.include(row('username', 'grace'));
      expect(page).to.include(row('emails', 'grace@example.com'));
      expect(page).to.include(row('Token type', 'OAuth 1.0a'));
      expect(page).not.to.match(TOKEN_LIKE);
      // Every request to Twitter was signed, and the emulator checked each signature.
      expect(app.emulator.requests['twitter.verifyCredentials']).to.equal(1);
    });

    it('X: logs in with OAuth 2.0 and PKCE and shows the /2/users/me profile', async () => {
      const page = await logInAtEmulator('x', 'grace');
      expect(page).to.include('<title>Logged in as Grace Hopper</title>');
      expect(page).to.include(row('provider', 'x'));
      expect(page).to.include(row('id', '1002'));
      expect(page).to.include(row('username', 'grace'));
      expect(page).to.include(row('emails', 'grace@example.com'));
      expect(page).to.include(row('Scope', 'users.read tweet.read users.email offline.access'));
      expect(page).to.include(row('Refresh token issued', 'yes'));
      expect(page).not.to.match(TOKEN_LIKE);
    });

    it('shows a user without an email', async () => {
      const page = await logInAtEmulator('facebook', 'alan');
      expect(page).to.include('<title>Logged in as Alan Turing</title>');
      expect(page).not.to.include('<th>emails</th>');
    });

    for (const [provider, message] of [
      ['facebook', 'Log in with Facebook did not complete: Permissions error'],
      ['github', 'Log in with GitHub did not complete: The user has denied your application access.'],
      ['twitter', 'Log in with Twitter did not complete: The user denied the authorization request'],
      ['x', 'Log in with X did not complete: access was not granted.'],
    ] as const) {
      it(`${provider}: says so when the person denies access`, async () => {
        const page = await logInAtEmulator(provider, 'ada', 'deny');
        expect(page).not.to.include('Logged in as');
        expect(page).to.include(`<p role="alert" class="alert">${message}</p>`);
      });
    }

    it('shows a failed token exchange as an error page without a stack trace', async () => {
      app.emulator.setScenario('github.token', { kind: 'badCode' });
      const start = await browser.get('/auth/github').expect(302);
      const callback = await answerConsentPage(String(start.headers['location']), { username: 'ada', decision: 'approve' });
      const page = await browser.get(callback.pathname + callback.search).expect(500);
      expect(page.text).to.include('<title>Login failed</title>');
      expect(page.text).to.include('TokenError (bad_verification_code): The code passed is incorrect or expired.');
      expect(page.text).not.to.match(/\bat .+:\d+:\d+/);
    });

    it('logs out', async () => {
      await logInAtEmulator('github', 'ada');
      await browser.post('/logout').expect(302).expect('location', '/');
      const page = (await browser.get('/').expect(200)).text;
      expect(page).not.to.include('Logged in as');
      expect(page).to.include('Log in with GitHub');
    });
  });

  describe('logging in at the local OpenID provider', () => {
    async function logIn(account: string, consent: 'allow' | 'deny' = 'allow') {
      const start = await browser.get('/auth/oidc').expect(302);
      const callback = new URL(await loginThroughProvider(String(start.headers['location']), { account, consent }));
      await browser.get(callback.pathname + callback.search).expect(302).expect('location', '/');
      return (await browser.get('/').expect(200)).text;
    }

    it('logs in with any name and shows the profile and token metadata', async () => {
      const page = await logIn('Ada Lovelace');
      expect(page).to.include('Logged in as Ada Lovelace');
      expect(page).to.include(row('emails', 'ada.lovelace@example.test'));
      expect(page).to.include(row('Token type', 'Bearer'));
      expect(page).to.include(row('Scope', 'openid profile email'));
      expect(page).to.include(row('ID token issued', 'yes'));
      expect(page).to.match(/<th>Expires<\/th><td>\d{4}-\d\d-\d\dT/);
      expect(page).not.to.match(TOKEN_LIKE);
    });

    it('shows why a login failed when the person denies access', async () => {
      const page = await logIn('alice', 'deny');
      expect(page).not.to.include('Logged in as');
      expect(page).to.include('End-User denied the request');
    });
  });

  describe('with real credentials in the environment', () => {
    let real: ExampleApp;
    afterEach(async () => {
      await real.close();
    });

    it('sends those providers to the real ones and keeps the others on the emulator', async () => {
      real = await startExampleApp({ port: 0, env: { GITHUB_CLIENT_ID: 'Iv1.real-id', GITHUB_CLIENT_SECRET: 'real-secret', FACEBOOK_APP_ID: '42', FACEBOOK_APP_SECRET: 'fb-secret', X_CLIENT_ID: 'x-real-id' } });
      const agent = request.agent(real.url.replace('localhost', '127.0.0.1'));
      const github = new URL(String((await agent.get('/auth/github').expect(302)).headers['location']));
      expect(github.origin + github.pathname).to.equal('https://github.com/login/oauth/authorize');
      expect(github.searchParams.get('client_id')).to.equal('Iv1.real-id');
      const facebook = new URL(String((await agent.get('/auth/facebook').expect(302)).headers['location']));
      expect(facebook.origin).to.equal('https://www.facebook.com');
      expect(facebook.searchParams.get('client_id')).to.equal('42');
      // A public X client: PKCE, no secret.
      const x = new URL(String((await agent.get('/auth/x').expect(302)).headers['location']));
      expect(x.origin + x.pathname).to.equal('https://x.com/i/oauth2/authorize');
      expect(x.searchParams.get('client_id')).to.equal('x-real-id');
      expect(x.searchParams.get('code_challenge_method')).to.equal('S256');
      const home = (await agent.get('/').expect(200)).text;
      expect(home).to.include('Log in with GitHub</a> <small>github.com</small>');
      expect(home).to.include('Log in with Facebook</a> <small>facebook.com</small>');
      expect(home).to.include('Log in with X</a> <small>x.com</small>');
      expect(home).to.include('Log in with Twitter</a> <small>local emulator</small>');
    });
  });

  it('refuses to start with half a credential pair, naming the missing variable', async () => {
    const error: unknown = await startExampleApp({ port: 0, env: { GITHUB_CLIENT_ID: 'Iv1.real-id' } }).then(
      (started) => started.close(),
      (err: unknown) => err,
    );
    expect(error).to.be.instanceOf(Error).with.property('message', 'GITHUB_CLIENT_ID is set but GITHUB_CLIENT_SECRET is not');
  });
});
