import { createHash } from 'node:crypto';
import { escapeHTML } from './http.js';

/** A round SVG avatar with the user's initials, so consent and profile pages work offline. */
export function renderAvatar(name: string): string {
  const initials =
    name
      .split(/\s+/)
      .filter((part) => part !== '')
      .map((part) => part[0]!.toUpperCase())
      .slice(0, 2)
      .join('') || '?';
  const hue = createHash('sha256').update(name).digest()[0]! * (360 / 256);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><circle cx="48" cy="48" r="48" fill="hsl(${Math.round(hue)} 55% 45%)"/><text x="48" y="60" font-family="sans-serif" font-size="36" fill="#fff" text-anchor="middle">${escapeHTML(initials)}</text></svg>`;
}
