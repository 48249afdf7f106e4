import { expect } from 'chai';
import express from 'express';
import session from 'express-session';
import sinon from 'sinon';
import request from 'supertest';
import {
  DEFAULT_TRANSACTION_TTL,
  SessionTransactionStore,
  type IncomingRequest,
} from '@passport-kit/core';

const KEY = 'oauth2:provider.test';

function reqWithSession(sessionData: Record<string, unknown> = {}): IncomingRequest & { session: Record<string, unknown> } {
  return { headers: {}, session: sessionData };
}

describe('SessionTransactionStore', () => {
  let clock: sinon.SinonFakeTimers | undefined;

  afterEach(() => {
    clock?.restore();
    clock = undefined;
  });

  it('gives back what was saved under the handle, once', async () => {
    const store = new SessionTransactionStore({ key: KEY });
    const req = reqWithSession();

    await store.save(req, 'state-1', { codeVerifier: 'v1', callbackURL: 'http://app/cb' });
    const first = await store.take(req, 'state-1');
    const second = await store.take(req, 'state-1');

    expect(first).to.deep.equal({ status: 'found', data: { codeVerifier: 'v1', callbackURL: 'http://app/cb' } });
    expect(second).to.deep.equal({ status: 'missing' });
    expect(req.session).not.to.have.property(KEY);
  });

  it('does not store the handle under its own name in the session', async () => {
    const store = new SessionTransactionStore({ key: KEY });
    const req = reqWithSession();

    await store.save(req, 'state-1', {});

    expect(Object.keys(req.session[KEY] as object)).not.to.include('state-1');
  });

  it('keeps logins from several tabs apart, in any order', async () => {
    const store = new SessionTransactionStore({ key: KEY });
    const req = reqWithSession();

    await store.save(req, 'tab-1', { n: 1 });
    await store.save(req, 'tab-2', { n: 2 });
    await store.save(req, 'tab-3', { n: 3 });

    expect(await store.take(req, 'tab-2')).to.deep.equal({ status: 'found', data: { n: 2 } });
    expect(await store.take(req, 'tab-1')).to.deep.equal({ status: 'found', data: { n: 1 } });
    expect(await store.take(req, 'tab-3')).to.deep.equal({ status: 'found', data: { n: 3 } });
  });

  it('refuses a handle used once while other logins are still pending', async () => {
    const store = new SessionTransactionStore({ key: KEY });
    const req = reqWithSession();
    await store.save(req, 'tab-1', {});
    await store.save(req, 'tab-2', {});

    await store.take(req, 'tab-1');

    expect(await store.take(req, 'tab-1')).to.deep.equal({ status: 'mismatch' });
    expect(await store.take(req, 'tab-2')).to.deep.equal({ status: 'found', data: {} });
  });

  it('tells a session with no pending login (missing) from an unknown handle (mismatch)', async () => {
    const store = new SessionTransactionStore({ key: KEY });
    const req = reqWithSession();

    expect(await store.take(req, 'anything')).to.deep.equal({ status: 'missing' });
    await store.save(req, 'real-state', {});
    expect(await store.take(req, 'forged-state')).to.deep.equal({ status: 'mismatch' });
    expect(await store.take(req, 'real-stat')).to.deep.equal({ status: 'mismatch' });
    expect(await store.take(req, 'real-state')).to.deep.equal({ status: 'found', data: {} });
  });

  it('is missing when the session property holds something else', async () => {
    const store = new SessionTransactionStore({ key: KEY });

    expect(await store.take(reqWithSession({ [KEY]: 'garbage' }), 'h')).to.deep.equal({ status: 'missing' });
    expect(await store.take(reqWithSession({ [KEY]: null }), 'h')).to.deep.equal({ status: 'missing' });
  });

  it('keeps stores with different keys apart', async () => {
    const github = new SessionTransactionStore({ key: 'oauth2:github.com' });
    const facebook = new SessionTransactionStore({ key: 'oauth2:facebook.com' });
    const req = reqWithSession();

    await github.save(req, 'h', { from: 'github' });

    expect(await facebook.take(req, 'h')).to.deep.equal({ status: 'missing' });
    expect(await github.take(req, 'h')).to.deep.equal({ status: 'found', data: { from: 'github' } });
  });

  it('survives the JSON round trip a session store makes', async () => {
    const store = new SessionTransactionStore({ key: KEY });
    const req = reqWithSession();
    await store.save(req, 'h', { codeVerifier: 'v', nested: { a: [1, 2] } });

    const restored = reqWithSession(JSON.parse(JSON.stringify(req.session)) as Record<string, unknown>);

    expect(await store.take(restored, 'h')).to.deep.equal({ status: 'found', data: { codeVerifier: 'v', nested: { a: [1, 2] } } });
  });

  describe('expiry', () => {
    it('expires a login after 10 minutes by default', async () => {
      clock = sinon.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
      const store = new SessionTransactionStore({ key: KEY });
      const req = reqWithSession();
      await store.save(req, 'in-time', {});
      await store.save(req, 'too-late', {});

      clock.tick(DEFAULT_TRANSACTION_TTL - 1);
      expect(await store.take(req, 'in-time')).to.deep.equal({ status: 'found', data: {} });
      clock.tick(1);
      expect(await store.take(req, 'too-late')).to.deep.equal({ status: 'expired' });
      expect(DEFAULT_TRANSACTION_TTL).to.equal(600_000);
    });

    it('honours a custom ttl and forgets the expired login once reported', async () => {
      clock = sinon.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
      const store = new SessionTransactionStore({ key: KEY, ttl: 1000 });
      const req = reqWithSession();
      await store.save(req, 'h', {});

      clock.tick(1500);

      expect(await store.take(req, 'h')).to.deep.equal({ status: 'expired' });
      expect(await store.take(req, 'h')).to.deep.equal({ status: 'missing' });
    });

    it('drops expired logins from the session when a new one is saved', async () => {
      clock = sinon.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
      const store = new SessionTransactionStore({ key: KEY, ttl: 1000 });
      const req = reqWithSession();
      await store.save(req, 'abandoned', {});
      clock.tick(2000);

      await store.save(req, 'fresh', {});

      expect(Object.keys(req.session[KEY] as object)).to.have.length(1);
      expect(await store.take(req, 'abandoned')).to.deep.equal({ status: 'mismatch' });
    });
  });

  describe('maxPending', () => {
    it('keeps at most 10 pending logins by default, evicting the oldest', async () => {
      const store = new SessionTransactionStore({ key: KEY });
      const req = reqWithSession();
      for (let i = 0; i < 11; i++) await store.save(req, `h${i}`, { i });

      expect(Object.keys(req.session[KEY] as object)).to.have.length(10);
      expect(await store.take(req, 'h0')).to.deep.equal({ status: 'mismatch' });
      expect(await store.take(req, 'h1')).to.deep.equal({ status: 'found', data: { i: 1 } });
      expect(await store.take(req, 'h10')).to.deep.equal({ status: 'found', data: { i: 10 } });
    });

    it('evicts the oldest past a custom maxPending', async () => {
      const store = new SessionTransactionStore({ key: KEY, maxPending: 2 });
      const req = reqWithSession();
      await store.save(req, 'a', {});
      await store.save(req, 'b', {});
      await store.save(req, 'c', {});

      expect(await store.take(req, 'a')).to.deep.equal({ status: 'mismatch' });
      expect(await store.take(req, 'b')).to.deep.equal({ status: 'found', data: {} });
      expect(await store.take(req, 'c')).to.deep.equal({ status: 'found', data: {} });
    });
  });

  describe('configuration', () => {
    it('requires a session key', () => {
      expect(() => new SessionTransactionStore({ key: '' })).to.throw(TypeError, /session key/);
    });

    const invalid: [string, Record<string, unknown>][] = [
      ['a zero maxPending', { maxPending: 0 }],
      ['a negative maxPending', { maxPending: -1 }],
      ['a fractional maxPending', { maxPending: 1.5 }],
      ['a zero ttl', { ttl: 0 }],
      ['a negative ttl', { ttl: -1000 }],
      ['a NaN ttl', { ttl: Number.NaN }],
    ];
    for (const [what, options] of invalid) {
      it(`throws a TypeError for ${what}`, () => {
        expect(() => new SessionTransactionStore({ key: KEY, ...options })).to.throw(TypeError);
      });
    }

    it('rejects with a clear error when the request has no session', async () => {
      const store = new SessionTransactionStore({ key: KEY });
      const req: IncomingRequest = { headers: {} };

      const saving = await store.save(req, 'h', {}).then(() => undefined, (err: unknown) => err);
      const taking = await store.take(req, 'h').then(() => undefined, (err: unknown) => err);

      expect(saving).to.be.instanceOf(Error).with.property('message').that.matches(/requires session support/);
      expect(taking).to.be.instanceOf(Error).with.property('message').that.matches(/express-session/);
    });
  });

  it('uses up a handle in a session that keeps only what is assigned (@fastify/secure-session)', async () => {
    // Reads give a copy, as a session serialized on each set() would: in-place changes are lost.
    const stored: Record<string, unknown> = {};
    const copyOnRead = new Proxy({} as Record<string, unknown>, {
      get: (_target, name: string) => structuredClone(stored[name]),
      set: (_target, name: string, value: unknown) => {
        stored[name] = structuredClone(value);
        return true;
      },
    });
    const store = new SessionTransactionStore({ key: KEY });
    const req: IncomingRequest = { headers: {}, session: copyOnRead };

    await store.save(req, 'tab-1', { tab: 1 });
    await store.save(req, 'tab-2', { tab: 2 });
    expect(await store.take(req, 'tab-1')).to.deep.equal({ status: 'found', data: { tab: 1 } });
    expect(await store.take(req, 'tab-1')).to.deep.equal({ status: 'mismatch' });
    expect(await store.take(req, 'tab-2')).to.deep.equal({ status: 'found', data: { tab: 2 } });
    expect(await store.take(req, 'tab-2')).to.deep.equal({ status: 'missing' });
  });

  it('completes a login in a real express-session, and refuses the replay', async () => {
    const store = new SessionTransactionStore({ key: KEY });
    const app = express();
    app.use(session({ secret: 'test-session-secret', resave: false, saveUninitialized: false }));
    app.get('/login/:handle', async (req, res) => {
      await store.save(req as unknown as IncomingRequest, String(req.params.handle), { tab: req.params.handle });
      res.end('saved');
    });
    app.get('/callback/:handle', async (req, res) => {
      res.json(await store.take(req as unknown as IncomingRequest, String(req.params.handle)));
    });
    const browser = request.agent(app);

    await browser.get('/login/one').expect(200);
    await browser.get('/login/two').expect(200);
    const two = await browser.get('/callback/two');
    const replay = await browser.get('/callback/two');
    const one = await browser.get('/callback/one');
    const otherBrowser = await request(app).get('/callback/one');

    expect(two.body).to.deep.equal({ status: 'found', data: { tab: 'two' } });
    expect(replay.body).to.deep.equal({ status: 'mismatch' });
    expect(one.body).to.deep.equal({ status: 'found', data: { tab: 'one' } });
    expect(otherBrowser.body).to.deep.equal({ status: 'missing' });
  });
});
