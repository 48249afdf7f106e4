import type { SessionUser } from './user.js';

/** The app's name: the page titles say it, and the emulator's consent pages show it. */
export const APP_NAME = 'passport-kit example';

// Inline, so no page asks the server for a favicon.
const ICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f6feb"/><text x="16" y="22" font-family="system-ui,sans-serif" font-size="15" font-weight="700" fill="#fff" text-anchor="middle">pk</text></svg>',
)}`;

export interface LoginButton {
  href: string;
  label: string;
  /** Where the login goes: `local emulator` or the real host. */
  target: string;
}

export function homePage(buttons: LoginButton[], messages: string[]): string {
  return layout(
    APP_NAME,
    `${alerts(messages)}
<p>Pick a provider. Against the local emulator you choose who to log in as; nothing leaves this machine.</p>
<ul class="logins">${buttons
      .map((b) => `<li><a class="button" href="${escapeHTML(b.href)}">${escapeHTML(b.label)}</a> <small>${escapeHTML(b.target)}</small></li>`)
      .join('')}</ul>`,
  );
}

export function profilePage(user: SessionUser, messages: string[] = []): string {
  const { token } = user;
  const profile: [string, string | undefined][] = [
    ['provider', user.provider],
    ['id', user.id],
    ['displayName', user.displayName],
    ['username', user.username],
    ['emails', user.emails.join(', ') || undefined],
    ['profileUrl', user.profileUrl],
    ['photos', user.photos.join(', ') || undefined],
  ];
  const tokenRows: [string, string | undefined][] = [
    ['Token type', token.type],
    ['Expires', token.expiresAt ?? 'no expiry given'],
    ['Scope', token.scope],
    ['Refresh token issued', token.refreshToken ? 'yes' : 'no'],
    ['ID token issued', token.idToken ? 'yes' : 'no'],
  ];
  const photo = user.photos[0];
  return layout(
    `Logged in as ${user.displayName}`,
    // A photo the browser cannot load is left out (the local OpenID provider's accounts point at example.test).
    `${alerts(messages)}${photo ? `<img class="avatar" src="${escapeHTML(photo)}" alt="" width="64" height="64" onerror="this.remove()">` : ''}
<h2>Profile</h2>
${table(profile)}
<h2>Access token</h2>
${table(tokenRows)}
<p class="note">The tokens themselves stay on the server and are never shown.</p>
<form method="post" action="/logout"><button type="submit">Log out</button></form>`,
  );
}

export function errorPage(err: { name?: string; code?: string; message?: string }): string {
  const what = `${err.name ?? 'Error'}${err.code ? ` (${err.code})` : ''}`;
  return layout('Login failed', `<p role="alert" class="alert">${escapeHTML(`${what}: ${err.message ?? ''}`)}</p><p><a href="/">Back to the start page</a></p>`);
}

export function notFoundPage(path: string): string {
  return layout('Page not found', `<p>There is no page at <code>${escapeHTML(path)}</code>.</p><p><a href="/">Back to the start page</a></p>`);
}

function alerts(messages: string[]): string {
  return messages.map((m) => `<p role="alert" class="alert">${escapeHTML(m)}</p>`).join('');
}

function table(rows: [string, string | undefined][]): string {
  return `<table>${rows
    .filter((row): row is [string, string] => row[1] !== undefined)
    .map(([name, value]) => `<tr><th>${escapeHTML(name)}</th><td>${escapeHTML(value)}</td></tr>`)
    .join('')}</table>`;
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHTML(title)}</title>
<link rel="icon" href="${ICON}">
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
  h2 { font-size: 1.1rem; margin-top: 1.5rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #eee; vertical-align: top; overflow-wrap: anywhere; }
  th { width: 12rem; white-space: nowrap; font-weight: 600; color: #555; }
  .logins { list-style: none; padding: 0; }
  .logins li { margin: .6rem 0; }
  .button, button { display: inline-block; padding: .45rem 1rem; border: 1px solid #888; border-radius: 6px; color: inherit; background: #f6f6f6; text-decoration: none; font: inherit; cursor: pointer; }
  small, .note { color: #666; }
  .alert { padding: .6rem .8rem; border-radius: 6px; background: #fff1f0; border: 1px solid #e5a29b; }
  .avatar { border-radius: 50%; float: right; }
</style></head>
<body><h1>${escapeHTML(title)}</h1>${body}</body></html>`;
}

function escapeHTML(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
