// The one way provider strategies read their APIs: fetchResource, as github, facebook, x and
// oidc use it. Checked here on a plain subclass, against the provider's answers.
import { expect } from 'chai';
import nock from 'nock';
import { InternalOAuthError, OAuth2Strategy, type ResourceRequestOptions, type ResourceResponse } from '@passport-kit/oauth2';
import { NetworkError, UnexpectedStatusError } from '@passport-kit/core';

const API = 'https://api.provider.test';
const ACCESS_TOKEN = 'at-5Zq81fLwV0';
const CLIENT_SECRET = 'cs-9Pn2Kd7Xr4';

class ApiStrategy extends OAuth2Strategy {
  constructor() {
    super(
      { authorizationURL: `${API}/authorize`, tokenURL: `${API}/token`, clientID: 'client-1', clientSecret: CLIENT_SECRET },
      () => undefined,
    );
  }

  get(path: string, options?: ResourceRequestOptions): Promise<ResourceResponse> {
    return this.fetchResource(path.startsWith('http') ? path : `${API}${path}`, ACCESS_TOKEN, options);
  }
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('OAuth2Strategy#fetchResource', () => {
  it('sends the access token as a Bearer token and reads the body as JSON', async () => {
    nock(API, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}`, accept: 'application/json' } }).get('/me').reply(200, { id: 7 });
    const { status, json, body } = await new ApiStrategy().get('/me');
    expect({ status, json, body }).to.deep.equal({ status: 200, json: { id: 7 }, body: '{"id":7}' });
  });

  it('gives json undefined for a body that is not JSON, for the provider to decide', async () => {
    nock(API).get('/me').reply(200, '<html>');
    expect((await new ApiStrategy().get('/me')).json).to.equal(undefined);
  });

  it('ends a failed status in InternalOAuthError naming the URL and status, without the token or client secret', async () => {
    const echo = `{"message":"token ${ACCESS_TOKEN} refused for ${CLIENT_SECRET}"}`;
    nock(API).get('/me').reply(401, echo);
    const describeFailure = (body: string) => (JSON.parse(body) as { message: string }).message;
    const err = await rejection(new ApiStrategy().get('/me', { describeFailure }));
    expect(err).to.be.instanceOf(InternalOAuthError);
    expect(err.message).to.equal('Failed to fetch user profile: GET https://api.provider.test/me answered 401 (token [redacted] refused for [redacted])');
    const cause = (err as InternalOAuthError).oauthError as UnexpectedStatusError;
    expect(cause).to.be.instanceOf(UnexpectedStatusError);
    expect(cause.statusCode).to.equal(401);
    expect(cause.data).not.to.include(ACCESS_TOKEN).and.not.to.include(CLIENT_SECRET);
  });

  it("throws the provider's own error when providerError reads one, handed the secrets to redact", async () => {
    nock(API).get('/me').reply(400, 'quota');
    const received: unknown[] = [];
    const providerError = (body: string, status: number, secrets: readonly (string | undefined)[]) => (received.push(body, status, secrets), new Error('over quota'));
    const err = await rejection(new ApiStrategy().get('/me', { providerError, failureMessage: 'Failed to fetch user emails' }));
    expect(err.message).to.equal('over quota');
    expect(received).to.deep.equal(['quota', 400, [ACCESS_TOKEN, CLIENT_SECRET]]);
  });

  it('returns a status listed in allowStatus, and uses failureMessage for others', async () => {
    nock(API).get('/emails').reply(404, '').get('/emails').reply(500, '');
    expect((await new ApiStrategy().get('/emails', { allowStatus: [403, 404] })).status).to.equal(404);
    const err = await rejection(new ApiStrategy().get('/emails', { allowStatus: [403, 404], failureMessage: 'Failed to fetch user emails' }));
    expect(err.message).to.equal('Failed to fetch user emails: GET https://api.provider.test/emails answered 500');
  });

  it('ends a transport failure in InternalOAuthError with the NetworkError as cause', async () => {
    // Nothing listens on port 1 of the loopback address: the connection is refused at once.
    const err = await rejection(new ApiStrategy().get('http://127.0.0.1:1/me'));
    expect(err).to.be.instanceOf(InternalOAuthError);
    expect((err as InternalOAuthError).oauthError).to.be.instanceOf(NetworkError);
  });
});
