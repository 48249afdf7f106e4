import { expect } from 'chai';
import { createHash } from 'node:crypto';
import nock from 'nock';
import { ACCESS_TOKEN, GITHUB, GITHUB_API, githubStrategy, startedLogin, tokenEndpointAnswers } from './support/github-app.js';
import { OCTOCAT_USER, TOKEN_ERRORS } from './support/payloads.js';

function userEndpointAnswers() {
  return nock(GITHUB_API).get('/user').reply(200, OCTOCAT_USER);
}

describe('GitHubStrategy', () => {
  describe('handling the callback', () => {
    describe('checking the issuer (RFC 9207)', () => {
      it('accepts the iss GitHub sends', async () => {
        const { browser, state } = await startedLogin(githubStrategy());
        tokenEndpointAnswers('');
        userEndpointAnswers();
        const outcome = await browser.callback({ code: 'code-1', state, iss: 'https://github.com/login/oauth' });
        expect(outcome.status).to.equal(200);
      });

      it('accepts a callback without iss', async () => {
        const { browser, state } = await startedLogin(githubStrategy());
        tokenEndpointAnswers('');
        userEndpointAnswers();
        expect((await browser.callback({ code: 'code-1', state })).status).to.equal(200);
      });

      it('fails with 403, before redeeming the code, when iss names another server', async () => {
        const { browser, state } = await startedLogin(githubStrategy());
        const outcome = await browser.callback({ code: 'code-1', state, iss: 'https://evil.example/login/oauth' });
        expect(outcome.status).to.equal(403);
        expect(outcome.failure).to.deep.equal({ message: 'Authorization response is from an unexpected issuer.' });
      });

      it("expects the Enterprise Server's own issuer with baseURL", async () => {
        const ghe = 'https://ghe.example';
        const strategy = githubStrategy({ baseURL: ghe });
        const refused = await startedLogin(strategy);
        expect((await refused.browser.callback({ code: 'code-1', state: refused.state, iss: 'https://github.com/login/oauth' })).status).to.equal(403);

        const accepted = await startedLogin(strategy);
        nock(ghe).post('/login/oauth/access_token').reply(200, { access_token: ACCESS_TOKEN, token_type: 'bearer', scope: '' });
        nock(ghe).get('/api/v3/user').reply(200, OCTOCAT_USER);
        const outcome = await accepted.browser.callback({ code: 'code-1', state: accepted.state, iss: `${ghe}/login/oauth` });
        expect(outcome.status).to.equal(200);
      });

      it('checks no issuer when authorizationURL is set by hand (a proxy may front github.com), unless told one', async () => {
        const manual = await startedLogin(githubStrategy({ authorizationURL: 'https://sso.example/login/oauth/authorize' }));
        tokenEndpointAnswers('');
        userEndpointAnswers();
        expect((await manual.browser.callback({ code: 'code-1', state: manual.state, iss: 'https://github.com/login/oauth' })).status).to.equal(200);

        const told = await startedLogin(githubStrategy({ authorizationURL: 'https://sso.example/login/oauth/authorize', issuer: 'https://github.com/login/oauth' }));
        expect((await told.browser.callback({ code: 'code-1', state: told.state, iss: 'https://sso.example/login/oauth' })).status).to.equal(403);
      });

      it('checks no issuer with issuer: false', async () => {
        const { browser, state } = await startedLogin(githubStrategy({ issuer: false }));
        tokenEndpointAnswers('');
        userEndpointAnswers();
        expect((await browser.callback({ code: 'code-1', state, iss: 'https://other.example' })).status).to.equal(200);
      });
    });

    describe('exchanging the code', () => {
      it('sends the code, client credentials, redirect_uri and the PKCE verifier of the challenge', async () => {
        const { browser, authorization, state } = await startedLogin(githubStrategy());
        let sent: URLSearchParams | undefined;
        const userAgent = /^@passport-kit\/github\/\d+\.\d+\.\d+ \(node v\d+/;
        nock(GITHUB, { reqheaders: { accept: 'application/json', 'user-agent': userAgent } })
          .post('/login/oauth/access_token', (body: Record<string, string>) => {
            sent = new URLSearchParams(body);
            return true;
          })
          .reply(200, { access_token: ACCESS_TOKEN, token_type: 'bearer', scope: '' });
        userEndpointAnswers();
        expect((await browser.callback({ code: 'code-1', state })).status).to.equal(200);
        expect(sent?.get('code')).to.equal('code-1');
        expect(sent?.get('client_id')).to.equal('Iv1.8a61f9b3a7aba766');
        expect(sent?.get('client_secret')).to.equal('github-secret-1');
        expect(sent?.get('redirect_uri')).to.equal('http://app.test/auth/callback');
        const verifier = sent?.get('code_verifier') ?? '';
        expect(createHash('sha256').update(verifier).digest('base64url')).to.equal(authorization.get('code_challenge'));
      });

      for (const [code, body] of Object.entries(TOKEN_ERRORS)) {
        it(`errors with TokenError ${code} when GitHub answers it with HTTP 200`, async () => {
          const { browser, state } = await startedLogin(githubStrategy());
          nock(GITHUB).post('/login/oauth/access_token').reply(200, body);
          const outcome = await browser.callback({ code: 'code-1', state });
          expect(outcome.error).to.deep.include({ name: 'TokenError', code, message: body.error_description, uri: body.error_uri });
          expect(outcome).not.to.have.property('user');
        });
      }

      it('reads a form-encoded error answer the same way', async () => {
        const { browser, state } = await startedLogin(githubStrategy());
        nock(GITHUB)
          .post('/login/oauth/access_token')
          .reply(200, new URLSearchParams(TOKEN_ERRORS.bad_verification_code).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
        const outcome = await browser.callback({ code: 'code-1', state });
        expect(outcome.error).to.deep.include({ name: 'TokenError', code: 'bad_verification_code' });
      });

      it('never puts the client secret, code or verifier in the error message', async () => {
        const { browser, state } = await startedLogin(githubStrategy());
        nock(GITHUB).post('/login/oauth/access_token').reply(200, TOKEN_ERRORS.incorrect_client_credentials);
        const outcome = await browser.callback({ code: 'code-secret-77', state });
        expect(outcome.error?.message).not.to.match(/github-secret-1|code-secret-77/);
      });
    });
  });
});
