import { expect } from 'chai';
import express from 'express';
import sinon from 'sinon';
import request from 'supertest';
import { CookieTransactionStore, type IncomingRequest } from '@passport-kit/core';
import { cookieHeader, cookieRequest } from './support/fake-response.js';

const SECRET = 'a-cookie-secret-of-at-least-32-chars!';
const OTHER_SECRET = 'another-secret-of-at-least-32-characters';
const HANDLE = 'state-handle-0123456789abcdefghij';
const DATA = { codeVerifier: 'verifier-plaintext-value', callbackURL: 'http://app.example/cb' };

async function saved(store: CookieTransactionStore, handle = HANDLE, data: Record<string, unknown> = DATA, encrypted = false) {
  const req = cookieRequest({ encrypted });
  await store.save(req, handle, data);
  return req.res.setCookies();
}

function attributes(line: string | undefined): string[] {
  return (line ?? '').split('; ').slice(1);
}

describe('CookieTransactionStore', () => {
  let clock: sinon.SinonFakeTimers | undefined;

  afterEach(() => {
    clock?.restore();
    clock = undefined;
  });

  describe('saving a login', () => {
    it('sets one HttpOnly, SameSite=Lax cookie named after the handle’s hash, for 10 minutes on /', async () => {
      const [line, ...rest] = await saved(new CookieTransactionStore({ secret: SECRET }));

      expect(rest).to.deep.equal([]);
      expect(line).to.match(/^pk\.tx\.[A-Za-z0-9_-]{22}=[A-Za-z0-9_.-]+; /);
      expect(attributes(line)).to.deep.equal(['Path=/', 'Max-Age=600', 'HttpOnly', 'SameSite=Lax']);
    });

    it('keeps the handle and the data out of the cookie: the value is an A256GCM JWE', async () => {
      const [line] = await saved(new CookieTransactionStore({ secret: SECRET }));
      const [nameValue] = (line ?? '').split(';');
      const value = nameValue?.slice(nameValue.indexOf('=') + 1) ?? '';
      const header = JSON.parse(Buffer.from(value.split('.')[0] ?? '', 'base64url').toString()) as Record<string, unknown>;

      expect(value.split('.')).to.have.length(5);
      expect(header).to.include({ alg: 'dir', enc: 'A256GCM' });
      for (const secret of [HANDLE, DATA.codeVerifier, Buffer.from(HANDLE).toString('base64url'), Buffer.from(DATA.codeVerifier).toString('base64url')]) {
        expect(line).not.to.contain(secret);
      }
      expect(line).not.to.contain(SECRET);
    });

    it('marks the cookie Secure when the request came over HTTPS', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });
      const [overTls] = await saved(store, HANDLE, DATA, true);

      expect(attributes(overTls)).to.include('Secure');
    });

    it('marks the cookie Secure when a proxy says the request came over HTTPS', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });
      for (const proto of ['https', 'HTTPS', 'https, http', ['https', 'http']]) {
        const req = cookieRequest({ headers: { 'x-forwarded-proto': proto } });
        await store.save(req, HANDLE, DATA);
        expect(attributes(req.res.setCookies()[0]), String(proto)).to.include('Secure');
      }
      const plain = cookieRequest({ headers: { 'x-forwarded-proto': 'http' } });
      await store.save(plain, HANDLE, DATA);
      expect(attributes(plain.res.setCookies()[0])).not.to.include('Secure');
    });

    it('honours name, path, ttl, sameSite and secure', async () => {
      const store = new CookieTransactionStore({
        secret: SECRET,
        name: 'oauth2.github',
        path: '/auth',
        ttl: 5 * 60 * 1000,
        sameSite: 'Strict',
        secure: true,
      });
      const [line] = await saved(store);

      expect(line).to.match(/^oauth2\.github\.[A-Za-z0-9_-]{22}=/);
      expect(attributes(line)).to.deep.equal(['Path=/auth', 'Max-Age=300', 'HttpOnly', 'SameSite=Strict', 'Secure']);
    });

    it('makes a SameSite=None cookie Secure, as browsers require', async () => {
      const [line] = await saved(new CookieTransactionStore({ secret: SECRET, sameSite: 'None' }));

      expect(attributes(line)).to.include.members(['SameSite=None', 'Secure']);
    });

    it('lets secure: false turn Secure off even over HTTPS', async () => {
      const [line] = await saved(new CookieTransactionStore({ secret: SECRET, secure: false }), HANDLE, DATA, true);

      expect(attributes(line)).not.to.include('Secure');
    });

    it('never sets a Max-Age of 0 for a ttl under a second', async () => {
      const [line] = await saved(new CookieTransactionStore({ secret: SECRET, ttl: 500 }));

      expect(attributes(line)).to.include('Max-Age=1');
    });

    it('adds to the Set-Cookie headers already on the response', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });
      const req = cookieRequest();
      req.res.setHeader('Set-Cookie', 'connect.sid=abc; Path=/');

      await store.save(req, 'tab-1', {});
      await store.save(req, 'tab-2', {});

      const lines = req.res.setCookies();
      expect(lines).to.have.length(3);
      expect(lines[0]).to.equal('connect.sid=abc; Path=/');
    });

    it('sets the cookie through a response with only setHeader (koa-passport\'s stand-in for Koa)', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });
      const set: Record<string, unknown> = {};
      const req: IncomingRequest = { headers: { host: 'app.example' }, res: { setHeader: (name, value) => (set[name] = value) } };

      await store.save(req, HANDLE, DATA);

      expect(set['set-cookie']).to.be.an('array').with.length(1);
      expect(String((set['set-cookie'] as string[])[0])).to.match(/^pk\.tx\.[\w-]+=[^;]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
    });

    it('rejects with a clear error when there is no req.res to set the cookie on', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });
      const req: IncomingRequest = { headers: {} };

      const err = await store.save(req, HANDLE, DATA).then(() => undefined, (e: unknown) => e);

      expect(err).to.be.instanceOf(Error).with.property('message').that.matches(/req\.res/);
    });
  });

  describe('taking a login back', () => {
    it('finds the login and clears its cookie with the same path', async () => {
      const store = new CookieTransactionStore({ secret: SECRET, path: '/auth' });
      const saveLines = await saved(store);
      const callback = cookieRequest({ cookie: cookieHeader(saveLines) });

      const result = await store.take(callback, HANDLE);

      expect(result).to.deep.equal({ status: 'found', data: DATA });
      const [cleared] = callback.res.setCookies();
      expect(cleared?.split(';')[0]).to.equal(`${saveLines[0]?.split('=')[0]}=`);
      expect(attributes(cleared)).to.include.members(['Path=/auth', 'Max-Age=0', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
    });

    it('keeps logins from several tabs in several cookies, each found by its own handle', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });
      const req = cookieRequest();
      await store.save(req, 'tab-1', { n: 1 });
      await store.save(req, 'tab-2', { n: 2 });
      const jar = cookieHeader(req.res.setCookies());

      expect(req.res.setCookies()).to.have.length(2);
      expect(await store.take(cookieRequest({ cookie: jar }), 'tab-2')).to.deep.equal({ status: 'found', data: { n: 2 } });
      expect(await store.take(cookieRequest({ cookie: jar }), 'tab-1')).to.deep.equal({ status: 'found', data: { n: 1 } });
    });

    it('is missing when the browser sends no login cookie at all', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });

      expect(await store.take(cookieRequest(), HANDLE)).to.deep.equal({ status: 'missing' });
      expect(await store.take(cookieRequest({ cookie: 'connect.sid=abc; theme=dark' }), HANDLE)).to.deep.equal({ status: 'missing' });
    });

    it('is a mismatch when login cookies exist but none for this handle', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });
      const jar = cookieHeader(await saved(store, 'real-handle'));

      expect(await store.take(cookieRequest({ cookie: jar }), 'forged-handle')).to.deep.equal({ status: 'mismatch' });
    });

    it('is a mismatch for a tampered cookie, and still clears it', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });
      const [line] = await saved(store);
      const nameValue = (line ?? '').split(';')[0] ?? '';
      const parts = nameValue.split('.');
      // Flip one character of the ciphertext (the fourth JWE part).
      const ciphertext = parts[parts.length - 2] ?? '';
      parts[parts.length - 2] = (ciphertext.startsWith('A') ? 'B' : 'A') + ciphertext.slice(1);
      const callback = cookieRequest({ cookie: parts.join('.') });

      expect(await store.take(callback, HANDLE)).to.deep.equal({ status: 'mismatch' });
      expect(attributes(callback.res.setCookies()[0])).to.include('Max-Age=0');
    });

    it('is a mismatch for a cookie sealed with a secret it does not know', async () => {
      const foreign = new CookieTransactionStore({ secret: OTHER_SECRET });
      const store = new CookieTransactionStore({ secret: SECRET });
      const jar = cookieHeader(await saved(foreign));

      expect(await store.take(cookieRequest({ cookie: jar }), HANDLE)).to.deep.equal({ status: 'mismatch' });
    });

    it('is a mismatch for a valid cookie moved under another handle’s name', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });
      const [mine] = await saved(store, 'handle-a');
      const [theirs] = await saved(store, 'handle-b');
      const nameB = theirs?.split('=')[0] ?? '';
      const valueA = mine?.split(';')[0]?.split('=')[1] ?? '';

      expect(await store.take(cookieRequest({ cookie: `${nameB}=${valueA}` }), 'handle-b')).to.deep.equal({ status: 'mismatch' });
    });

    it('is a mismatch for garbage in a login cookie', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });
      const [line] = await saved(store);
      const name = line?.split('=')[0] ?? '';

      for (const value of ['', 'not-a-jwe', 'a.b.c.d.e', '%%%']) {
        expect(await store.take(cookieRequest({ cookie: `${name}=${value}` }), HANDLE), value).to.deep.equal({ status: 'mismatch' });
      }
    });

    it('refuses the same cookie replayed to this process', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });
      const jar = cookieHeader(await saved(store));

      expect(await store.take(cookieRequest({ cookie: jar }), HANDLE)).to.deep.equal({ status: 'found', data: DATA });
      expect(await store.take(cookieRequest({ cookie: jar }), HANDLE)).to.deep.equal({ status: 'mismatch' });
    });

    it('reports a login older than the ttl as expired', async () => {
      clock = sinon.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
      const store = new CookieTransactionStore({ secret: SECRET, ttl: 60_000 });
      const jar = cookieHeader(await saved(store, 'late'));
      const inTime = cookieHeader(await saved(store, 'in-time'));

      clock.tick(59_999);
      expect(await store.take(cookieRequest({ cookie: inTime }), 'in-time')).to.deep.equal({ status: 'found', data: DATA });
      clock.tick(1);
      expect(await store.take(cookieRequest({ cookie: jar }), 'late')).to.deep.equal({ status: 'expired' });
    });

    it('works without req.res, and does not write once headers are sent', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });
      const jar = cookieHeader(await saved(store, 'a'));
      const jar2 = cookieHeader(await saved(store, 'b'));
      const sent = cookieRequest({ cookie: jar2 });
      sent.res.headersSent = true;

      expect(await store.take({ headers: { cookie: jar } }, 'a')).to.deep.equal({ status: 'found', data: DATA });
      expect(await store.take(sent, 'b')).to.deep.equal({ status: 'found', data: DATA });
    });
  });

  describe('secrets', () => {
    it('opens cookies sealed with an older secret listed after the current one', async () => {
      const before = new CookieTransactionStore({ secret: SECRET });
      const rotated = new CookieTransactionStore({ secret: [OTHER_SECRET, SECRET] });
      const jar = cookieHeader(await saved(before));

      expect(await rotated.take(cookieRequest({ cookie: jar }), HANDLE)).to.deep.equal({ status: 'found', data: DATA });
    });

    it('seals new cookies with the first secret', async () => {
      const rotated = new CookieTransactionStore({ secret: [OTHER_SECRET, SECRET] });
      const onlyOld = new CookieTransactionStore({ secret: SECRET });
      const onlyNew = new CookieTransactionStore({ secret: OTHER_SECRET });
      const jar = cookieHeader(await saved(rotated));

      expect(await onlyOld.take(cookieRequest({ cookie: jar }), HANDLE)).to.deep.equal({ status: 'mismatch' });
      expect(await onlyNew.take(cookieRequest({ cookie: jar }), HANDLE)).to.deep.equal({ status: 'found', data: DATA });
    });

    it('lets another instance with the same secret complete the login', async () => {
      const jar = cookieHeader(await saved(new CookieTransactionStore({ secret: SECRET })));
      const otherInstance = new CookieTransactionStore({ secret: SECRET });

      expect(await otherInstance.take(cookieRequest({ cookie: jar }), HANDLE)).to.deep.equal({ status: 'found', data: DATA });
    });

    const invalid: [string, unknown][] = [
      ['a short secret', 'too-short'],
      ['a 31-character secret', 'x'.repeat(31)],
      ['an empty list', []],
      ['a list with one short secret', [SECRET, 'short']],
      ['no secret', undefined],
    ];
    for (const [what, secret] of invalid) {
      it(`throws a TypeError for ${what}`, () => {
        expect(() => new CookieTransactionStore({ secret } as never)).to.throw(TypeError);
      });
    }

    it('accepts a 32-character secret', () => {
      expect(() => new CookieTransactionStore({ secret: 'x'.repeat(32) })).not.to.throw();
    });

    for (const ttl of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      it(`throws a TypeError for a ttl of ${ttl}`, () => {
        expect(() => new CookieTransactionStore({ secret: SECRET, ttl })).to.throw(TypeError);
      });
    }
  });

  it('completes a login through a real Express app and a browser cookie jar', async () => {
    const store = new CookieTransactionStore({ secret: SECRET });
    const app = express();
    app.get('/login/:handle', async (req, res) => {
      await store.save(req as unknown as IncomingRequest, String(req.params.handle), { tab: req.params.handle });
      res.end('redirecting');
    });
    app.get('/callback/:handle', async (req, res) => {
      res.json(await store.take(req as unknown as IncomingRequest, String(req.params.handle)));
    });
    const browser = request.agent(app);

    const login = await browser.get('/login/one');
    await browser.get('/login/two');
    const one = await browser.get('/callback/one');
    const two = await browser.get('/callback/two');
    const again = await browser.get('/callback/two');
    const replayed = await request(app).get('/callback/one').set('cookie', cookieHeader(login.headers['set-cookie'] as unknown as string[]));

    expect(one.body).to.deep.equal({ status: 'found', data: { tab: 'one' } });
    expect(two.body).to.deep.equal({ status: 'found', data: { tab: 'two' } });
    expect(again.body).to.deep.equal({ status: 'missing' });
    expect(replayed.body).to.deep.equal({ status: 'mismatch' });
  });

  describe('bounding what a browser carries', () => {
    it('keeps at most 10 pending logins per browser, so abandoned ones cannot push requests past the header limit (431)', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });
      const app = express();
      app.get('/login/:handle', async (req, res) => {
        // What an OAuth 2.0 login keeps: a PKCE verifier and the redirect_uri.
        const data = { verifier: 'v'.repeat(43), redirectURI: 'https://app.example/auth/callback', tab: req.params.handle };
        await store.save(req as unknown as IncomingRequest, `handle-${req.params.handle}`, data);
        res.end('redirecting');
      });
      app.get('/callback/:handle', async (req, res) => {
        const taken = await store.take<{ tab: string }>(req as unknown as IncomingRequest, `handle-${req.params.handle}`);
        res.json(taken.status === 'found' ? { status: taken.status, tab: taken.data.tab } : taken);
      });
      app.get('/', (req, res) => res.json({ cookieHeader: req.headers.cookie?.length ?? 0 }));
      const browser = request.agent(app);

      // Node's default header limit is 16 KiB; each cookie is 300–400 bytes.
      for (let tab = 1; tab <= 80; tab += 1) {
        const res = await browser.get(`/login/${tab}`);
        expect(res.status, `login ${tab}`).to.equal(200);
      }
      const home = await browser.get('/');
      const latest = await browser.get('/callback/80');
      const dropped = await browser.get('/callback/70');
      const oldestKept = await browser.get('/callback/71');

      expect(home.status).to.equal(200);
      expect(home.body.cookieHeader).to.be.below(4096);
      expect(latest.body).to.deep.equal({ status: 'found', tab: '80' });
      expect(dropped.body).to.deep.equal({ status: 'mismatch' });
      expect(oldestKept.body).to.deep.equal({ status: 'found', tab: '71' });
    });

    it('drops the oldest beyond maxPending and every expired one when a login starts', async () => {
      clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
      const store = new CookieTransactionStore({ secret: SECRET, maxPending: 2, ttl: 60_000 });
      const first = cookieHeader(await saved(store, 'handle-1'));
      clock.tick(1000);
      const second = cookieHeader(await saved(store, 'handle-2'));
      clock.tick(1000);

      const req = cookieRequest({ cookie: `${second}; ${first}` });
      await store.save(req, 'handle-3', DATA);
      const lines = req.res.setCookies();

      expect(lines).to.have.length(2);
      expect(lines[0]).to.match(new RegExp(`^${first.split('=')[0]!.replace(/\./g, '\\.')}=; `));
      expect(attributes(lines[0])).to.include('Max-Age=0');
    });

    it('names the cookie __Host-… when it is Secure on path /, so a sibling subdomain cannot plant one', async () => {
      const store = new CookieTransactionStore({ secret: SECRET });
      const [line] = await saved(store, HANDLE, DATA, true);

      expect(line).to.match(/^__Host-pk\.tx\.[A-Za-z0-9_-]{22}=/);
      expect(attributes(line)).to.include.members(['Path=/', 'Secure']);
      expect(attributes(line).some((attribute) => attribute.startsWith('Domain'))).to.equal(false);
      const taken = await store.take(cookieRequest({ cookie: cookieHeader([line!]), encrypted: true }), HANDLE);
      expect(taken).to.deep.equal({ status: 'found', data: DATA });
    });

    it('keeps the plain name on another path, and still reads a cookie set under the plain name over HTTPS', async () => {
      const onAuth = await saved(new CookieTransactionStore({ secret: SECRET, path: '/auth', secure: true }));
      const store = new CookieTransactionStore({ secret: SECRET });
      const old = await saved(new CookieTransactionStore({ secret: SECRET, secure: false }), HANDLE, DATA, true);

      const req = cookieRequest({ cookie: cookieHeader(old), encrypted: true });
      const taken = await store.take(req, HANDLE);

      expect(onAuth[0]).to.match(/^pk\.tx\./);
      expect(old[0]).to.match(/^pk\.tx\./);
      expect(taken).to.deep.equal({ status: 'found', data: DATA });
      expect(req.res.setCookies()[0]).to.match(/^pk\.tx\.[\w-]+=; /);
    });
  });
});
