// Error bodies are at most the transport's size cap (1 MiB by default); an `<error>` element
// worth reading comes early, and a bounded scan keeps a hostile body cheap.
const MAX_SCANNED = 64 * 1024;

/** The first `<error …>text</error>` element of an XML error body: its `code` attribute and text. */
export interface XMLErrorElement {
  /** The numeric `code="…"` attribute (Twitter's `<error code="32">`), when present. */
  code: string | undefined;
  /** The element's text, entities decoded, trimmed. */
  text: string;
}

/**
 * Finds the first `<error>` element in the first 64 KiB of an XML error body
 * (`<errors><error code="32">Could not authenticate you.</error></errors>`, `<hash><error>…`),
 * in time linear in its length whatever the body: a regular expression over `<error ` repeated
 * without `>` backtracks quadratically. `undefined` when there is none.
 *
 * @example
 * ```ts
 * xmlErrorElement('<errors><error code="32">Could not authenticate you.</error></errors>');
 * // { code: '32', text: 'Could not authenticate you.' }
 * ```
 */
export function xmlErrorElement(body: string): XMLErrorElement | undefined {
  const text = body.length > MAX_SCANNED ? body.slice(0, MAX_SCANNED) : body;
  const lower = text.toLowerCase();
  let from = 0;
  for (;;) {
    const start = lower.indexOf('<error', from);
    if (start < 0) return undefined;
    const afterName = start + '<error'.length;
    const next = lower.charAt(afterName);
    if (next !== '>' && !isSpace(next)) {
      from = afterName; // `<errors>`, `<error_code>`: another element
      continue;
    }
    const tagEnd = text.indexOf('>', afterName);
    if (tagEnd < 0) return undefined; // no `>` left: no element can follow either
    const contentEnd = text.indexOf('<', tagEnd + 1);
    if (contentEnd < 0) return undefined;
    if (lower.startsWith('</error>', contentEnd)) {
      const code = /\bcode="(\d{1,12})"/.exec(text.slice(afterName, tagEnd))?.[1];
      return { code, text: decodeEntities(text.slice(tagEnd + 1, contentEnd).trim()) };
    }
    // The content had no `<` before contentEnd, so no element starts in between.
    from = contentEnd;
  }
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[name] ?? '');
}
