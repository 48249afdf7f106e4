import { expect } from 'chai';
import { githubEndpoints } from '@passport-kit/github';

describe('GitHub endpoints', () => {
  it('are github.com and api.github.com by default', () => {
    expect(githubEndpoints()).to.deep.equal({
      authorizationURL: 'https://github.com/login/oauth/authorize',
      tokenURL: 'https://github.com/login/oauth/access_token',
      userProfileURL: 'https://api.github.com/user',
      userEmailURL: 'https://api.github.com/user/emails',
      issuer: 'https://github.com/login/oauth',
    });
  });

  it('derive every GitHub Enterprise Server endpoint from its base URL', () => {
    expect(githubEndpoints('https://ghe.example')).to.deep.equal({
      authorizationURL: 'https://ghe.example/login/oauth/authorize',
      tokenURL: 'https://ghe.example/login/oauth/access_token',
      userProfileURL: 'https://ghe.example/api/v3/user',
      userEmailURL: 'https://ghe.example/api/v3/user/emails',
      issuer: 'https://ghe.example/login/oauth',
    });
  });

  it('keep a path prefix and drop trailing slashes', () => {
    const endpoints = githubEndpoints('https://code.example:8443/github/');
    expect(endpoints.authorizationURL).to.equal('https://code.example:8443/github/login/oauth/authorize');
    expect(endpoints.userEmailURL).to.equal('https://code.example:8443/github/api/v3/user/emails');
  });

  it('use the api. host for github.com and GHE.com (data residency)', () => {
    expect(githubEndpoints('https://github.com').userProfileURL).to.equal('https://api.github.com/user');
    const ghe = githubEndpoints('https://octocorp.ghe.com');
    expect(ghe.tokenURL).to.equal('https://octocorp.ghe.com/login/oauth/access_token');
    expect(ghe.userEmailURL).to.equal('https://api.octocorp.ghe.com/user/emails');
  });

  it('refuse a base URL that is not absolute or carries a query', () => {
    expect(() => githubEndpoints('ghe.example')).to.throw(TypeError, 'absolute URL');
    expect(() => githubEndpoints('https://ghe.example/?a=1')).to.throw(TypeError, 'without a query');
  });
});
