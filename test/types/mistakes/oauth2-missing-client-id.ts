// first error: Property 'clientID' is missing
import { OAuth2Strategy } from '@passport-kit/oauth2';

new OAuth2Strategy({ authorizationURL: 'https://p.example/authorize', tokenURL: 'https://p.example/token' }, (_accessToken, _refreshToken, _profile, done) => done(null, { id: '1' }));
