/**
 * Client errors as `{ "error": "…" }` with a message that names the problem, the way the CLI does.
 * Handlers throw `HttpError`; the app's error handler turns it into the JSON answer (or an HTML page on
 * web routes).
 */
import type { MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { escapeControlChars, hasControlChars } from "../../util/control-chars.ts";

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

/** Media types a POST route reads; anything else is refused before its body is read. */
export type BodyType = "application/json" | "application/x-www-form-urlencoded" | "multipart/form-data";

/**
 * Middleware answering 415 unless the request's Content-Type (parameters aside) is one of `accepted`.
 * A cross-site "simple" POST (text/plain) can then never reach a handler of a local server.
 */
export function acceptOnly(...accepted: BodyType[]): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.header("Content-Type") ?? "";
    const type = raw.split(";")[0].trim().toLowerCase();
    if (!accepted.includes(type as BodyType))
      throw new HttpError(
        415,
        `Content-Type ${type ? `"${escapeControlChars(type.slice(0, 100))}"` : "missing"}: send ${accepted.join(" or ")}`,
      );
    await next();
  };
}

/** A path parameter that is an id: control characters (a NUL from "%00") are a 400, not a store error. */
export function checkedId(name: string, value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (hasControlChars(value) || /[\u0000\u0080-\u009f]/.test(value))
    throw new HttpError(400, `"${name}" holds control characters: ${JSON.stringify(value.slice(0, 100))}`);
  return value;
}

/** True when the error is the client going away (reset, aborted upload), not a fault of ours. */
export function isClientGone(err: unknown): boolean {
  const e = err as { code?: string; name?: string; message?: string };
  return (
    e?.code === "ECONNRESET" ||
    e?.code === "EPIPE" ||
    e?.code === "ERR_STREAM_PREMATURE_CLOSE" ||
    e?.name === "AbortError" ||
    /\b(?:aborted|premature close|socket hang up)\b/i.test(e?.message ?? "")
  );
}
