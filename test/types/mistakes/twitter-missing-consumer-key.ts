// first error: Property 'consumerKey' is missing
import { TwitterStrategy } from '@passport-kit/twitter';

new TwitterStrategy({ consumerSecret: 'secret' }, (_token, _tokenSecret, profile, done) => done(null, { id: profile.id }));
