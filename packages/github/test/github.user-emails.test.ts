// GitHubStrategy against a real loopback GitHub whose /user/emails misbehaves in each way a
// network or a broken proxy can: the login must end in an error within the `timeout` option,
// as passport-github2's did (without a deadline), except for the 403 and 404 GitHub answers
// when the token may not read emails. Real sockets, not nock: they can hang, stall and reset.
import type { ServerResponse } from 'node:http';
import { expect } from 'chai';
import nock from 'nock';
import { NetworkError, PassportKitError, UnexpectedBodyError, UnexpectedStatusError } from '@passport-kit/core';
import { GitHubStrategy, InternalOAuthError, type GitHubProfile } from '@passport-kit/github';
import { hostile, type FloodReport } from '@passport-kit/test-support/hostile-handlers';
import { json, startProvider, type Provider } from '@passport-kit/test-support/loopback-provider';
import { watchProcess, type ProcessEvents } from '@passport-kit/test-support/process-watch';
import { Browser, CALLBACK_URL, loginApp } from './support/github-app.js';
import { OCTOCAT_EMAILS, OCTOCAT_USER } from './support/payloads.js';

const TIMEOUT = 400;
// /user answers after this long, so an emails failure that comes first must wait its turn.
const USER_DELAY = 50;

type Failure = 'hang' | 'stall' | 'huge' | 'invalid-json' | 'html' | 'redirect' | 'reset' | '500';
type Answer = Failure | 'ok' | '403' | '404';

/** How each failure shows as the cause of the InternalOAuthError. */
const CAUSES: Record<Failure, { type: new (...args: never[]) => PassportKitError; code: string; statusCode?: number }> = {
  hang: { type: NetworkError, code: 'ERR_TIMEOUT' },
  stall: { type: NetworkError, code: 'ERR_TIMEOUT' },
  huge: { type: NetworkError, code: 'ERR_RESPONSE_TOO_LARGE' },
  'invalid-json': { type: UnexpectedBodyError, code: 'ERR_UNEXPECTED_BODY' },
  html: { type: UnexpectedBodyError, code: 'ERR_UNEXPECTED_BODY' },
  redirect: { type: UnexpectedStatusError, code: 'ERR_UNEXPECTED_STATUS', statusCode: 302 },
  reset: { type: NetworkError, code: 'ERR_NETWORK' },
  '500': { type: UnexpectedStatusError, code: 'ERR_UNEXPECTED_STATUS', statusCode: 500 },
};

function answerEmails(answer: Answer, res: ServerResponse, floods: FloodReport[]): void {
  switch (answer) {
    case 'ok':
      return json(res, 200, OCTOCAT_EMAILS);
    case '403':
      return json(res, 403, { message: 'Resource not accessible by integration', status: '403' });
    case '404':
      return json(res, 404, { message: 'Not Found', status: '404' });
    case '500':
      return json(res, 500, { message: 'Server Error' });
    case 'stall':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
      res.write('[{"email":"octocat@github.com",');
      return; // and nothing more; the server closes the socket when the test ends
    case 'invalid-json':
      res.writeHead(200, { 'content-type': 'application/json' }).end('[{"email": "octocat@github.com", "primary": ');
      return;
    case 'reset':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
      res.write('[{"email":"octocat@github.com",', () => res.socket?.destroy());
      return;
    default:
      // hang, huge (50 MB), html (a 200 sign-in page), redirect (302 to another host)
      void hostile(answer, floods)(res.req, res, '');
  }
}

describe('GitHubStrategy, /user/emails failing', () => {
  let provider: Provider;
  let events: ProcessEvents;
  const floods: FloodReport[] = [];

  before(async () => {
    // Real sockets only: nock's interceptor would sit between the strategy and this server.
    nock.restore();
    provider = await startProvider({
      '/token': (_req, res, body) => json(res, 200, { access_token: `t-${new URLSearchParams(body).get('code')}`, token_type: 'bearer', scope: 'user:email' }),
      '/user': (_req, res) => void setTimeout(() => json(res, 200, OCTOCAT_USER), USER_DELAY),
      '/user/emails': (req, res) => answerEmails(String(req.headers['authorization']).replace(/^Bearer t-/, '') as Answer, res, floods),
    });
  });

  after(async () => {
    await provider.close();
    if (!nock.isActive()) nock.activate();
  });

  beforeEach(() => {
    events = watchProcess();
  });

  afterEach(() => {
    events.stop();
    expect(events.unhandledRejections, 'unhandled rejections').to.deep.equal([]);
    expect(events.uncaughtExceptions, 'uncaught exceptions').to.deep.equal([]);
  });

  /** A login whose token makes /user/emails answer as `answer`; the callback leg is timed. */
  async function logIn(answer: Answer, options: { allRawEmails?: boolean } = {}) {
    const strategy = new GitHubStrategy(
      {
        clientID: 'Iv1.8a61f9b3a7aba766',
        clientSecret: 'github-secret-1',
        callbackURL: CALLBACK_URL,
        authorizationURL: `${provider.url}/authorize`,
        tokenURL: `${provider.url}/token`,
        userProfileURL: `${provider.url}/user`,
        scope: 'user:email',
        timeout: TIMEOUT,
        ...options,
      },
      (_accessToken, _refreshToken, profile, done) => done(null, { emails: profile.emails }),
    );
    let error: unknown;
    const browser = new Browser(loginApp(strategy, { onError: (err) => (error = err) }));
    const state = (await browser.startLogin()).get('state')!;
    const started = performance.now();
    const outcome = await browser.callback({ code: answer, state });
    return { outcome, error, ms: performance.now() - started };
  }

  it('hands the app the primary address by default, and every address with allRawEmails', async () => {
    expect((await logIn('ok')).outcome.user).to.deep.equal({ emails: [{ value: 'octocat@github.com', primary: true, verified: true }] });
    const all = (await logIn('ok', { allRawEmails: true })).outcome.user as { emails: GitHubProfile['emails'] };
    expect(all.emails?.map((email) => email.value)).to.deep.equal(['octocat@github.com', 'mona@work.example', '1+octocat@users.noreply.github.com']);
  });

  for (const [answer, why] of [
    ['403', 'a GitHub App without the email permission'],
    ['404', 'a token without the scope'],
  ] as const) {
    it(`logs in without the email list on a ${answer} (${why}), keeping the public email`, async () => {
      const { outcome } = await logIn(answer);
      expect(outcome.status).to.equal(200);
      expect(outcome.user).to.deep.equal({ emails: [{ value: 'octocat@github.com' }] });
    });
  }

  for (const [failure, cause] of Object.entries(CAUSES) as [Failure, (typeof CAUSES)[Failure]][]) {
    it(`${failure}: ends the login with InternalOAuthError "Failed to fetch user emails" within the timeout`, async () => {
      const { outcome, error, ms } = await logIn(failure);

      expect(outcome.status).to.equal(500);
      expect(outcome).not.to.have.property('user');
      expect(error).to.be.instanceOf(InternalOAuthError);
      expect((error as InternalOAuthError).message).to.match(/^Failed to fetch user emails/).and.not.include(`t-${failure}`);
      const underlying = (error as InternalOAuthError).cause;
      expect(underlying).to.be.instanceOf(cause.type).and.include({ code: cause.code });
      if (cause.statusCode !== undefined) expect(underlying).to.include({ statusCode: cause.statusCode });
      expect(ms, 'time to the error').to.be.below(TIMEOUT + 1000);
    });
  }

  it('stops reading a 50 MB list at the size cap', async () => {
    const before = floods.length;
    await logIn('huge');
    const [flood] = floods.slice(before);
    expect(flood?.bytesWritten).to.be.below(10 * 1024 * 1024);
  });
});
