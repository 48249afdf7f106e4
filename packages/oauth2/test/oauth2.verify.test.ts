import { expect } from 'chai';
import nock from 'nock';
import { OAuth2Strategy, type OAuth2StrategyOptions, type OAuth2VerifyFunction, type ProfileCallback, type VerifyCallback } from '@passport-kit/oauth2';
import { AUTHORIZATION_URL, Browser, CALLBACK_URL, PROVIDER, TOKEN_URL, loginApp, type LoginAppOptions, type Outcome } from '@passport-kit/test-support/login-app';

const ACCESS_TOKEN = 'access-1';
const TOKEN_RESPONSE = { access_token: ACCESS_TOKEN, refresh_token: 'refresh-1', token_type: 'Bearer', expires_in: 3600, id_token: 'header.payload.signature' };
// node-oauth hands passport-oauth2 the response without refresh_token (it is the second argument).
const { refresh_token: _refreshToken, ...PARAMS } = TOKEN_RESPONSE;

type Done = VerifyCallback;

const OPTIONS: OAuth2StrategyOptions = { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'client-1', clientSecret: 'secret-1', callbackURL: CALLBACK_URL };

function strategy(verify: OAuth2VerifyFunction<never, never>, options: Partial<OAuth2StrategyOptions> = {}) {
  return new OAuth2Strategy({ ...OPTIONS, ...options }, verify);
}

/** A whole login: redirect, token endpoint answering TOKEN_RESPONSE, callback. */
async function login(s: OAuth2Strategy, options: LoginAppOptions = {}): Promise<Outcome & { errors: unknown[] }> {
  const errors: unknown[] = [];
  const browser = new Browser(loginApp(s, { onError: (err) => errors.push(err), ...options }));
  const authorization = await browser.startLogin();
  nock(PROVIDER).post('/token').reply(200, TOKEN_RESPONSE);
  const outcome = await browser.callback({ code: 'code-1', state: authorization.get('state') ?? '' });
  return { ...outcome, errors };
}

class ProfileStrategy extends OAuth2Strategy {
  profileCalls: string[] = [];

  protected override userProfile(accessToken: string, done: ProfileCallback): void {
    this.profileCalls.push(accessToken);
    done(null, { provider: 'example', id: 'p-1' });
  }
}

describe('OAuth2Strategy', () => {
  describe('calling verify', () => {
    describe('by arity, as passport-oauth2 does', () => {
      it('passes (accessToken, refreshToken, profile, done) to a 4-argument verify', async () => {
        let args: unknown[] = [];
        const outcome = await login(strategy((accessToken: string, refreshToken: string | undefined, profile: unknown, done: Done) => {
          args = [accessToken, refreshToken, profile];
          done(null, { id: 'user-1' });
        }));

        expect(outcome.status).to.equal(200);
        expect(outcome.user).to.deep.equal({ id: 'user-1' });
        expect(args).to.deep.equal([ACCESS_TOKEN, 'refresh-1', {}]);
      });

      it('passes the token response as params to a 5-argument verify, without refresh_token as node-oauth gives it', async () => {
        let args: unknown[] = [];
        await login(strategy((accessToken: string, refreshToken: string | undefined, params: Record<string, unknown>, profile: unknown, done: Done) => {
          args = [accessToken, refreshToken, params, profile];
          done(null, { id: 'user-1' });
        }));

        expect(args).to.deep.equal([ACCESS_TOKEN, 'refresh-1', PARAMS, {}]);
      });

      it('passes req first with passReqToCallback and a 5-argument verify', async () => {
        let args: unknown[] = [];
        const outcome = await login(
          strategy((req: { query: Record<string, string> }, accessToken: string, refreshToken: string | undefined, profile: unknown, done: Done) => {
            args = [req.query['code'], accessToken, refreshToken, profile];
            done(null, { id: 'user-1' });
          }, { passReqToCallback: true }),
        );

        expect(outcome.status).to.equal(200);
        expect(args).to.deep.equal(['code-1', ACCESS_TOKEN, 'refresh-1', {}]);
      });

      it('passes req and params with passReqToCallback and a 6-argument verify', async () => {
        let args: unknown[] = [];
        await login(
          strategy(
            (req: { query: Record<string, string> }, accessToken: string, refreshToken: string | undefined, params: Record<string, unknown>, profile: unknown, done: Done) => {
              args = [req.query['code'], accessToken, refreshToken, params, profile];
              done(null, { id: 'user-1' });
            },
            { passReqToCallback: true },
          ),
        );

        expect(args).to.deep.equal(['code-1', ACCESS_TOKEN, 'refresh-1', PARAMS, {}]);
      });

      it('treats a NestJS-style (...args) verify (arity 0) as the 4-argument form', async () => {
        let args: unknown[] = [];
        const outcome = await login(strategy((...received: unknown[]) => {
          args = received;
          (received[3] as Done)(null, { id: 'nest-user' });
        }));

        expect(outcome.user).to.deep.equal({ id: 'nest-user' });
        expect(args).to.have.length(4);
        expect(args.slice(0, 3)).to.deep.equal([ACCESS_TOKEN, 'refresh-1', {}]);
      });

      it('treats (...args) with passReqToCallback as (req, accessToken, refreshToken, profile, done)', async () => {
        let args: unknown[] = [];
        await login(strategy((...received: unknown[]) => {
          args = received;
          (received[4] as Done)(null, { id: 'nest-user' });
        }, { passReqToCallback: true }));

        expect(args).to.have.length(5);
        expect((args[0] as { query: Record<string, string> }).query['code']).to.equal('code-1');
        expect(args.slice(1, 4)).to.deep.equal([ACCESS_TOKEN, 'refresh-1', {}]);
      });
    });

    describe('a verify that returns a promise', () => {
      it('logs in the user it resolves to', async () => {
        const outcome = await login(strategy(async (accessToken: string) => ({ id: 'async-user', accessToken })));

        expect(outcome.status).to.equal(200);
        expect(outcome.user).to.deep.equal({ id: 'async-user', accessToken: ACCESS_TOKEN });
      });

      it('fails when it resolves to false', async () => {
        const outcome = await login(strategy(async () => false));

        expect(outcome.status).to.equal(401);
        expect(outcome.user).to.equal(undefined);
      });

      it('errors with the rejection', async () => {
        const outcome = await login(strategy(async () => {
          throw new Error('database down');
        }));

        expect(outcome.status).to.equal(500);
        expect(outcome.error).to.deep.include({ name: 'Error', message: 'database down' });
      });
    });

    describe('what verify reports', () => {
      it('fails with the info of done(null, false, info)', async () => {
        const outcome = await login(strategy((_at: string, _rt: string | undefined, _p: unknown, done: Done) => done(null, false, { message: 'Account suspended' })));

        expect(outcome.status).to.equal(401);
        expect(outcome.failure).to.deep.equal({ message: 'Account suspended' });
      });

      it('errors with the error of done(err)', async () => {
        const outcome = await login(strategy((_at: string, _rt: string | undefined, _p: unknown, done: Done) => done(new Error('lookup failed'))));

        expect(outcome.status).to.equal(500);
        expect(outcome.error).to.deep.include({ message: 'lookup failed' });
      });

      it('errors, without crashing the app, when verify throws', async () => {
        const outcome = await login(strategy(() => {
          throw new TypeError('Cannot read properties of undefined');
        }));

        expect(outcome.status).to.equal(500);
        expect(outcome.error).to.deep.include({ name: 'TypeError', message: 'Cannot read properties of undefined' });
      });

      it('passes the info of done(null, user, info) on to req.authInfo', async () => {
        const outcome = await login(strategy((_at: string, _rt: string | undefined, _p: unknown, done: Done) => done(null, { id: 'u' }, { scope: 'read' })));

        expect(outcome.authInfo).to.deep.equal({ scope: 'read' });
      });

      it("returns the app's state from authenticate({ state }) as info.state", async () => {
        const outcome = await login(
          strategy((_at: string, _rt: string | undefined, _p: unknown, done: Done) => done(null, { id: 'u' }, { scope: 'read' })),
          { loginOptions: { state: { returnTo: '/x' } } },
        );

        expect(outcome.status).to.equal(200);
        expect(outcome.authInfo).to.deep.equal({ scope: 'read', state: { returnTo: '/x' } });
      });

      it('ignores a second call of done', async () => {
        const outcome = await login(strategy((_at: string, _rt: string | undefined, _p: unknown, done: Done) => {
          done(null, { id: 'first' });
          done(new Error('second call'));
          done(null, { id: 'third' });
        }));

        expect(outcome.status).to.equal(200);
        expect(outcome.user).to.deep.equal({ id: 'first' });
        expect(outcome.errors).to.deep.equal([]);
      });

      it('lets done win over a promise the verify also returns', async () => {
        const outcome = await login(strategy(async (_at: string, _rt: string | undefined, _p: unknown, done: Done) => {
          done(null, { id: 'from-done' });
          return { id: 'from-promise' };
        }));

        expect(outcome.user).to.deep.equal({ id: 'from-done' });
      });
      it('waits for done when an async verify resolves to undefined and calls done later', async () => {
        const outcome = await login(strategy(async (_at: string, _rt: string | undefined, _p: unknown, done: Done) => {
          setTimeout(() => done(null, { id: 'callback-user' }), 10);
        }));

        expect(outcome.status).to.equal(200);
        expect(outcome.user).to.deep.equal({ id: 'callback-user' });
      });
    });
  });

  describe('loading the profile', () => {
    const verifyProfile = (_at: string, _rt: string | undefined, profile: unknown, done: Done) => done(null, { id: 'u', profile: profile ?? null });

    it('loads it through userProfile with the access token by default', async () => {
      const s = new ProfileStrategy(OPTIONS, verifyProfile);
      const outcome = await login(s);

      expect(s.profileCalls).to.deep.equal([ACCESS_TOKEN]);
      expect(outcome.user).to.deep.equal({ id: 'u', profile: { provider: 'example', id: 'p-1' } });
    });

    for (const [label, skipUserProfile] of [
      ['true', true],
      ['a function returning true', (accessToken: string) => accessToken === ACCESS_TOKEN],
      ['a callback function', (accessToken: string, done: (err: unknown, skip?: boolean) => void) => done(null, accessToken === ACCESS_TOKEN)],
      ['a function returning a promise of true', async (accessToken: string) => accessToken === ACCESS_TOKEN],
    ] as const) {
      it(`skips it when skipUserProfile is ${label}`, async () => {
        const s = new ProfileStrategy({ ...OPTIONS, skipUserProfile }, verifyProfile);
        const outcome = await login(s);

        expect(outcome.status).to.equal(200);
        expect(s.profileCalls).to.deep.equal([]);
        expect(outcome.user).to.deep.equal({ id: 'u', profile: null });
      });
    }

    for (const [label, skipUserProfile] of [
      ['false', false],
      ['a function returning false', () => false],
      ['a callback function answering false', (_at: string, done: (err: unknown, skip?: boolean) => void) => done(null, false)],
      ['a function returning a promise of false', async () => false],
    ] as const) {
      it(`loads it when skipUserProfile is ${label}`, async () => {
        const s = new ProfileStrategy({ ...OPTIONS, skipUserProfile }, verifyProfile);
        await login(s);

        expect(s.profileCalls).to.deep.equal([ACCESS_TOKEN]);
      });
    }

    it('errors when a skipUserProfile callback reports an error', async () => {
      const s = new ProfileStrategy({ ...OPTIONS, skipUserProfile: (_at: string, done: (err: unknown) => void) => done(new Error('flag service down')) }, verifyProfile);
      const outcome = await login(s);

      expect(outcome.status).to.equal(500);
      expect(outcome.error).to.deep.include({ message: 'flag service down' });
    });

    it('uses a userProfile override that returns a promise', async () => {
      class PromiseProfile extends OAuth2Strategy {
        protected override async userProfile(accessToken: string): Promise<unknown> {
          return { provider: 'example', id: `for-${accessToken}` };
        }
      }
      const outcome = await login(new PromiseProfile(OPTIONS, verifyProfile));

      expect(outcome.user).to.deep.equal({ id: 'u', profile: { provider: 'example', id: `for-${ACCESS_TOKEN}` } });
    });

    it('errors with the error a userProfile callback reports, without calling verify', async () => {
      let verified = false;
      class FailingProfile extends OAuth2Strategy {
        protected override userProfile(_accessToken: string, done: ProfileCallback): void {
          done(new Error('Failed to fetch user profile'));
        }
      }
      const outcome = await login(new FailingProfile(OPTIONS, (_at: string, _rt: string | undefined, _p: unknown, done: Done) => {
        verified = true;
        done(null, { id: 'u' });
      }));

      expect(outcome.status).to.equal(500);
      expect(outcome.error).to.deep.include({ message: 'Failed to fetch user profile' });
      expect(verified).to.equal(false);
    });

    it('errors with the rejection of a userProfile promise', async () => {
      class RejectingProfile extends OAuth2Strategy {
        protected override async userProfile(): Promise<unknown> {
          throw new Error('profile endpoint down');
        }
      }
      const outcome = await login(new RejectingProfile(OPTIONS, verifyProfile));

      expect(outcome.status).to.equal(500);
      expect(outcome.error).to.deep.include({ message: 'profile endpoint down' });
    });
    it('waits for done when an async userProfile resolves to undefined and calls done later', async () => {
      class CallbackInAsync extends OAuth2Strategy {
        protected override async userProfile(_accessToken: string, done: ProfileCallback): Promise<void> {
          setTimeout(() => done(null, { id: 'p-late' }), 10);
        }
      }
      const outcome = await login(new CallbackInAsync(OPTIONS, verifyProfile));

      expect(outcome.user).to.deep.equal({ id: 'u', profile: { id: 'p-late' } });
    });

    it('ignores a second call of the userProfile callback', async () => {
      class TwiceProfile extends OAuth2Strategy {
        protected override userProfile(_accessToken: string, done: ProfileCallback): void {
          done(null, { id: 'p-1' });
          done(new Error('second call'));
        }
      }
      const outcome = await login(new TwiceProfile(OPTIONS, verifyProfile));

      expect(outcome.status).to.equal(200);
      expect(outcome.user).to.deep.equal({ id: 'u', profile: { id: 'p-1' } });
    });
  });
});
