import { expect } from 'chai';
import nock from 'nock';
import { GitHubStrategy, InternalOAuthError, type GitHubProfile } from '@passport-kit/github';
import { ACCESS_TOKEN, CALLBACK_URL, GITHUB_API, githubStrategy, profileUser, startedLogin, tokenEndpointAnswers } from './support/github-app.js';
import { BAD_CREDENTIALS, OCTOCAT_EMAILS, OCTOCAT_USER } from './support/payloads.js';
import type { LoginAppOptions } from '@passport-kit/test-support/login-app';

// What passport-github2 handed the app, `[{ value }]`, with primary and verified besides.
const PRIMARY_ONLY = [{ value: 'octocat@github.com', primary: true, verified: true }];

/** Logs in through the app with GitHub answering the token request; returns the app's outcome. */
async function logIn(strategy: GitHubStrategy, appOptions: LoginAppOptions = {}, grantedScope = 'user:email') {
  const { browser, state } = await startedLogin(strategy, appOptions);
  tokenEndpointAnswers(grantedScope);
  return browser.callback({ code: 'code-1', state });
}

/** A /user/emails interceptor that may or may not be used; `used()` tells. */
function optionalEmailsEndpoint() {
  let used = false;
  nock(GITHUB_API)
    .get('/user/emails')
    .optionally()
    .reply(() => {
      used = true;
      return [200, OCTOCAT_EMAILS];
    });
  return { used: () => used };
}

describe('GitHubStrategy', () => {
  describe('loading the profile', () => {
    it('builds the profile from /user, with the access token, our User-Agent and the GitHub media type', async () => {
      nock(GITHUB_API, {
        reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}`, accept: 'application/vnd.github+json', 'user-agent': /^@passport-kit\/github\// },
      })
        .get('/user')
        .reply(200, OCTOCAT_USER);
      const outcome = await logIn(githubStrategy(), {}, '');
      expect(outcome.status).to.equal(200);
      expect(outcome.user).to.deep.equal({
        provider: 'github',
        id: '1',
        nodeId: 'MDQ6VXNlcjE=',
        displayName: 'monalisa octocat',
        username: 'octocat',
        profileUrl: 'https://github.com/octocat',
        photos: [{ value: 'https://github.com/images/error/octocat_happy.gif' }],
        emails: [{ value: 'octocat@github.com' }],
      });
    });

    it('hands the verify callback _raw and _json', async () => {
      let received: GitHubProfile | undefined;
      const strategy = new GitHubStrategy({ clientID: 'client', clientSecret: 'secret', callbackURL: 'http://app.test/auth/callback' }, (_at, _rt, profile, done) => {
        received = profile;
        done(null, { id: profile.id });
      });
      nock(GITHUB_API).get('/user').reply(200, OCTOCAT_USER);
      expect((await logIn(strategy, {}, '')).status).to.equal(200);
      expect(received?._json).to.deep.equal(OCTOCAT_USER);
      expect(JSON.parse(received?._raw ?? '')).to.deep.equal(OCTOCAT_USER);
    });

    it('requests /user and /user/emails at the same time when the scope includes user:email', async () => {
      // /user answers only once /user/emails has been requested: a strategy that waited for
      // /user before asking for emails would be answered by the fallback timer instead.
      let emailsRequested!: () => void;
      const emailsInFlight = new Promise<void>((resolve) => (emailsRequested = resolve));
      let userAnsweredAlone = false;
      nock(GITHUB_API)
        .get('/user')
        .reply(async () => {
          let fallback: NodeJS.Timeout | undefined;
          const alone = new Promise<void>((resolve) => {
            fallback = setTimeout(() => {
              userAnsweredAlone = true;
              resolve();
            }, 2000);
          });
          await Promise.race([emailsInFlight, alone]);
          clearTimeout(fallback);
          return [200, OCTOCAT_USER];
        });
      nock(GITHUB_API)
        .get('/user/emails')
        .reply(() => {
          emailsRequested();
          return [200, OCTOCAT_EMAILS];
        });
      const outcome = await logIn(githubStrategy({ scope: ['user:email'] }));
      expect(userAnsweredAlone, '/user was answered before /user/emails was requested').to.equal(false);
      expect(outcome.status).to.equal(200);
      expect((outcome.user as GitHubProfile).emails).to.deep.equal(PRIMARY_ONLY);
    });

    it('loads emails for the user scope given as a string', async () => {
      nock(GITHUB_API).get('/user').reply(200, OCTOCAT_USER).get('/user/emails').reply(200, OCTOCAT_EMAILS);
      const outcome = await logIn(githubStrategy({ scope: 'read:org,user' }), {}, 'read:org,user');
      expect((outcome.user as GitHubProfile).emails).to.deep.equal(PRIMARY_ONLY);
    });

    it("loads emails for the scope given to the callback's authenticate()", async () => {
      nock(GITHUB_API).get('/user').reply(200, OCTOCAT_USER).get('/user/emails').reply(200, OCTOCAT_EMAILS);
      const outcome = await logIn(githubStrategy(), { callbackOptions: { scope: ['user:email'] } });
      expect((outcome.user as GitHubProfile).emails).to.deep.equal(PRIMARY_ONLY);
    });

    it('does not request /user/emails without an email scope, keeping the public email', async () => {
      nock(GITHUB_API).get('/user').reply(200, OCTOCAT_USER, { 'x-oauth-scopes': 'repo, read:org' });
      const emails = optionalEmailsEndpoint();
      const outcome = await logIn(githubStrategy({ scope: ['repo', 'read:org'] }), {}, 'repo,read:org');
      expect(emails.used()).to.equal(false);
      expect((outcome.user as GitHubProfile).emails).to.deep.equal([{ value: 'octocat@github.com' }]);
    });

    it('loads emails after /user when the scope was only given to the login route and GitHub reports it granted', async () => {
      nock(GITHUB_API).get('/user').reply(200, OCTOCAT_USER, { 'x-oauth-scopes': 'read:org, user:email' });
      const emails = optionalEmailsEndpoint();
      const outcome = await logIn(githubStrategy(), { loginOptions: { scope: ['user:email'] } });
      expect(emails.used()).to.equal(true);
      expect((outcome.user as GitHubProfile).emails).to.deep.equal(PRIMARY_ONLY);
    });

    it('keeps every address, primary first, with every GitHub field with allRawEmails', async () => {
      nock(GITHUB_API).get('/user').reply(200, OCTOCAT_USER).get('/user/emails').reply(200, OCTOCAT_EMAILS);
      const outcome = await logIn(githubStrategy({ scope: 'user:email', allRawEmails: true }));
      expect((outcome.user as GitHubProfile).emails).to.deep.equal([
        { value: 'octocat@github.com', email: 'octocat@github.com', primary: true, verified: true, visibility: 'public' },
        { value: 'mona@work.example', email: 'mona@work.example', primary: false, verified: false, visibility: null },
        { value: '1+octocat@users.noreply.github.com', email: '1+octocat@users.noreply.github.com', primary: false, verified: true, visibility: null },
      ]);
    });

    for (const [status, why] of [
      [404, 'the scope was not granted'],
      [403, 'a GitHub App lacks the email permission'],
    ] as const) {
      it(`logs in without the email list when /user/emails answers ${status} (${why})`, async () => {
        nock(GITHUB_API).get('/user').reply(200, OCTOCAT_USER).get('/user/emails').reply(status, { message: 'Not Found' });
        const outcome = await logIn(githubStrategy({ scope: 'user:email' }));
        expect(outcome.status).to.equal(200);
        expect((outcome.user as GitHubProfile).emails).to.deep.equal([{ value: 'octocat@github.com' }]);
      });
    }

    it('logs in without emails when /user/emails answers 404 and the user has no public email', async () => {
      nock(GITHUB_API).get('/user').reply(200, { ...OCTOCAT_USER, email: null }).get('/user/emails').reply(404, { message: 'Not Found' });
      const outcome = await logIn(githubStrategy({ scope: 'user:email' }));
      expect(outcome.status).to.equal(200);
      expect(outcome.user).not.to.have.property('emails');
    });

    it('keeps the public email when no address of /user/emails is primary, as passport-github2', async () => {
      nock(GITHUB_API).get('/user').reply(200, OCTOCAT_USER).get('/user/emails').reply(200, [{ email: 'mona@work.example', verified: true, primary: false, visibility: null }]);
      const outcome = await logIn(githubStrategy({ scope: 'user:email' }));
      expect((outcome.user as GitHubProfile).emails).to.deep.equal([{ value: 'octocat@github.com' }]);
    });

    it('errors with InternalOAuthError when /user refuses the token, without the token in the message', async () => {
      nock(GITHUB_API).get('/user').reply(401, BAD_CREDENTIALS).get('/user/emails').reply(401, BAD_CREDENTIALS);
      let error: unknown;
      const outcome = await logIn(githubStrategy({ scope: 'user:email' }), { onError: (err) => (error = err) });
      expect(outcome.status).to.equal(500);
      expect(outcome.error).to.deep.include({
        name: 'InternalOAuthError',
        code: 'ERR_INTERNAL_OAUTH',
        message: 'Failed to fetch user profile: GET https://api.github.com/user answered 401 (Bad credentials)',
      });
      expect(error).to.be.instanceOf(InternalOAuthError);
      expect((error as InternalOAuthError).cause).to.include({ statusCode: 401, code: 'ERR_UNEXPECTED_STATUS' });
      expect(JSON.stringify(outcome)).not.to.include(ACCESS_TOKEN);
    });

    it('errors with InternalOAuthError when /user answers something that is not a user', async () => {
      nock(GITHUB_API).get('/user').reply(200, '<html>maintenance</html>', { 'content-type': 'text/html' });
      const outcome = await logIn(githubStrategy(), {}, '');
      expect(outcome.error).to.deep.include({ name: 'InternalOAuthError', message: 'Failed to fetch user profile: GitHub user response is not JSON' });
    });

    it('errors with InternalOAuthError when /user cannot be reached', async () => {
      nock(GITHUB_API).get('/user').replyWithError('socket hang up');
      const outcome = await logIn(githubStrategy(), {}, '');
      expect(outcome.error?.name).to.equal('InternalOAuthError');
      expect(outcome.error?.message).to.match(/^Failed to fetch user profile: GET https:\/\/api\.github\.com\/user: request failed/);
    });

    it('uses userProfileURL and userEmailURL', async () => {
      nock('https://gh.proxy.example').get('/u').reply(200, OCTOCAT_USER).get('/e').reply(200, OCTOCAT_EMAILS);
      const strategy = githubStrategy({ scope: 'user', userProfileURL: 'https://gh.proxy.example/u', userEmailURL: 'https://gh.proxy.example/e' });
      expect(((await logIn(strategy)).user as GitHubProfile).emails).to.deep.equal(PRIMARY_ONLY);
    });

    it('finds emails beside a userProfileURL set alone, as passport-github did', async () => {
      nock('https://ghe.example').get('/api/v3/user').reply(200, OCTOCAT_USER).get('/api/v3/user/emails').reply(200, OCTOCAT_EMAILS);
      const strategy = githubStrategy({ scope: 'user', userProfileURL: 'https://ghe.example/api/v3/user' });
      expect(((await logIn(strategy)).user as GitHubProfile).emails).to.deep.equal(PRIMARY_ONLY);
    });

    it('loads the profile from the Enterprise Server API derived from baseURL', async () => {
      const ghe = 'https://ghe.example';
      const { browser, state } = await startedLogin(githubStrategy({ baseURL: ghe, scope: 'user:email' }));
      nock(ghe).post('/login/oauth/access_token').reply(200, { access_token: ACCESS_TOKEN, token_type: 'bearer', scope: 'user:email' });
      nock(ghe).get('/api/v3/user').reply(200, OCTOCAT_USER).get('/api/v3/user/emails').reply(200, OCTOCAT_EMAILS);
      const outcome = await browser.callback({ code: 'code-1', state });
      expect((outcome.user as GitHubProfile).emails).to.deep.equal(PRIMARY_ONLY);
    });

    it('sends the userAgent option, or a User-Agent from customHeaders as passport-github2 took it, to every endpoint', async () => {
      for (const options of [{ userAgent: 'myapp.example' }, { customHeaders: { 'User-Agent': 'myapp.example' } }]) {
        const { browser, state } = await startedLogin(githubStrategy({ ...options, scope: 'user:email' }));
        nock('https://github.com', { reqheaders: { 'user-agent': 'myapp.example' } })
          .post('/login/oauth/access_token')
          .reply(200, { access_token: ACCESS_TOKEN, token_type: 'bearer', scope: 'user:email' });
        nock(GITHUB_API, { reqheaders: { 'user-agent': 'myapp.example' } }).get('/user').reply(200, OCTOCAT_USER).get('/user/emails').reply(200, OCTOCAT_EMAILS);
        expect((await browser.callback({ code: 'code-1', state })).status).to.equal(200);
      }
    });

    it("sends customHeaders' User-Agent when userAgent is set too, as passport-github2 did", async () => {
      const { browser, state } = await startedLogin(githubStrategy({ userAgent: 'ignored.example', customHeaders: { 'User-Agent': 'myapp.example' }, scope: 'user:email' }));
      nock('https://github.com', { reqheaders: { 'user-agent': 'myapp.example' } })
        .post('/login/oauth/access_token')
        .reply(200, { access_token: ACCESS_TOKEN, token_type: 'bearer', scope: 'user:email' });
      nock(GITHUB_API, { reqheaders: { 'user-agent': 'myapp.example' } }).get('/user').reply(200, OCTOCAT_USER).get('/user/emails').reply(200, OCTOCAT_EMAILS);
      expect((await browser.callback({ code: 'code-1', state })).status).to.equal(200);
    });

    it("uses a subclass's own userProfile in a login, as passport-github2's subclasses override it", async () => {
      class TeamStrategy extends GitHubStrategy {
        protected override userProfile(accessToken: string, done?: (err: unknown, profile?: unknown) => void): void {
          done?.(null, { provider: 'github', id: 'team-profile', token: accessToken === ACCESS_TOKEN });
        }
      }
      const strategy = new TeamStrategy({ clientID: 'Iv1.8a61f9b3a7aba766', clientSecret: 'github-secret-1', callbackURL: CALLBACK_URL }, profileUser);
      // No /user interceptor: a call to GitHub's API would fail the login.
      const outcome = await logIn(strategy);
      expect(outcome.user).to.deep.include({ id: 'team-profile', token: true });
    });

    it('still answers userProfile(accessToken, done) for code written against passport-github2', async () => {
      nock(GITHUB_API).get('/user').reply(200, OCTOCAT_USER);
      const strategy = githubStrategy() as unknown as { userProfile(token: string, done: (err: unknown, profile?: GitHubProfile) => void): void };
      const profile = await new Promise<GitHubProfile | undefined>((resolve, reject) => strategy.userProfile(ACCESS_TOKEN, (err, p) => (err ? reject(err as Error) : resolve(p))));
      expect(profile?.username).to.equal('octocat');
    });
  });
});
