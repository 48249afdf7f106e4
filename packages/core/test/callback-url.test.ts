import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { originalURL, resolveCallbackURL, type IncomingRequest } from '@passport-kit/core';

function req(overrides: Partial<IncomingRequest> = {}): IncomingRequest {
  return { method: 'GET', url: '/auth/callback?code=abc', headers: { host: 'app.example:3000' }, ...overrides };
}

const forwarded = { host: 'internal:8080', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'public.example' };

describe('originalURL', () => {
  it('rebuilds the URL from the Host header and the request path, query included', () => {
    expect(originalURL(req())).to.equal('http://app.example:3000/auth/callback?code=abc');
  });

  it('prefers Express’s originalUrl, which keeps the mount path', () => {
    expect(originalURL(req({ url: '/callback', originalUrl: '/auth/callback' }))).to.equal(
      'http://app.example:3000/auth/callback',
    );
  });

  it('falls back to localhost and / when the request has no Host or URL', () => {
    expect(originalURL({ headers: {} })).to.equal('http://localhost/');
  });

  it('is https when the socket is encrypted', () => {
    expect(originalURL(req({ socket: { encrypted: true } }))).to.equal('https://app.example:3000/auth/callback?code=abc');
  });

  it('reads the legacy req.connection when there is no req.socket', () => {
    expect(originalURL(req({ connection: { encrypted: true } }))).to.equal(
      'https://app.example:3000/auth/callback?code=abc',
    );
  });

  it('works on a request with neither req.connection nor req.app (Fastify, Koa)', () => {
    const fastifyLike: IncomingRequest = { url: '/cb', headers: { host: 'app.example' }, socket: {} };
    expect(originalURL(fastifyLike)).to.equal('http://app.example/cb');
  });

  it('ignores X-Forwarded-* headers unless the proxy is trusted', () => {
    expect(originalURL(req({ headers: forwarded }))).to.equal('http://internal:8080/auth/callback?code=abc');
    expect(originalURL(req({ headers: forwarded }), { proxy: false })).to.equal('http://internal:8080/auth/callback?code=abc');
  });

  it('uses X-Forwarded-Proto and X-Forwarded-Host with the proxy option', () => {
    expect(originalURL(req({ headers: forwarded }), { proxy: true })).to.equal(
      'https://public.example/auth/callback?code=abc',
    );
  });

  it('takes the first entry of forwarded lists, added to by each proxy on the way', () => {
    const headers = { host: 'internal', 'x-forwarded-proto': 'HTTPS , http', 'x-forwarded-host': ' public.example, lb.internal' };
    expect(originalURL(req({ headers }), { proxy: true })).to.equal('https://public.example/auth/callback?code=abc');
  });

  it('takes the first of repeated forwarded headers', () => {
    const headers = { host: 'internal', 'x-forwarded-proto': ['https', 'http'], 'x-forwarded-host': ['public.example', 'x'] };
    expect(originalURL(req({ headers }), { proxy: true })).to.equal('https://public.example/auth/callback?code=abc');
  });

  it('keeps the Host header when a trusted proxy sends an empty X-Forwarded-Host', () => {
    const headers = { host: 'app.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': '' };
    expect(originalURL(req({ headers }), { proxy: true })).to.equal('https://app.example/auth/callback?code=abc');
  });

  it('stays https on an encrypted socket whatever a trusted proxy claims', () => {
    const headers = { host: 'app.example', 'x-forwarded-proto': 'http' };
    expect(originalURL(req({ headers, socket: { encrypted: true } }), { proxy: true })).to.match(/^https:/);
  });

  it('honours Express’s trust proxy setting read through req.app.get', () => {
    const settings: Record<string, unknown> = { 'trust proxy': true };
    const app = { get: (setting: string) => settings[setting] };
    expect(originalURL(req({ headers: forwarded, app }))).to.equal('https://public.example/auth/callback?code=abc');

    settings['trust proxy'] = 'loopback';
    expect(originalURL(req({ headers: forwarded, app }))).to.equal('https://public.example/auth/callback?code=abc');

    settings['trust proxy'] = false;
    expect(originalURL(req({ headers: forwarded, app }))).to.equal('http://internal:8080/auth/callback?code=abc');
  });

  it('honours trust proxy in a real Express app', async () => {
    const app = express();
    app.get('/auth/callback', (request, response) => {
      response.json({ url: originalURL(request as unknown as IncomingRequest) });
    });

    const untrusted = await request(app).get('/auth/callback?code=abc').set('x-forwarded-proto', 'https').set('x-forwarded-host', 'public.example');
    app.set('trust proxy', true);
    const trusted = await request(app).get('/auth/callback?code=abc').set('x-forwarded-proto', 'https').set('x-forwarded-host', 'public.example');

    expect(untrusted.body.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/auth\/callback\?code=abc$/);
    expect(trusted.body.url).to.equal('https://public.example/auth/callback?code=abc');
  });
});

describe('resolveCallbackURL', () => {
  it('is undefined when no callbackURL is configured', () => {
    expect(resolveCallbackURL(req(), undefined)).to.equal(undefined);
    expect(resolveCallbackURL(req(), '')).to.equal(undefined);
  });

  it('returns an absolute callbackURL unchanged', () => {
    expect(resolveCallbackURL(req(), 'https://app.example/auth/cb')).to.equal('https://app.example/auth/cb');
    expect(resolveCallbackURL(req(), 'com.example.app:/oauth2redirect')).to.equal('com.example.app:/oauth2redirect');
  });

  it('resolves a path against the origin the request came to, dropping its query', () => {
    expect(resolveCallbackURL(req({ url: '/login?next=/x' }), '/auth/cb')).to.equal('http://app.example:3000/auth/cb');
  });

  it('resolves a relative path against the request path, as url.resolve does', () => {
    expect(resolveCallbackURL(req({ url: '/auth/login' }), 'callback')).to.equal('http://app.example:3000/auth/callback');
  });

  it('resolves against the public origin behind a trusted proxy', () => {
    expect(resolveCallbackURL(req({ headers: forwarded }), '/auth/cb', { proxy: true })).to.equal(
      'https://public.example/auth/cb',
    );
    expect(resolveCallbackURL(req({ headers: forwarded }), '/auth/cb')).to.equal('http://internal:8080/auth/cb');
  });
});
