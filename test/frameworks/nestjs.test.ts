// A NestJS app with @nestjs/passport: strategies written the NestJS way (PassportStrategy mixin,
// `validate`, AuthGuard routes), logging in with GitHub (OAuth 2.0) and Twitter (OAuth 1.0a)
// against the emulator. No session: the login state lives in the strategies' encrypted cookie.
import 'reflect-metadata';
import { Controller, Get, Inject, Injectable, Module, Req, UnauthorizedException, UseGuards, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthGuard, PassportModule, PassportStrategy } from '@nestjs/passport';
import { expect } from 'chai';
import request from 'supertest';
import { GitHubStrategy, type GitHubProfile, type GitHubStrategyOptions } from '@passport-kit/github';
import { startEmulator, type Emulator } from '@passport-kit/testing';
import { TwitterStrategy, type TwitterProfile, type TwitterStrategyOptions } from '@passport-kit/twitter';
import { approveAt, githubOptions, listen, twitterOptions } from './support.js';

const GITHUB_OPTIONS = Symbol('GitHubStrategyOptions');
const TWITTER_OPTIONS = Symbol('TwitterStrategyOptions');

interface AppUser {
  provider: string;
  id: string;
  username: string | undefined;
}

/** What each `validate` received, so tests can check NestJS passed the 4-argument form. */
const validateCalls: unknown[][] = [];

@Injectable()
class GitHubAuth extends PassportStrategy(GitHubStrategy, 'github') {
  constructor(@Inject(GITHUB_OPTIONS) options: GitHubStrategyOptions) {
    super(options);
  }

  // NestJS passes its verify as `(...params)` (arity 0): this gets the 4-argument form, minus `done`.
  async validate(accessToken: string, refreshToken: string | undefined, profile: GitHubProfile): Promise<AppUser> {
    validateCalls.push([accessToken, refreshToken, profile]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (profile.username === 'alan') throw new UnauthorizedException('alan may not log in');
    return { provider: profile.provider, id: profile.id, username: profile.username };
  }
}

@Injectable()
class TwitterAuth extends PassportStrategy(TwitterStrategy, 'twitter') {
  constructor(@Inject(TWITTER_OPTIONS) options: TwitterStrategyOptions) {
    super(options);
  }

  validate(token: string, tokenSecret: string, profile: TwitterProfile): AppUser {
    validateCalls.push([token, tokenSecret, profile]);
    return { provider: profile.provider, id: profile.id, username: profile.username };
  }
}

@Controller('auth')
class AuthController {
  @Get('github')
  @UseGuards(AuthGuard('github'))
  github(): void {
    // The guard redirects to GitHub.
  }

  @Get('github/callback')
  @UseGuards(AuthGuard('github'))
  githubCallback(@Req() req: { user: AppUser }): AppUser {
    return req.user;
  }

  @Get('twitter')
  @UseGuards(AuthGuard('twitter'))
  twitter(): void {
    // The guard redirects to Twitter.
  }

  @Get('twitter/callback')
  @UseGuards(AuthGuard('twitter'))
  twitterCallback(@Req() req: { user: AppUser }): AppUser {
    return req.user;
  }
}

function appModule(emulator: Emulator) {
  @Module({
    imports: [PassportModule],
    controllers: [AuthController],
    providers: [
      { provide: GITHUB_OPTIONS, useValue: githubOptions(emulator) },
      { provide: TWITTER_OPTIONS, useValue: twitterOptions(emulator) },
      GitHubAuth,
      TwitterAuth,
    ],
  })
  class AppModule {}
  return AppModule;
}

describe('NestJS app with @nestjs/passport', () => {
  let emulator: Emulator;
  let app: INestApplication;
  let server: Awaited<ReturnType<typeof listen>>;

  before(async () => {
    emulator = await startEmulator();
    app = await NestFactory.create(appModule(emulator), { logger: false });
    await app.init();
    server = await listen(app.getHttpServer());
  });
  after(async () => {
    await server.close();
    await app.close();
    await emulator.close();
  });
  beforeEach(() => {
    validateCalls.length = 0;
  });

  it('logs in with GitHub through AuthGuard("github") and an async validate', async () => {
    const browser = request.agent(server.url);
    const start = await browser.get('/auth/github').expect(302);
    const location = new URL(String(start.headers['location']));
    expect(location.origin + location.pathname).to.equal(emulator.github.authorizationURL);
    expect(location.searchParams.get('redirect_uri')).to.equal(`${server.url}/auth/github/callback`);

    const done = await browser.get(await approveAt(location.href, 'ada')).expect(200);
    expect(done.body).to.deep.equal({ provider: 'github', id: '1001', username: 'ada' });
  });

  it('calls validate with (accessToken, refreshToken, profile) although NestJS declares (...params)', async () => {
    const browser = request.agent(server.url);
    const start = await browser.get('/auth/github').expect(302);
    await browser.get(await approveAt(String(start.headers['location']), 'grace')).expect(200);

    expect(validateCalls).to.have.length(1);
    const [accessToken, refreshToken, profile] = validateCalls[0] as [unknown, unknown, GitHubProfile];
    expect(accessToken).to.be.a('string').and.not.equal('');
    expect(refreshToken).to.equal(undefined); // GitHub OAuth apps issue none
    expect(profile.username).to.equal('grace');
    expect(profile.emails?.[0]?.value).to.equal('grace@example.com');
  });

  it('answers 401 when validate throws UnauthorizedException', async () => {
    const browser = request.agent(server.url);
    const start = await browser.get('/auth/github').expect(302);
    const refused = await browser.get(await approveAt(String(start.headers['location']), 'alan')).expect(401);
    expect(refused.body.message).to.equal('alan may not log in');
  });

  it('answers 401 to a callback without the login state cookie', async () => {
    const start = await request(server.url).get('/auth/github').expect(302);
    await request(server.url).get(await approveAt(String(start.headers['location']))).expect(401);
  });

  it('logs in with Twitter (OAuth 1.0a) through AuthGuard("twitter")', async () => {
    const browser = request.agent(server.url);
    const start = await browser.get('/auth/twitter').expect(302);
    const location = new URL(String(start.headers['location']));
    expect(location.origin + location.pathname).to.equal(emulator.twitter.authorizationURL);
    expect(location.searchParams.get('oauth_token')).to.be.a('string');

    const done = await browser.get(await approveAt(location.href, 'grace')).expect(200);
    expect(done.body).to.deep.equal({ provider: 'twitter', id: '1002', username: 'grace' });
    const [token, tokenSecret] = validateCalls[0] as [unknown, unknown];
    expect(token).to.be.a('string').and.not.equal('');
    expect(tokenSecret).to.be.a('string').and.not.equal('');
  });
});
