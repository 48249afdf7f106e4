// Replays an oauth1 recording with nock, insisting on what a provider would: each recorded
// exchange is answered once, in order, and only if the request's Authorization header carries
// the recorded protocol parameters (consumer key, token, callback, verifier, method, version)
// and a signature that verifies over this request with the consumer secret and the token
// secret the recording handed out. The nonce, timestamp and signature differ on every run.
import { parseFormEncoded, signatureBaseString, verifySignature, type SignatureMethod } from '@passport-kit/oauth1';
import nock from 'nock';
import { parseAuthorization } from '@passport-kit/testing';
import { loadRecording, type Recording } from './recordings.js';

export interface OAuth1Context extends Record<string, string> {
  providerURL: string;
  consumerKey: string;
  consumerSecret: string;
  callbackURL: string;
}

const VOLATILE = new Set(['oauth_nonce', 'oauth_timestamp', 'oauth_signature']);

/** What the replay saw: one entry per request the strategy sent, with its protocol parameters. */
export interface ReplayLog {
  requests: { path: string; oauth: Record<string, string>; signatureValid: boolean }[];
}

export function replayOAuth1<C extends OAuth1Context>(path: string, options: { consumerSecret?: string } = {}): Recording<C> & ReplayLog {
  const recording = loadRecording<C>(path);
  const consumerSecret = options.consumerSecret ?? recording.context.consumerSecret;
  // Token secrets the provider handed out in this recording, by token.
  const tokenSecrets = new Map<string, string>();
  for (const def of recording.definitions) {
    if (typeof def.response !== 'string') continue;
    const fields = new Map(parseFormEncoded(def.response));
    const token = fields.get('oauth_token');
    const secret = fields.get('oauth_token_secret');
    if (token && secret) tokenSecrets.set(token, secret);
  }
  const log: ReplayLog = { requests: [] };
  nock.define(
    recording.definitions.map((def) => {
      const recorded = def.reqheaders?.authorization;
      if (typeof recorded !== 'string') return def;
      const expected = stable(parseAuthorization(recorded));
      const body = typeof def.body === 'string' ? parseFormEncoded(def.body) : [];
      return {
        ...def,
        reqheaders: {
          ...def.reqheaders,
          authorization: (value: string) => {
            const sent = parseAuthorization(value);
            const oauth = Object.fromEntries(sent);
            const base = signatureBaseString(def.method ?? 'GET', `${def.scope}${def.path}`, [...body, ...sent]);
            const signatureValid = verifySignature(oauth.oauth_signature_method as SignatureMethod, base, oauth.oauth_signature ?? '', {
              consumerSecret,
              tokenSecret: tokenSecrets.get(oauth.oauth_token ?? '') ?? '',
            });
            const matches = signatureValid && JSON.stringify(stable(sent)) === JSON.stringify(expected);
            // nock may ask more than once per request; log each request once.
            if (matches && log.requests.at(-1)?.oauth.oauth_nonce !== oauth.oauth_nonce) log.requests.push({ path: String(def.path), oauth, signatureValid });
            return matches;
          },
        },
      } as nock.Definition;
    }),
  );
  return Object.assign(recording, log);
}

function stable(pairs: readonly (readonly [string, string])[]): [string, string][] {
  return pairs.filter(([name]) => !VOLATILE.has(name)).map(([n, v]) => [n, v] as [string, string]).sort(([a], [b]) => (a < b ? -1 : 1));
}
