// How a hostile or broken provider answers: each behaviour is a loopback handler, and the
// oversized ones report how much they managed to send before the client stopped reading.
import type { ServerResponse } from 'node:http';
import type { Handler } from './loopback-provider.js';

export const HOSTILE_BEHAVIOURS = [
  'hang',
  'huge',
  'huge-declared',
  'invalid-json',
  'html',
  'redirect',
  'reset',
  'drip',
] as const;
export type HostileBehaviour = (typeof HOSTILE_BEHAVIOURS)[number];

/** What an oversized answer achieved: bytes handed to the socket, and whether it was cut off. */
export interface FloodReport {
  bytesWritten: number;
  closedEarly: boolean;
}

const FLOOD_SIZE = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

/** Answers the way `behaviour` says; floods append what they sent to `floods`. */
export function hostile(behaviour: HostileBehaviour, floods: FloodReport[]): Handler {
  return (req, res) => {
    switch (behaviour) {
      case 'hang':
        return; // never answers; the server closes the socket when the test ends
      case 'huge':
        return flood(res, { 'content-type': 'application/json' }, floods);
      case 'huge-declared':
        return flood(res, { 'content-type': 'application/json', 'content-length': String(FLOOD_SIZE) }, floods);
      case 'invalid-json':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token": "at-1", "token_type": ');
        return;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><h1>Sign in</h1></body></html>');
        return;
      case 'redirect':
        res.writeHead(302, { location: 'https://login.example/maintenance' }).end();
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'drip': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{');
        const timer = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(timer));
        return;
      }
    }
  };
}

function flood(res: ServerResponse, headers: Record<string, string>, floods: FloodReport[]): void {
  const report: FloodReport = { bytesWritten: 0, closedEarly: false };
  floods.push(report);
  res.writeHead(200, headers);
  const pump = () => {
    while (report.bytesWritten < FLOOD_SIZE && !res.destroyed) {
      report.bytesWritten += CHUNK.length;
      if (!res.write(CHUNK)) return; // wait for 'drain': the client reads no faster than this
    }
    if (!res.destroyed) res.end();
  };
  res.on('drain', pump);
  res.on('close', () => {
    report.closedEarly = !res.writableFinished;
  });
  pump();
}
