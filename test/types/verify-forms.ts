// What an app's verify callbacks are typed as, checked by `npm run typecheck` (the file never
// runs). Exact types are compared with `Equal`; each @ts-expect-error is a mistake to catch.
import type { PassportRequest, VerifyCallback } from '@passport-kit/core';
import { FacebookStrategy } from '@passport-kit/facebook';
import { GitHubStrategy, type GitHubProfile, type GitHubVerifyFunctionWithParams, type GitHubVerifyFunctionWithRequestAndParams } from '@passport-kit/github';
import { OAuth1Strategy } from '@passport-kit/oauth1';
import { OAuth2Strategy, type TokenResponseParams } from '@passport-kit/oauth2';
import { OpenIDConnectStrategy, type OpenIDConnectProfile, type OpenIDConnectVerifyFunctionWithParams } from '@passport-kit/oidc';
import { TwitterStrategy, XStrategy, type TwitterProfile, type XProfile } from '@passport-kit/twitter';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_check?: T): void {}

const github = { clientID: 'id', clientSecret: 'secret' };

// The 4-argument form: every parameter typed without annotations.
new GitHubStrategy(github, (accessToken, refreshToken, profile, done) => {
  expectType<Equal<typeof accessToken, string>>();
  expectType<Equal<typeof refreshToken, string | undefined>>();
  expectType<Equal<typeof profile, GitHubProfile>>();
  expectType<Equal<typeof done, VerifyCallback>>();
  done(null, { id: profile.id });
});
new FacebookStrategy({ clientID: 'id' }, (_accessToken, _refreshToken, profile, done) => done(null, { id: profile.id }));
new XStrategy({ clientID: 'id' }, (_accessToken, _refreshToken, profile, done) => done(null, { id: profile.id, handle: profile.username satisfies XProfile['username'] }));
new TwitterStrategy({ consumerKey: 'k', consumerSecret: 's' }, (token, tokenSecret, profile, done) => {
  expectType<Equal<typeof tokenSecret, string>>();
  expectType<Equal<typeof profile, TwitterProfile>>();
  done(null, { id: profile.id, token });
});
new OpenIDConnectStrategy({ clientID: 'id', issuer: 'https://op.example', authorizationURL: 'https://op.example/a', tokenURL: 'https://op.example/t' }, (_at, _rt, profile, done) => {
  expectType<Equal<typeof profile, OpenIDConnectProfile>>();
  done(null, { id: profile.id });
});
new OAuth2Strategy({ authorizationURL: 'https://p.example/a', tokenURL: 'https://p.example/t', clientID: 'id' }, (accessToken, _refreshToken, _profile, done) => done(null, { accessToken }));
new OAuth1Strategy(
  { requestTokenURL: 'https://p.example/r', accessTokenURL: 'https://p.example/a', userAuthorizationURL: 'https://p.example/u', consumerKey: 'k', consumerSecret: 's' },
  (token, _tokenSecret, profile, done) => done(null, { token, id: profile.id }),
);

// Promise-returning forms: the user is what the promise resolves to.
new GitHubStrategy(github, async (_accessToken, _refreshToken, profile) => ({ id: profile.id }));

// With passReqToCallback: req is the app's request, req.user the logged-in user (account linking).
new GitHubStrategy({ ...github, passReqToCallback: true }, (req, _accessToken, _refreshToken, profile, done) => {
  expectType<Equal<typeof req, PassportRequest>>();
  const linking: Express.User | undefined = req.user;
  done(null, linking ?? { id: profile.id });
});
new TwitterStrategy({ consumerKey: 'k', consumerSecret: 's', passReqToCallback: true }, (req, _token, _tokenSecret, profile, done) => done(null, req.user ?? { id: profile.id }));
new XStrategy({ clientID: 'id', passReqToCallback: true }, (req, _at, _rt, profile, done) => done(null, req.user ?? { id: profile.id }));
new FacebookStrategy({ clientID: 'id', passReqToCallback: true }, (req, _at, _rt, profile, done) => done(null, req.user ?? { id: profile.id }));

// Another framework's request (Fastify, Koa): annotate req, the rest is still inferred.
interface FrameworkRequest {
  id: string;
  headers: Record<string, string | string[] | undefined>;
  user?: { id: string };
}
new GitHubStrategy({ ...github, passReqToCallback: true }, (req: FrameworkRequest, _at, _rt, profile, done) => {
  expectType<Equal<typeof profile, GitHubProfile>>();
  done(null, req.user ?? { id: profile.id });
});

// The 5-argument (params) forms: TypeScript types an inline callback's parameters from the first
// overload whose options fit, which is the 4-argument form's, so these need their type named.
const withParams: GitHubVerifyFunctionWithParams = (_accessToken, _refreshToken, params, profile, done) => {
  expectType<Equal<typeof params, TokenResponseParams>>();
  done(null, { id: profile.id, expiresIn: params['expires_in'] });
};
new GitHubStrategy(github, withParams);
new GitHubStrategy(github, ((_at, _rt, params, profile, done) => done(null, { id: profile.id, scope: params['scope'] })) satisfies GitHubVerifyFunctionWithParams);
const withRequestAndParams: GitHubVerifyFunctionWithRequestAndParams = (req, _at, _rt, params, profile, done) => done(null, req.user ?? { id: profile.id, params });
new GitHubStrategy({ ...github, passReqToCallback: true }, withRequestAndParams);
const oidcWithParams: OpenIDConnectVerifyFunctionWithParams = (_at, _rt, params, profile, done) => done(null, { id: profile.id, claims: params['id_token_claims'] });
new OpenIDConnectStrategy({ clientID: 'id', issuer: 'https://op.example', authorizationURL: 'https://op.example/a', tokenURL: 'https://op.example/t' }, oidcWithParams);

// Mistakes caught.
// @ts-expect-error: a verify with params form needs passReqToCallback: true to take req.
new GitHubStrategy(github, withRequestAndParams);
// @ts-expect-error: a verify without req cannot be used with passReqToCallback: true.
new GitHubStrategy({ ...github, passReqToCallback: true }, withParams);
// @ts-expect-error: clientID is required.
new GitHubStrategy({ clientSecret: 'secret' }, (_at, _rt, profile, done) => done(null, { id: profile.id }));
