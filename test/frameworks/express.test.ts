// Express 4 and Express 5 apps with express-session: a person logs in with GitHub (the emulator)
// and passport 0.7 moves them to a new session on login.
import { expect } from 'chai';
import express4 from 'express';
import session from 'express-session';
import express5 from 'express5';
import { Passport } from 'passport';
import request from 'supertest';
import { GitHubStrategy } from '@passport-kit/github';
import { startEmulator, type Emulator } from '@passport-kit/testing';
import { approveAt, cookieValue, githubOptions, listen, sharedGitHubLoginTests } from './support.js';

interface User {
  id: string;
  username: string | undefined;
  email: string | undefined;
}

function createApp(express: typeof express4, emulator: Emulator) {
  const passport = new Passport();
  passport.use(
    new GitHubStrategy(githubOptions(emulator), (accessToken, refreshToken, profile, done) => {
      done(null, { id: profile.id, username: profile.username, email: profile.emails?.[0]?.value } satisfies User);
    }),
  );
  passport.serializeUser((user, done) => done(null, user));
  passport.deserializeUser((user: User, done) => done(null, user));

  const app = express();
  app.use(session({ secret: 'framework test session secret', resave: false, saveUninitialized: false }));
  app.use(passport.authenticate('session'));
  app.get('/auth/github', passport.authenticate('github'));
  app.get('/auth/github/callback', passport.authenticate('github', { successRedirect: '/profile', failureRedirect: '/login' }));
  app.get('/profile', (req, res) => {
    if (req.user) res.json(req.user);
    else res.status(401).send('not logged in');
  });
  return app;
}

for (const [name, express] of [
  ['Express 4', express4],
  ['Express 5', express5],
] as const) {
  describe(`${name} app with express-session`, () => {
    let emulator: Emulator;
    let server: Awaited<ReturnType<typeof listen>>;

    before(async () => {
      emulator = await startEmulator();
    });
    after(() => emulator.close());
    beforeEach(async () => {
      server = await listen(createApp(express, emulator));
    });
    afterEach(() => server.close());

    sharedGitHubLoginTests(() => ({ url: server.url, emulator }));

    it('moves the person to a new session on login, so the old session id logs no one in', async () => {
      const browser = request.agent(server.url);
      const start = await browser.get('/auth/github').expect(302);
      const before = cookieValue(start.headers['set-cookie'], 'connect.sid');
      expect(before, 'session cookie set with the login state').to.be.a('string');

      const callback = await browser.get(await approveAt(String(start.headers['location']))).expect(302);
      const after = cookieValue(callback.headers['set-cookie'], 'connect.sid');
      expect(after).to.be.a('string').and.not.equal(before);

      await request(server.url).get('/profile').set('cookie', `connect.sid=${before}`).expect(401);
      await request(server.url).get('/profile').set('cookie', `connect.sid=${after}`).expect(200);
    });
  });
}
