import { profileFromClaims } from '@passport-kit/oidc';
import { expect } from 'chai';

const ISSUER = 'https://issuer.example';

describe('profileFromClaims', () => {
  it('maps the standard claims to the Passport profile', () => {
    const claims = {
      sub: '248289761001',
      name: 'Jane Doe',
      given_name: 'Jane',
      family_name: 'Doe',
      middle_name: 'Q',
      preferred_username: 'j.doe',
      email: 'janedoe@example.com',
      email_verified: true,
      picture: 'http://example.com/janedoe/me.jpg',
      profile: 'http://example.com/janedoe',
      gender: 'female',
    };
    expect(profileFromClaims(claims, ISSUER)).to.deep.equal({
      provider: 'openidconnect',
      id: '248289761001',
      issuer: ISSUER,
      displayName: 'Jane Doe',
      username: 'j.doe',
      name: { familyName: 'Doe', givenName: 'Jane', middleName: 'Q' },
      emails: [{ value: 'janedoe@example.com', verified: true }],
      photos: [{ value: 'http://example.com/janedoe/me.jpg' }],
      profileUrl: 'http://example.com/janedoe',
      gender: 'female',
      _json: claims,
    });
  });

  it('marks an email verified only when email_verified is true', () => {
    expect(profileFromClaims({ sub: '1', email: 'a@example.com' }, ISSUER).emails).to.deep.equal([{ value: 'a@example.com', verified: false }]);
    expect(profileFromClaims({ sub: '1', email: 'a@example.com', email_verified: 'true' }, ISSUER).emails?.[0]?.verified).to.equal(false);
  });

  it('falls back to given and family names, then the username, for displayName', () => {
    expect(profileFromClaims({ sub: '1', given_name: 'Jane', family_name: 'Doe' }, ISSUER).displayName).to.equal('Jane Doe');
    expect(profileFromClaims({ sub: '1', preferred_username: 'jd' }, ISSUER).displayName).to.equal('jd');
    expect(profileFromClaims({ sub: '1' }, ISSUER).displayName).to.equal('');
  });

  it('leaves out claims of the wrong type and has only id and displayName for a bare sub', () => {
    const profile = profileFromClaims({ sub: '1', name: 42, email: ['x'], picture: {} }, ISSUER, 'acme');
    expect(profile).to.deep.equal({ provider: 'acme', id: '1', issuer: ISSUER, displayName: '', _json: { sub: '1', name: 42, email: ['x'], picture: {} } });
  });
});
