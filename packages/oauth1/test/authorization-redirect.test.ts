import { expect } from 'chai';
import { userAuthorizationRedirectURL } from '../src/authorization-redirect.js';

const confirmed = { requestToken: 'hh5s93j4hdidpola', callbackURL: 'https://app.test/cb', callbackConfirmed: true, extraParams: {} };

describe('redirecting to the user-authorization endpoint (userAuthorizationRedirectURL, RFC 5849 §2.2)', () => {
  it('sends the request token, and not the callback a 1.0a provider confirmed', () => {
    expect(userAuthorizationRedirectURL('https://provider.test/authorize', confirmed)).to.equal('https://provider.test/authorize?oauth_token=hh5s93j4hdidpola');
  });

  it('sends the callback to an OAuth 1.0 provider that did not confirm it', () => {
    expect(userAuthorizationRedirectURL('https://provider.test/authorize', { ...confirmed, callbackConfirmed: false })).to.equal(
      'https://provider.test/authorize?oauth_token=hh5s93j4hdidpola&oauth_callback=https%3A%2F%2Fapp.test%2Fcb',
    );
  });

  it("adds the hook's parameters, RFC 3986-encoded, leaving out null and undefined ones", () => {
    const url = userAuthorizationRedirectURL('https://provider.test/authorize', {
      ...confirmed,
      extraParams: { force_login: true, screen_name: 'a b*', skipped: undefined, none: null },
    });
    expect(url).to.equal('https://provider.test/authorize?oauth_token=hh5s93j4hdidpola&force_login=true&screen_name=a%20b%2A');
  });

  it("keeps the endpoint's own query and drops its fragment", () => {
    expect(userAuthorizationRedirectURL('https://provider.test/authorize?app=1#top', confirmed)).to.equal('https://provider.test/authorize?app=1&oauth_token=hh5s93j4hdidpola');
    expect(userAuthorizationRedirectURL('https://provider.test/authorize?', { ...confirmed, extraParams: null })).to.equal('https://provider.test/authorize?oauth_token=hh5s93j4hdidpola');
  });
});
