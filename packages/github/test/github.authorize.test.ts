import { expect } from 'chai';
import { Browser, CALLBACK_URL, githubStrategy, loginApp } from './support/github-app.js';

describe('GitHubStrategy', () => {
  describe('issuing the authorization request', () => {
    it('redirects to the GitHub authorization endpoint with the client, callback and state', async () => {
      const login = await new Browser(loginApp(githubStrategy())).startLogin();
      expect(`${login.url.origin}${login.url.pathname}`).to.equal('https://github.com/login/oauth/authorize');
      expect(login.get('client_id')).to.equal('Iv1.8a61f9b3a7aba766');
      expect(login.get('redirect_uri')).to.equal(CALLBACK_URL);
      expect(login.get('response_type')).to.equal('code');
      expect(login.get('state')).to.match(/^[\w-]{16,}$/);
    });

    it('sends a PKCE S256 challenge', async () => {
      const login = await new Browser(loginApp(githubStrategy())).startLogin();
      expect(login.get('code_challenge_method')).to.equal('S256');
      expect(login.get('code_challenge')).to.match(/^[\w-]{43}$/);
    });

    it('joins configured scopes with commas', async () => {
      const login = await new Browser(loginApp(githubStrategy({ scope: ['user:email', 'read:org'] }))).startLogin();
      expect(login.get('scope')).to.equal('user:email,read:org');
    });

    it("takes the scope from authenticate()'s options over the strategy's", async () => {
      const app = loginApp(githubStrategy({ scope: 'repo' }), { loginOptions: { scope: ['user', 'gist'] } });
      expect((await new Browser(app).startLogin()).get('scope')).to.equal('user,gist');
    });

    it('passes login, allow_signup and prompt from authenticate() through to GitHub', async () => {
      const app = loginApp(githubStrategy(), { loginOptions: { login: 'octocat', allow_signup: false, prompt: 'select_account' } });
      const login = await new Browser(app).startLogin();
      expect(login.get('login')).to.equal('octocat');
      expect(login.get('allow_signup')).to.equal('false');
      expect(login.get('prompt')).to.equal('select_account');
    });

    it('sends none of login, allow_signup and prompt unless asked', async () => {
      const login = await new Browser(loginApp(githubStrategy())).startLogin();
      expect([...login.keys()].sort()).to.deep.equal(['client_id', 'code_challenge', 'code_challenge_method', 'redirect_uri', 'response_type', 'state']);
    });

    it('redirects to the GitHub Enterprise Server derived from baseURL', async () => {
      const login = await new Browser(loginApp(githubStrategy({ baseURL: 'https://ghe.example' }))).startLogin();
      expect(`${login.url.origin}${login.url.pathname}`).to.equal('https://ghe.example/login/oauth/authorize');
    });

    it('prefers an explicit authorizationURL', async () => {
      const strategy = githubStrategy({ baseURL: 'https://ghe.example', authorizationURL: 'https://sso.example/login/oauth/authorize' });
      const login = await new Browser(loginApp(strategy)).startLogin();
      expect(login.url.origin).to.equal('https://sso.example');
    });
  });
});
