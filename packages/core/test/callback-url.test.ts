import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { UntrustedHostError, originalURL, resolveCallbackURL, type IncomingRequest } from '@passport-kit/core';

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

  it('honours Express’s compiled trust proxy setting for the peer that sent the headers', () => {
    const express4 = express();
    const app = { get: (setting: string) => express4.get(setting) as unknown };
    const from = (remoteAddress: string) => req({ headers: forwarded, app, socket: { remoteAddress } });

    express4.set('trust proxy', true);
    expect(originalURL(from('203.0.113.9'))).to.equal('https://public.example/auth/callback?code=abc');

    express4.set('trust proxy', 'loopback');
    expect(originalURL(from('127.0.0.1'))).to.equal('https://public.example/auth/callback?code=abc');
    expect(originalURL(from('203.0.113.9'))).to.equal('http://internal:8080/auth/callback?code=abc');

    express4.set('trust proxy', '10.0.0.0/8, 192.168.0.1');
    expect(originalURL(from('10.1.2.3'))).to.equal('https://public.example/auth/callback?code=abc');
    expect(originalURL(from('203.0.113.9'))).to.equal('http://internal:8080/auth/callback?code=abc');

    express4.set('trust proxy', (address: string) => address === '192.0.2.1');
    expect(originalURL(from('192.0.2.1'))).to.equal('https://public.example/auth/callback?code=abc');
    expect(originalURL(from('192.0.2.2'))).to.equal('http://internal:8080/auth/callback?code=abc');

    express4.set('trust proxy', false);
    expect(originalURL(from('127.0.0.1'))).to.equal('http://internal:8080/auth/callback?code=abc');
  });

  it('trusts no forwarded header when the app only has a raw trust proxy value and no compiled one', () => {
    const app = { get: (setting: string) => (setting === 'trust proxy' ? '10.0.0.0/8' : undefined) };
    expect(originalURL(req({ headers: forwarded, app, socket: { remoteAddress: '203.0.113.9' } }))).to.equal(
      'http://internal:8080/auth/callback?code=abc',
    );
  });

  it('lets proxy: false override an app that trusts every proxy', () => {
    const express4 = express().set('trust proxy', true);
    const app = { get: (setting: string) => express4.get(setting) as unknown };
    const trusted = req({ headers: forwarded, app, socket: { remoteAddress: '127.0.0.1' } });
    expect(originalURL(trusted, { proxy: false })).to.equal('http://internal:8080/auth/callback?code=abc');
  });

  it('honours trust proxy in a real Express app', async () => {
    const app = express();
    app.get('/auth/callback', (request, response) => {
      response.json({ url: originalURL(request as unknown as IncomingRequest) });
    });
    const ask = () => request(app).get('/auth/callback?code=abc').set('x-forwarded-proto', 'https').set('x-forwarded-host', 'public.example');

    const untrusted = await ask();
    app.set('trust proxy', true);
    const trusted = await ask();

    expect(untrusted.body.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/auth\/callback\?code=abc$/);
    expect(trusted.body.url).to.equal('https://public.example/auth/callback?code=abc');
  });

  it('does not believe a client’s forwarded headers when trust proxy names only other addresses', async () => {
    // The test client connects from 127.0.0.1, which none of these settings trusts.
    for (const setting of ['10.0.0.0/8', ['10.0.0.1', '172.16.0.0/12'], 'uniquelocal']) {
      const app = express().set('trust proxy', setting);
      app.get('/auth/callback', (request, response) => {
        response.json({ url: originalURL(request as unknown as IncomingRequest) });
      });
      const res = await request(app).get('/auth/callback?code=abc').set('x-forwarded-proto', 'https').set('x-forwarded-host', 'evil.example');
      expect(res.body.url, String(setting)).to.match(/^http:\/\/127\.0\.0\.1:\d+\/auth\/callback\?code=abc$/);
    }
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

describe('resolveCallbackURL with appURL', () => {
  it('resolves a relative callbackURL against the app’s origin, not the Host header', () => {
    const options = { appURL: 'https://app.example' };
    expect(resolveCallbackURL(req({ headers: { host: 'app.example' } }), '/auth/cb', options)).to.equal('https://app.example/auth/cb');
  });

  it('picks the appURL whose host the request came to', () => {
    const options = { appURL: ['https://app.example', 'https://app.example.org:8443'] };
    expect(resolveCallbackURL(req({ headers: { host: 'APP.example.org:8443' } }), '/auth/cb', options)).to.equal(
      'https://app.example.org:8443/auth/cb',
    );
  });

  it('throws UntrustedHostError for a request to another host', () => {
    const options = { appURL: ['https://app.example'] };
    expect(() => resolveCallbackURL(req({ headers: { host: 'evil.example' } }), '/auth/cb', options))
      .to.throw(UntrustedHostError, /evil\.example/)
      .with.property('code', 'ERR_UNTRUSTED_HOST');
    expect(() => resolveCallbackURL(req({ headers: { host: 'bad host' } }), '/auth/cb', options)).to.throw(UntrustedHostError);
  });

  it('keeps an absolute callbackURL whatever the request', () => {
    const options = { appURL: 'https://app.example' };
    expect(resolveCallbackURL(req({ headers: { host: 'evil.example' } }), 'https://app.example/cb', options)).to.equal('https://app.example/cb');
  });
});

describe('resolveCallbackURL without appURL', () => {
  it('warns once per process that the redirect_uri follows the Host header, naming the option', () => {
    // A fresh process: the warning is once per process, and this one may have given it already.
    const script = `
      import { resolveCallbackURL } from '@passport-kit/core';
      const warnings = [];
      process.on('warning', (w) => warnings.push({ name: w.name, code: w.code, message: w.message }));
      const req = { url: '/login', headers: { host: 'app.example' } };
      resolveCallbackURL(req, 'https://app.example/cb');
      resolveCallbackURL(req, '/cb', { appURL: 'http://app.example' });
      resolveCallbackURL(req, '/cb');
      resolveCallbackURL(req, '/cb');
      setImmediate(() => console.log(JSON.stringify(warnings)));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const warnings = JSON.parse(out) as { name: string; code: string; message: string }[];
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include({ name: 'SecurityWarning', code: 'PASSPORT_KIT_HOST_DERIVED_CALLBACK_URL' });
    expect(warnings[0]?.message).to.contain('appURL');
  });
});
