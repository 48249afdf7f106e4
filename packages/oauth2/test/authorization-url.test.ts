import { expect } from 'chai';
import { buildAuthorizationURL } from '../src/authorization-url.js';

describe('buildAuthorizationURL', () => {
  it('adds the request parameters and client_id to the authorization endpoint', () => {
    const url = new URL(
      buildAuthorizationURL('https://provider.test/oauth2/authorize', 'client-1', {
        response_type: 'code',
        redirect_uri: 'https://app.test/auth/callback',
        scope: 'openid email',
      }),
    );

    expect(url.origin + url.pathname).to.equal('https://provider.test/oauth2/authorize');
    expect([...url.searchParams]).to.deep.equal([
      ['response_type', 'code'],
      ['redirect_uri', 'https://app.test/auth/callback'],
      ['scope', 'openid email'],
      ['client_id', 'client-1'],
    ]);
  });

  it('keeps a query the endpoint already has', () => {
    const url = new URL(buildAuthorizationURL('https://provider.test/authorize?tenant=acme&prompt=login', 'c', { response_type: 'code' }));

    expect(url.searchParams.get('tenant')).to.equal('acme');
    expect(url.searchParams.get('prompt')).to.equal('login');
    expect(url.searchParams.get('response_type')).to.equal('code');
  });

  it('lets a parameter replace one of the endpoint query, without repeating it', () => {
    const url = new URL(buildAuthorizationURL('https://provider.test/authorize?prompt=login', 'c', { prompt: 'consent' }));

    expect(url.searchParams.getAll('prompt')).to.deep.equal(['consent']);
  });

  it('sets client_id last, so a parameter hook cannot replace it', () => {
    const url = new URL(buildAuthorizationURL('https://provider.test/authorize?client_id=evil', 'client-1', { client_id: 'other' }));

    expect(url.searchParams.getAll('client_id')).to.deep.equal(['client-1']);
  });

  it('leaves out undefined and null values, and stringifies the others', () => {
    const url = new URL(buildAuthorizationURL('https://provider.test/authorize', 'c', { a: undefined, b: null, max_age: 0, flag: false }));

    expect(url.searchParams.has('a')).to.equal(false);
    expect(url.searchParams.has('b')).to.equal(false);
    expect(url.searchParams.get('max_age')).to.equal('0');
    expect(url.searchParams.get('flag')).to.equal('false');
  });

  it('percent-encodes values that need it', () => {
    const url = buildAuthorizationURL('https://provider.test/authorize', 'c&d', { redirect_uri: 'https://app.test/cb?x=1&y=2', state: 'a b+c' });

    expect(url).to.contain('redirect_uri=https%3A%2F%2Fapp.test%2Fcb%3Fx%3D1%26y%3D2');
    expect(new URL(url).searchParams.get('state')).to.equal('a b+c');
    expect(new URL(url).searchParams.get('client_id')).to.equal('c&d');
  });

  it('writes a space as %20, as passport-oauth2 does, not +', () => {
    const url = buildAuthorizationURL('https://provider.test/authorize', 'c', { scope: 'openid email', state: 'a b+c' });

    expect(url).to.equal('https://provider.test/authorize?scope=openid%20email&state=a%20b%2Bc&client_id=c');
  });

  it('re-writes the endpoint query the same way, its repeated parameters kept', () => {
    const url = buildAuthorizationURL('https://provider.test/authorize?tenant=a+b&x=1&x=2', 'c', { response_type: 'code' });

    expect(url).to.equal('https://provider.test/authorize?tenant=a%20b&x=1&x=2&response_type=code&client_id=c');
  });

  it('repeats a parameter whose value is an array, as querystring does', () => {
    const url = buildAuthorizationURL('https://provider.test/authorize', 'c', { resource: ['https://a.test/', 'https://b.test/'] });

    expect(new URL(url).searchParams.getAll('resource')).to.deep.equal(['https://a.test/', 'https://b.test/']);
  });

  it('writes the endpoint query first, then the parameters, client_id last, whatever their names', () => {
    const url = buildAuthorizationURL('https://provider.test/authorize?z=1', 'c', { 10: 'ten', a: '2' });

    expect([...new URL(url).searchParams.keys()]).to.deep.equal(['z', '10', 'a', 'client_id']);
  });

  it('throws on a relative authorization endpoint', () => {
    expect(() => buildAuthorizationURL('/authorize', 'c', {})).to.throw(TypeError);
  });
});
