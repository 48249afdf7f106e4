import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { authorizationHeader, signRequest } from '@passport-kit/oauth1';
import { request } from 'undici';
import { startEmulator, type Emulator } from '../src/index.js';
import { CALLBACK, get, pkcePair, postForm, withParams, type Reply } from './support/http.js';

/** Reads the consent form the way a browser would: its action and the fields it submits. */
function readForm(html: string): { action: string; hidden: Record<string, string>; users: string[]; checked: string | undefined } {
  const unescape = (v: string): string => v.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
  const action = unescape(/<form method="post" action="([^"]*)"/.exec(html)![1]!);
  const hidden: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) hidden[unescape(m[1]!)] = unescape(m[2]!);
  const users = [...html.matchAll(/<input type="radio" name="user" value="([^"]*)"/g)].map((m) => m[1]!);
  const checked = /<input type="radio" name="user" value="([^"]*)" checked>/.exec(html)?.[1];
  return { action, hidden, users, checked };
}

/** The application the page says is asking. */
function applicationName(html: string): string | undefined {
  return /The application <strong class="app">([^<]*)<\/strong> asks/.exec(html)?.[1];
}

describe('the consent page', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.close());

  const pkce = pkcePair();
  const oauth2: Array<{ name: string; url: () => string; params: Record<string, string>; deniedError: string }> = [
    { name: 'GitHub', url: () => emulator.github.authorizationURL, params: { client_id: 'github-client-id', scope: 'user:email' }, deniedError: 'access_denied' },
    { name: 'Facebook', url: () => emulator.facebook.authorizationURL, params: { client_id: '1234567890123456', scope: 'email' }, deniedError: 'access_denied' },
    {
      name: 'X',
      url: () => emulator.x.authorizationURL,
      params: { response_type: 'code', client_id: 'x-client-id', scope: 'users.read tweet.read', code_challenge: pkce.challenge, code_challenge_method: 'S256' },
      deniedError: 'access_denied',
    },
  ];

  for (const provider of oauth2) {
    describe(provider.name, () => {
      async function page(): Promise<Reply> {
        const reply = await get(withParams(provider.url(), { ...provider.params, redirect_uri: CALLBACK, state: 'st"<>' }));
        expect(reply.status).to.equal(200);
        expect(reply.headers['content-type']).to.equal('text/html; charset=utf-8');
        return reply;
      }

      it('shows every user and Approve / Deny, carrying the request through the form', async () => {
        const reply = await page();
        const form = readForm(reply.text);
        expect(form.action).to.equal(new URL(provider.url()).pathname);
        expect(form.users).to.deep.equal(['1001', '1002', '1003']);
        expect(form.checked).to.equal('1001');
        expect(form.hidden).to.include({ state: 'st"<>', redirect_uri: CALLBACK });
        expect(reply.text).to.contain('value="approve"').and.contain('value="deny"');
        expect(reply.text).to.not.contain('st"<>');
      });

      it('names the application by its client ID when it has no registered name', async () => {
        expect(applicationName((await page()).text)).to.equal(provider.params['client_id']);
      });

      it('names the application by its registered name', async () => {
        await emulator.close();
        const client = { clientID: provider.params['client_id']!, clientSecret: 'secret', name: 'Acme <Dashboard>' };
        emulator = await startEmulator({ clients: { github: client, facebook: client, x: client } });
        expect(applicationName((await page()).text)).to.equal('Acme &#60;Dashboard&#62;');
      });

      it('Approve as the chosen user redirects with a code', async () => {
        const form = readForm((await page()).text);
        const reply = await postForm(`${emulator.url}${form.action}`, { ...form.hidden, user: '1002', decision: 'approve' });
        expect(reply.status).to.equal(302);
        expect(reply.location().searchParams.get('code')).to.be.a('string');
        expect(reply.location().searchParams.get('state')).to.equal('st"<>');
      });

      it('Deny redirects with the provider’s denial', async () => {
        const form = readForm((await page()).text);
        const reply = await postForm(`${emulator.url}${form.action}`, { ...form.hidden, user: '1002', decision: 'deny' });
        expect(reply.location().searchParams.get('error')).to.equal(provider.deniedError);
      });
    });
  }

  describe('Twitter', () => {
    async function requestToken(): Promise<string> {
      const url = emulator.twitter.requestTokenURL;
      const { oauthParameters } = signRequest({
        method: 'POST',
        url,
        parameters: { oauth_callback: CALLBACK },
        consumerKey: 'twitter-consumer-key',
        consumerSecret: 'twitter-consumer-secret',
        signatureMethod: 'HMAC-SHA1',
        nonce: randomBytes(8).toString('hex'),
        timestamp: Math.floor(Date.now() / 1000),
      });
      const response = await request(url, { method: 'POST', headers: { authorization: authorizationHeader(oauthParameters) } });
      return new URLSearchParams(await response.body.text()).get('oauth_token')!;
    }

    it('names the app that asked for the request token by its registered name, else its consumer key', async () => {
      const unnamed = await get(withParams(emulator.twitter.authenticateURL, { oauth_token: await requestToken() }));
      expect(applicationName(unnamed.text)).to.equal('twitter-consumer-key');
      await emulator.close();
      emulator = await startEmulator({ clients: { twitter: { consumerKey: 'twitter-consumer-key', consumerSecret: 'twitter-consumer-secret', name: 'Acme Dashboard' } } });
      const named = await get(withParams(emulator.twitter.authenticateURL, { oauth_token: await requestToken() }));
      expect(applicationName(named.text)).to.equal('Acme Dashboard');
    });

    it('shows the page for a request token and approves as the chosen user', async () => {
      const token = await requestToken();
      const reply = await get(withParams(emulator.twitter.authenticateURL, { oauth_token: token, screen_name: 'alan' }));
      expect(reply.status).to.equal(200);
      const form = readForm(reply.text);
      expect(form.hidden).to.deep.equal({ oauth_token: token });
      expect(form.checked).to.equal('1003');
      const approved = await postForm(`${emulator.url}${form.action}`, { ...form.hidden, user: '1003', decision: 'approve' });
      expect(approved.status).to.equal(302);
      expect(approved.location().searchParams.get('oauth_token')).to.equal(token);
      expect(approved.location().searchParams.get('oauth_verifier')).to.be.a('string');
    });
  });
});
