import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const script = fileURLToPath(new URL('./support/cross-host-login.ts', import.meta.url));

async function runCrossHostLogin(env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, NODE_DEBUG: '', ...env }, timeout: 30_000 });
}

describe('NODE_DEBUG=passport-kit', () => {
  it('explains a login begun on localhost whose callback came to 127.0.0.1, with the fix', async () => {
    const { stdout, stderr } = await runCrossHostLogin({ NODE_DEBUG: 'passport-kit' });
    const { state, status, location } = JSON.parse(stdout) as { state: string; status: number; location: string };
    expect({ status, location }).to.deep.equal({ status: 302, location: '/login' });
    const lines = stderr.split('\n').filter((line) => line.startsWith('PASSPORT-KIT '));
    const steps = lines.map((line) => line.replace(/^PASSPORT-KIT \d+: oauth2 login \S{8} /, ''));
    expect(steps).to.deep.equal([
      'started on http://localhost:3000: to http://127.0.0.1:4999/authorize, callback http://127.0.0.1:3000/auth/callback, PKCE S256',
      'note: the callback goes to http://127.0.0.1:3000, not http://localhost:3000 where the login began; the browser will not send ' +
        'http://localhost:3000\'s cookies there, so the state check will fail. Open the app at http://127.0.0.1:3000, or use a relative callbackURL.',
      'callback to http://127.0.0.1:3000/auth/callback (code, state)',
      'state check failed (missing): no pending login in this browser: the login began on http://localhost:3000 and the callback came to ' +
        'http://127.0.0.1:3000; cookies do not cross hosts. Fix: open the app at http://127.0.0.1:3000, or make callbackURL point to ' +
        'http://localhost:3000 (a relative callbackURL follows the host the login began on).',
      'failed (403, missing): Unable to verify authorization request state.',
    ]);
    for (const secret of [state, 'code-cross-host', 'client-secret-cross-host']) expect(stderr).not.to.include(secret);
  });

  it('writes nothing without it', async () => {
    const { stderr } = await runCrossHostLogin({});
    expect(stderr).not.to.include('PASSPORT-KIT');
  });
});
