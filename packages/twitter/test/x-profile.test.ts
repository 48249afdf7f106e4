import { expect } from 'chai';
import { UnexpectedBodyError } from '@passport-kit/core';
import { parseXProfile } from '@passport-kit/twitter';
import { USERS_ME } from './support/payloads.js';

describe('parseXProfile (/2/users/me)', () => {
  it("maps the documented example's data", () => {
    const profile = parseXProfile(USERS_ME);
    expect(profile).to.deep.include({
      provider: 'x',
      id: '2244994945',
      username: 'TwitterDev',
      displayName: 'X Dev',
      photos: [{ value: 'https://pbs.twimg.com/profile_images/1445764922474827784/W2zEPN7U_normal.jpg' }],
    });
    expect(profile._json).to.deep.equal((JSON.parse(USERS_ME) as { data: unknown }).data);
    expect(profile._raw).to.equal(USERS_ME);
    expect(profile).to.not.have.property('emails');
  });

  it('adds confirmed_email (users.email scope) as a verified email', () => {
    const profile = parseXProfile('{"data":{"id":"1","name":"A","username":"a","confirmed_email":"a@example.com"}}');
    expect(profile.emails).to.deep.equal([{ value: 'a@example.com', verified: true }]);
  });

  it('falls back to the username for displayName and leaves photos out without profile_image_url', () => {
    const profile = parseXProfile('{"data":{"id":"1","username":"a"}}');
    expect(profile.displayName).to.equal('a');
    expect(profile).to.not.have.property('photos');
  });

  it('refuses a body without data.id and data.username', () => {
    expect(() => parseXProfile('nope')).to.throw(UnexpectedBodyError, /not JSON/);
    expect(() => parseXProfile('{"errors":[{"message":"x"}]}')).to.throw(UnexpectedBodyError, /no data/);
    expect(() => parseXProfile('{"data":{"id":1,"username":"a"}}')).to.throw(UnexpectedBodyError, /no id or username/);
  });
});
