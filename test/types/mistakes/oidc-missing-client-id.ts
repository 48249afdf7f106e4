// first error: Property 'clientID' is missing
import { OpenIDConnectStrategy } from '@passport-kit/oidc';

new OpenIDConnectStrategy({ issuer: 'https://op.example', authorizationURL: 'https://op.example/a', tokenURL: 'https://op.example/t' }, (_accessToken, _refreshToken, profile, done) => done(null, { id: profile.id }));
