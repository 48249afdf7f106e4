// "Log in with GitHub": the emulator's GitHub, or github.com with GITHUB_CLIENT_ID and
// GITHUB_CLIENT_SECRET set (an OAuth app whose callback URL is <origin>/auth/github/callback).
import { GitHubStrategy } from '@passport-kit/github';
import type passport from 'passport';
import { verifyOAuth2Login } from '../user.js';
import { credentials, type ProviderContext, type ProviderLogin } from './provider-login.js';

export function githubLogin({ emulator, env }: ProviderContext): ProviderLogin {
  const real = credentials(env, 'GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET');
  const [client] = emulator.clients.github;
  const strategy = new GitHubStrategy(
    {
      // The emulator is laid out like GitHub Enterprise, so one base URL gives every endpoint.
      ...(real ? {} : { baseURL: emulator.github.baseURL }),
      clientID: real?.id ?? client!.clientID,
      clientSecret: real?.secret ?? client!.clientSecret,
      callbackURL: '/auth/github/callback',
      scope: ['user:email'],
      pkce: true,
    },
    verifyOAuth2Login,
  );
  return {
    name: 'github',
    label: 'Log in with GitHub',
    target: real ? 'github.com' : 'local emulator',
    strategy: strategy as unknown as passport.Strategy,
  };
}
