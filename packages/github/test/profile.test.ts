import { expect } from 'chai';
import { UnexpectedBodyError } from '@passport-kit/core';
import { parseEmails, parseProfile } from '@passport-kit/github';
import { OCTOCAT_EMAILS, OCTOCAT_USER, PRIVATE_USER } from './support/payloads.js';

describe('GitHub profile mapping', () => {
  describe('parseProfile (GET /user)', () => {
    it('maps the documented user to a Passport profile', () => {
      const raw = JSON.stringify(OCTOCAT_USER);
      const profile = parseProfile(raw);
      expect(profile).to.deep.include({
        provider: 'github',
        id: '1',
        nodeId: 'MDQ6VXNlcjE=',
        displayName: 'monalisa octocat',
        username: 'octocat',
        profileUrl: 'https://github.com/octocat',
        photos: [{ value: 'https://github.com/images/error/octocat_happy.gif' }],
        emails: [{ value: 'octocat@github.com' }],
        _raw: raw,
      });
      expect(profile._json).to.deep.equal(OCTOCAT_USER);
    });

    it('accepts the parsed object too, as passport-github2 does', () => {
      const profile = parseProfile(OCTOCAT_USER);
      expect(profile.username).to.equal('octocat');
      expect(JSON.parse(profile._raw)).to.deep.equal(OCTOCAT_USER);
    });

    it('shows the login when the user has no name, and no emails when there is no public email', () => {
      const profile = parseProfile(JSON.stringify(PRIVATE_USER));
      expect(profile.displayName).to.equal('hubot');
      expect(profile.id).to.equal('583231');
      expect(profile).not.to.have.property('emails');
    });

    it('throws UnexpectedBodyError for a body that is not a user', () => {
      expect(() => parseProfile('<html>')).to.throw(UnexpectedBodyError, 'not JSON');
      expect(() => parseProfile('[]')).to.throw(UnexpectedBodyError, 'not a JSON object');
      expect(() => parseProfile('{"message":"Not Found"}')).to.throw(UnexpectedBodyError, 'no id and login');
    });
  });

  describe('parseEmails (GET /user/emails)', () => {
    it('keeps the primary address alone, as passport-github2, with primary and verified', () => {
      expect(parseEmails(OCTOCAT_EMAILS)).to.deep.equal([{ value: 'octocat@github.com', primary: true, verified: true }]);
    });

    it('is undefined without a primary address, so the public email stays, as passport-github2', () => {
      expect(parseEmails([{ email: 'mona@work.example', verified: true, primary: false, visibility: null }])).to.equal(undefined);
    });

    it('keeps every address, primary first, with every GitHub field with allRawEmails', () => {
      const emails = parseEmails(OCTOCAT_EMAILS, { allRawEmails: true });
      expect(emails?.[0]).to.deep.equal({ value: 'octocat@github.com', email: 'octocat@github.com', primary: true, verified: true, visibility: 'public' });
      expect(emails?.map((e) => e.value)).to.deep.equal(['octocat@github.com', 'mona@work.example', '1+octocat@users.noreply.github.com']);
      expect(emails?.map((e) => e.visibility)).to.deep.equal(['public', null, null]);
    });

    it('skips malformed entries and returns undefined when no address is left', () => {
      expect(parseEmails([null, 'x', { email: 42 }, { email: 'a@b.example', primary: true }])).to.deep.equal([{ value: 'a@b.example', primary: true, verified: false }]);
      expect(parseEmails([null, 'x', { email: 42 }, { email: 'a@b.example' }], { allRawEmails: true })).to.deep.equal([{ value: 'a@b.example', email: 'a@b.example', primary: false, verified: false }]);
      expect(parseEmails([])).to.equal(undefined);
      expect(parseEmails([], { allRawEmails: true })).to.equal(undefined);
      expect(parseEmails({ message: 'Not Found' })).to.equal(undefined);
    });
  });
});
