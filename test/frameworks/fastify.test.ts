// A Fastify app with @fastify/passport and @fastify/secure-session: a person logs in with
// GitHub (the emulator); the login state lives in the encrypted session cookie.
import { randomBytes } from 'node:crypto';
import fastifyPassport from '@fastify/passport';
import fastifySecureSession from '@fastify/secure-session';
import { expect } from 'chai';
import Fastify, { type FastifyInstance } from 'fastify';
import request from 'supertest';
import { GitHubStrategy } from '@passport-kit/github';
import { startEmulator, type Emulator } from '@passport-kit/testing';
import { approveAt, cookieValue, githubOptions, listen, sharedGitHubLoginTests } from './support.js';

interface User {
  id: string;
  username: string | undefined;
  email: string | undefined;
}

async function createApp(emulator: Emulator): Promise<FastifyInstance> {
  const passport = new fastifyPassport.Authenticator();
  passport.use(
    'github',
    new GitHubStrategy(githubOptions(emulator), (accessToken, refreshToken, profile, done) => {
      done(null, { id: profile.id, username: profile.username, email: profile.emails?.[0]?.value } satisfies User);
    }),
  );
  passport.registerUserSerializer(async (user: User) => user);
  passport.registerUserDeserializer(async (user: User) => user);

  const app = Fastify();
  await app.register(fastifySecureSession, { key: randomBytes(32), cookie: { path: '/', httpOnly: true } });
  await app.register(passport.initialize());
  await app.register(passport.secureSession());
  app.get('/auth/github', { preValidation: passport.authenticate('github') }, async () => '');
  app.get(
    '/auth/github/callback',
    { preValidation: passport.authenticate('github', { successRedirect: '/profile', failureRedirect: '/login' }) },
    async () => '',
  );
  app.get('/profile', async (req, reply) => (req.user ? req.user : reply.code(401).send('not logged in')));
  await app.ready();
  return app;
}

describe('Fastify app with @fastify/passport and @fastify/secure-session', () => {
  let emulator: Emulator;
  let app: FastifyInstance;
  let server: Awaited<ReturnType<typeof listen>>;

  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());
  beforeEach(async () => {
    app = await createApp(emulator);
    server = await listen(app.server);
  });
  afterEach(async () => {
    await server.close();
    await app.close();
    emulator.reset();
  });

  sharedGitHubLoginTests(() => ({ url: server.url, emulator }));

  it('starts the session afresh on login: the cookie from before logs no one in', async () => {
    const browser = request.agent(server.url);
    const start = await browser.get('/auth/github').expect(302);
    const before = cookieValue(start.headers['set-cookie'], 'session');
    expect(before, 'session cookie set with the login state').to.be.a('string');

    const callback = await browser.get(await approveAt(String(start.headers['location']))).expect(302);
    const after = cookieValue(callback.headers['set-cookie'], 'session');
    expect(after).to.be.a('string').and.not.equal(before);
    await request(server.url).get('/profile').set('cookie', `session=${before}`).expect(401);
    await request(server.url).get('/profile').set('cookie', `session=${after}`).expect(200);
  });

  it('uses up the login state even when the token exchange fails', async () => {
    const browser = request.agent(server.url);
    const start = await browser.get('/auth/github').expect(302);
    const callback = await approveAt(String(start.headers['location']));
    emulator.setScenario('github.token', { kind: 'badCode' }, { times: 1 });
    await browser.get(callback).expect(500);
    await browser.get(callback).expect(302).expect('location', '/login');
    expect(emulator.requests['github.token']).to.equal(1);
  });
});
