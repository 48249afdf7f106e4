// The app under load, one process per implementation (forked by run.ts, with --expose-gc): the
// same Express shape for every strategy (express-session memory store, passport.authenticate
// on /login and /callback, verify returning the profile). Over IPC it answers `snapshot` with its
// own CPU time, memory and completed-login count, so its CPU is measured apart from the load
// driver's and the emulator's.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { createStrategy, type Provider, type Side } from './implementations.js';

export interface AppSnapshot {
  /** User + system CPU time of this process so far, in microseconds. */
  cpuMicros: number;
  /** Logins completed (callback answered 200) so far. */
  logins: number;
  /** Callbacks that did not end in a login. */
  failures: number;
  rss: number;
  heapUsed: number;
}

export type AppRequest = { type: 'snapshot'; gc?: boolean; id: number };
export type AppMessage = { type: 'ready'; url: string } | { type: 'snapshot'; id: number; snapshot: AppSnapshot };

const [provider, side, emulator] = process.argv.slice(2) as [Provider, Side, string];

const server = createServer();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

let logins = 0;
let failures = 0;

const app = express();
app.use(session({ secret: 'bench-session-secret', resave: false, saveUninitialized: false, store: new session.MemoryStore() }));
app.use(passport.initialize());
app.use(passport.session());
passport.serializeUser((user, done) => done(null, (user as { id: unknown }).id));
passport.deserializeUser((id, done) => done(null, { id }));
passport.use(provider, await createStrategy(provider, side, { emulator, callbackURL: `${url}/callback` }));

app.get('/login', passport.authenticate(provider));
app.get('/callback', passport.authenticate(provider, { failWithError: true }), (req, res) => {
  logins++;
  res.type('text/plain').send(`signed in as ${String((req.user as { id: unknown }).id)}`);
});
app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  failures++;
  if (failures <= 3) console.error(`[${provider}/${side}] login failed:`, err);
  res.status(500).type('text/plain').send('login failed');
});
server.on('request', app);

function snapshot(): AppSnapshot {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return { cpuMicros: cpu.user + cpu.system, logins, failures, rss: memory.rss, heapUsed: memory.heapUsed };
}

process.on('message', (message: AppRequest) => {
  if (message.type !== 'snapshot') return;
  if (message.gc && typeof globalThis.gc === 'function') {
    // Several passes: weak references and finalizers free more on the second and third.
    for (let i = 0; i < 4; i++) globalThis.gc();
  }
  process.send?.({ type: 'snapshot', id: message.id, snapshot: snapshot() } satisfies AppMessage);
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', url } satisfies AppMessage);
