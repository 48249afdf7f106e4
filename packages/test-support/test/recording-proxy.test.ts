import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '@passport-kit/core';
import { expect } from 'chai';
import nock from 'nock';
import { startRecordingProxy, type RecordingProxy } from '../src/recording-proxy.js';
import { sameBody } from '../src/recordings.js';

describe('recording proxy', () => {
  let upstream: Server;
  let upstreamOrigin: string;
  let proxy: RecordingProxy;
  const received: { path: string; authorization: string | undefined; body: string }[] = [];
  const client = new HttpClient({ userAgent: 'recording-proxy-test' });

  beforeEach(async () => {
    received.length = 0;
    upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
        if (req.url === '/token') {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'set-cookie': 'x=1', 'cache-control': 'no-store' });
          res.end(JSON.stringify({ access_token: 'at-1', token_type: 'Bearer' }));
        } else {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('not here');
        }
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamOrigin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    proxy = await startRecordingProxy(upstreamOrigin);
  });

  afterEach(async () => {
    await proxy.close();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it('forwards requests to the target and answers with its response', async () => {
    const res = await client.request({
      method: 'POST',
      url: `${proxy.url}/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic Y2xpZW50OnNlY3JldA==' },
      body: 'grant_type=authorization_code&code=abc',
    });
    expect(res.status).to.equal(200);
    expect(JSON.parse(res.body)).to.deep.equal({ access_token: 'at-1', token_type: 'Bearer' });
    expect(received).to.deep.equal([{ path: '/token', authorization: 'Basic Y2xpZW50OnNlY3JldA==', body: 'grant_type=authorization_code&code=abc' }]);
  });

  it('records each exchange as a nock definition scoped to the proxy', async () => {
    await client.request({
      method: 'POST',
      url: `${proxy.url}/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic Y2xpZW50OnNlY3JldA==' },
      body: 'grant_type=authorization_code&code=abc',
    });
    await client.request({ method: 'GET', url: `${proxy.url}/missing?x=1` });
    expect(proxy.definitions()).to.deep.equal([
      {
        scope: proxy.url,
        method: 'POST',
        path: '/token',
        body: 'grant_type=authorization_code&code=abc',
        reqheaders: { authorization: 'Basic Y2xpZW50OnNlY3JldA==', 'content-type': 'application/x-www-form-urlencoded' },
        status: 200,
        response: { access_token: 'at-1', token_type: 'Bearer' },
        rawHeaders: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      },
      { scope: proxy.url, method: 'GET', path: '/missing?x=1', status: 404, response: 'not here', rawHeaders: { 'content-type': 'text/plain' } },
    ]);
  });

  it('produces definitions that nock replays without the upstream', async () => {
    await client.request({ method: 'POST', url: `${proxy.url}/token`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'code=abc' });
    const definitions = proxy.definitions();
    nock.define(definitions);
    const replayed = await client.request({ method: 'POST', url: `${proxy.url}/token`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'code=abc' });
    expect(replayed.status).to.equal(200);
    expect(JSON.parse(replayed.body)).to.deep.equal({ access_token: 'at-1', token_type: 'Bearer' });
    expect(received).to.have.length(1);
  });
});

describe('sameBody', () => {
  it('compares form fields regardless of order', () => {
    expect(sameBody({ a: '1', b: '2' }, { b: '2', a: '1' })).to.equal(true);
    expect(sameBody({ a: '1', b: '2' }, { a: '1', b: '3' })).to.equal(false);
  });

  it('ignores the fields named in except', () => {
    expect(sameBody({ code: 'c', code_verifier: 'x' }, { code: 'c', code_verifier: 'y' }, { except: ['code_verifier'] })).to.equal(true);
    expect(sameBody({ code: 'c', code_verifier: 'x' }, { code: 'd', code_verifier: 'y' }, { except: ['code_verifier'] })).to.equal(false);
  });
});
