// first error: 'name' does not exist in type 'User'
import { GitHubStrategy } from '@passport-kit/github';

new GitHubStrategy({ clientID: 'id' }, (_accessToken, _refreshToken, profile, done) => done(null, { name: profile.displayName }));
