// "Log in with X" (OAuth 2.0 with PKCE): the emulator's X, or x.com with X_CLIENT_ID set, and
// X_CLIENT_SECRET for a confidential client (callback URL <origin>/auth/x/callback).
import { X_DEFAULT_USER_FIELDS, XStrategy } from '@passport-kit/twitter';
import type passport from 'passport';
import { verifyOAuth2Login } from '../user.js';
import { credentials, type ProviderContext, type ProviderLogin } from './provider-login.js';

export function xLogin({ emulator, env }: ProviderContext): ProviderLogin {
  // A public client ("Native App") has no secret: PKCE alone authenticates it.
  const real = credentials(env, 'X_CLIENT_ID', 'X_CLIENT_SECRET', false);
  const [client] = emulator.clients.x;
  const endpoints = real
    ? {}
    : { authorizationURL: emulator.x.authorizationURL, tokenURL: emulator.x.tokenURL, userProfileURL: emulator.x.userProfileURL };
  const strategy = new XStrategy(
    {
      ...endpoints,
      clientID: real?.id ?? client!.clientID,
      clientSecret: real ? real.secret : client!.clientSecret,
      callbackURL: '/auth/x/callback',
      // users.email lets X answer confirmed_email; offline.access adds a refresh token (the
      // profile page says one was issued, and never shows it).
      scope: ['users.read', 'tweet.read', 'users.email', 'offline.access'],
      userFields: [...X_DEFAULT_USER_FIELDS, 'confirmed_email'],
    },
    verifyOAuth2Login,
  );
  return {
    name: 'x',
    label: 'Log in with X',
    target: real ? 'x.com' : 'local emulator',
    strategy: strategy as unknown as passport.Strategy,
  };
}
