import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { headerValue, originalURL, paramValue, readParam, type IncomingRequest } from '@passport-kit/core';

function req(overrides: Partial<IncomingRequest>): IncomingRequest {
  return { headers: {}, ...overrides };
}

describe('readParam', () => {
  describe('from a parsed query object', () => {
    it('reads a single value', () => {
      expect(readParam(req({ query: { code: 'abc', state: 's' } }), 'code')).to.deep.equal({ kind: 'value', value: 'abc' });
    });

    it('keeps an empty value as a value', () => {
      expect(readParam(req({ query: { code: '' } }), 'code')).to.deep.equal({ kind: 'value', value: '' });
    });

    it('is absent when the parameter is not there', () => {
      expect(readParam(req({ query: { state: 's' } }), 'code')).to.deep.equal({ kind: 'absent' });
    });

    it('is invalid when the value was repeated (qs gives an array)', () => {
      expect(readParam(req({ query: { code: ['a', 'b'] } }), 'code')).to.deep.equal({ kind: 'invalid' });
    });

    it('is invalid when the value is nested (qs gives an object)', () => {
      expect(readParam(req({ query: { code: { x: '1' } } }), 'code')).to.deep.equal({ kind: 'invalid' });
    });

    it('reads a query object without a prototype (Fastify)', () => {
      const query = Object.assign(Object.create(null) as Record<string, unknown>, { code: 'abc' });
      expect(readParam(req({ query }), 'code')).to.deep.equal({ kind: 'value', value: 'abc' });
    });
  });

  describe('from the parsed body', () => {
    it('reads a form_post parameter when the query does not have it', () => {
      const r = req({ method: 'POST', query: {}, body: { code: 'from-body', state: 's' } });
      expect(readParam(r, 'code')).to.deep.equal({ kind: 'value', value: 'from-body' });
    });

    it('prefers the query when both have the parameter', () => {
      const r = req({ query: { code: 'q' }, body: { code: 'b' } });
      expect(readParam(r, 'code')).to.deep.equal({ kind: 'value', value: 'q' });
    });

    it('is invalid when the body value is repeated', () => {
      expect(readParam(req({ query: {}, body: { code: ['a', 'b'] } }), 'code')).to.deep.equal({ kind: 'invalid' });
    });

    it('ignores a body that is not an object (raw text, a Buffer is an object but has no such key)', () => {
      expect(readParam(req({ query: {}, body: 'code=abc' }), 'code')).to.deep.equal({ kind: 'absent' });
      expect(readParam(req({ query: {}, body: Buffer.from('code=abc') }), 'code')).to.deep.equal({ kind: 'absent' });
    });
  });

  describe('from req.url when there is no parsed query (plain Node, some adapters)', () => {
    it('parses and decodes the query string', () => {
      const r = req({ url: '/cb?code=a%2Bb+c&state=s%26t' });
      expect(readParam(r, 'code')).to.deep.equal({ kind: 'value', value: 'a+b c' });
      expect(readParam(r, 'state')).to.deep.equal({ kind: 'value', value: 's&t' });
    });

    it('is invalid when the parameter is repeated', () => {
      expect(readParam(req({ url: '/cb?code=a&code=b' }), 'code')).to.deep.equal({ kind: 'invalid' });
      expect(readParam(req({ url: '/cb?code=a&code=b&code=c' }), 'code')).to.deep.equal({ kind: 'invalid' });
    });

    it('is absent without a query string or a URL', () => {
      expect(readParam(req({ url: '/cb' }), 'code')).to.deep.equal({ kind: 'absent' });
      expect(readParam(req({}), 'code')).to.deep.equal({ kind: 'absent' });
    });

    it('still falls back to the body', () => {
      expect(readParam(req({ url: '/cb', body: { code: 'b' } }), 'code')).to.deep.equal({ kind: 'value', value: 'b' });
    });
  });

  describe('prototype keys', () => {
    const keys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

    for (const key of keys) {
      it(`does not pick up ${key} from Object.prototype`, () => {
        expect(readParam(req({ query: {} }), key)).to.deep.equal({ kind: 'absent' });
        expect(readParam(req({ query: {}, body: {} }), key)).to.deep.equal({ kind: 'absent' });
        expect(readParam(req({ url: '/cb?code=x' }), key)).to.deep.equal({ kind: 'absent' });
      });

      it(`reads a ${key} parameter sent once in the URL as its value`, () => {
        expect(readParam(req({ url: `/cb?${key}=x` }), key)).to.deep.equal({ kind: 'value', value: 'x' });
      });
    }

    it('does not let a __proto__ parameter change what other parameters read', () => {
      const r = req({ url: '/cb?__proto__=x&code=abc' });
      expect(readParam(r, 'code')).to.deep.equal({ kind: 'value', value: 'abc' });
      expect(readParam(r, 'state')).to.deep.equal({ kind: 'absent' });
      expect(({} as Record<string, unknown>).x).to.equal(undefined);
    });
  });

  it('reads what Express parsed, with repeated and nested values invalid', async () => {
    const app = express();
    app.use(express.urlencoded({ extended: true }));
    app.all('/cb', (request, response) => {
      const r = request as unknown as IncomingRequest;
      response.json({ code: readParam(r, 'code'), state: readParam(r, 'state'), proto: readParam(r, '__proto__') });
    });

    const single = await request(app).get('/cb?code=abc');
    const repeated = await request(app).get('/cb?code=a&code=b');
    const nested = await request(app).get('/cb?code[x]=1');
    const posted = await request(app).post('/cb').type('form').send('code=posted&state=s');

    expect(single.body.code).to.deep.equal({ kind: 'value', value: 'abc' });
    expect(single.body.proto).to.deep.equal({ kind: 'absent' });
    expect(repeated.body.code).to.deep.equal({ kind: 'invalid' });
    expect(nested.body.code).to.deep.equal({ kind: 'invalid' });
    expect(posted.body.code).to.deep.equal({ kind: 'value', value: 'posted' });
    expect(posted.body.state).to.deep.equal({ kind: 'value', value: 's' });
  });
});

describe('paramValue', () => {
  it('is the value, or undefined when absent or invalid', () => {
    expect(paramValue(req({ query: { code: 'abc' } }), 'code')).to.equal('abc');
    expect(paramValue(req({ query: {} }), 'code')).to.equal(undefined);
    expect(paramValue(req({ query: { code: ['a', 'b'] } }), 'code')).to.equal(undefined);
  });
});

describe('headerValue', () => {
  it('is the header, the first of repeated ones, or undefined', () => {
    expect(headerValue(req({ headers: { host: 'a' } }), 'host')).to.equal('a');
    expect(headerValue(req({ headers: { 'x-forwarded-for': ['1.1.1.1', '2.2.2.2'] } }), 'x-forwarded-for')).to.equal('1.1.1.1');
    expect(headerValue(req({ headers: {} }), 'host')).to.equal(undefined);
  });
});

describe('IncomingRequest', () => {
  // Typed, not cast: `passport.use(strategy)` under @types/passport checks an Express request
  // against this type, and a plain net.Socket declares no `encrypted`.
  it('takes an Express request as Express types it, and reads plain HTTP from its socket', async () => {
    const app = express();
    app.get('/cb', (expressRequest, response) => {
      const incoming: IncomingRequest = expressRequest;
      response.json({ url: originalURL(incoming) });
    });
    const response = await request(app).get('/cb?code=abc').set('host', 'app.example');
    expect(response.body.url).to.equal('http://app.example/cb?code=abc');
  });
});
