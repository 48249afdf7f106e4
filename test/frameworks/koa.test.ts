// A Koa app with koa-passport and koa-session (sessions in a server-side store): a person logs
// in with GitHub (the emulator) and is moved to a new session on login.
import Router from '@koa/router';
import { expect } from 'chai';
import Koa from 'koa';
import { KoaPassport } from 'koa-passport';
import session from 'koa-session';
import request from 'supertest';
import { GitHubStrategy } from '@passport-kit/github';
import { startEmulator, type Emulator } from '@passport-kit/testing';
import { approveAt, cookieValue, githubOptions, listen, sharedGitHubLoginTests } from './support.js';

interface User {
  id: string;
  username: string | undefined;
  email: string | undefined;
}

function createApp(emulator: Emulator, sessions: Map<string, unknown>) {
  const passport = new KoaPassport();
  passport.use(
    'github',
    new GitHubStrategy(githubOptions(emulator), (accessToken, refreshToken, profile, done) => {
      done(null, { id: profile.id, username: profile.username, email: profile.emails?.[0]?.value } satisfies User);
    }),
  );
  passport.serializeUser((user: User, done) => done(null, user));
  passport.deserializeUser((user: User, done) => done(null, user));

  const app = new Koa();
  app.keys = ['framework test session key'];
  app.use(
    session(
      {
        key: 'koa.sess',
        store: {
          get: async (key: string) => sessions.get(key),
          set: async (key: string, value: unknown) => void sessions.set(key, value),
          destroy: async (key: string) => void sessions.delete(key),
        },
      },
      app,
    ),
  );
  app.use(passport.initialize());
  app.use(passport.session());

  const router = new Router();
  router.get('/auth/github', passport.authenticate('github'));
  router.get('/auth/github/callback', passport.authenticate('github', { successRedirect: '/profile', failureRedirect: '/login' }));
  router.get('/profile', (ctx) => {
    if (ctx.state['user']) ctx.body = ctx.state['user'];
    else ctx.throw(401, 'not logged in');
  });
  app.use(router.routes());
  return app;
}

describe('Koa app with koa-passport and koa-session', () => {
  let emulator: Emulator;
  let sessions: Map<string, unknown>;
  let server: Awaited<ReturnType<typeof listen>>;

  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());
  beforeEach(async () => {
    sessions = new Map();
    server = await listen(createApp(emulator, sessions).callback());
  });
  afterEach(() => server.close());

  sharedGitHubLoginTests(() => ({ url: server.url, emulator }));

  it('moves the person to a new session on login, so the old session id logs no one in', async () => {
    const browser = request.agent(server.url);
    const start = await browser.get('/auth/github').expect(302);
    const before = cookieValue(start.headers['set-cookie'], 'koa.sess');
    expect(before, 'session cookie set with the login state').to.be.a('string');
    expect(sessions.has(before as string)).to.equal(true);

    const callback = await browser.get(await approveAt(String(start.headers['location']))).expect(302);
    const after = cookieValue(callback.headers['set-cookie'], 'koa.sess');
    expect(after).to.be.a('string').and.not.equal(before);
    expect(sessions.has(before as string), 'old session destroyed').to.equal(false);
    await browser.get('/profile').expect(200);
  });
});

describe('Koa app with koa-passport and no session', () => {
  let emulator: Emulator;
  let server: Awaited<ReturnType<typeof listen>>;

  before(async () => {
    emulator = await startEmulator();
    const passport = new KoaPassport();
    passport.use('github', new GitHubStrategy(githubOptions(emulator), (accessToken, refreshToken, profile, done) => done(null, profile)));
    const app = new Koa();
    app.use(passport.initialize());
    const router = new Router();
    router.get('/auth/github', passport.authenticate('github', { session: false }));
    router.get('/auth/github/callback', passport.authenticate('github', { session: false }), (ctx) => {
      ctx.body = { username: (ctx.state['user'] as { username: string }).username };
    });
    app.use(router.routes());
    server = await listen(app.callback());
  });
  after(async () => {
    await server.close();
    await emulator.close();
  });

  it('keeps the login state in the encrypted cookie and logs in', async () => {
    const browser = request.agent(server.url);
    const start = await browser.get('/auth/github').expect(302);
    expect(String(start.headers['set-cookie'])).to.match(/^pk\.tx\.[\w-]+=[^;]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax/);
    const done = await browser.get(await approveAt(String(start.headers['location']), 'alan')).expect(200);
    expect(done.body).to.deep.equal({ username: 'alan' });
  });

  it('refuses the callback in a browser without the cookie', async () => {
    const start = await request(server.url).get('/auth/github').expect(302);
    await request(server.url).get(await approveAt(String(start.headers['location']))).expect(403);
  });
});
