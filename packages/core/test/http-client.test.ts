import type { ServerResponse } from 'node:http';
import { expect } from 'chai';
import { Agent, MockAgent, errors, type Dispatcher } from 'undici';
import { DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, HttpClient, NetworkError, describeTarget } from '@passport-kit/core';
import { startLoopbackServer, type LoopbackServer } from '@passport-kit/test-support/loopback-server';

const USER_AGENT = '@passport-kit/test/0.0.0 (node test)';
const SECRET_QUERY = 'access_token=SECRET-IN-QUERY';
// Loaded CI machines are slow; the deadline must still fire well before the test's own timeout.
const SLACK = 800;

async function rejection(promise: Promise<unknown>): Promise<NetworkError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(NetworkError);
    return err as NetworkError;
  }
  throw new Error('expected the request to fail');
}

// Writes `chunk` until the client goes away, respecting backpressure: if the client stopped
// reading without closing, the server stalls here and never sees the socket close.
function streamUntilClosed(res: ServerResponse, chunk: Buffer): void {
  const write = (): void => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', write);
  };
  write();
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('HttpClient', () => {
  let server: LoopbackServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  describe('sending a request', () => {
    it('POSTs a JSON body with the caller’s headers and the User-Agent', async () => {
      server = await startLoopbackServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"access_token":"abc"}');
      });
      const client = new HttpClient({ userAgent: USER_AGENT });

      const response = await client.request({
        method: 'POST',
        url: `${server.origin}/token`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ grant_type: 'authorization_code', code: 'c0de' }),
      });

      expect(response.status).to.equal(200);
      expect(response.headers['content-type']).to.equal('application/json');
      expect(JSON.parse(response.body)).to.deep.equal({ access_token: 'abc' });
      const [received] = server.requests;
      expect(received?.method).to.equal('POST');
      expect(received?.url).to.equal('/token');
      expect(received?.headers['user-agent']).to.equal(USER_AGENT);
      expect(received?.headers['content-type']).to.equal('application/json');
      expect(received?.headers.accept).to.equal('application/json');
      expect(JSON.parse(received?.body ?? '')).to.deep.equal({ grant_type: 'authorization_code', code: 'c0de' });
    });

    it('POSTs a form body as given', async () => {
      server = await startLoopbackServer((_req, res) => res.end('ok'));
      const client = new HttpClient({ userAgent: USER_AGENT });
      const form = new URLSearchParams({ grant_type: 'authorization_code', code: 'a b&c', redirect_uri: 'http://x/cb?y=1' });

      await client.request({
        method: 'POST',
        url: `${server.origin}/token`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });

      const [received] = server.requests;
      expect(received?.headers['content-type']).to.equal('application/x-www-form-urlencoded');
      expect(received?.headers['content-length']).to.equal(String(Buffer.byteLength(form.toString())));
      expect(Object.fromEntries(new URLSearchParams(received?.body))).to.deep.equal({
        grant_type: 'authorization_code',
        code: 'a b&c',
        redirect_uri: 'http://x/cb?y=1',
      });
    });

    it('GETs with the query string and decodes a UTF-8 body split across chunks', async () => {
      const text = 'Zoë 東京 ✓';
      const bytes = Buffer.from(text);
      server = await startLoopbackServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        // Split inside the multi-byte 'ë' so the chunks cannot be decoded one by one.
        res.write(bytes.subarray(0, 3));
        setTimeout(() => res.end(bytes.subarray(3)), 20);
      });
      const client = new HttpClient({ userAgent: USER_AGENT });

      const response = await client.request({ method: 'GET', url: `${server.origin}/user?fields=id,name` });

      expect(response.body).to.equal(text);
      expect(server.requests[0]?.url).to.equal('/user?fields=id,name');
      expect(server.requests[0]?.headers['user-agent']).to.equal(USER_AGENT);
    });

    it('returns an error status to the caller instead of throwing', async () => {
      server = await startLoopbackServer((_req, res) => {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error":"invalid_grant"}');
      });
      const client = new HttpClient({ userAgent: USER_AGENT });

      const response = await client.request({ method: 'POST', url: `${server.origin}/token`, body: '' });

      expect(response.status).to.equal(400);
      expect(response.body).to.equal('{"error":"invalid_grant"}');
    });

    it('returns a 3xx as it is, without following the redirect', async () => {
      server = await startLoopbackServer((req, res) => {
        if (req.url === '/token') {
          res.writeHead(302, { location: '/elsewhere' });
          res.end();
        } else {
          res.end('followed');
        }
      });
      const client = new HttpClient({ userAgent: USER_AGENT });

      const response = await client.request({ method: 'POST', url: `${server.origin}/token`, body: 'code=x' });

      expect(response.status).to.equal(302);
      expect(response.headers.location).to.equal('/elsewhere');
      expect(server.requests.map((r) => r.url)).to.deep.equal(['/token']);
    });
  });

  describe('with a custom dispatcher', () => {
    it('sends through an undici MockAgent, so nothing reaches the network', async () => {
      const mockAgent = new MockAgent();
      mockAgent.disableNetConnect();
      mockAgent
        .get('https://provider.test')
        .intercept({ path: '/token', method: 'POST', headers: { 'user-agent': USER_AGENT }, body: 'code=x' })
        .reply(200, { access_token: 'from-mock' }, { headers: { 'content-type': 'application/json' } });
      const client = new HttpClient({ userAgent: USER_AGENT, dispatcher: mockAgent });

      try {
        const response = await client.request({ method: 'POST', url: 'https://provider.test/token', body: 'code=x' });

        expect(response.status).to.equal(200);
        expect(JSON.parse(response.body)).to.deep.equal({ access_token: 'from-mock' });
        mockAgent.assertNoPendingInterceptors();
      } finally {
        await mockAgent.close();
      }
    });

    it('sends every request through the given Agent', async () => {
      class CountingAgent extends Agent {
        dispatched: string[] = [];
        override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
          this.dispatched.push(`${options.method} ${options.path}`);
          return super.dispatch(options, handler);
        }
      }
      server = await startLoopbackServer((_req, res) => res.end('ok'));
      const agent = new CountingAgent();
      const client = new HttpClient({ userAgent: USER_AGENT, dispatcher: agent });

      try {
        await client.request({ method: 'POST', url: `${server.origin}/token`, body: 'a=1' });
        await client.request({ method: 'GET', url: `${server.origin}/user` });
      } finally {
        await agent.close();
      }

      expect(agent.dispatched).to.deep.equal(['POST /token', 'GET /user']);
      expect(server.requests).to.have.length(2);
    });
  });

  describe('deadline', () => {
    it('ends with ERR_TIMEOUT when the server never answers', async () => {
      server = await startLoopbackServer(() => {
        // Never answer.
      });
      const client = new HttpClient({ userAgent: USER_AGENT, timeout: 200 });
      const started = performance.now();

      const err = await rejection(client.request({ method: 'POST', url: `${server.origin}/token`, body: 'code=x' }));

      const elapsed = performance.now() - started;
      expect(err.code).to.equal('ERR_TIMEOUT');
      expect(err.message).to.equal(`POST ${server.origin}/token: no complete response within 200 ms`);
      expect(elapsed).to.be.within(180, 200 + SLACK);
    });

    it('ends with ERR_TIMEOUT when the headers arrive but the body never does', async () => {
      server = await startLoopbackServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.flushHeaders();
      });
      const client = new HttpClient({ userAgent: USER_AGENT, timeout: 200 });
      const started = performance.now();

      const err = await rejection(client.request({ method: 'GET', url: `${server.origin}/user` }));

      expect(err.code).to.equal('ERR_TIMEOUT');
      expect(performance.now() - started).to.be.within(180, 200 + SLACK);
    });

    it('ends with ERR_TIMEOUT when a slow drip of bytes outlasts the overall deadline', async () => {
      let drip: NodeJS.Timeout | undefined;
      server = await startLoopbackServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        // Each byte arrives well inside the idle (body) timeout; only the overall deadline stops it.
        drip = setInterval(() => res.write('.'), 40);
        res.on('close', () => clearInterval(drip));
      });
      const client = new HttpClient({ userAgent: USER_AGENT, timeout: 200 });
      const started = performance.now();

      try {
        const err = await rejection(client.request({ method: 'GET', url: `${server.origin}/user` }));

        expect(err.code).to.equal('ERR_TIMEOUT');
        expect(performance.now() - started).to.be.within(180, 200 + SLACK);
        await within(server.socketClosed(), 2000, 'closing the dripping connection');
      } finally {
        clearInterval(drip);
      }
    });

    // A dispatcher that fails every call with `error`, as undici's own timers do.
    const failingWith = (error: Error) => ({ dispatch: (_options: unknown, handler: Dispatcher.DispatchHandler) => (handler.onError?.(error), true) }) as unknown as Dispatcher;
    const undiciTimeouts: [string, Error][] = [
      ["undici's HeadersTimeoutError", new errors.HeadersTimeoutError()],
      ["undici's BodyTimeoutError", new errors.BodyTimeoutError()],
      ["undici's ConnectTimeoutError", new errors.ConnectTimeoutError()],
      ['a timeout error of another undici copy (same code)', Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' })],
    ];
    for (const [what, error] of undiciTimeouts) {
      it(`ends with ERR_TIMEOUT when the dispatcher reports ${what}`, async () => {
        const client = new HttpClient({ userAgent: USER_AGENT, dispatcher: failingWith(error), timeout: 5_000 });

        const err = await rejection(client.request({ method: 'GET', url: 'https://provider.test/user' }));

        expect(err.code).to.equal('ERR_TIMEOUT');
        expect(err.message).to.equal('GET https://provider.test/user: no complete response within 5000 ms');
        expect(err.cause).to.equal(error);
      });
    }

    it('accepts a response that completes inside the deadline', async () => {
      server = await startLoopbackServer((_req, res) => setTimeout(() => res.end('late but in time'), 50));
      const client = new HttpClient({ userAgent: USER_AGENT, timeout: 1000 });

      const response = await client.request({ method: 'GET', url: `${server.origin}/user` });

      expect(response.body).to.equal('late but in time');
    });
  });

  describe('size cap', () => {
    it('refuses a body whose Content-Length is over maxResponseSize and closes the connection', async () => {
      server = await startLoopbackServer((_req, res) => {
        res.writeHead(200, { 'content-length': String(64 * 1024 * 1024) });
        streamUntilClosed(res, Buffer.alloc(16 * 1024, 'a'));
      });
      const client = new HttpClient({ userAgent: USER_AGENT, maxResponseSize: 1000 });

      const err = await rejection(client.request({ method: 'GET', url: `${server.origin}/user` }));

      expect(err.code).to.equal('ERR_RESPONSE_TOO_LARGE');
      expect(err.message).to.equal(`GET ${server.origin}/user: response body exceeds the 1000-byte limit`);
      await within(server.socketClosed(), 2000, 'closing the oversized connection');
    });

    it('stops reading a chunked body without Content-Length once it passes maxResponseSize', async () => {
      let sent = 0;
      server = await startLoopbackServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(16 * 1024, 'a');
        const write = (): void => {
          while (!res.destroyed && res.write(chunk)) sent += chunk.length;
          if (!res.destroyed) res.once('drain', write);
        };
        write();
      });
      const client = new HttpClient({ userAgent: USER_AGENT, maxResponseSize: 100_000 });

      const err = await rejection(client.request({ method: 'GET', url: `${server.origin}/user` }));

      expect(err.code).to.equal('ERR_RESPONSE_TOO_LARGE');
      expect(server.requests[0]?.headers['content-length']).to.equal(undefined);
      await within(server.socketClosed(), 2000, 'closing the oversized connection');
      // Socket buffers hold a few MiB at most: an endless body was not drained to the end.
      expect(sent).to.be.below(32 * 1024 * 1024);
    });

    for (const [what, declare] of [['with', true], ['without', false]] as const) {
      it(`refuses an oversized response that arrives in one write ${what} Content-Length, without crashing`, async () => {
        // The whole response in one buffer: the client learns it is too large while undici's
        // parser still holds the rest, which must not complete the aborted request.
        const uncaught: unknown[] = [];
        const onUncaught = (err: unknown) => uncaught.push(err);
        process.on('uncaughtException', onUncaught);
        try {
          server = await startLoopbackServer((_req, res) => {
            const body = 'x'.repeat(5000);
            res.socket?.write(
              `HTTP/1.1 200 OK\r\n${declare ? `Content-Length: ${body.length}\r\n` : 'Connection: close\r\n'}\r\n${body}`,
              () => res.socket?.end(),
            );
          });
          const client = new HttpClient({ userAgent: USER_AGENT, maxResponseSize: 1000 });

          const err = await rejection(client.request({ method: 'GET', url: `${server.origin}/user` }));
          await new Promise((resolve) => setTimeout(resolve, 50));

          expect(err.code).to.equal('ERR_RESPONSE_TOO_LARGE');
          expect(uncaught).to.deep.equal([]);
        } finally {
          process.off('uncaughtException', onUncaught);
        }
      });
    }

    it('accepts a body of exactly maxResponseSize bytes', async () => {
      server = await startLoopbackServer((_req, res) => res.end('x'.repeat(1000)));
      const client = new HttpClient({ userAgent: USER_AGENT, maxResponseSize: 1000 });

      const response = await client.request({ method: 'GET', url: `${server.origin}/user` });

      expect(response.body).to.have.length(1000);
    });
  });

  describe('network failures', () => {
    it('ends with ERR_NETWORK when the server resets the connection', async () => {
      server = await startLoopbackServer((req) => req.socket.resetAndDestroy());
      const client = new HttpClient({ userAgent: USER_AGENT });

      const err = await rejection(client.request({ method: 'POST', url: `${server.origin}/token`, body: 'code=x' }));

      expect(err.code).to.equal('ERR_NETWORK');
      expect(err.message).to.match(new RegExp(`^POST ${server.origin}/token: request failed \\(.+\\)$`));
      expect(err.cause).to.be.instanceOf(Error);
    });

    it('ends with ERR_NETWORK when nothing listens on the port', async () => {
      const closed = await startLoopbackServer(() => undefined);
      await closed.close();
      const client = new HttpClient({ userAgent: USER_AGENT });

      const err = await rejection(client.request({ method: 'GET', url: `${closed.origin}/user` }));

      expect(err.code).to.equal('ERR_NETWORK');
      expect(err.message).to.equal(`GET ${closed.origin}/user: request failed (ECONNREFUSED)`);
    });

    it('ends with ERR_NETWORK for a URL undici cannot send to', async () => {
      const client = new HttpClient({ userAgent: USER_AGENT });

      const err = await rejection(client.request({ method: 'GET', url: `ftp://provider.test/user?${SECRET_QUERY}` }));

      expect(err.code).to.equal('ERR_NETWORK');
      expect(err.message).not.to.contain('SECRET');
    });
  });

  describe('error messages', () => {
    const failures: [string, (res: ServerResponse) => void, Partial<{ timeout: number; maxResponseSize: number }>][] = [
      ['a timeout', () => undefined, { timeout: 100 }],
      ['an oversized body', (res) => res.end('x'.repeat(200)), { maxResponseSize: 100 }],
      ['a reset', (res) => res.socket?.resetAndDestroy(), {}],
    ];
    for (const [what, answer, options] of failures) {
      it(`leave out the query string and credentials of the URL on ${what}`, async () => {
        server = await startLoopbackServer((_req, res) => answer(res));
        const client = new HttpClient({ userAgent: USER_AGENT, ...options });
        const url = new URL(`${server.origin}/user?${SECRET_QUERY}#SECRET-FRAGMENT`);
        url.username = 'SECRET-USER';
        url.password = 'SECRET-PASSWORD';

        const err = await rejection(client.request({ method: 'GET', url: url.toString() }));

        expect(err.message).to.match(new RegExp(`^GET ${server.origin}/user: `));
        expect(err.message).not.to.contain('SECRET');
        expect(err.stack).not.to.contain('SECRET');
      });
    }
  });

  describe('options', () => {
    it('defaults to a 10 s deadline and a 1 MiB cap', () => {
      expect(DEFAULT_TIMEOUT).to.equal(10_000);
      expect(DEFAULT_MAX_RESPONSE_SIZE).to.equal(1024 * 1024);
    });

    const invalid: [string, Record<string, unknown>][] = [
      ['a zero timeout', { timeout: 0 }],
      ['a negative timeout', { timeout: -1 }],
      ['a NaN timeout', { timeout: Number.NaN }],
      ['an infinite timeout', { timeout: Number.POSITIVE_INFINITY }],
      ['a timeout given as text', { timeout: '200' }],
      ['a timeout beyond what a timer can hold', { timeout: 2 ** 31 }],
      ['a zero maxResponseSize', { maxResponseSize: 0 }],
      ['a negative maxResponseSize', { maxResponseSize: -5 }],
      ['a NaN maxResponseSize', { maxResponseSize: Number.NaN }],
      ['a missing userAgent', { userAgent: undefined }],
      ['an empty userAgent', { userAgent: '' }],
      ['a dispatcher that is not one', { dispatcher: {} }],
    ];
    for (const [what, options] of invalid) {
      it(`throws a TypeError for ${what}`, () => {
        expect(() => new HttpClient({ userAgent: USER_AGENT, ...options } as never)).to.throw(TypeError);
      });
    }

    it('treats options given as undefined as not given', () => {
      expect(
        () => new HttpClient({ userAgent: USER_AGENT, dispatcher: undefined, timeout: undefined, maxResponseSize: undefined }),
      ).not.to.throw();
    });

    it('lets the caller’s User-Agent header, in any case, replace the default', async () => {
      server = await startLoopbackServer((_req, res) => res.end('ok'));
      const client = new HttpClient({ userAgent: USER_AGENT });

      await client.request({ method: 'GET', url: `${server.origin}/a`, headers: { 'User-Agent': 'custom/1.0' } });

      expect(server.requests[0]?.headers['user-agent']).to.equal('custom/1.0');
    });

    it('accepts a fractional timeout and still enforces it', async () => {
      server = await startLoopbackServer(() => undefined);
      const client = new HttpClient({ userAgent: USER_AGENT, timeout: 150.5 });

      const err = await rejection(client.request({ method: 'GET', url: `${server.origin}/user` }));

      expect(err.code).to.equal('ERR_TIMEOUT');
    });
  });
});

describe('describeTarget', () => {
  it('names the method, origin and path only', () => {
    expect(describeTarget('POST', 'https://user:pw@provider.test:8443/oauth/token?client_secret=s#frag')).to.equal(
      'POST https://provider.test:8443/oauth/token',
    );
  });

  it('does not echo a URL it cannot parse', () => {
    expect(describeTarget('GET', 'not a url?token=SECRET')).to.equal('GET (invalid URL)');
  });
});
