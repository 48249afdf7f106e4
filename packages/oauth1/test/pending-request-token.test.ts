import { expect } from 'chai';
import type { IncomingRequest } from '@passport-kit/core';
import type { OAuth1StrategyOptions } from '../src/options.js';
import { createRequestTokenStorage, requestTokenCheckFailure } from '../src/pending-request-token.js';
import type { RequestTokenStoreMeta } from '../src/request-token-store.js';

type Callback = (err: Error | null, ...rest: unknown[]) => void;
const meta: RequestTokenStoreMeta = {
  requestTokenURL: 'https://provider.test/rt',
  accessTokenURL: 'https://provider.test/at',
  userAuthorizationURL: 'https://provider.test/authorize',
  consumerKey: 'ck',
};
const options = (store?: object): OAuth1StrategyOptions =>
  ({ requestTokenURL: meta.requestTokenURL, accessTokenURL: meta.accessTokenURL, userAuthorizationURL: meta.userAuthorizationURL, consumerKey: 'ck', consumerSecret: 'cs', ...(store ? { requestTokenStore: store } : {}) }) as OAuth1StrategyOptions;

describe('keeping and taking the pending request token (pending-request-token)', () => {
  it('keeps it in the session by default and takes it once, with the app state', async () => {
    const req: IncomingRequest = { headers: {}, session: {} } as IncomingRequest;
    const storage = createRequestTokenStorage(options(), 'oauth');

    await storage.save(req, 'rt-1', { tokenSecret: 'rs-1', state: { to: '/' } }, meta);

    expect(await storage.take(req, 'rt-1', meta)).to.deep.equal({ status: 'found', data: { tokenSecret: 'rs-1', state: { to: '/' } } });
    expect((await storage.take(req, 'rt-1', meta)).status).to.equal('missing');
  });

  it("calls a passport-oauth1 store with the arities it declares (set of 6 gets the state and meta; get and destroy of 4 the meta)", async () => {
    const calls: unknown[][] = [];
    const store = {
      set(_r: unknown, token: string, secret: string, state: unknown, m: unknown, cb: Callback) { calls.push(['set', token, secret, state, m]); cb(null); },
      get(_r: unknown, token: string, m: unknown, cb: Callback) { calls.push(['get', token, m]); cb(null, 'rs-1', 'app-state'); },
      destroy(_r: unknown, token: string, m: unknown, cb: Callback) { calls.push(['destroy', token, m]); cb(null); },
    };
    const storage = createRequestTokenStorage(options(store), 'oauth');
    const req: IncomingRequest = { headers: {} };

    await storage.save(req, 'rt-1', { tokenSecret: 'rs-1', state: 'app-state' }, meta);
    const found = await storage.take(req, 'rt-1', meta);

    expect(found).to.deep.equal({ status: 'found', data: { tokenSecret: 'rs-1', state: 'app-state' } });
    expect(calls).to.deep.equal([['set', 'rt-1', 'rs-1', 'app-state', meta], ['get', 'rt-1', meta], ['destroy', 'rt-1', meta]]);
  });

  it("calls a 4-argument set and 3-argument get and destroy without state or meta, and passes on a store's reason for an unknown token", async () => {
    const calls: unknown[][] = [];
    const store = {
      set(_r: unknown, token: string, secret: string, cb: Callback) { calls.push(['set', token, secret]); cb(null); },
      get(_r: unknown, token: string, cb: Callback) { calls.push(['get', token]); cb(null, false, { message: 'Possible XSRF attack detected.' }); },
      destroy(_r: unknown, _token: string, cb: Callback) { cb(null); },
    };
    const storage = createRequestTokenStorage(options(store), 'oauth');

    await storage.save({ headers: {} }, 'rt-1', { tokenSecret: 'rs-1', state: 'ignored' }, meta);
    const found = await storage.take({ headers: {} }, 'rt-2', meta);

    expect(calls).to.deep.equal([['set', 'rt-1', 'rs-1'], ['get', 'rt-2']]);
    expect(found).to.deep.equal({ status: 'mismatch', info: { message: 'Possible XSRF attack detected.' } });
  });

  it('refuses a store with neither get/set/destroy nor save/take', () => {
    expect(() => createRequestTokenStorage(options({ get() {} }), 'oauth')).to.throw(TypeError, /get\/set\/destroy or save\/take/);
  });
});

describe('checking the request token (requestTokenCheckFailure)', () => {
  it('fails a token the store did not have, had expired, or did not know, with 403', () => {
    expect(requestTokenCheckFailure({ status: 'missing' })).to.deep.equal({ challenge: { message: 'Failed to find request token in session' }, status: 403 });
    expect(requestTokenCheckFailure({ status: 'expired' })).to.deep.equal({ challenge: { message: 'Request token expired' }, status: 403 });
    expect(requestTokenCheckFailure({ status: 'mismatch' })).to.deep.equal({ challenge: { message: 'Unknown or already used request token' }, status: 403 });
  });

  it("gives a passport-oauth1 store's own reason first", () => {
    expect(requestTokenCheckFailure({ status: 'mismatch', info: 'Possible XSRF attack detected.' })).to.deep.equal({ challenge: 'Possible XSRF attack detected.', status: 403 });
  });
});
