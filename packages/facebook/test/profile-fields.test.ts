import { expect } from 'chai';
import { graphFields } from '../src/profile-fields.js';

describe('graphFields', () => {
  it('maps profileFields to Graph fields as passport-facebook does', () => {
    expect(graphFields(['id', 'username', 'displayName', 'name', 'gender', 'birthday', 'profileUrl', 'emails', 'photos'])).to.equal(
      'id,username,name,last_name,first_name,middle_name,gender,birthday,link,email,picture',
    );
  });

  it('passes unknown names through as Graph fields, modifiers included', () => {
    expect(graphFields(['id', 'picture.type(large)', 'age_range', 'friends{name}'])).to.equal('id,picture.type(large),age_range,friends{name}');
  });

  it('drops duplicates, keeping the first position', () => {
    expect(graphFields(['displayName', 'id', 'name', 'emails', 'email'])).to.equal('name,id,last_name,first_name,middle_name,email');
  });

  it('is empty for no fields', () => {
    expect(graphFields([])).to.equal('');
  });

  it('does not map names inherited from Object.prototype', () => {
    expect(graphFields(['constructor', 'toString'])).to.equal('constructor,toString');
  });
});
