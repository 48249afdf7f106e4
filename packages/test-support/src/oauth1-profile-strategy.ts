// A provider-package-shaped subclass: it loads the profile with fetchProtectedResource.
import type { Profile } from '@passport-kit/core';
import { OAuth1Strategy, type OAuth1StrategyOptions, type TokenParams, type VerifyFunction } from '@passport-kit/oauth1';

export class ProfileStrategy extends OAuth1Strategy {
  private readonly profileURL: string;

  constructor(options: OAuth1StrategyOptions & { profileURL: string }, verify: VerifyFunction) {
    super(options, verify);
    this.name = 'example';
    this.profileURL = options.profileURL;
  }

  protected override async userProfile(token: string, tokenSecret: string, _params: TokenParams): Promise<Profile> {
    const { body } = await this.fetchProtectedResource(this.profileURL, token, tokenSecret);
    const json = JSON.parse(body) as { id: string; username: string; displayName: string };
    return { provider: 'example', id: json.id, username: json.username, displayName: json.displayName, _raw: body, _json: json };
  }
}
