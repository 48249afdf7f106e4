import { expect } from 'chai';
import { parseProfile } from '@passport-kit/facebook';

// Shaped as Graph API `/me` answers: https://developers.facebook.com/docs/graph-api/reference/user/
const FULL_ME = {
  id: '10158812345678901',
  name: 'Ada Augusta Lovelace',
  first_name: 'Ada',
  middle_name: 'Augusta',
  last_name: 'Lovelace',
  email: 'ada@example.com',
  gender: 'female',
  link: 'https://www.facebook.com/app_scoped_user_id/YXNpZADpBWEh/',
  picture: {
    data: {
      height: 50,
      is_silhouette: false,
      url: 'https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=10158812345678901&height=50&width=50&ext=1700000000&hash=AbZ',
      width: 50,
    },
  },
  birthday: '12/10/1815',
};

function parse(json: Record<string, unknown>) {
  const body = JSON.stringify(json);
  return parseProfile(body, JSON.parse(body) as Record<string, unknown>);
}

describe('parseProfile', () => {
  it('maps every field passport-facebook maps from a full /me node', () => {
    const profile = parse(FULL_ME);

    expect(profile).to.deep.include({
      provider: 'facebook',
      id: '10158812345678901',
      displayName: 'Ada Augusta Lovelace',
      name: { familyName: 'Lovelace', givenName: 'Ada', middleName: 'Augusta' },
      gender: 'female',
      profileUrl: 'https://www.facebook.com/app_scoped_user_id/YXNpZADpBWEh/',
      emails: [{ value: 'ada@example.com' }],
      photos: [{ value: FULL_ME.picture.data.url }],
    });
  });

  it('keeps the body as _raw and every field, mapped or not, in _json', () => {
    const body = JSON.stringify(FULL_ME);
    const profile = parseProfile(body, JSON.parse(body) as Record<string, unknown>);

    expect(profile?._raw).to.equal(body);
    expect(profile?._json).to.deep.equal(FULL_ME);
    expect(profile?._json['birthday']).to.equal('12/10/1815');
  });

  it('maps the default /me node (id and name) with an empty name object, as passport-facebook', () => {
    const profile = parse({ name: 'Alan Turing', id: '1003' });

    expect(profile).to.deep.include({ id: '1003', displayName: 'Alan Turing', name: {} });
    expect(profile).not.to.have.any.keys('emails', 'photos', 'username', 'gender', 'profileUrl');
  });

  it('leaves out emails when the user did not grant the email permission', () => {
    const { email: _email, ...withoutEmail } = FULL_ME;

    expect(parse(withoutEmail)).not.to.have.property('emails');
  });

  it('reads a pre-2012 string picture as the photo URL', () => {
    expect(parse({ id: '1', picture: 'https://graph.facebook.com/1/picture' })?.photos).to.deep.equal([{ value: 'https://graph.facebook.com/1/picture' }]);
  });

  it('ignores a picture without data.url', () => {
    expect(parse({ id: '1', picture: { data: { is_silhouette: true } } })).not.to.have.property('photos');
  });

  it('maps username when a Graph node has one', () => {
    expect(parse({ id: '1', username: 'ada' })?.username).to.equal('ada');
  });

  it('ignores mapped fields that are not strings', () => {
    const profile = parse({ id: '1', name: 42, email: { value: 'x' }, first_name: null });

    expect(profile).to.deep.include({ displayName: '', name: {} });
    expect(profile).not.to.have.property('emails');
  });

  it('returns undefined for a node without a string id', () => {
    expect(parse({ name: 'No Id' })).to.equal(undefined);
    expect(parse({ id: 1001 })).to.equal(undefined);
  });
});
