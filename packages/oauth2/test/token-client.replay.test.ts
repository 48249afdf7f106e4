// TokenClient grants replayed from oidc-provider recordings (scripts/recorders/oauth2.ts): each
// request must match what the real server received, field by field, and every recorded
// exchange must be consumed.
import { createPublicKey } from 'node:crypto';
import { expect } from 'chai';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { TokenClient, TokenError, type TokenClientOptions } from '@passport-kit/oauth2';
import { testClientPrivateKey } from '@passport-kit/test-support/oidc-provider';
import { replayRecording, sameBody } from '@passport-kit/test-support/recordings';

type GrantContext = Record<string, string> & { tokenURL: string; revocationURL: string; introspectionURL: string; clientID: string; issuer: string };

function clientFor(context: GrantContext, extra: Partial<TokenClientOptions> = {}) {
  return new TokenClient({
    tokenURL: context.tokenURL,
    revocationURL: context.revocationURL,
    introspectionURL: context.introspectionURL,
    clientID: context.clientID,
    ...(context['clientSecret'] !== undefined ? { clientSecret: context['clientSecret'] } : {}),
    clientAuthentication: context['clientAuthentication'] as TokenClientOptions['clientAuthentication'],
    ...extra,
  });
}

function recordedResponse(recording: { definitions: Array<{ response?: unknown }> }, index = 0): Record<string, unknown> {
  return recording.definitions[index]?.response as Record<string, unknown>;
}

describe('TokenClient replaying oidc-provider recordings', () => {
  it('refresh-token: refreshes as a public client and returns the rotated refresh token', async () => {
    const recording = replayRecording<GrantContext>('oauth2/refresh-token');
    const { context } = recording;

    const refreshed = await clientFor(context).refresh(context['refreshToken'] ?? '');
    expect(refreshed.rotated).to.equal(true);
    expect(refreshed.refreshToken).to.equal(recordedResponse(recording)['refresh_token']);
    expect(refreshed).to.include({ accessToken: recordedResponse(recording)['access_token'], tokenType: 'Bearer', expiresIn: 3600 });
  });

  it('refresh-token-reused: a rotated-out refresh token is an invalid_grant TokenError', async () => {
    const { context } = replayRecording<GrantContext>('oauth2/refresh-token-reused');

    const err = await clientFor(context).refresh(context['refreshToken'] ?? '').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(TokenError).and.include({ code: 'invalid_grant' });
  });

  it('client-credentials: client_secret_basic with scope and resource gets an RFC 9068 JWT access token', async () => {
    const recording = replayRecording<GrantContext>('oauth2/client-credentials');
    const { context } = recording;

    const issued = await clientFor(context).clientCredentials({ scope: context['scope'], resource: context['resource'] });
    expect(issued).to.include({ tokenType: 'Bearer', scope: 'todos:read', expiresIn: 600, refreshToken: undefined });
    expect(decodeProtectedHeader(issued.accessToken)).to.include({ typ: 'at+jwt' });
  });

  it('client-credentials-private-key-jwt: sends a fresh assertion for the client, addressed to the issuer', async () => {
    let assertion = '';
    const { context } = replayRecording<GrantContext>('oauth2/client-credentials-private-key-jwt', {
      // The assertion is signed anew (fresh jti, iat, exp) on every run: compare the rest, keep it to check.
      matchBody: (recorded, actual) => {
        if (typeof actual === 'object') assertion = String(actual['client_assertion']);
        return sameBody(recorded, actual, { except: ['client_assertion'] });
      },
    });
    const { privateKey } = testClientPrivateKey();

    const tokens = clientFor(context, { clientAssertion: { key: privateKey, alg: 'ES256', kid: 'client-key-1', audience: context.issuer } });
    expect((await tokens.clientCredentials({ scope: context['scope'], resource: context['resource'] })).accessToken).to.be.a('string');
    const { payload } = await jwtVerify(assertion, createPublicKey(privateKey), { issuer: context.clientID, subject: context.clientID, audience: context.issuer });
    expect(payload.jti).to.be.a('string');
  });

  it('introspection: an active access token, with its subject and client', async () => {
    const { context } = replayRecording<GrantContext>('oauth2/introspection');

    const info = await clientFor(context).introspect(context['accessToken'] ?? '', { tokenTypeHint: 'access_token' });
    expect(info).to.include({ active: true, sub: 'bob', client_id: context.clientID });
  });

  it('revocation: revokes a refresh token, which then introspects as inactive', async () => {
    const { context } = replayRecording<GrantContext>('oauth2/revocation');
    const tokens = clientFor(context);

    await tokens.revoke(context['refreshToken'] ?? '', { tokenTypeHint: 'refresh_token' });
    expect(await tokens.introspect(context['refreshToken'] ?? '')).to.deep.equal({ active: false });
  });
});
