// What every framework app test shares: the emulator's GitHub and Twitter clients, a server on
// 127.0.0.1 (so the callback URL a login starts with is the one it finishes on), and the
// person's trip through the emulator's authorize page.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import request from 'supertest';
import type { Emulator } from '@passport-kit/testing';
import type { GitHubStrategyOptions } from '@passport-kit/github';
import type { TwitterStrategyOptions } from '@passport-kit/twitter';

/** GitHubStrategy options for the emulator's default GitHub client, callback relative to the app. */
export function githubOptions(emulator: Emulator): GitHubStrategyOptions {
  return {
    baseURL: emulator.github.baseURL,
    clientID: 'github-client-id',
    clientSecret: 'github-client-secret',
    callbackURL: '/auth/github/callback',
    scope: ['user:email'],
  };
}

/** TwitterStrategy options for the emulator's Twitter consumer. */
export function twitterOptions(emulator: Emulator): TwitterStrategyOptions {
  return {
    requestTokenURL: emulator.twitter.requestTokenURL,
    accessTokenURL: emulator.twitter.accessTokenURL,
    userAuthorizationURL: emulator.twitter.authorizationURL,
    userProfileURL: emulator.twitter.userProfileURL,
    consumerKey: 'twitter-consumer-key',
    consumerSecret: 'twitter-consumer-secret',
    callbackURL: '/auth/twitter/callback',
  };
}

/** An HTTP server on a free loopback port, and its origin. */
export async function listen(handler: RequestListener | Server): Promise<{ url: string; close(): Promise<void> }> {
  const server = typeof handler === 'function' ? createServer(handler) : handler;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * The person at the emulator: opens the authorization URL the app redirected to, approving as
 * `user` (`login_hint`, an emulator extension), and returns the app callback path it is sent to.
 */
export async function approveAt(authorizationURL: string, user = 'ada'): Promise<string> {
  const url = new URL(authorizationURL);
  url.searchParams.set('login_hint', user);
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || location === null) {
    throw new Error(`the emulator answered ${response.status} at ${url.pathname}: ${(await response.text()).slice(0, 200)}`);
  }
  const callback = new URL(location);
  return callback.pathname + callback.search;
}

/** The value of one cookie among a response's `Set-Cookie` headers. */
export function cookieValue(setCookie: string[] | string | undefined, name: string): string | undefined {
  const lines = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  for (const line of lines) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    if (pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * The checks every framework's session-backed GitHub app passes: a full login through the
 * emulator to the profile, and a callback replayed after it refused. `app()` is read when each
 * test runs, after the suite's `before` hook has started the app.
 */
export function sharedGitHubLoginTests(app: () => { url: string; emulator: Emulator }): void {
  it('logs in with GitHub and shows the profile', async () => {
    const { url, emulator } = app();
    const browser = request.agent(url);
    const start = await browser.get('/auth/github').expect(302);
    const location = new URL(String(start.headers['location']));
    expect(location.origin + location.pathname).to.equal(emulator.github.authorizationURL);
    expect(location.searchParams.get('redirect_uri')).to.equal(`${url}/auth/github/callback`);
    expect(location.searchParams.get('state')).to.be.a('string');
    expect(location.searchParams.get('code_challenge_method')).to.equal('S256');

    await browser.get(await approveAt(location.href, 'grace')).expect(302).expect('location', '/profile');
    const profile = await browser.get('/profile').expect(200);
    expect(profile.body).to.deep.equal({ id: '1002', username: 'grace', email: 'grace@example.com' });
  });

  it('refuses a callback replayed after the login completed', async () => {
    const browser = request.agent(app().url);
    const start = await browser.get('/auth/github').expect(302);
    const callback = await approveAt(String(start.headers['location']));
    await browser.get(callback).expect(302).expect('location', '/profile');
    await browser.get(callback).expect(302).expect('location', '/login');
  });
}
