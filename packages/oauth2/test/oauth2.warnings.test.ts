import { inherits } from 'node:util';
import { expect } from 'chai';
import { FacebookStrategy } from '@passport-kit/facebook';
import { GitHubStrategy } from '@passport-kit/github';
import { OAuth2Strategy } from '@passport-kit/oauth2';
import { OpenIDConnectStrategy } from '@passport-kit/oidc';
import { XStrategy } from '@passport-kit/twitter';
import { AUTHORIZATION_URL, TOKEN_URL } from '@passport-kit/test-support/login-app';
import { passportKitWarningsWhile } from '@passport-kit/test-support/warnings';

const verify = () => undefined;

// Each test uses options no other test uses: a warning is emitted once per process.
const warningsWhile = passportKitWarningsWhile;

function oauth2(options: Record<string, unknown>) {
  return new OAuth2Strategy({ authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-w', clientSecret: 's', ...options } as never, verify as never);
}

describe('constructor warnings', () => {
  describe('an option the strategy does not know', () => {
    it('names it and the closest known one, once per class and option', async () => {
      const warnings = await warningsWhile(() => {
        oauth2({ callbackUrl: 'http://app.test/cb' });
        oauth2({ callbackUrl: 'http://app.test/cb' });
      });
      expect(warnings).to.deep.equal([{
        name: 'PassportKitWarning',
        code: 'PASSPORT_KIT_UNKNOWN_OPTION',
        message: 'OAuth2Strategy does not know the option callbackUrl; did you mean callbackURL?',
      }]);
    });

    it('names the provider\'s class and compares with its own options', async () => {
      const warnings = await warningsWhile(() => {
        new GitHubStrategy({ clientID: 'gh-w', clientSecret: 's', scopes: ['user:email'] } as never, verify as never);
        new FacebookStrategy({ clientID: 'fb-w', clientSecret: 's', baseURL: 'https://graph.facebook.com' } as never, verify as never);
        new XStrategy({ clientID: 'x-w', userfields: ['id'] } as never, verify as never);
        new OpenIDConnectStrategy({ issuer: 'https://id.example', authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'oidc-w', jwksUrl: 'https://id.example/jwks', jwksURL: 'https://id.example/jwks' } as never, verify as never);
      });
      expect(warnings.map((w) => w.message)).to.deep.equal([
        'GitHubStrategy does not know the option scopes; did you mean scope?',
        'FacebookStrategy does not know the option baseURL, and ignores it',
        'XStrategy does not know the option userfields; did you mean userFields?',
        'OpenIDConnectStrategy does not know the option jwksUrl; did you mean jwksURL?',
      ]);
    });

    it('says nothing for a subclass from npm, which passes its own options through', async () => {
      function ProviderStrategy(this: object, options: Record<string, unknown>, cb: unknown) {
        (OAuth2Strategy as unknown as (this: object, ...args: unknown[]) => void).call(this, { ...options, authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL }, cb);
      }
      inherits(ProviderStrategy, OAuth2Strategy as never);
      class ModernProviderStrategy extends OAuth2Strategy {}
      const warnings = await warningsWhile(() => {
        new (ProviderStrategy as unknown as new (...args: unknown[]) => object)({ clientID: 'npm-w', clientSecret: 's', profileFieldz: ['id'] }, verify);
        new ModernProviderStrategy({ authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'npm-w2', apiVersion: 'v2' } as never, verify as never);
      });
      expect(warnings).to.deep.equal([]);
    });
  });

  describe('a client authentication method that needs a secret, without one', () => {
    it('warns for client_secret_basic or client_secret_post with no clientSecret', async () => {
      const warnings = await warningsWhile(() => {
        oauth2({ clientID: 'basic-w', clientSecret: undefined, clientAuthentication: 'client_secret_basic' });
      });
      expect(warnings).to.deep.equal([{
        name: 'PassportKitWarning',
        code: 'PASSPORT_KIT_MISSING_CLIENT_SECRET',
        message: 'OAuth2Strategy uses client_secret_basic client authentication but has no clientSecret option: the token endpoint will refuse every code exchange',
      }]);
    });

    it('warns for GitHub and Facebook, which always need one, and not for a public client', async () => {
      const warnings = await warningsWhile(() => {
        new GitHubStrategy({ clientID: 'gh-public' }, verify as never);
        new FacebookStrategy({ clientID: 'fb-public' }, verify as never);
        oauth2({ clientID: 'public-w', clientSecret: undefined });
        new XStrategy({ clientID: 'x-public' }, verify as never);
      });
      expect(warnings.map((w) => `${w.code} ${w.message}`)).to.deep.equal([
        'PASSPORT_KIT_MISSING_CLIENT_SECRET GitHubStrategy has no clientSecret option: GitHub refuses every code exchange without it',
        'PASSPORT_KIT_MISSING_CLIENT_SECRET FacebookStrategy has no clientSecret option: Facebook refuses every code exchange without the App Secret',
      ]);
    });
  });
});

describe('constructor errors name the provider\'s strategy', () => {
  it('GitHub, Facebook, X and OpenID Connect name their own class', () => {
    expect(() => new GitHubStrategy({} as never, verify as never)).to.throw(TypeError, /^GitHubStrategy requires a clientID option$/);
    expect(() => new FacebookStrategy({ clientSecret: 's' } as never, verify as never)).to.throw(TypeError, /^FacebookStrategy requires a clientID option$/);
    expect(() => new XStrategy({} as never, verify as never)).to.throw(TypeError, /^XStrategy requires a clientID option$/);
    expect(() => new GitHubStrategy({ clientID: 'gh-e', clientSecret: 's' }, undefined as never)).to.throw(TypeError, /^GitHubStrategy requires a verify callback$/);
    expect(() => new OpenIDConnectStrategy({ issuer: 'https://id.example', clientID: 'c', jwksURL: 'https://id.example/jwks' } as never, verify as never))
      .to.throw(TypeError, /^OpenIDConnectStrategy requires a authorizationURL option$/);
  });

  it('OAuth2Strategy and its subclasses from npm keep passport-oauth2\'s texts', () => {
    expect(() => new OAuth2Strategy({ authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL } as never, verify as never)).to.throw(TypeError, /^OAuth2Strategy requires a clientID option$/);
    class ModernProviderStrategy extends OAuth2Strategy {}
    expect(() => new ModernProviderStrategy({ tokenURL: TOKEN_URL } as never, verify as never)).to.throw(TypeError, /^OAuth2Strategy requires a authorizationURL option$/);
  });
});
