// Run as a child process (with NODE_DEBUG=passport-kit): the classic silent failure. The app is
// opened on localhost, its callbackURL names 127.0.0.1, so the session cookie set on localhost
// never comes back with the callback.
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import request from 'supertest';
import { OAuth2Strategy } from '@passport-kit/oauth2';

const auth = new passport.Passport();
auth.use(new OAuth2Strategy({
  authorizationURL: 'http://127.0.0.1:4999/authorize',
  tokenURL: 'http://127.0.0.1:4999/token',
  clientID: 'client-1',
  clientSecret: 'client-secret-cross-host',
  callbackURL: 'http://127.0.0.1:3000/auth/callback',
}, (_at: string, _rt: string | undefined, profile: unknown, done: (err: unknown, user?: unknown) => void) => done(null, profile)));
const app = express();
app.use(session({ secret: 'session secret', resave: false, saveUninitialized: false }));
app.use(auth.initialize());
app.get('/login', auth.authenticate('oauth2'));
app.get('/auth/callback', auth.authenticate('oauth2', { failureRedirect: '/login' }));

const login = await request(app).get('/login').set('host', 'localhost:3000');
const state = new URL(login.headers['location'] as string).searchParams.get('state');
// The provider sends the browser to 127.0.0.1: the localhost cookie is not sent there.
const callback = await request(app).get(`/auth/callback?code=code-cross-host&state=${state}`).set('host', '127.0.0.1:3000');
process.stdout.write(JSON.stringify({ state, status: callback.status, location: callback.headers['location'] }));
