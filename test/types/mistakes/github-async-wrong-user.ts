// first error: Type '{ name: string; }' is not assignable to type 'void | VerifiedUser | undefined'
import { GitHubStrategy } from '@passport-kit/github';

new GitHubStrategy({ clientID: 'id' }, async (_accessToken, _refreshToken, profile) => ({ name: profile.displayName }));
