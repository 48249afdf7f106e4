// The example app: Express, express-session and passport, one login per provider module in
// ./providers, against one provider emulator (@passport-kit/testing) started beside it on
// loopback. To add a provider, write a module returning a ProviderLogin and list it below.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CLIENTS, startEmulator, type Emulator, type EmulatorClientsInput } from '@passport-kit/testing';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import session from 'express-session';
import passport from 'passport';
import { APP_NAME, errorPage, homePage, notFoundPage, profilePage } from './pages.js';
import { facebookLogin } from './providers/facebook.js';
import { githubLogin } from './providers/github.js';
import { oidcLogin } from './providers/oidc.js';
import type { ProviderContext, ProviderLogin } from './providers/provider-login.js';
import { twitterLogin } from './providers/twitter.js';
import { xLogin } from './providers/x.js';
import type { SessionUser } from './user.js';

export interface ExampleAppOptions {
  /** The app's port on loopback; 0 for any free one. */
  port: number;
  /** The provider emulator's port; default 0 (a free one, so it never collides). */
  emulatorPort?: number;
  /** The local OpenID provider's port; default 0 (a free one). */
  oidcProviderPort?: number;
  /** Where real provider credentials are read from (see examples/README.md). Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface ExampleApp {
  /** `http://localhost:<port>` */
  url: string;
  /** The provider emulator the logins without real credentials go to. */
  emulator: Emulator;
  close(): Promise<void>;
}

// The emulator's default clients, registered under the app's name, which its consent pages show.
const EMULATOR_CLIENTS: EmulatorClientsInput = {
  github: DEFAULT_CLIENTS.github.map((client) => ({ ...client, name: APP_NAME })),
  facebook: DEFAULT_CLIENTS.facebook.map((client) => ({ ...client, name: APP_NAME })),
  x: DEFAULT_CLIENTS.x.map((client) => ({ ...client, name: APP_NAME })),
  twitter: DEFAULT_CLIENTS.twitter.map((consumer) => ({ ...consumer, name: APP_NAME })),
};

export async function startExampleApp(options: ExampleAppOptions): Promise<ExampleApp> {
  const app = express();
  // The port is known once the server listens, and the providers need it for their callback URLs.
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];

  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  const emulator = await startEmulator({ port: options.emulatorPort ?? 0, clients: EMULATOR_CLIENTS });
  const context: ProviderContext = { emulator, env: options.env ?? process.env };
  let providers: ProviderLogin[];
  try {
    providers = [
      facebookLogin(context),
      githubLogin(context),
      twitterLogin(context),
      xLogin(context),
      await oidcLogin({ origins, providerPort: options.oidcProviderPort ?? 0 }),
    ];
  } catch (err) {
    // A half-configured provider: stop what already started, so the process can exit.
    await Promise.all([closeServer(), emulator.close()]);
    throw err;
  }

  const auth = new passport.Passport();
  auth.serializeUser((user, done) => done(null, user));
  auth.deserializeUser((user: Express.User, done) => done(null, user));
  app.use(session({ secret: randomBytes(32).toString('base64url'), resave: false, saveUninitialized: false }));
  app.use(auth.initialize());
  app.use(auth.session());

  for (const provider of providers) {
    auth.use(provider.name, provider.strategy);
    app.get(`/auth/${provider.name}`, auth.authenticate(provider.name, provider.authenticateOptions ?? {}));
    app.get(`/auth/${provider.name}/callback`, finishLogin(auth, provider));
  }

  app.get('/', (req, res) => {
    const messages = takeMessages(req.session);
    if (req.user) return res.type('html').send(profilePage(req.user as SessionUser, messages));
    res.type('html').send(homePage(providers.map((p) => ({ href: `/auth/${p.name}`, label: p.label, target: p.target })), messages));
  });

  app.get('/profile', (req, res) => {
    if (req.user) return res.type('html').send(profilePage(req.user as SessionUser, takeMessages(req.session)));
    addMessage(req.session, 'Log in to see your profile.');
    res.redirect('/');
  });

  app.post('/logout', (req, res, next) => {
    req.logout((err) => (err ? next(err) : res.redirect('/')));
  });

  // The pages link an inline icon; this answers browsers that ask for /favicon.ico anyway.
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });

  app.use((req, res) => {
    res.status(404).type('html').send(notFoundPage(req.path));
  });

  // A provider or network error: a page with what went wrong, never a stack trace.
  const onError: ErrorRequestHandler = (err: Error & { code?: string }, _req, res, _next) => {
    res.status(500).type('html').send(errorPage(err));
  };
  app.use(onError);

  return {
    url: `http://localhost:${port}`,
    emulator,
    close: async () => {
      await closeServer();
      await Promise.all([...providers.map((p) => p.close?.()), emulator.close()]);
    },
  };
}

/**
 * The callback route: log the user in, or go home with why the login did not happen (the person
 * denied access, the state did not match, …). Errors go to the error page.
 */
function finishLogin(auth: passport.Authenticator, provider: ProviderLogin): RequestHandler {
  return (req, res, next) => {
    const callback = (err: unknown, user: Express.User | false | undefined, info: unknown) => {
      if (err) return next(err);
      if (!user) {
        addMessage(req.session, `${provider.label} did not complete: ${failureText(info)}`);
        return res.redirect('/');
      }
      req.logIn(user, (loginErr) => (loginErr ? next(loginErr) : res.redirect('/')));
    };
    (auth.authenticate(provider.name, callback) as RequestHandler)(req, res, next);
  };
}

/**
 * Why a login failed, from what the strategy passed to `fail()` (what passport's `failureMessage`
 * would store): the message, and the state check's `reason` (`missing`, `mismatch`, `expired`).
 */
function failureText(info: unknown): string {
  const { message, reason } = (typeof info === 'object' && info !== null ? info : {}) as { message?: unknown; reason?: unknown };
  const text = typeof message === 'string' && message !== '' ? message : typeof info === 'string' && info !== '' ? info : 'access was not granted.';
  return typeof reason === 'string' ? `${text} (reason: ${reason})` : text;
}

function addMessage(sessionData: unknown, message: string): void {
  const holder = sessionData as { messages?: unknown };
  holder.messages = [...(Array.isArray(holder.messages) ? holder.messages : []), message];
}

// Messages are shown once on the home page.
function takeMessages(sessionData: unknown): string[] {
  const holder = sessionData as { messages?: unknown } | undefined;
  const messages = Array.isArray(holder?.messages) ? holder.messages.filter((m): m is string => typeof m === 'string') : [];
  if (holder) delete holder.messages;
  return messages;
}
