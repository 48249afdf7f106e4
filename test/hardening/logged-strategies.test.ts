// Apps log their strategies (`console.log(passport)`, an error reporter serialising `this`, a
// debugger's util.inspect): every strategy of every package, built with distinctive secrets,
// dumped every way, must show none of them. Compat objects (`_oauth2`, `_oauth`) and stores
// are covered too: the dumps take the whole strategy, to full depth. (BearerStrategy is abstract;
// its two concrete strategies are here.)
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Console } from 'node:console';
import { inspect } from 'node:util';
import { expect } from 'chai';
import passport from 'passport';
import { IntrospectionBearerStrategy, JwtBearerStrategy } from '@passport-kit/bearer';
import { FacebookStrategy } from '@passport-kit/facebook';
import { GitHubStrategy } from '@passport-kit/github';
import { OAuth1Strategy } from '@passport-kit/oauth1';
import { OAuth2Strategy, TokenClient } from '@passport-kit/oauth2';
import { OpenIDConnectStrategy } from '@passport-kit/oidc';
import { TwitterStrategy, XStrategy } from '@passport-kit/twitter';

const secrets = new Map<string, string>();
/** A distinctive secret value, remembered for the scan. */
function secret(label: string): string {
  const value = `${label}-SECRET-${randomBytes(9).toString('base64url')}`;
  secrets.set(value, label);
  return value;
}

const verify = () => undefined;
const callbackURL = 'https://app.test/auth/callback';
const stateCookie = () => ({ secret: secret('state-cookie') });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
secrets.set(rsa.privateKey.split('\n')[1] ?? '', 'rsa-private-key');

function everyStrategy(): Record<string, object> {
  return {
    oauth2: new OAuth2Strategy(
      { authorizationURL: 'https://provider.test/authorize', tokenURL: 'https://provider.test/token', clientID: 'c', clientSecret: secret('oauth2'), callbackURL, stateCookie: stateCookie() },
      verify,
    ),
    'oauth2-jwt': new OAuth2Strategy(
      {
        authorizationURL: 'https://provider.test/authorize',
        tokenURL: 'https://provider.test/token',
        clientID: 'c',
        clientSecret: secret('oauth2-jwt'),
        clientAuthentication: 'client_secret_jwt',
        callbackURL,
      },
      verify,
    ),
    github: new GitHubStrategy({ clientID: 'c', clientSecret: secret('github'), callbackURL, stateCookie: stateCookie() }, verify),
    facebook: new FacebookStrategy({ clientID: 'c', clientSecret: secret('facebook'), callbackURL, stateCookie: stateCookie() }, verify),
    x: new XStrategy({ clientID: 'c', clientSecret: secret('x'), callbackURL, stateCookie: stateCookie() }, verify),
    oidc: new OpenIDConnectStrategy(
      {
        issuer: 'https://issuer.test',
        authorizationURL: 'https://issuer.test/authorize',
        tokenURL: 'https://issuer.test/token',
        jwksURL: 'https://issuer.test/jwks',
        clientID: 'c',
        clientSecret: secret('oidc'),
        callbackURL,
        stateCookie: stateCookie(),
      },
      verify,
    ),
    oauth1: new OAuth1Strategy(
      {
        requestTokenURL: 'https://provider.test/request_token',
        accessTokenURL: 'https://provider.test/access_token',
        userAuthorizationURL: 'https://provider.test/authorize',
        consumerKey: 'k',
        consumerSecret: secret('oauth1'),
        callbackURL,
        stateCookie: stateCookie(),
      },
      verify,
    ),
    'oauth1-rsa': new OAuth1Strategy(
      {
        requestTokenURL: 'https://provider.test/request_token',
        accessTokenURL: 'https://provider.test/access_token',
        userAuthorizationURL: 'https://provider.test/authorize',
        consumerKey: 'k',
        consumerSecret: rsa.privateKey,
        signatureMethod: 'RSA-SHA1',
        callbackURL,
      },
      verify,
    ),
    twitter: new TwitterStrategy({ consumerKey: 'k', consumerSecret: secret('twitter'), callbackURL, stateCookie: stateCookie() }, verify),
    'bearer-introspection': new IntrospectionBearerStrategy({
      client: new TokenClient({ tokenURL: 'https://provider.test/token', introspectionURL: 'https://provider.test/introspect', clientID: 'api', clientSecret: secret('introspection') }),
    }),
    'bearer-jwt': new JwtBearerStrategy({ key: new TextEncoder().encode(secret('jwt-hmac-key')), algorithms: ['HS256'], issuer: 'https://issuer.test', audience: 'api' }),
  };
}

/** The secrets found in `text`, by label. */
function leaked(text: string): string[] {
  return [...secrets].filter(([value]) => value !== '' && text.includes(value)).map(([, label]) => label);
}

describe('strategies written to a log', () => {
  let strategies: Record<string, object>;
  before(() => {
    strategies = everyStrategy();
  });

  it('util.inspect of each strategy, to full depth, hidden properties included, shows no secret', () => {
    const leaks = Object.entries(strategies).flatMap(([name, strategy]) =>
      [inspect(strategy, { depth: Infinity }), inspect(strategy, { depth: Infinity, showHidden: true })].flatMap((dump) =>
        leaked(dump).map((label) => `${name}: ${label}`),
      ),
    );
    expect(leaks).to.deep.equal([]);
  });

  it('JSON.stringify of each strategy shows no secret', () => {
    const leaks = Object.entries(strategies).flatMap(([name, strategy]) => {
      let json: string;
      try {
        json = JSON.stringify(strategy) ?? '';
      } catch (err) {
        json = String(err); // circular: whatever the error message quotes
      }
      return leaked(json).map((label) => `${name}: ${label}`);
    });
    expect(leaks).to.deep.equal([]);
  });

  it('console.log of a passport instance holding them all shows no secret', () => {
    const auth = new passport.Passport();
    for (const [name, strategy] of Object.entries(strategies)) auth.use(name, strategy as passport.Strategy);
    let printed = '';
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => ((printed += chunk.toString()), done()) });
    new Console(sink).log(auth);
    new Console(sink).log('%o', auth);
    new Console(sink).dir(auth, { depth: Infinity });

    expect(printed).to.contain('oauth2'); // the dump did happen
    expect(leaked(printed)).to.deep.equal([]);
  });
});
