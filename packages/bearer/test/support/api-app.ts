// An Express API protected by one bearer strategy, as users write it, plus a JWKS server whose
// keys, availability and request count a test controls.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import passport from 'passport';
import request from 'supertest';

export const ISSUER = 'https://id.example.test';
export const AUDIENCE = 'https://api.example.test/todos';

/**
 * `GET /todos` (any valid token), `GET /todos/admin` (scope `todos:admin` on top), answering
 * `{ user, authInfo }`; errors answer `{ error: { name, code } }` with `err.status` or 500.
 */
export function apiApp(strategy: passport.Strategy, options: { onError?: (err: unknown) => void } = {}) {
  const app = express();
  const auth = new passport.Passport();
  auth.use(strategy);
  app.use(auth.initialize());
  const name = (strategy as { name?: string }).name ?? '';
  app.get('/todos', auth.authenticate(name, { session: false }), (req, res) => {
    res.json({ user: req.user, authInfo: req.authInfo });
  });
  app.get('/todos/admin', auth.authenticate(name, { session: false, scope: 'todos:admin' } as passport.AuthenticateOptions), (req, res) => {
    res.json({ user: req.user });
  });
  const onError: ErrorRequestHandler = (err: Error & { code?: string; status?: number }, _req, res, _next) => {
    options.onError?.(err);
    res.status(err.status ?? 500).json({ error: { name: err.name, code: err.code } });
  };
  app.use(onError);
  return request(app);
}

/** A signing key with its public JWK (kid set). */
export interface TestKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

export async function testKey(kid: string, alg = 'ES256'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** An RFC 9068 access token: `typ: at+jwt`, iss, aud, sub, client_id, iat, exp in 5 minutes, jti. */
export async function accessToken(key: TestKey, claims: JWTPayload = {}, header: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ client_id: 'web-app', scope: 'todos:read', ...claims })
    .setProtectedHeader({ alg: key.alg, typ: 'at+jwt', kid: key.kid, ...header })
    .setIssuer(typeof claims.iss === 'string' ? claims.iss : ISSUER)
    .setAudience(claims.aud ?? AUDIENCE)
    .setSubject(claims.sub ?? 'alice')
    .setIssuedAt(claims.iat ?? now)
    .setExpirationTime(claims.exp ?? now + 300)
    .setJti(claims.jti ?? `jti-${now}-${Math.floor(performance.now() * 1000)}`)
    .sign(key.privateKey);
}

/** A JWKS endpoint on loopback: `keys` can change, `down()` makes it answer 503, `requests` counts fetches. */
export class JwksServer {
  keys: JWK[] = [];
  status = 200;
  requests = 0;
  readonly #server: Server;
  url = '';

  constructor() {
    this.#server = createServer((_req, res) => {
      this.requests += 1;
      if (this.status !== 200) return void res.writeHead(this.status, { 'content-type': 'text/plain' }).end('unavailable');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: this.keys }));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/jwks`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
  }
}
