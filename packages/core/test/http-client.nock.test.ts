import { expect } from 'chai';
import nock from 'nock';
import { Agent } from 'undici';
import { HttpClient } from '@passport-kit/core';

const USER_AGENT = '@passport-kit/test/0.0.0 (node test)';

const tokenDefinition: nock.Definition = {
  scope: 'https://provider.test:443',
  method: 'POST',
  path: '/oauth/token',
  body: 'grant_type=authorization_code&code=c0de',
  status: 200,
  response: { access_token: 'at-1', token_type: 'Bearer' },
  headers: { 'content-type': 'application/json' },
};

describe('HttpClient under nock 15', () => {
  it('is intercepted: a defined token response answers the request, and the request is seen', async () => {
    // With reqheaders, a request without the User-Agent would not match and would get a 501.
    const [scope] = nock.define([{ ...tokenDefinition, reqheaders: { 'user-agent': USER_AGENT } }]);
    const seen: string[] = [];
    scope?.on('request', (_req: unknown, _interceptor: unknown, body: string) => seen.push(body));
    const client = new HttpClient({ userAgent: USER_AGENT });

    const response = await client.request({
      method: 'POST',
      url: 'https://provider.test/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code=c0de',
    });

    expect(response.status).to.equal(200);
    expect(JSON.parse(response.body)).to.deep.equal({ access_token: 'at-1', token_type: 'Bearer' });
    expect(scope?.isDone()).to.equal(true);
    expect(seen).to.deep.equal(['grant_type=authorization_code&code=c0de']);
  });

  it('is intercepted through a caller’s own Agent too', async () => {
    const [scope] = nock.define([tokenDefinition]);
    const agent = new Agent();
    const client = new HttpClient({ userAgent: USER_AGENT, dispatcher: agent });

    try {
      const response = await client.request({
        method: 'POST',
        url: 'https://provider.test/oauth/token',
        body: 'grant_type=authorization_code&code=c0de',
      });
      expect(response.status).to.equal(200);
    } finally {
      await agent.close();
    }
    expect(scope?.isDone()).to.equal(true);
  });

  it('gets a 501 for a request to an intercepted host that matches no definition', async () => {
    nock.define([tokenDefinition]);
    const client = new HttpClient({ userAgent: USER_AGENT });

    const unmatched = await client.request({ method: 'GET', url: 'https://provider.test/userinfo' });
    // The definition is still pending: consume it, or the shared afterEach fails this test.
    await client.request({
      method: 'POST',
      url: 'https://provider.test/oauth/token',
      body: 'grant_type=authorization_code&code=c0de',
    });

    expect(unmatched.status).to.equal(501);
    expect(unmatched.body).to.contain('ERR_NOCK_NO_MATCH');
  });

  it('does not match a token request whose body differs from the definition', async () => {
    nock.define([tokenDefinition]);
    const client = new HttpClient({ userAgent: USER_AGENT });

    const wrongCode = await client.request({
      method: 'POST',
      url: 'https://provider.test/oauth/token',
      body: 'grant_type=authorization_code&code=other',
    });
    await client.request({
      method: 'POST',
      url: 'https://provider.test/oauth/token',
      body: 'grant_type=authorization_code&code=c0de',
    });

    expect(wrongCode.status).to.equal(501);
  });
});
