// "Log in with Twitter" (OAuth 1.0a): the emulator's Twitter, or api.twitter.com with
// TWITTER_CONSUMER_KEY and TWITTER_CONSUMER_SECRET set (callback URL <origin>/auth/twitter/callback).
import type { Profile, VerifyCallback } from '@passport-kit/core';
import { TwitterStrategy } from '@passport-kit/twitter';
import type passport from 'passport';
import { OAUTH1_TOKEN_METADATA, sessionUser } from '../user.js';
import { credentials, type ProviderContext, type ProviderLogin } from './provider-login.js';

export function twitterLogin({ emulator, env }: ProviderContext): ProviderLogin {
  const real = credentials(env, 'TWITTER_CONSUMER_KEY', 'TWITTER_CONSUMER_SECRET');
  const [consumer] = emulator.clients.twitter;
  const endpoints = real
    ? {}
    : {
        requestTokenURL: emulator.twitter.requestTokenURL,
        userAuthorizationURL: emulator.twitter.authenticateURL,
        accessTokenURL: emulator.twitter.accessTokenURL,
        userProfileURL: emulator.twitter.userProfileURL,
      };
  const strategy = new TwitterStrategy(
    {
      ...endpoints,
      consumerKey: real?.id ?? consumer!.consumerKey,
      consumerSecret: real?.secret ?? consumer!.consumerSecret,
      callbackURL: '/auth/twitter/callback',
      includeEmail: true,
      includeStatus: false,
    },
    (_token: string, _tokenSecret: string, profile: Profile, done: VerifyCallback) => done(null, sessionUser(profile, OAUTH1_TOKEN_METADATA)),
  );
  return {
    name: 'twitter',
    label: 'Log in with Twitter',
    target: real ? 'twitter.com' : 'local emulator',
    strategy: strategy as unknown as passport.Strategy,
  };
}
