import { parseFormEncoded } from './signature.js';
import { xmlErrorElement } from './xml-error-element.js';

const MAX_LENGTH = 200;
// Enough for any message worth showing; a hostile 1 MiB body is not scanned whole.
const MAX_SCANNED = 64 * 1024;

/**
 * The human-readable message in an OAuth 1.0 provider's error body, whichever of the common
 * shapes it has: JSON `{"errors":[{"message"}]}` (Twitter), JSON `{"error"}` /
 * `{"message"}`, XML `<error>…</error>`, the Problem Reporting extension's
 * `oauth_problem=…`, or plain text. Trimmed to 200 characters; `undefined` for an empty body
 * or an HTML page. Provider packages use it in their `parseErrorResponse` hook.
 *
 * @example
 * ```ts
 * providerErrorMessage('{"errors":[{"code":32,"message":"Could not authenticate you."}]}');
 * // 'Could not authenticate you.'
 * ```
 */
export function providerErrorMessage(body: string): string | undefined {
  const text = (body.length > MAX_SCANNED && !body.trimStart().startsWith('{') ? body.slice(0, MAX_SCANNED) : body).trim();
  if (text === '') return undefined;
  return clip(fromJSON(text) ?? fromXML(text) ?? fromProblem(text) ?? fromText(text));
}

function fromJSON(text: string): string | undefined {
  if (!text.startsWith('{')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const record = json as Record<string, unknown>;
  if (Array.isArray(record.errors)) {
    const first: unknown = record.errors[0];
    if (typeof first === 'object' && first !== null && typeof (first as { message?: unknown }).message === 'string') {
      return (first as { message: string }).message;
    }
  }
  for (const key of ['error_description', 'message', 'error']) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string') {
      return (value as { message: string }).message;
    }
  }
  return undefined;
}

function fromXML(text: string): string | undefined {
  if (!text.startsWith('<')) return undefined;
  const element = xmlErrorElement(text);
  if (element) return element.text || undefined;
  return /^<(!doctype\s+)?html/i.test(text) ? '' : undefined;
}

function fromProblem(text: string): string | undefined {
  if (!/^[\w.-]+=/.test(text) || !text.includes('oauth_problem=')) return undefined;
  const fields = new Map(parseFormEncoded(text));
  const problem = fields.get('oauth_problem');
  const advice = fields.get('oauth_problem_advice');
  return advice ? `${problem}: ${advice}` : problem;
}

function fromText(text: string): string | undefined {
  return text.startsWith('<') ? undefined : text.replace(/\s+/g, ' ');
}

function clip(message: string | undefined): string | undefined {
  if (!message) return undefined;
  return message.length > MAX_LENGTH ? `${message.slice(0, MAX_LENGTH - 1)}…` : message;
}
