// Generated callback parameters: every shape a hostile or broken client may send for one name.
import type { Prng } from './prng.js';

/** One parameter as it goes on the wire: `[key, value]` pairs, already decided. */
export type Pairs = [string, string][];

const HUGE = 100 * 1024;

/** Values no well-formed callback carries. */
export function oddValue(rng: Prng): string {
  switch (rng.int(0, 9)) {
    case 0: return '';
    case 1: return 'x'.repeat(HUGE);
    case 2: return '\u0000\u0001\u0007\b\t\n\r\u001b\u007f';
    case 3: return 'ü😀\u202eadmin\u200b\ufeff𝔘𝔫𝔦';
    case 4: return '\u0000';
    case 5: return '\ud800'; // a lone surrogate
    case 6: return '../../etc/passwd';
    case 7: return '<script>alert(1)</script>';
    case 8: return '__proto__';
    default: return String(rng.int(0, 1e9));
  }
}

/**
 * How `name` appears: absent, once with `value`, repeated, as an array (`name[]=`), as an object
 * (`name[x]=`), or with an odd value. `value` undefined means the caller has none to offer.
 */
export function paramShape(rng: Prng, name: string, value: string | undefined, absentWeight = 0.2): { pairs: Pairs; kind: string } {
  if (rng.chance(absentWeight)) return { pairs: [], kind: 'absent' };
  const v = value ?? oddValue(rng);
  switch (rng.int(0, 9)) {
    case 0: return { pairs: [[name, v], [name, v]], kind: 'repeated' };
    case 1: return { pairs: [[name, v], [name, oddValue(rng)]], kind: 'repeated' };
    case 2: return { pairs: [[`${name}[]`, v]], kind: 'array' };
    case 3: return { pairs: [[`${name}[x]`, v]], kind: 'object' };
    case 4: return { pairs: [[name, oddValue(rng)]], kind: 'odd' };
    case 5: return { pairs: [[name, `${v}\u0000`]], kind: 'odd' };
    default: return { pairs: [[name, v]], kind: value === undefined ? 'odd' : 'value' };
  }
}

/** Query-string encoding, with raw (possibly invalid) escapes mixed in now and then. */
export function encodePairs(rng: Prng, pairs: Pairs): string {
  const parts = pairs.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`);
  if (rng.chance(0.05)) parts.push(rng.pick(['%', '%E0%A4%A', 'a=%ZZ', '&&', '=', '%00=%00', '__proto__[code]=x', 'constructor=1']));
  return rng.shuffle(parts).join('&');
}

export function encodeComponent(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // A lone surrogate cannot be encoded as UTF-8: send the raw escape of its bytes.
    return '%ED%A0%80';
  }
}
