import { expect } from 'chai';
import sinon from 'sinon';
import { FacebookStrategy, GRAPH_API_VERSION_WARNING_CODE, type FacebookStrategyOptions } from '@passport-kit/facebook';
import { Browser, CALLBACK_URL, loginApp } from '@passport-kit/test-support/login-app';

function strategy(options: Partial<Omit<FacebookStrategyOptions, 'passReqToCallback'>> = {}) {
  return new FacebookStrategy({ clientID: 'app-id-1', clientSecret: 'app-secret-1', callbackURL: CALLBACK_URL, ...options }, (_at, _rt, profile, done) => done(null, profile));
}

async function loginRedirect(options: Partial<Omit<FacebookStrategyOptions, 'passReqToCallback'>> = {}, loginOptions: Record<string, unknown> = {}) {
  return new Browser(loginApp(strategy(options), { loginOptions })).startLogin();
}

describe('FacebookStrategy', () => {
  afterEach(() => sinon.restore());

  describe('issuing the authorization request', () => {
    it('redirects to the v26.0 Facebook Login dialog with the client, callback, state and PKCE', async () => {
      const params = await loginRedirect();

      expect(`${params.url.origin}${params.url.pathname}`).to.equal('https://www.facebook.com/v26.0/dialog/oauth');
      expect(params.get('client_id')).to.equal('app-id-1');
      expect(params.get('redirect_uri')).to.equal(CALLBACK_URL);
      expect(params.get('response_type')).to.equal('code');
      expect(params.get('state')).to.be.a('string').and.not.equal('');
      expect(params.get('code_challenge_method')).to.equal('S256');
    });

    it('joins scopes with commas, from the constructor or authenticate()', async () => {
      expect((await loginRedirect({ scope: ['email', 'public_profile'] })).get('scope')).to.equal('email,public_profile');
      expect((await loginRedirect({ scope: ['email'] }, { scope: ['user_friends', 'email'] })).get('scope')).to.equal('user_friends,email');
    });

    it('uses the configured Graph API version', async () => {
      const params = await loginRedirect({ graphAPIVersion: 'v25.0' });

      expect(params.url.pathname).to.equal('/v25.0/dialog/oauth');
    });

    it('uses an authorizationURL override as given', async () => {
      const params = await loginRedirect({ authorizationURL: 'https://m.facebook.com/v26.0/dialog/oauth' });

      expect(`${params.url.origin}${params.url.pathname}`).to.equal('https://m.facebook.com/v26.0/dialog/oauth');
    });

    it('sends display, auth_type and auth_nonce from authenticate() options', async () => {
      const params = await loginRedirect({}, { display: 'popup', authType: 'reauthenticate', authNonce: 'nonce-123' });

      expect(params.get('display')).to.equal('popup');
      expect(params.get('auth_type')).to.equal('reauthenticate');
      expect(params.get('auth_nonce')).to.equal('nonce-123');
    });

    it('sends none of them when not asked', async () => {
      const params = await loginRedirect();

      expect([...params.keys()]).not.to.include.members(['display', 'auth_type', 'auth_nonce']);
    });
  });

  describe('checking options', () => {
    it('refuses a graphAPIVersion that is not vNN.N', () => {
      expect(() => strategy({ graphAPIVersion: '26.0' })).to.throw(TypeError, /graphAPIVersion like 'v26.0'/);
    });

    it('refuses enableProof without a clientSecret', () => {
      expect(() => strategy({ clientSecret: undefined, enableProof: true })).to.throw(TypeError, /clientSecret/);
    });

    it('requires a clientID, as OAuth2Strategy does', () => {
      expect(() => strategy({ clientID: '' })).to.throw(TypeError, /clientID/);
    });
  });

  describe('warning about expired Graph API versions', () => {
    it('warns once per process when the configured version is past its end of life', () => {
      const emitWarning = sinon.stub(process, 'emitWarning');

      strategy({ graphAPIVersion: 'v3.1' });
      strategy({ graphAPIVersion: 'v3.1' });

      sinon.assert.calledOnceWithMatch(emitWarning, sinon.match(/Graph API v3\.1 reached its end of life on 2020-10-27/), { code: GRAPH_API_VERSION_WARNING_CODE });
    });

    it('warns about the version in an overridden profileURL, as old tutorials configure it', () => {
      const emitWarning = sinon.stub(process, 'emitWarning');

      strategy({ profileURL: 'https://graph.facebook.com/v2.5/me?fields=first_name,last_name,email' });

      sinon.assert.calledOnceWithMatch(emitWarning, sinon.match(/Graph API v2\.5 reached its end of life/));
    });

    it('warns from the end-of-life day on, not before', () => {
      const emitWarning = sinon.stub(process, 'emitWarning');
      const clock = sinon.useFakeTimers({ now: new Date('2028-07-28T12:00:00Z'), toFake: ['Date'] });

      strategy({ graphAPIVersion: 'v25.0' });
      sinon.assert.notCalled(emitWarning);
      clock.setSystemTime(new Date('2028-07-29T00:00:00Z'));
      strategy({ graphAPIVersion: 'v25.0' });
      sinon.assert.calledOnceWithMatch(emitWarning, sinon.match(/v25\.0 reached its end of life on 2028-07-29/));
    });

    it('does not warn for the default version', () => {
      const emitWarning = sinon.stub(process, 'emitWarning');

      strategy();

      sinon.assert.notCalled(emitWarning);
    });
  });
});
