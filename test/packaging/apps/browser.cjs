'use strict';
// The person in a browser, for the scratch apps: follows a login from the app through the
// emulator's authorize page (approving at once with `login_hint`) back to the app's callback,
// carrying the app's cookies, and returns the callback's JSON answer.

/** Cookies the app set, as `name=value` pairs a browser sends back. */
function cookiesOf(response, jar) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

async function logIn(startURL, user) {
  const jar = new Map();
  const start = await fetch(startURL, { redirect: 'manual' });
  if (start.status !== 302) throw new Error(`${startURL} answered ${start.status}: ${await start.text()}`);
  const cookie = cookiesOf(start, jar);
  const authorize = new URL(start.headers.get('location'));
  authorize.searchParams.set('login_hint', user);
  const approved = await fetch(authorize, { redirect: 'manual' });
  if (approved.status !== 302) throw new Error(`the emulator answered ${approved.status}: ${await approved.text()}`);
  const callback = await fetch(approved.headers.get('location'), { redirect: 'manual', headers: { cookie } });
  if (callback.status !== 200) throw new Error(`the callback answered ${callback.status}: ${await callback.text()}`);
  return callback.json();
}

exports.logIn = logIn;
