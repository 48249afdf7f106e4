// Reading Twitter's and X's error bodies. Messages are clipped and scrubbed of the secrets the
// caller names, so no token reaches an error message or a log line.

import { redact } from '@passport-kit/core';
import { xmlErrorElement } from '@passport-kit/oauth1';

const MAX_MESSAGE = 200;

/** One error as read from a body: the provider's message and code, when it sent them. */
export interface ErrorFields {
  message: string | undefined;
  /** Twitter's numeric code as a number (`89`), or an X problem's string code. */
  code: number | string | undefined;
  type?: string | undefined;
}

/**
 * Twitter's error forms: JSON `{"errors":[{"code","message"}]}`, JSON `{"error":"…"}` (older
 * v1.1 endpoints), XML `<errors><error code="32">…</error></errors>` or
 * `<hash><error>…</error></hash>`. `undefined` when the body is none of them.
 */
export function readTwitterError(body: string, secrets: readonly (string | undefined)[] = []): ErrorFields | undefined {
  const text = body.trim();
  if (text.startsWith('{')) {
    const json = parseObject(text);
    if (json === undefined) return undefined;
    const errors = json['errors'];
    if (Array.isArray(errors) && errors.length > 0) {
      const first: unknown = errors[0];
      if (typeof first !== 'object' || first === null) return undefined;
      const { code, message } = first as Record<string, unknown>;
      return { message: clean(message, secrets), code: codeOf(code) };
    }
    const error = json['error'];
    if (typeof error === 'string' && error !== '') return { message: clean(error, secrets), code: undefined };
    return undefined;
  }
  if (text.startsWith('<')) {
    const element = xmlErrorElement(text);
    if (!element) return undefined;
    return { message: clean(element.text, secrets), code: codeOf(element.code) };
  }
  return undefined;
}

/**
 * An X API v2 error: a problem (`{title, detail, type, status}`), possibly with an `errors`
 * list (`[{message, parameters}]`). `undefined` when the body is not one.
 * https://docs.x.com/x-api/fundamentals/response-codes-and-errors
 */
export function readXError(body: string, secrets: readonly (string | undefined)[] = []): ErrorFields | undefined {
  const json = parseObject(body.trim());
  if (json === undefined) return undefined;
  const errors = json['errors'];
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  // Partial errors (`{"errors":[{title, detail, type, …}]}`) put the problem on the item.
  const item = typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : {};
  const title = stringField(json, 'title') ?? stringField(item, 'title');
  const type = stringField(json, 'type') ?? stringField(item, 'type');
  // The item's specific message beats the problem's generic detail ("One or more parameters … invalid").
  const message = stringField(item, 'message') ?? stringField(item, 'detail') ?? stringField(json, 'detail') ?? title;
  if (message === undefined) return undefined;
  const slug = type !== undefined && /\/problems\/[\w-]+$/.test(type) ? type.slice(type.lastIndexOf('/') + 1) : undefined;
  const code = slug ?? (title === undefined ? undefined : title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''));
  return { message: clean(message, secrets), code: code || undefined, type };
}

/** Removes every occurrence of each secret (4+ characters) and clips to 200 characters. */
export function clean(message: unknown, secrets: readonly (string | undefined)[]): string | undefined {
  if (typeof message !== 'string' || message === '') return undefined;
  const text = redact(message.replace(/\s+/g, ' '), secrets);
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function stringField(json: Record<string, unknown>, name: string): string | undefined {
  const value = json[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function codeOf(value: unknown): number | string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  return /^\d{1,15}$/.test(value) ? Number(value) : value;
}
