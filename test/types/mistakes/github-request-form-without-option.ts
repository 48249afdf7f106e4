// first error: Types of parameters 'req' and 'accessToken' are incompatible
import type { VerifyCallback } from '@passport-kit/core';
import { GitHubStrategy, type GitHubProfile } from '@passport-kit/github';
import type { PassportRequest } from '@passport-kit/oauth2';

// A verify taking req, without passReqToCallback: true.
new GitHubStrategy({ clientID: 'id' }, (req: PassportRequest, _accessToken: string, _refreshToken: string | undefined, profile: GitHubProfile, done: VerifyCallback) =>
  done(null, { id: req.user?.id ?? profile.id }),
);
