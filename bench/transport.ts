// CPU per back-channel call: passport-kit's HttpClient (undici's dispatch on a pooled Agent)
// against the floor's node:http keep-alive call (bench/floor/http.ts: no deadline, no cap), the
// global fetch, and passport-oauth2's transport (node-oauth over node:http), on a loopback token
// endpoint. Run: npx tsx bench/transport.ts [calls]
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '@passport-kit/core';
import { send } from './floor/http.js';

const CALLS = Number(process.argv[2] ?? 4000);
const WARMUP = 500;
const BODY = 'grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb&client_id=s6BhdRkqt3';
const RESPONSE = JSON.stringify({ access_token: '2YotnFZFEjr1zCsicMWpAA', token_type: 'Bearer', expires_in: 3600, refresh_token: 'tGzv3JOkF0XG5Qx2TlKWIA' });

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(RESPONSE) });
    res.end(RESPONSE);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };

const client = new HttpClient({ userAgent: 'bench' });
const ours = async () => JSON.parse((await client.request({ method: 'POST', url, headers, body: BODY })).body);
const viaFloor = async () => JSON.parse(await send('POST', url, headers, BODY));
const viaFetch = async () => (await fetch(url, { method: 'POST', headers, body: BODY })).json();

// passport-oauth2 1.8 redeems codes through node-oauth's OAuth2#getOAuthAccessToken.
const { OAuth2 } = (await import('oauth')) as unknown as { OAuth2: new (...args: unknown[]) => { getOAuthAccessToken(code: string, params: object, cb: (err: unknown, at?: string) => void): void } };
const nodeOAuth = new OAuth2('s6BhdRkqt3', 'secret', '', '/authorize', url);
const viaNodeOAuth = () =>
  new Promise((resolve, reject) => nodeOAuth.getOAuthAccessToken('SplxlOBeZQQYbYS6WxSbIA', { grant_type: 'authorization_code' }, (err, at) => (err ? reject(err) : resolve(at))));

async function measure(name: string, call: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await call();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await call();
  const wall = Number(process.hrtime.bigint() - start) / 1e3 / CALLS;
  const used = process.cpuUsage(cpu);
  // The server runs in this process too: the figures are client + server CPU per call, the
  // same server for every client, so differences are the clients'.
  return { name, cpuMicros: (used.user + used.system) / CALLS, wallMicros: wall };
}

const rounds = [];
for (let round = 0; round < 3; round++) {
  for (const [name, call] of [['passport-kit HttpClient', ours], ['floor (node:http keep-alive)', viaFloor], ['global fetch', viaFetch], ['node-oauth (passport-oauth2)', viaNodeOAuth]] as const) {
    rounds.push(await measure(name, call));
  }
}
const best = new Map<string, { cpuMicros: number; wallMicros: number }>();
for (const r of rounds) {
  const seen = best.get(r.name);
  if (!seen || r.cpuMicros < seen.cpuMicros) best.set(r.name, r);
}
const base = best.get('passport-kit HttpClient')!.cpuMicros;
console.log(`loopback token POST, ${CALLS} sequential calls x 3 interleaved rounds, best round; CPU includes the in-process server`);
console.log('client                          CPU µs/call   wall µs/call   CPU vs passport-kit');
for (const [name, r] of best) {
  console.log(`${name.padEnd(31)} ${r.cpuMicros.toFixed(1).padStart(11)}   ${r.wallMicros.toFixed(1).padStart(12)}   ${(r.cpuMicros / base).toFixed(2)}x`);
}
server.close();
process.exit(0);
