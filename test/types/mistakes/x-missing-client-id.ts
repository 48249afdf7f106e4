// first error: Property 'clientID' is missing
import { XStrategy } from '@passport-kit/twitter';

new XStrategy({ clientSecret: 'secret' }, (_accessToken, _refreshToken, profile, done) => done(null, { id: profile.id }));
