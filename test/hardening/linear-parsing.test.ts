// Every parser that reads provider or request text, fed 100 KB built to make a backtracking
// regular expression go quadratic: each must finish well under 50 ms. A correctness bound
// against blow-up (50 KB of `<error ` took about a second before), not a benchmark.
import { performance } from 'node:perf_hooks';
import { expect } from 'chai';
import { CookieTransactionStore, originalURL, readParam, resolveCallbackURL, type IncomingRequest } from '@passport-kit/core';
import { readBearerToken } from '../../packages/bearer/src/bearer-token.js';
import { FacebookStrategy } from '@passport-kit/facebook';
import { GitHubStrategy } from '@passport-kit/github';
import { parseFormEncoded, providerErrorMessage, xmlErrorElement } from '@passport-kit/oauth1';
import { parseOAuthErrorBody } from '../../packages/oauth2/src/parse-error-response.js';
import { parseTokenBody } from '../../packages/oauth2/src/token-response.js';
import { TwitterStrategy } from '@passport-kit/twitter';
import { readTwitterError, readXError } from '../../packages/twitter/src/lib/error-bodies.js';

const SIZE = 100 * 1024;
const BOUND_MS = 50;

const repeat = (unit: string, tail = '') => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE) + tail;

/** Bodies and header values shaped against the usual regular-expression pitfalls. */
const HOSTILE: Record<string, string> = {
  'open <error tags without >': repeat('<error '),
  '<error without a space': repeat('<error'),
  'unclosed <error> elements': repeat('<error>a'),
  '<error code=" without a quote': `<error code="${repeat('1')}`,
  'angle brackets': repeat('<'),
  'one huge attribute': `<error ${repeat('a')}`,
  'JSON that never closes': `{"errors":[${repeat('{"message":"a",')}`,
  'problem type paths': `{"title":"t","type":"${repeat('/problems/a')}!"}`,
  'form pairs': repeat('a=&'),
  'oauth_problem with escapes': `oauth_problem=${repeat('%2')}`,
  'whitespace': repeat(' \t', 'x'),
  'entities': repeat('&amp'),
  'equals signs': repeat('='),
  'commas and spaces': repeat(', '),
};

const facebook = new FacebookStrategy({ clientID: 'app-id', clientSecret: 'app-secret', callbackURL: 'http://app.test/cb' }, () => undefined);
const github = new GitHubStrategy({ clientID: 'client-id', clientSecret: 'client-secret', callbackURL: 'http://app.test/cb' }, () => undefined);
const twitter = new TwitterStrategy({ consumerKey: 'key', consumerSecret: 'consumer-secret', callbackURL: 'http://app.test/cb' }, () => undefined);
const hook = (strategy: object) => (body: string) =>
  (strategy as { parseErrorResponse(body: string, status: number): unknown }).parseErrorResponse(body, 400);
const cookies = new CookieTransactionStore({ secret: 'a-cookie-secret-of-at-least-32-chars!' });

function request(headers: IncomingRequest['headers'], url = '/cb'): IncomingRequest {
  return { url, headers, socket: { remoteAddress: '127.0.0.1' } };
}

/** Each parser, called on one hostile text. */
const PARSERS: Record<string, (text: string) => unknown> = {
  'oauth1 providerErrorMessage': providerErrorMessage,
  'oauth1 xmlErrorElement': xmlErrorElement,
  'oauth1 parseFormEncoded': parseFormEncoded,
  'oauth2 parseOAuthErrorBody': parseOAuthErrorBody,
  'oauth2 parseTokenBody': (text) => parseTokenBody(text, 'application/x-www-form-urlencoded'),
  'twitter readTwitterError': (text) => readTwitterError(text, ['consumer-secret']),
  'x readXError': (text) => readXError(text, ['client-secret']),
  'TwitterStrategy parseErrorResponse': hook(twitter),
  'FacebookStrategy parseErrorResponse': hook(facebook),
  'GitHubStrategy parseErrorResponse': hook(github),
  'bearer readBearerToken': (text) => readBearerToken(request({ authorization: `Bearer ${text}`, cookie: `at=${text}` }), 'at'),
  'core cookie store take': (text) => cookies.take(request({ cookie: `pk.tx.a=${text}; ${text}` }), 'handle'),
  'core originalURL and resolveCallbackURL': (text) => [
    originalURL(request({ host: text, 'x-forwarded-host': text, 'x-forwarded-proto': text }), { proxy: true }),
    resolveCallbackURL(request({ host: 'app.test' }, `/${text}`), 'cb', { appURL: 'http://app.test' }),
  ],
  'core readParam': (text) => readParam(request({}, `/cb?${text}`), 'code'),
};

describe('parsers of provider and request text', () => {
  for (const [parser, parse] of Object.entries(PARSERS)) {
    it(`${parser} takes linear time on 100 KB of hostile input`, async () => {
      await Promise.resolve(parse('<error>warm-up</error>')).catch(() => undefined);
      const slow: string[] = [];
      for (const [shape, text] of Object.entries(HOSTILE)) {
        // The best of three: a GC pause or a busy CI machine can stall one run; quadratic time
        // (about 0.5 s for the first shapes before the fix) stalls all of them.
        let best = Infinity;
        for (let run = 0; run < 3 && best > BOUND_MS; run += 1) {
          const started = performance.now();
          await Promise.resolve().then(() => parse(text)).catch(() => undefined);
          best = Math.min(best, performance.now() - started);
        }
        if (best > BOUND_MS) slow.push(`${shape}: ${best.toFixed(0)} ms`);
      }
      expect(slow).to.deep.equal([]);
    });
  }

  it('still reads the message and code of a well-formed XML error after the change', () => {
    expect(xmlErrorElement('<?xml version="1.0"?><errors><error code="32">Could not &amp; authenticate.</error></errors>')).to.deep.equal({
      code: '32',
      text: 'Could not & authenticate.',
    });
    expect(providerErrorMessage('<hash><error>Invalid oauth_verifier</error></hash>')).to.equal('Invalid oauth_verifier');
    expect(providerErrorMessage(`<error ${'x'.repeat(10)}><error>late</error>`)).to.equal('late');
  });
});
