// Run as a child process (with NODE_DEBUG=passport-kit): the classic silent failure, in OAuth
// 1.0a. The app is opened on localhost, its callbackURL names 127.0.0.1, so the session cookie
// holding the request token's secret never comes back with the callback.
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import request from 'supertest';
import { OAuth1Strategy } from '@passport-kit/oauth1';
import { OAuth1Provider } from '@passport-kit/testing';

const provider = new OAuth1Provider({ consumers: [{ key: 'consumer-1', secret: 'consumer-secret-cross-host' }] });
const { url, close } = await provider.start();
const auth = new passport.Passport();
auth.use(new OAuth1Strategy({
  requestTokenURL: `${url}/oauth/request_token`,
  accessTokenURL: `${url}/oauth/access_token`,
  userAuthorizationURL: `${url}/oauth/authorize`,
  consumerKey: 'consumer-1',
  consumerSecret: 'consumer-secret-cross-host',
  callbackURL: 'http://127.0.0.1:3000/auth/callback',
}, (_token: string, _tokenSecret: string, profile: unknown, done: (err: unknown, user?: unknown) => void) => done(null, profile)));
const app = express();
app.use(session({ secret: 'session secret', resave: false, saveUninitialized: false }));
app.use(auth.initialize());
app.get('/login', auth.authenticate('oauth'));
app.get('/auth/callback', auth.authenticate('oauth', { failureRedirect: '/login' }));

const browser = request.agent(app);
const login = await browser.get('/login').set('host', 'localhost:3000');
const authorize = new URL(login.headers['location'] as string);
const approved = await request(url).get(`${authorize.pathname}${authorize.search}&user=alice`);
const back = new URL(approved.headers['location'] as string);
// The provider sends the browser to 127.0.0.1: the localhost cookie is not sent there.
const callback = await request(app).get(`/auth/callback${back.search}`).set('host', '127.0.0.1:3000');
await close();
process.stdout.write(JSON.stringify({
  provider: url,
  requestToken: back.searchParams.get('oauth_token'),
  verifier: back.searchParams.get('oauth_verifier'),
  status: callback.status,
  location: callback.headers['location'],
}));
