// The example app: Express, express-session and passport, one login per provider module in
// ./providers. To add a provider, write a module returning a ProviderLogin and list it in
// PROVIDERS below.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import session from 'express-session';
import passport from 'passport';
import { errorPage, homePage, profilePage } from './pages.js';
import { oidcLogin } from './providers/oidc.js';
import type { ProviderLogin } from './providers/provider-login.js';
import type { SessionUser } from './user.js';

export interface ExampleAppOptions {
  /** The app's port on loopback; 0 for any free one. */
  port: number;
  /** The local OpenID provider's port; 0 for any free one. Default: `port + 1`, or 0 when `port` is 0. */
  oidcProviderPort?: number;
}

export interface ExampleApp {
  /** `http://localhost:<port>` */
  url: string;
  close(): Promise<void>;
}

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

  const providers: ProviderLogin[] = [
    await oidcLogin({ origins, providerPort: options.oidcProviderPort ?? (options.port === 0 ? 0 : options.port + 1) }),
  ];

  const auth = new passport.Passport();
  auth.serializeUser((user, done) => done(null, user));
  auth.deserializeUser((user: Express.User, done) => done(null, user));
  app.use(session({ secret: randomBytes(32).toString('base64url'), resave: false, saveUninitialized: false }));
  app.use(auth.initialize());
  app.use(auth.session());

  for (const provider of providers) {
    auth.use(provider.name, provider.strategy);
    app.get(`/auth/${provider.name}`, auth.authenticate(provider.name, provider.authenticateOptions ?? {}));
    app.get(`/auth/${provider.name}/callback`, auth.authenticate(provider.name, { successRedirect: '/', failureRedirect: '/', failureMessage: true }));
  }

  app.get('/', (req, res) => {
    if (req.user) return res.type('html').send(profilePage(req.user as SessionUser));
    const messages = takeMessages(req.session);
    res.type('html').send(homePage(providers.map((p) => ({ href: `/auth/${p.name}`, label: p.label })), messages));
  });

  app.post('/logout', (req, res, next) => {
    req.logout((err) => (err ? next(err) : res.redirect('/')));
  });

  const onError: ErrorRequestHandler = (err: Error & { code?: string }, _req, res, _next) => {
    res.status(500).type('html').send(errorPage(err));
  };
  app.use(onError);

  return {
    url: `http://localhost:${port}`,
    close: async () => {
      await Promise.all(providers.map((p) => p.close()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

// passport's failureMessage: true appends to req.session.messages; show each once.
function takeMessages(sessionData: unknown): string[] {
  const holder = sessionData as { messages?: unknown } | undefined;
  const messages = Array.isArray(holder?.messages) ? holder.messages.filter((m): m is string => typeof m === 'string') : [];
  if (holder) delete holder.messages;
  return messages;
}
