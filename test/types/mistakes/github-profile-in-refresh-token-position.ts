// first error: Types of parameters 'profile' and 'refreshToken' are incompatible
import type { VerifyCallback } from '@passport-kit/core';
import { GitHubStrategy, type GitHubProfile } from '@passport-kit/github';

// Forgot refreshToken, with the parameters annotated.
new GitHubStrategy({ clientID: 'id' }, (_accessToken: string, profile: GitHubProfile, done: VerifyCallback) => done(null, { id: profile.id }));
