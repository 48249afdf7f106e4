// A GitHubStrategy in the real Express login app of the oauth2 tests, with nock on GitHub.
import nock from 'nock';
import type { VerifyCallback } from '@passport-kit/core';
import { GitHubStrategy, type GitHubProfile, type GitHubStrategyOptions } from '@passport-kit/github';
import { Browser, CALLBACK_URL, loginApp, type LoginAppOptions } from '@passport-kit/test-support/login-app';

export { Browser, CALLBACK_URL, loginApp };

export const GITHUB = 'https://github.com';
export const GITHUB_API = 'https://api.github.com';
export const ACCESS_TOKEN = 'gho_16C7e42F292c6912E7710c838347Ae178B4a';

/** The verify callback: the user is the profile, so tests can read what the app received. */
export function profileUser(_accessToken: string, _refreshToken: string | undefined, profile: GitHubProfile, done: VerifyCallback): void {
  done(null, { ...profile, _raw: undefined, _json: undefined });
}

export function githubStrategy(options: Partial<GitHubStrategyOptions> = {}): GitHubStrategy {
  return new GitHubStrategy({ clientID: 'Iv1.8a61f9b3a7aba766', clientSecret: 'github-secret-1', callbackURL: CALLBACK_URL, ...options }, profileUser);
}

/** A browser through the app, already sent to GitHub once; `state` is what GitHub would send back. */
export async function startedLogin(strategy: GitHubStrategy, appOptions: LoginAppOptions = {}, loginQuery = '') {
  const browser = new Browser(loginApp(strategy, appOptions));
  const authorization = await browser.startLogin(loginQuery);
  return { browser, authorization, state: authorization.get('state') ?? '' };
}

/** GitHub's token endpoint issuing a token for these scopes. */
export function tokenEndpointAnswers(scope = 'user:email'): nock.Scope {
  return nock(GITHUB).post('/login/oauth/access_token').reply(200, { access_token: ACCESS_TOKEN, token_type: 'bearer', scope });
}
