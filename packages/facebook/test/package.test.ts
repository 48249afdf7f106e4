import { expect } from 'chai';
import * as facebook from '@passport-kit/facebook';
import * as source from '../src/index.js';

describe('@passport-kit/facebook', () => {
  it('is the package source in tests, not a stale build', () => {
    expect(facebook.FacebookStrategy).to.equal(source.FacebookStrategy);
  });

  it('exports the documented surface', () => {
    expect(Object.keys(facebook).sort()).to.deep.equal([
      'DEFAULT_GRAPH_API_VERSION',
      'FacebookAuthorizationError',
      'FacebookGraphAPIError',
      'FacebookStrategy',
      'FacebookTokenError',
      'GRAPH_API_VERSIONS',
      'GRAPH_API_VERSION_WARNING_CODE',
      'PROFILE_FIELD_MAP',
      'Strategy',
      'appSecretProof',
      'facebookEndpoints',
      'graphAPIVersionEndOfLife',
      'graphFields',
      'parseProfile',
      'warnIfPastEndOfLife',
    ]);
  });

  it('exports Strategy as FacebookStrategy, as passport-facebook does', () => {
    expect(facebook.Strategy).to.equal(facebook.FacebookStrategy);
  });

  it("names the strategy 'facebook'", () => {
    expect(new facebook.Strategy({ clientID: 'app-id', clientSecret: 'app-secret' }, () => undefined).name).to.equal('facebook');
  });
});
