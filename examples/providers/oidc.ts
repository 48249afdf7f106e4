// "Log in" with the generic OAuth2Strategy against a local OpenID Provider (panva's
// oidc-provider, the same one the tests use) started beside the app on loopback.
import type { Profile } from '@passport-kit/core';
import { Strategy, type OAuth2StrategyOptions } from '@passport-kit/oauth2';
import type passport from 'passport';
import { startOidcProvider } from '@passport-kit/test-support/oidc-provider';
import { APP_NAME } from '../pages.js';
import { verifyOAuth2Login } from '../user.js';
import type { AppOrigins, ProviderLogin } from './provider-login.js';

const CALLBACK_PATH = '/auth/oidc/callback';

/** OAuth2Strategy plus a `userProfile` that reads the OpenID Connect userinfo endpoint. */
class UserInfoStrategy extends Strategy {
  constructor(
    options: OAuth2StrategyOptions,
    verify: ConstructorParameters<typeof Strategy>[1],
    private readonly userInfoURL: string,
  ) {
    super(options, verify);
  }

  protected override async userProfile(accessToken: string): Promise<Profile> {
    const response = await this.requestResource(this.userInfoURL, accessToken);
    if (response.status !== 200) throw new Error(`userinfo answered ${response.status}`);
    const claims = JSON.parse(response.body) as Record<string, unknown>;
    const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined);
    const email = text('email');
    const picture = text('picture');
    return {
      provider: 'oidc',
      id: text('sub') ?? '',
      displayName: text('name') ?? text('sub') ?? '',
      ...(email ? { emails: [{ value: email }] } : {}),
      ...(picture ? { photos: [{ value: picture }] } : {}),
      _json: claims,
    };
  }
}

export interface OidcLoginOptions extends AppOrigins {
  /** The provider's port on 127.0.0.1. Default: a free one. */
  providerPort?: number;
}

export async function oidcLogin({ origins, providerPort }: OidcLoginOptions): Promise<ProviderLogin> {
  const op = await startOidcProvider({
    ...(providerPort !== undefined ? { port: providerPort } : {}),
    redirectURIs: origins.map((origin) => origin + CALLBACK_PATH),
    clientName: APP_NAME,
  });
  const { clientID, clientSecret } = op.clients.secretPost;
  const strategy = new UserInfoStrategy(
    {
      authorizationURL: op.authorizationURL,
      tokenURL: op.tokenURL,
      clientID,
      clientSecret,
      callbackURL: CALLBACK_PATH,
      scope: 'openid profile email',
      issuer: op.issuer,
    },
    verifyOAuth2Login,
    op.userInfoURL,
  );
  strategy.name = 'oidc';
  return {
    name: 'oidc',
    label: 'Log in with the local OpenID provider',
    target: op.issuer,
    strategy: strategy as unknown as passport.Strategy,
    close: () => op.close(),
  };
}
