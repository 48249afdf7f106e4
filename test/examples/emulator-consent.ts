// Answers the provider emulator's consent page over plain HTTP, the way a person with a browser
// would: open the authorization URL, pick a user, press Approve or Deny.

export interface ConsentOptions {
  /** The username of the user to pick, as the page shows it (`@grace`). */
  username: string;
  decision: 'approve' | 'deny';
}

/**
 * Follows `authorizationURL` through the emulator and submits its consent form. Returns the URL
 * the emulator redirects to: the app's callback with `code` (or `oauth_verifier`) or an error.
 */
export async function answerConsentPage(authorizationURL: string, { username, decision }: ConsentOptions): Promise<URL> {
  const page = await fetch(authorizationURL, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`emulator answered ${page.status} at ${new URL(authorizationURL).pathname}: ${html.slice(0, 200)}`);
  const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`no consent form at ${new URL(authorizationURL).pathname}`);
  const fields = new URLSearchParams();
  for (const input of form[2]!.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.append(unescapeHTML(input[1]!), unescapeHTML(input[2]!));
  }
  // Each user is a radio button whose label shows `@username`; the form posts the user's id.
  const choices = [...form[2]!.matchAll(/<label class="user"><input type="radio" name="user" value="([^"]+)"[\s\S]*?@([^<\s]+)/g)].map((m) => ({
    id: unescapeHTML(m[1]!),
    username: unescapeHTML(m[2]!),
  }));
  const choice = choices.find((c) => c.username === username);
  if (!choice) throw new Error(`the consent page does not list @${username} (it lists ${choices.map((c) => `@${c.username}`).join(', ')})`);
  fields.set('user', choice.id);
  fields.set('decision', decision);
  const answer = await fetch(new URL(unescapeHTML(form[1]!), authorizationURL), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || location === null) throw new Error(`the consent form answered ${answer.status}: ${(await answer.text()).slice(0, 200)}`);
  return new URL(location, authorizationURL);
}

// The emulator escapes with numeric character references only.
function unescapeHTML(text: string): string {
  return text.replace(/&#(\d+);/g, (_entity, code: string) => String.fromCharCode(Number(code)));
}
