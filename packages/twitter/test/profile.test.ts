import { expect } from 'chai';
import { UnexpectedBodyError } from '@passport-kit/core';
import { parseProfile } from '@passport-kit/twitter';
import { profileFromTokenParams } from '../src/profile.js';
import { VERIFY_CREDENTIALS, VERIFY_CREDENTIALS_LARGE_ID } from './support/payloads.js';

describe('parseProfile (Twitter v1.1 user object)', () => {
  it("maps verify_credentials' documented example as passport-twitter does", () => {
    const profile = parseProfile(VERIFY_CREDENTIALS, 'read-write');
    expect(profile).to.deep.include({
      provider: 'twitter',
      id: '2244994945',
      username: 'TwitterDev',
      displayName: 'Twitter Dev',
      emails: [{ value: 'dev@example.com' }],
      photos: [{ value: 'https://pbs.twimg.com/profile_images/880136122604507136/xHrnqf1T_normal.jpg' }],
      _accessLevel: 'read-write',
    });
    expect(profile._raw).to.equal(VERIFY_CREDENTIALS);
    expect(profile._json).to.deep.equal(JSON.parse(VERIFY_CREDENTIALS));
  });

  it('takes id_str, never the number JSON.parse rounded', () => {
    const profile = parseProfile(VERIFY_CREDENTIALS_LARGE_ID);
    expect(profile._json!['id']).to.equal(1407041282183942100);
    expect(profile.id).to.equal('1407041282183942145');
  });

  it('uses a numeric id only while it is exact', () => {
    expect(parseProfile('{"id":783214,"screen_name":"x"}').id).to.equal('783214');
    expect(() => parseProfile('{"id":1407041282183942145,"screen_name":"x"}')).to.throw(UnexpectedBodyError, /no usable id/);
  });

  it('leaves emails out when Twitter sent none (no include_email, no permission, or null)', () => {
    const json = JSON.parse(VERIFY_CREDENTIALS) as Record<string, unknown>;
    delete json['email'];
    expect(parseProfile(JSON.stringify(json))).to.not.have.property('emails');
    expect(parseProfile(JSON.stringify({ ...json, email: null }))).to.not.have.property('emails');
  });

  it('leaves _accessLevel out without an x-access-level header, and photos out without an image', () => {
    const profile = parseProfile('{"id_str":"12","screen_name":"jack"}');
    expect(profile).to.not.have.property('_accessLevel');
    expect(profile).to.not.have.property('photos');
    expect(profile.displayName).to.equal('jack');
  });

  it('refuses a body that is not a user object', () => {
    expect(() => parseProfile('<html>')).to.throw(UnexpectedBodyError, /not JSON/);
    expect(() => parseProfile('[1]')).to.throw(UnexpectedBodyError, /not a JSON object/);
    expect(() => parseProfile('{"id_str":"12"}')).to.throw(UnexpectedBodyError, /screen_name/);
  });
});

describe('profileFromTokenParams (skipExtendedUserProfile)', () => {
  it('builds the profile from the access-token response', () => {
    expect(profileFromTokenParams({ user_id: '1407041282183942145', screen_name: 'large_id' })).to.deep.equal({
      provider: 'twitter',
      id: '1407041282183942145',
      username: 'large_id',
      displayName: 'large_id',
    });
  });

  it('refuses a response without user_id and screen_name', () => {
    expect(() => profileFromTokenParams({})).to.throw(UnexpectedBodyError);
  });
});
