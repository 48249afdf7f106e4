import { expect } from 'chai';
import sinon from 'sinon';
import { DefaultTransactionStore, type SessionLike } from '@passport-kit/core';
import { cookieHeader, cookieRequest } from './support/fake-response.js';

const KEY = 'oauth2:provider.test';
const SECRET = 'a-cookie-secret-of-at-least-32-chars!';

describe('DefaultTransactionStore', () => {
  let clock: sinon.SinonFakeTimers | undefined;

  afterEach(() => {
    clock?.restore();
    clock = undefined;
  });

  it('keeps the login in the session when the request has one, and sets no cookie', async () => {
    const store = new DefaultTransactionStore({ key: KEY, cookie: { secret: SECRET } });
    const session: SessionLike = {};
    const req = { ...cookieRequest(), session };

    await store.save(req, 'h', { v: 1 });

    expect(session).to.have.property(KEY);
    expect(req.res.setCookies()).to.deep.equal([]);
    expect(await store.take({ headers: {}, session }, 'h')).to.deep.equal({ status: 'found', data: { v: 1 } });
  });

  it('keeps the login in an encrypted cookie when there is no session', async () => {
    const store = new DefaultTransactionStore({ key: KEY, cookie: { secret: SECRET, name: 'oauth2.test' } });
    const req = cookieRequest();

    await store.save(req, 'h', { v: 1 });
    const lines = req.res.setCookies();

    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^oauth2\.test\./);
    expect(await store.take(cookieRequest({ cookie: cookieHeader(lines) }), 'h')).to.deep.equal({ status: 'found', data: { v: 1 } });
  });

  it('falls back to the session store, and its clear error, when no cookie secret is configured', async () => {
    const store = new DefaultTransactionStore({ key: KEY });

    const err = await store.save(cookieRequest(), 'h', {}).then(() => undefined, (e: unknown) => e);

    expect(err).to.be.instanceOf(Error).with.property('message').that.matches(/requires session support/);
  });

  it('applies its ttl to the session', async () => {
    clock = sinon.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    const store = new DefaultTransactionStore({ key: KEY, ttl: 1000, cookie: { secret: SECRET } });
    const session: SessionLike = {};
    await store.save({ headers: {}, session }, 'h', {});

    clock.tick(1000);

    expect(await store.take({ headers: {}, session }, 'h')).to.deep.equal({ status: 'expired' });
  });

  it('applies its ttl to the cookie', async () => {
    clock = sinon.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    const store = new DefaultTransactionStore({ key: KEY, ttl: 1000, cookie: { secret: SECRET } });
    const req = cookieRequest();
    await store.save(req, 'h', {});

    clock.tick(1000);

    expect(req.res.setCookies()[0]).to.contain('Max-Age=1;');
    expect(await store.take(cookieRequest({ cookie: cookieHeader(req.res.setCookies()) }), 'h')).to.deep.equal({ status: 'expired' });
  });

  it('validates its options through the stores it builds', () => {
    expect(() => new DefaultTransactionStore({ key: '' })).to.throw(TypeError);
    expect(() => new DefaultTransactionStore({ key: KEY, ttl: -1 })).to.throw(TypeError);
    expect(() => new DefaultTransactionStore({ key: KEY, cookie: { secret: 'short' } })).to.throw(TypeError);
  });
});
