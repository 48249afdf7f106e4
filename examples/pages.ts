import type { SessionUser } from './user.js';

export interface LoginButton {
  href: string;
  label: string;
}

export function homePage(buttons: LoginButton[], messages: string[]): string {
  return layout(
    'passport-kit example',
    `${messages.map((m) => `<p role="alert">${escapeHTML(m)}</p>`).join('')}
<p>Everything runs offline on loopback: pick a provider and log in with any name.</p>
<ul>${buttons.map((b) => `<li><a href="${escapeHTML(b.href)}">${escapeHTML(b.label)}</a></li>`).join('')}</ul>`,
  );
}

export function profilePage(user: SessionUser): string {
  const { token } = user;
  const rows: [string, string | undefined][] = [
    ['Provider', user.provider],
    ['ID', user.id],
    ['Name', user.displayName],
    ['Email', user.email],
    ['Token type', token.type],
    ['Expires', token.expiresAt],
    ['Scope', token.scope],
    ['Refresh token issued', token.refreshToken ? 'yes' : 'no'],
    ['ID token issued', token.idToken ? 'yes' : 'no'],
  ];
  return layout(
    `Logged in as ${user.displayName}`,
    `${user.photo ? `<img src="${escapeHTML(user.photo)}" alt="" width="64" height="64">` : ''}
<table>${rows
      .filter((row): row is [string, string] => row[1] !== undefined)
      .map(([name, value]) => `<tr><th>${escapeHTML(name)}</th><td>${escapeHTML(value)}</td></tr>`)
      .join('')}</table>
<p>The tokens themselves stay on the server and are never shown.</p>
<form method="post" action="/logout"><button type="submit">Log out</button></form>`,
  );
}

export function errorPage(err: { name?: string; code?: string; message?: string }): string {
  return layout('Login failed', `<p>${escapeHTML(`${err.name ?? 'Error'}${err.code ? ` (${err.code})` : ''}: ${err.message ?? ''}`)}</p><p><a href="/">Back</a></p>`);
}

function layout(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHTML(title)}</title></head>
<body><h1>${escapeHTML(title)}</h1>${body}</body></html>`;
}

function escapeHTML(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
