import { expect } from 'chai';
import { DEFAULT_GRAPH_API_VERSION, facebookEndpoints } from '@passport-kit/facebook';

describe('facebookEndpoints', () => {
  it('derives the dialog, token and /me URLs from the Graph API version', () => {
    expect(facebookEndpoints('v25.0')).to.deep.equal({
      authorizationURL: 'https://www.facebook.com/v25.0/dialog/oauth',
      tokenURL: 'https://graph.facebook.com/v25.0/oauth/access_token',
      profileURL: 'https://graph.facebook.com/v25.0/me',
    });
  });

  it('uses the default version, v26.0, when none is given', () => {
    expect(DEFAULT_GRAPH_API_VERSION).to.equal('v26.0');
    expect(facebookEndpoints().profileURL).to.equal('https://graph.facebook.com/v26.0/me');
  });
});
