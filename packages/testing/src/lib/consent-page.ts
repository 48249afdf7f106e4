import type { EmulatorUser } from '../users.js';
import { escapeHTML } from './http.js';

// A keyhole, inline so no page asks the emulator for a favicon.
const ICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f883d"/><circle cx="16" cy="13" r="5" fill="#fff"/><rect x="14" y="15" width="4" height="10" rx="1" fill="#fff"/></svg>',
)}`;

const STYLE = `
    body { font: 16px/1.4 system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
    .user { display: flex; align-items: center; gap: .5rem; padding: .4rem; border: 1px solid #ddd; border-radius: 6px; margin: .3rem 0; cursor: pointer; }
    .user img { border-radius: 50%; }
    .buttons { display: flex; gap: 1rem; margin-top: 1.5rem; }
    button { font-size: 1rem; padding: .5rem 1.5rem; border-radius: 6px; border: 1px solid #888; cursor: pointer; }
    button[value=approve] { background: #1f883d; color: #fff; border-color: #1f883d; }
    .error { padding: .6rem .8rem; border-radius: 6px; background: #fff1f0; border: 1px solid #e5a29b; }
    .note { color: #666; font-size: .85rem; }`;

export interface ConsentPageInput {
  readonly providerTitle: string;
  /** The application asking, as the provider names it: its registered name, else its client ID. */
  readonly applicationName: string;
  readonly scopes: readonly string[];
  readonly users: readonly EmulatorUser[];
  readonly selectedUserID: string | undefined;
  /** Where the form posts: the authorize endpoint itself. */
  readonly action: string;
  /** The authorization request's parameters, carried through the form. */
  readonly params: Readonly<Record<string, string>>;
}

/** A page a person can click: pick a user, then Approve or Deny. No scripts, no external assets. */
export function renderConsentPage(input: ConsentPageInput): string {
  const hidden = Object.entries(input.params)
    .filter(([key]) => key !== 'decision' && key !== 'user')
    .map(([key, value]) => `<input type="hidden" name="${escapeHTML(key)}" value="${escapeHTML(value)}">`)
    .join('\n      ');
  const selected = input.selectedUserID ?? input.users[0]?.id;
  const users = input.users
    .map(
      (user) => `<label class="user"><input type="radio" name="user" value="${escapeHTML(user.id)}"${user.id === selected ? ' checked' : ''}>
        <img src="${escapeHTML(user.avatarURL)}" alt="" width="32" height="32">
        <span><strong>${escapeHTML(user.name)}</strong> @${escapeHTML(user.username)}${user.email ? ` &lt;${escapeHTML(user.email)}&gt;` : ''}</span></label>`,
    )
    .join('\n      ');
  const scopes = input.scopes.length > 0 ? input.scopes.map((s) => `<li><code>${escapeHTML(s)}</code></li>`).join('') : '<li>basic profile</li>';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Authorize application - ${escapeHTML(input.providerTitle)} (emulator)</title>
  <link rel="icon" href="${ICON}">
  <style>${STYLE}
  </style>
</head>
<body>
  <h1>${escapeHTML(input.providerTitle)}</h1>
  <p>The application <strong class="app">${escapeHTML(input.applicationName)}</strong> asks to access your account:</p>
  <ul>${scopes}</ul>
  <form method="post" action="${escapeHTML(input.action)}">
    <fieldset>
      <legend>Sign in as</legend>
      ${users}
    </fieldset>
      ${hidden}
    <div class="buttons">
      <button type="submit" name="decision" value="approve">Approve</button>
      <button type="submit" name="decision" value="deny">Deny</button>
    </div>
  </form>
  <p class="note">This is the @passport-kit/testing provider emulator, not ${escapeHTML(input.providerTitle)}.</p>
</body>
</html>
`;
}

/** An error page the provider shows instead of redirecting (unknown client, unregistered redirect URI). */
export function renderErrorPage(providerTitle: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Error - ${escapeHTML(providerTitle)} (emulator)</title><link rel="icon" href="${ICON}"><style>${STYLE}</style></head>
<body><h1>${escapeHTML(providerTitle)}</h1><p class="error">${escapeHTML(message)}</p>
<p class="note">This is the @passport-kit/testing provider emulator, not ${escapeHTML(providerTitle)}.</p></body></html>
`;
}
