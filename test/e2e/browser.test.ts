// The example app in a real browser: headless Chromium (Debian's, driven by playwright-core)
// clicks "Log in with …", picks a user on the emulator's consent page, presses Approve (or Deny)
// and reads the profile page. .ci/run installs chromium; without it this suite skips locally
// and fails under CI=true.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { expect } from 'chai';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startExampleApp, type ExampleApp } from '../../examples/server.js';
import { requirePrerequisite } from '@passport-kit/test-support/prerequisites';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = '.tmp/example-app-profile.png';

// playwright gives every launch a new temporary user-data-dir; these keep Chromium offline and quiet.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('example app in headless Chromium', function () {
  this.timeout(30_000);
  let app: ExampleApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Every response with a 4xx or 5xx status the page got, subresources (a favicon) included. */
  let failedResponses: string[];

  before(async function () {
    requirePrerequisite(this, existsSync(CHROMIUM), { name: 'chromium', aptPackage: 'chromium' });
    app = await startExampleApp({ port: 0, env: {} });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    // A fresh context per test: no cookies from the previous login.
    context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(5_000);
    failedResponses = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failedResponses.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
  });

  afterEach(async () => {
    await context?.close();
  });

  /** Start page → "Log in with …" → the emulator's consent page → pick the user → press the button → back at the app. */
  async function logIn(label: string, userName: string, button: 'Approve' | 'Deny'): Promise<void> {
    await page.goto(app.url);
    await page.getByRole('link', { name: label, exact: true }).click();
    await page.waitForURL((url) => url.origin === app.emulator.url);
    expect(await page.title()).to.match(/^Authorize application - .+ \(emulator\)$/);
    await page.getByRole('radio', { name: new RegExp(userName) }).check();
    await page.getByRole('button', { name: button }).click();
    // Facebook's callback carries `#_=_`, which the redirect home keeps.
    await page.waitForURL((url) => url.origin === new URL(app.url).origin && url.pathname === '/');
  }

  /** The profile page's tables as name → value. */
  async function profileRows(): Promise<Record<string, string>> {
    const rows = await page.locator('tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? '']));
    return Object.fromEntries(rows);
  }

  const logins = [
    { label: 'Log in with Facebook', provider: 'facebook', user: 'Grace Hopper', username: undefined, emails: 'grace@example.com' },
    { label: 'Log in with GitHub', provider: 'github', user: 'Grace Hopper', username: 'grace', emails: 'grace@example.com' },
    { label: 'Log in with Twitter', provider: 'twitter', user: 'Ada Lovelace', username: 'ada', emails: 'ada@example.com' },
    { label: 'Log in with X', provider: 'x', user: 'Alan Turing', username: 'alan', emails: undefined },
  ];

  for (const login of logins) {
    it(`${login.label}: approving on the consent page shows ${login.user}'s profile`, async () => {
      await logIn(login.label, login.user, 'Approve');
      expect(await page.title()).to.equal(`Logged in as ${login.user}`);
      const rows = await profileRows();
      expect(rows['provider']).to.equal(login.provider);
      expect(rows['displayName']).to.equal(login.user);
      expect(rows['username']).to.equal(login.username);
      expect(rows['emails']).to.equal(login.emails);
      // The avatar comes from the emulator and actually renders.
      const avatarWidth = await page.locator('img.avatar').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
      expect(avatarWidth).to.be.greaterThan(0);
      expect(await page.locator('body').innerText()).not.to.match(/[\w-]{32,}/);
      if (login.provider === 'github') {
        await mkdir('.tmp', { recursive: true });
        await page.screenshot({ path: SCREENSHOT, fullPage: true });
      }
    });
  }

  it('Log in with GitHub: denying on the consent page says so on the start page', async () => {
    await logIn('Log in with GitHub', 'Ada Lovelace', 'Deny');
    expect(await page.title()).to.equal('passport-kit example');
    expect(await page.getByRole('alert').innerText()).to.equal('Log in with GitHub did not complete: The user has denied your application access.');
  });

  it('Log in with GitHub as Alan Turing: no email, as examples/README.md says (his noreply address is not primary)', async () => {
    await logIn('Log in with GitHub', 'Alan Turing', 'Approve');
    expect(await page.title()).to.equal('Logged in as Alan Turing');
    expect((await profileRows())['emails']).to.equal(undefined);
  });

  it('Log in with Twitter: the consent page names the app asking', async () => {
    await page.goto(app.url);
    await page.getByRole('link', { name: 'Log in with Twitter', exact: true }).click();
    await page.waitForURL((url) => url.origin === app.emulator.url);
    expect(await page.locator('p', { hasText: 'asks to access your account' }).innerText()).to.equal('The application passport-kit example asks to access your account:');
  });

  it('Log in with the local OpenID provider: its login and consent pages name the app, and nothing is missing', async () => {
    await page.goto(app.url);
    await page.getByRole('link', { name: 'Log in with the local OpenID provider' }).click();
    expect(await page.locator('p', { hasText: 'Log in to continue' }).innerText()).to.equal('Log in to continue to passport-kit example.');
    await page.getByLabel('Name').fill('alice');
    await page.getByRole('button', { name: 'Log in' }).click();
    expect(await page.locator('p', { hasText: 'asks to access your account' }).innerText()).to.equal('The application passport-kit example asks to access your account:');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.origin === new URL(app.url).origin && url.pathname === '/');
    expect(await page.title()).to.equal('Logged in as Alice Liddell');
    // Every page linked an icon or answered for one: no favicon (or anything else) was missing.
    expect(failedResponses).to.deep.equal([]);
  });

  it('no page of a login at the emulator asks for something missing (a favicon)', async () => {
    await logIn('Log in with GitHub', 'Grace Hopper', 'Approve');
    expect(failedResponses).to.deep.equal([]);
    // A browser that asks for /favicon.ico anyway gets no error either.
    expect((await page.request.get(`${app.url}/favicon.ico`)).status()).to.equal(204);
  });

  it('/profile when logged out goes to the start page, which says to log in', async () => {
    await page.goto(`${app.url}/profile`);
    expect(new URL(page.url()).pathname).to.equal('/');
    expect(await page.getByRole('alert').innerText()).to.equal('Log in to see your profile.');
    await logIn('Log in with X', 'Ada Lovelace', 'Approve');
    await page.goto(`${app.url}/profile`);
    expect(await page.title()).to.equal('Logged in as Ada Lovelace');
  });

  it('a callback the app did not start says why the login failed', async () => {
    await page.goto(`${app.url}/auth/github/callback?code=forged&state=forged`);
    expect(await page.getByRole('alert').innerText()).to.equal('Log in with GitHub did not complete: Unable to verify authorization request state. (reason: missing)');
  });

  it('an unknown page is a page, not "Cannot GET"', async () => {
    const response = await page.goto(`${app.url}/no-such-page`);
    expect(response?.status()).to.equal(404);
    expect(await page.title()).to.equal('Page not found');
    expect(await page.getByRole('link', { name: 'Back to the start page' }).count()).to.equal(1);
  });

  it('logs out with the button', async () => {
    await logIn('Log in with X', 'Ada Lovelace', 'Approve');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await page.getByRole('link', { name: 'Log in with X', exact: true }).count()).to.equal(1);
  });
});
