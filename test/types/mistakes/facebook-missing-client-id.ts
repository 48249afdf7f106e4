// first error: Property 'clientID' is missing
import { FacebookStrategy } from '@passport-kit/facebook';

new FacebookStrategy({ clientSecret: 'secret' }, (_accessToken, _refreshToken, profile, done) => done(null, { id: profile.id }));
