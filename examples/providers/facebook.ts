// "Log in with Facebook": the emulator's Facebook, or facebook.com with FACEBOOK_APP_ID and
// FACEBOOK_APP_SECRET set (register <origin>/auth/facebook/callback as a valid OAuth redirect URI).
import { FacebookStrategy } from '@passport-kit/facebook';
import type passport from 'passport';
import { verifyOAuth2Login } from '../user.js';
import { credentials, type ProviderContext, type ProviderLogin } from './provider-login.js';

export function facebookLogin({ emulator, env }: ProviderContext): ProviderLogin {
  const real = credentials(env, 'FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET');
  const [client] = emulator.clients.facebook;
  const endpoints = real
    ? {}
    : { authorizationURL: emulator.facebook.authorizationURL, tokenURL: emulator.facebook.tokenURL, profileURL: emulator.facebook.profileURL };
  const strategy = new FacebookStrategy(
    {
      ...endpoints,
      clientID: real?.id ?? client!.clientID,
      clientSecret: real?.secret ?? client!.clientSecret,
      callbackURL: '/auth/facebook/callback',
      profileFields: ['id', 'displayName', 'name', 'emails', 'photos', 'profileUrl'],
    },
    verifyOAuth2Login,
  );
  return {
    name: 'facebook',
    label: 'Log in with Facebook',
    target: real ? 'facebook.com' : 'local emulator',
    strategy: strategy as unknown as passport.Strategy,
    authenticateOptions: { scope: ['email'] },
  };
}
