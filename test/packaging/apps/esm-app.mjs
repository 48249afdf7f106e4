// An ES module app as users write one: import every installed @passport-kit package, then log
// in with GitHub (OAuth 2.0) and Twitter (OAuth 1.0a) through passport on node:http.
import { once } from 'node:events';
import { createServer } from 'node:http';
import passport from 'passport';
import { GitHubStrategy } from '@passport-kit/github';
import { startEmulator } from '@passport-kit/testing';
import { TwitterStrategy } from '@passport-kit/twitter';
import browser from './browser.cjs';

const packages = JSON.parse(process.env.PACKAGES);
const exported = {};
for (const name of packages) exported[name] = Object.keys(await import(name)).length;

const emulator = await startEmulator();
const toUser = (profile) => ({ provider: profile.provider, id: profile.id, username: profile.username });
passport.use(
  new GitHubStrategy(
    { baseURL: emulator.github.baseURL, clientID: 'github-client-id', clientSecret: 'github-client-secret', callbackURL: '/auth/github/callback' },
    (accessToken, refreshToken, profile, done) => done(null, toUser(profile)),
  ),
);
passport.use(
  new TwitterStrategy(
    {
      requestTokenURL: emulator.twitter.requestTokenURL,
      accessTokenURL: emulator.twitter.accessTokenURL,
      userAuthorizationURL: emulator.twitter.authorizationURL,
      userProfileURL: emulator.twitter.userProfileURL,
      consumerKey: 'twitter-consumer-key',
      consumerSecret: 'twitter-consumer-secret',
      callbackURL: '/auth/twitter/callback',
    },
    async (token, tokenSecret, profile) => toUser(profile),
  ),
);

const server = createServer((req, res) => {
  req.res = res; // as Express links them: the login state cookie is set on the response
  const provider = new URL(req.url, 'http://app').pathname.split('/')[2];
  passport.authenticate(provider, { session: false })(req, res, () => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.user));
  });
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
try {
  const origin = `http://127.0.0.1:${server.address().port}`;
  const github = await browser.logIn(`${origin}/auth/github`, 'ada');
  const twitter = await browser.logIn(`${origin}/auth/twitter`, 'alan');
  console.log(JSON.stringify({ exported, github, twitter }));
} finally {
  server.close();
  await emulator.close();
}
