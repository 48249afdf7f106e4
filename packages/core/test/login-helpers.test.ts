import { expect } from 'chai';
import { deriveCookieSecret, shouldSkipUserProfile } from '@passport-kit/core';

describe('deriveCookieSecret', () => {
  it('gives every instance sharing a client secret the same key, never the secret itself', () => {
    const key = deriveCookieSecret('client-secret-1', 'oauth2 state cookie');
    expect(key).to.equal(deriveCookieSecret('client-secret-1', 'oauth2 state cookie'));
    expect(key).to.match(/^[\w-]{43}$/).and.not.include('client-secret-1');
  });

  it('keeps the keys of two purposes, and of two secrets, apart', () => {
    const key = deriveCookieSecret('client-secret-1', 'oauth2 state cookie');
    expect(deriveCookieSecret('client-secret-1', 'oauth1 request token cookie')).not.to.equal(key);
    expect(deriveCookieSecret('client-secret-2', 'oauth2 state cookie')).not.to.equal(key);
  });
});

describe('shouldSkipUserProfile', () => {
  it('reads a boolean or nothing', async () => {
    expect(await shouldSkipUserProfile(true, 'at')).to.equal(true);
    expect(await shouldSkipUserProfile(false, 'at')).to.equal(false);
    expect(await shouldSkipUserProfile(undefined, 'at')).to.equal(false);
  });

  it("calls a function with the login's credentials, answering by value or promise", async () => {
    const seen: string[][] = [];
    expect(await shouldSkipUserProfile((token: string, secret: string) => (seen.push([token, secret]), true), 'token', 'secret')).to.equal(true);
    expect(await shouldSkipUserProfile(async (token: string) => token === 'skip', 'keep')).to.equal(false);
    expect(seen).to.deep.equal([['token', 'secret']]);
  });

  it('waits for done when the function declares it after the credentials, and passes its error on', async () => {
    const byCallback = (_token: string, done: (err: unknown, skip?: boolean) => void) => setImmediate(() => done(null, true));
    expect(await shouldSkipUserProfile(byCallback, 'at')).to.equal(true);
    const failing = (_token: string, _secret: string, done: (err: unknown, skip?: boolean) => void) => done(new Error('store down'));
    let error: unknown;
    await shouldSkipUserProfile(failing, 't', 's').catch((err: unknown) => (error = err));
    expect((error as Error).message).to.equal('store down');
  });
});
