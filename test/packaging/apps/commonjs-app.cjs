'use strict';
// A CommonJS app as users write one: require() every installed @passport-kit package, then log
// in with GitHub through passport on a plain node:http server. Prints what it checked as JSON.
const { createServer } = require('node:http');
const { once } = require('node:events');
const passport = require('passport');
const { GitHubStrategy, Strategy } = require('@passport-kit/github');
const { PassportKitError, NetworkError } = require('@passport-kit/core');
const { startEmulator } = require('@passport-kit/testing');
const { logIn } = require('./browser.cjs');

async function main() {
  const packages = JSON.parse(process.env.PACKAGES);
  const exported = {};
  for (const name of packages) {
    exported[name] = Object.keys(require(name)).length;
    require(`${name}/package.json`);
  }

  const emulator = await startEmulator();
  passport.use(
    new GitHubStrategy(
      {
        baseURL: emulator.github.baseURL,
        clientID: 'github-client-id',
        clientSecret: 'github-client-secret',
        callbackURL: '/auth/github/callback',
        scope: ['user:email'],
      },
      (accessToken, refreshToken, profile, done) => done(null, { id: profile.id, username: profile.username, email: profile.emails[0].value }),
    ),
  );
  const login = passport.authenticate('github', { session: false });
  const server = createServer((req, res) => {
    req.res = res; // as Express links them: the login state cookie is set on the response
    login(req, res, () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(req.user));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const user = await logIn(`http://127.0.0.1:${server.address().port}/auth/github`, 'grace');
    const error = new NetworkError('offline', 'ERR_NETWORK');
    console.log(JSON.stringify({ exported, user, aliasIsStrategy: Strategy === GitHubStrategy, errorBrand: error instanceof PassportKitError }));
  } finally {
    server.close();
    await emulator.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
