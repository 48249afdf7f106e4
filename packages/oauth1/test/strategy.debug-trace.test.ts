import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const script = fileURLToPath(new URL('./support/cross-host-login.ts', import.meta.url));

async function runCrossHostLogin(env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, NODE_DEBUG: '', ...env }, timeout: 30_000 });
}

describe('NODE_DEBUG=passport-kit with OAuth1Strategy', () => {
  it('explains a login begun on localhost whose callback came to 127.0.0.1, with the fix', async () => {
    const { stdout, stderr } = await runCrossHostLogin({ NODE_DEBUG: 'passport-kit' });
    const { provider, requestToken, verifier, status, location } = JSON.parse(stdout) as Record<string, string | number>;
    expect({ status, location }).to.deep.equal({ status: 302, location: '/login' });
    const lines = stderr.split('\n').filter((line) => line.startsWith('PASSPORT-KIT '));
    const steps = lines.map((line) => line.replace(/^PASSPORT-KIT \d+: oauth login (\S{8} )?/, '').replace(/in [\d.]+ ms$/, 'in N ms'));
    expect(steps).to.deep.equal([
      `token request POST ${provider}/oauth/request_token -> 200 in N ms`,
      `started on http://localhost:3000: to ${provider}/oauth/authorize, callback http://127.0.0.1:3000/auth/callback`,
      'note: the callback goes to http://127.0.0.1:3000, not http://localhost:3000 where the login began; the browser will not send ' +
        'http://localhost:3000\'s cookies there, so the request token check will fail. Open the app at http://127.0.0.1:3000, or use a relative callbackURL.',
      'callback to http://127.0.0.1:3000/auth/callback (oauth_verifier, oauth_token)',
      'request token check failed (missing): no pending login in this browser: the login began on http://localhost:3000 and the callback came to ' +
        'http://127.0.0.1:3000; cookies do not cross hosts. Fix: open the app at http://127.0.0.1:3000, or make callbackURL point to ' +
        'http://localhost:3000 (a relative callbackURL follows the host the login began on).',
      'failed (403, missing): Failed to find request token in session',
    ]);
    for (const secret of [String(requestToken), String(verifier), 'consumer-secret-cross-host']) expect(stderr).not.to.include(secret);
  });

  it('writes nothing without it', async () => {
    const { stderr } = await runCrossHostLogin({});
    expect(stderr).not.to.include('PASSPORT-KIT');
  });
});
