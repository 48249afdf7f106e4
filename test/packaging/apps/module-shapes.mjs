// The ES module forms: the default import is the constructor, as Node gives it for the anchors.
import OAuth2Default, { OAuth2Strategy } from '@passport-kit/oauth2';
import GitHubDefault, { GitHubStrategy } from '@passport-kit/github';
import FacebookDefault, { FacebookStrategy } from '@passport-kit/facebook';
import TwitterDefault, { TwitterStrategy } from '@passport-kit/twitter';
import OAuth1Default, { OAuth1Strategy } from '@passport-kit/oauth1';

console.log(
  JSON.stringify({
    oauth2: OAuth2Default === OAuth2Strategy,
    github: GitHubDefault === GitHubStrategy,
    facebook: FacebookDefault === FacebookStrategy,
    twitter: TwitterDefault === TwitterStrategy,
    oauth1: OAuth1Default === OAuth1Strategy,
  }),
);
