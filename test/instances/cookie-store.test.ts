// Several instances without a shared backend: the login lives in an encrypted cookie, so any
// instance holding the secret completes a login another one started, also while the secret is
// being rotated.
import { expect } from 'chai';
import nock from 'nock';
import { CookieJar } from '../hardening/support/http.js';
import { Instance, PUBLIC_ORIGIN, oauth1Strategy, oauth2Strategy, startIdentityProvider, type IdentityProvider } from './support/instances.js';

const OLD_SECRET = 'the-old-cookie-secret-0123456789abcdefghij';
const NEW_SECRET = 'the-new-cookie-secret-9876543210zyxwvutsrq';

describe('several instances with the encrypted-cookie store (no session)', () => {
  let op: IdentityProvider;
  const running: Instance[] = [];
  let codes = 0;

  before(async () => {
    nock.restore(); // real sockets only
    op = await startIdentityProvider();
  });
  after(async () => {
    await op.close();
    if (!nock.isActive()) nock.activate();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((instance) => instance.stop()));
  });

  async function instance(secret: string | string[]) {
    const started = await Instance.start([oauth2Strategy(op, { stateCookie: { secret } })], { session: false });
    running.push(started);
    return started;
  }

  /** Starts on `from`, comes back to `to`; returns what `to` answered. */
  async function loginAcross(from: Instance, to: Instance) {
    const jar = new CookieJar();
    const code = `code-${++codes}`;
    const { state } = await from.startOAuth2(op, jar, code);
    const outcome = await to.finishOAuth2(jar, code, state);
    return { jar, code, state, outcome };
  }

  it('completes on instance B a login started on instance A, with A\'s PKCE verifier and the public callback URL', async () => {
    const a = await instance(OLD_SECRET);
    const b = await instance(OLD_SECRET);
    expect(a.port).to.not.equal(b.port);
    const { code, jar, outcome } = await loginAcross(a, b);
    expect(outcome.status, JSON.stringify(outcome)).to.equal(200);
    expect(outcome.user).to.deep.equal({ id: code });
    expect(op.redirectURIs.at(-1)).to.equal(`${PUBLIC_ORIGIN}/oauth2/callback`);
    expect(jar.cookies.size, 'the login cookie is cleared').to.equal(0);
    expect((await loginAcross(b, a)).outcome.user).to.have.property('id');
  });

  it('refuses the same cookie twice on one instance; replayed to another, the provider refuses the code', async () => {
    const a = await instance(OLD_SECRET);
    const b = await instance(OLD_SECRET);
    const jar = new CookieJar();
    const code = `code-${++codes}`;
    const { state } = await a.startOAuth2(op, jar, code);
    const stolen = jar.clone();
    expect((await b.finishOAuth2(jar, code, state)).status).to.equal(200);
    const sameInstance = await b.finishOAuth2(stolen.clone(), code, state);
    expect(sameInstance.status).to.equal(403);
    expect(sameInstance.failure).to.deep.include({ reason: 'mismatch' });
    const otherInstance = await a.finishOAuth2(stolen.clone(), code, state);
    expect(otherInstance.error).to.include({ name: 'TokenError', code: 'invalid_grant' });
  });

  describe('rotating the secret', () => {
    it('step 1, [old, new] next to [old]: logins cross both ways', async () => {
      const a = await instance([OLD_SECRET]);
      const b = await instance([OLD_SECRET, NEW_SECRET]);
      expect((await loginAcross(a, b)).outcome.status).to.equal(200);
      expect((await loginAcross(b, a)).outcome.status).to.equal(200);
    });

    it('step 2, [new, old] next to [old, new]: logins cross both ways', async () => {
      const a = await instance([OLD_SECRET, NEW_SECRET]);
      const b = await instance([NEW_SECRET, OLD_SECRET]);
      expect((await loginAcross(a, b)).outcome.status).to.equal(200);
      expect((await loginAcross(b, a)).outcome.status).to.equal(200);
    });

    it('a login sealed with the new secret fails cleanly (403) on an instance that only knows the old one', async () => {
      const a = await instance([OLD_SECRET]);
      const b = await instance([NEW_SECRET, OLD_SECRET]);
      const { outcome } = await loginAcross(b, a);
      expect(outcome.status).to.equal(403);
      expect(outcome.failure).to.deep.include({ reason: 'mismatch' });
    });

    it('step 3, [new] alone: a login started under [new, old] still completes', async () => {
      const a = await instance([NEW_SECRET, OLD_SECRET]);
      const b = await instance([NEW_SECRET]);
      expect((await loginAcross(a, b)).outcome.status).to.equal(200);
    });
  });

  it('OAuth 1.0a: a request token issued on A is redeemed on B (key derived from the shared consumer secret)', async () => {
    const a = await Instance.start([oauth1Strategy(op)], { session: false });
    const b = await Instance.start([oauth1Strategy(op)], { session: false });
    running.push(a, b);
    const jar = new CookieJar();
    const token = await a.startOAuth1(jar);
    const outcome = await b.finishOAuth1(jar, token);
    expect(outcome.status, JSON.stringify(outcome)).to.equal(200);
    expect(outcome.user).to.deep.equal({ id: token });
    expect((await b.finishOAuth1(jar, token)).status, 'used once').to.equal(403);
  });
});
