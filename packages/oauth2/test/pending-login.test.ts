import { expect } from 'chai';
import type { IncomingRequest } from '@passport-kit/core';
import { keepPendingLogin, takePendingLogin } from '../src/pending-login.js';
import type { StateStore, StateStoreMeta } from '../src/state-store.js';

const req: IncomingRequest = { headers: {} };
const meta: StateStoreMeta = { authorizationURL: 'https://as.test/a', tokenURL: 'https://as.test/t', clientID: 'c', callbackURL: undefined };
const pending = { codeVerifier: 'v-1', appState: { to: '/' }, meta };
type Callback = (err: Error | null, ...rest: unknown[]) => void;

describe('keeping a pending login (keepPendingLogin, passport-oauth2 store arities)', () => {
  it('hands a 5-argument store the verifier, the app state and the meta', async () => {
    let seen: unknown[] = [];
    const store = { store(r: IncomingRequest, v: unknown, s: unknown, m: unknown, cb: Callback) { seen = [r, v, s, m]; cb(null, 'h-5'); }, verify() {} };

    expect(await keepPendingLogin(store as StateStore, req, pending)).to.equal('h-5');
    expect(seen).to.deep.equal([req, 'v-1', { to: '/' }, meta]);
  });

  it('hands a 4-argument store the app state and meta, a 3-argument one the meta, a 2-argument one nothing', async () => {
    const seen: unknown[][] = [];
    const stores = [
      { store(_r: IncomingRequest, s: unknown, m: unknown, cb: Callback) { seen.push([s, m]); cb(null, 'h-4'); } },
      { store(_r: IncomingRequest, m: unknown, cb: Callback) { seen.push([m]); cb(null, 'h-3'); } },
      { store(_r: IncomingRequest, cb: Callback) { seen.push([]); cb(null, 'h-2'); } },
    ];

    const handles = [];
    for (const store of stores) handles.push(await keepPendingLogin({ ...store, verify() {} } as StateStore, req, pending));
    expect(handles).to.deep.equal(['h-4', 'h-3', 'h-2']);
    expect(seen).to.deep.equal([[{ to: '/' }, meta], [meta], []]);
  });

  it("rejects with the store's error", async () => {
    const store = { store(_r: IncomingRequest, cb: Callback) { cb(new Error('no session')); }, verify() {} };

    await keepPendingLogin(store as StateStore, req, pending).then(() => expect.fail('should reject'), (err: Error) => expect(err.message).to.equal('no session'));
  });
});

describe('taking a pending login (takePendingLogin)', () => {
  it('hands a 4-argument verify the meta, and reads ok, state, login data and redirect_uri', async () => {
    let seen: unknown[] = [];
    const store = {
      store() {},
      verify(_r: IncomingRequest, s: unknown, m: unknown, cb: Callback) { seen = [s, m]; cb(null, 'v-1', { to: '/' }, { nonce: 'n' }, null); },
    };

    expect(await takePendingLogin(store as StateStore, req, 'h-1', meta)).to.deep.equal({ ok: 'v-1', state: { to: '/' }, loginData: { nonce: 'n' }, redirectURI: null });
    expect(seen).to.deep.equal(['h-1', meta]);
  });

  it('reads a 3-argument verify, with no ok as false and login data that is no object as none', async () => {
    const store = { store() {}, verify(_r: IncomingRequest, _s: unknown, cb: Callback) { cb(null, undefined, { message: 'Unable to verify' }, ['x']); } };

    expect(await takePendingLogin(store as StateStore, req, 'h-1', meta)).to.deep.equal({ ok: false, state: { message: 'Unable to verify' }, loginData: undefined, redirectURI: undefined });
  });
});
