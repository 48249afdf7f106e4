// first error: Property 'clientID' is missing
import { GitHubStrategy } from '@passport-kit/github';

new GitHubStrategy({ clientSecret: 'secret', callbackURL: '/cb' }, (_accessToken, _refreshToken, profile, done) => done(null, { id: profile.id }));
