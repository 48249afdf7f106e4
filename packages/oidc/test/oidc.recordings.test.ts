// Full OpenID Connect logins through a real Express app, the provider's side replayed from
// exchanges recorded against oidc-provider (scripts/recorders/oidc.ts): discovery, token, JWKS
// and UserInfo. Every recorded request must be made. The recorded id_token carries the nonce
// and the times of its recording, so the replay runs at that time (only `Date` is faked) and
// hands the strategy the recorded nonce through the documented `beginLogin` hook.
import type { ClientAuthenticationMethod, LoginExtras } from '@passport-kit/oauth2';
import { OpenIDConnectStrategy } from '@passport-kit/oidc';
import { expect } from 'chai';
import nock from 'nock';
import sinon from 'sinon';
import { recordedUser } from '@passport-kit/test-support/oidc-recorded-user';
import { loadRecording, replayRecording, pkceVerifierFor } from '@passport-kit/test-support/recordings';
import { Browser, loginApp } from '@passport-kit/test-support/login-app';

interface OIDCContext extends Record<string, string> {
  issuer: string;
  clientID: string;
  clientAuthentication: ClientAuthenticationMethod;
  scope: string;
  callbackURL: string;
  account: string;
  code: string;
  nonce: string;
  callbackAt: string;
}

/** The strategy, with the nonce of the recorded login instead of a fresh one. */
function withRecordedNonce(nonce: string): typeof OpenIDConnectStrategy {
  return class RecordedNonceStrategy extends OpenIDConnectStrategy {
    protected override beginLogin(): LoginExtras {
      return { params: { nonce }, data: { nonce } };
    }
  };
}

async function logIn(fixture: string, options: { strategy?: typeof OpenIDConnectStrategy; at?: (recordedAt: number) => number } = {}) {
  const { context } = loadRecording<OIDCContext & { clientSecret?: string }>(fixture);
  const recordedAt = Date.parse(context.callbackAt);
  const clock = sinon.useFakeTimers({ now: options.at ? options.at(recordedAt) : recordedAt, toFake: ['Date'] });
  try {
    let challenge: string | null = null;
    replayRecording(fixture, { matchBody: pkceVerifierFor(() => challenge) });
    const Strategy = options.strategy ?? withRecordedNonce(context.nonce);
    const strategy = await Strategy.fromIssuer(
      context.issuer,
      {
        clientID: context.clientID,
        clientSecret: context.clientSecret,
        clientAuthentication: context.clientAuthentication,
        callbackURL: context.callbackURL,
        scope: context.scope,
      },
      recordedUser,
    );
    const browser = new Browser(loginApp(strategy));
    const login = await browser.startLogin();
    challenge = login.get('code_challenge');
    const outcome = await browser.callback({ code: context.code, state: login.get('state')!, iss: context.issuer });
    return { context, login, outcome };
  } finally {
    clock.restore();
  }
}

describe('OpenIDConnectStrategy against oidc-provider (recorded)', () => {
  for (const [fixture, expected] of [
    ['oidc/login-client-secret-post', { displayName: 'Alice Liddell', emails: [{ value: 'alice@example.test', verified: true }] }],
    ['oidc/login-public-client', { displayName: 'Bob Tables', emails: [{ value: 'bob@example.test', verified: false }] }],
  ] as const) {
    it(`logs in from the ${fixture} recording: discovery, token, JWKS, id_token verified, UserInfo merged`, async () => {
      const { context, login, outcome } = await logIn(fixture);
      expect(login.get('nonce')).to.equal(context.nonce);
      expect(outcome.status).to.equal(200);
      expect(outcome.user).to.deep.equal({ sub: context.account, issuer: context.issuer, nonce: context.nonce, ...expected });
    });
  }

  it('refuses the recorded id_token in a login that sent another nonce, before UserInfo', async () => {
    const { context, outcome } = await logIn('oidc/login-client-secret-post', { strategy: OpenIDConnectStrategy });
    expect(outcome.error).to.deep.include({ name: 'IdTokenError', code: 'ERR_ID_TOKEN_NONCE' });
    expect(nock.pendingMocks()).to.deep.equal([`GET ${context.issuer}/me`]);
    nock.cleanAll();
  });

  it('refuses the recorded id_token once it has expired', async () => {
    const { outcome } = await logIn('oidc/login-public-client', { at: (recordedAt) => recordedAt + 2 * 3600_000 });
    expect(outcome.error).to.deep.include({ name: 'IdTokenError', code: 'ERR_ID_TOKEN_EXPIRED' });
    nock.cleanAll();
  });
});
