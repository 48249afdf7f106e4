// A TypeScript app against the installed packages' declarations (checked under
// moduleResolution node16 and bundler), driving GitHubStrategy on node:http the way passport
// does: on a per-request copy whose success/fail/redirect/error end the request.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassportKitError, type IncomingRequest, type Profile } from '@passport-kit/core';
import { GitHubStrategy, type GitHubProfile } from '@passport-kit/github';
import { TokenError, type OAuth2StrategyOptions } from '@passport-kit/oauth2';
import { startEmulator, type Emulator } from '@passport-kit/testing';

interface AppUser {
  id: string;
  username: string | undefined;
  email: string | undefined;
}

function githubStrategy(emulator: Emulator): GitHubStrategy {
  const pkce: OAuth2StrategyOptions['pkce'] = 'S256';
  return new GitHubStrategy(
    {
      baseURL: emulator.github.baseURL,
      clientID: 'github-client-id',
      clientSecret: 'github-client-secret',
      callbackURL: '/auth/github/callback',
      scope: ['user:email'],
      pkce,
    },
    (accessToken, refreshToken, profile: GitHubProfile, done) => {
      const generic: Profile = profile;
      done(null, { id: generic.id, username: profile.username, email: profile.emails?.[0]?.value } satisfies AppUser);
    },
  );
}

function handle(strategy: GitHubStrategy, req: IncomingMessage, res: ServerResponse): void {
  const request: IncomingRequest = Object.assign(req, { res });
  const run: GitHubStrategy = Object.create(strategy);
  run.redirect = (url, status = 302) => res.writeHead(status, { location: url }).end();
  run.success = (user) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(user));
  run.fail = (_challenge, status = 401) => res.writeHead(typeof status === 'number' ? status : 401).end();
  run.error = (err) => res.writeHead(err instanceof PassportKitError || err instanceof TokenError ? 502 : 500).end(err.message);
  run.authenticate(request);
}

async function logIn(startURL: string, user: string): Promise<unknown> {
  const start = await fetch(startURL, { redirect: 'manual' });
  const cookie = start.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const authorize = new URL(start.headers.get('location') ?? '');
  authorize.searchParams.set('login_hint', user);
  const approved = await fetch(authorize, { redirect: 'manual' });
  const callback = await fetch(approved.headers.get('location') ?? '', { redirect: 'manual', headers: { cookie } });
  if (callback.status !== 200) throw new Error(`the callback answered ${callback.status}: ${await callback.text()}`);
  return callback.json();
}

const emulator = await startEmulator();
const strategy = githubStrategy(emulator);
const server = createServer((req, res) => handle(strategy, req, res));
server.listen(0, '127.0.0.1');
await once(server, 'listening');
try {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ user: await logIn(`http://127.0.0.1:${port}/auth/github`, 'ada') }));
} finally {
  server.close();
  await emulator.close();
}
