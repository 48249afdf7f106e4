'use strict';
// What code written for passport-oauth2, passport-oauth1, passport-github2, passport-facebook,
// passport-twitter and passport-openidconnect does with the module: use require()'s result as the
// constructor, extend it the ES5 way and with class extends, and read the named exports off it.
const util = require('node:util');

const CONSTRUCTORS = {
  '@passport-kit/oauth2': 'OAuth2Strategy',
  '@passport-kit/oauth1': 'OAuth1Strategy',
  '@passport-kit/github': 'GitHubStrategy',
  '@passport-kit/facebook': 'FacebookStrategy',
  '@passport-kit/twitter': 'TwitterStrategy',
  '@passport-kit/oidc': 'OpenIDConnectStrategy',
};

function __importDefault(mod) {
  // What TypeScript emits for `import X from '...'` in CommonJS output.
  return mod && mod.__esModule ? mod : { default: mod };
}

const modules = {};
for (const [name, constructorName] of Object.entries(CONSTRUCTORS)) {
  const mod = require(name);
  modules[name] = {
    isConstructor: typeof mod === 'function' && mod === mod[constructorName],
    strategyAlias: mod.Strategy === mod,
    importDefault: __importDefault(require(name)).default === mod,
    hasErrors: typeof (mod.InternalOAuthError ?? mod.APIError) === 'function',
  };
}

// passport-google-oauth20's shape: a function constructor calling the base on `this`.
const OAuth2Strategy = require('@passport-kit/oauth2');
function ExampleStrategy(options, verify) {
  options = options || {};
  options.authorizationURL = options.authorizationURL || 'https://provider.example/authorize';
  options.tokenURL = options.tokenURL || 'https://provider.example/token';
  OAuth2Strategy.call(this, options, verify);
  this.name = 'example';
  this._oauth2.useAuthorizationHeaderforGET(true);
}
util.inherits(ExampleStrategy, OAuth2Strategy);
ExampleStrategy.prototype.userProfile = function (accessToken, done) {
  done(null, { provider: 'example' });
};
const es5 = new ExampleStrategy({ clientID: 'client', clientSecret: 'secret' }, () => undefined);

class ClassStrategy extends require('@passport-kit/oauth2') {}
const extended = new ClassStrategy({ authorizationURL: 'https://p.example/a', tokenURL: 'https://p.example/t', clientID: 'c' }, () => undefined);

let missingOptions;
try {
  new OAuth2Strategy(() => undefined);
} catch (err) {
  missingOptions = err.message;
}

console.log(
  JSON.stringify({
    modules,
    es5: {
      name: es5.name,
      isStrategy: es5 instanceof OAuth2Strategy,
      superIsBase: ExampleStrategy.super_ === OAuth2Strategy,
      usesHeader: es5._oauth2._useAuthorizationHeaderForGET,
      clientId: es5._oauth2._clientId,
    },
    extended: { name: extended.name, isStrategy: extended instanceof OAuth2Strategy },
    missingOptions,
  }),
);
