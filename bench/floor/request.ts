// What both floor strategies read from the request: the session as a plain record, and a
// query parameter when it is a single string.
import type { Request } from 'express';

/** The request's session as a plain record (express-session's). */
export const session = (req: Request) => req.session as unknown as Record<string, unknown>;

/** `value` when it is a string (one query parameter), `undefined` otherwise. */
export const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
