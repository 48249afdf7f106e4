// koa-passport 6 ships no types; the part of its API the Koa app here uses.
declare module 'koa-passport' {
  import type { Middleware } from 'koa';
  import type { Strategy } from 'passport';

  interface AuthenticateOptions {
    successRedirect?: string;
    failureRedirect?: string;
    session?: boolean;
  }

  export class KoaPassport {
    use(name: string, strategy: Strategy): this;
    initialize(): Middleware;
    session(): Middleware;
    authenticate(strategy: string, options?: AuthenticateOptions): Middleware;
    serializeUser<User>(serialize: (user: User, done: (err: unknown, stored?: unknown) => void) => void): void;
    deserializeUser<User>(deserialize: (stored: User, done: (err: unknown, user?: User) => void) => void): void;
  }
}
