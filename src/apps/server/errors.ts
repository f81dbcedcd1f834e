/**
 * Client errors as `{ "error": "…" }` with a message that names the problem, the way the CLI does.
 * Handlers throw `HttpError`; the app's error handler turns it into the JSON answer (or an HTML page on
 * web routes).
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";

export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Text of a request body as JSON, or a 400 that says what is wrong with it. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") throw new HttpError(400, "request body is empty: send a JSON object");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `request body is not valid JSON (${(err as Error).message})`);
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
