import { expect } from 'chai';
import { appSecretProof } from '@passport-kit/facebook';

describe('appSecretProof', () => {
  it('is HMAC-SHA256 of the token keyed by the app secret, as hex', () => {
    expect(appSecretProof('token', 'secret')).to.equal('e941110e3d2bfe82621f0e3e1434730d7305d106c5f68c87165d0b27a4611a4a');
  });

  it('depends on both the token and the secret', () => {
    expect(appSecretProof('token2', 'secret')).not.to.equal(appSecretProof('token', 'secret'));
    expect(appSecretProof('token', 'secret2')).not.to.equal(appSecretProof('token', 'secret'));
  });
});
