/**
 * The HTTP app: JSON API, OpenAPI document and web pages on one hono app. `createApp` takes its I/O (store,
 * desk, clock) from the caller and opens no port, so tests drive it with `app.request()`; `serve.ts` puts it
 * on a socket.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Desk } from "../../desk/desk.ts";
import { formatLimit } from "../../ingest/limits.ts";
import type { Store } from "../../store/port.ts";
import { escapeControlChars } from "../../util/control-chars.ts";
import { errorPage } from "../web/pages.ts";
import { registerWeb } from "../web/routes.ts";
import { registerApi } from "./api.ts";
import { guardDesk } from "./desk-guard.ts";
import { HttpError, isClientGone } from "./errors.ts";
import { DEFAULT_MAX_CONCURRENT_SUMMARIES } from "./limits.ts";
import { DEFAULT_CACHE_TTL_MS, StoryReader } from "./stories.ts";

/** Largest request body accepted, in bytes: 2 MB, room for a 10–50-article cluster of plain text. */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * The page's security policy: scripts and styles from this origin only (no inline code, so no inline
 * event handlers either), no plugins, no framing, forms post back here only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
};

export interface AppDeps {
  store: Store;
  /** Needed for POST /api/articles; without it the server is read-only (503 on writes). */
  desk?: Desk;
  /** Bearer token for writes; without it writes answer 403. */
  token?: string;
  /** Allow cross-origin calls to /api/* from this origin; CORS is off when unset. */
  corsOrigin?: string;
  maxBodyBytes?: number;
  /** Clock for "updated 5 min ago" (tests pin it). */
  now?: () => Date;
  /** How long a story's cached page is trusted before its version is re-checked in the store (ms). */
  cacheTtlMs?: number;
  /** Unexpected errors (500s) are reported here. */
  log?: (message: string) => void;
  /** Summaries in progress at once. Default {@link DEFAULT_MAX_CONCURRENT_SUMMARIES}. */
  maxConcurrentSummaries?: number;
}

/** Paths answered with JSON errors; everything else gets an HTML page. */
const isApiPath = (path: string) => path.startsWith("/api/") || path === "/api" || path === "/healthz";

export function createApp(deps: AppDeps): Hono {
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = deps.log ?? ((m: string) => process.stderr.write(`roundup: ${m}\n`));
  const reader = new StoryReader(deps.store, deps.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS);
  if (deps.desk) guardDesk(deps.desk).listen((ids) => reader.invalidate(ids));

  const app = new Hono();

  app.use("*", async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  });

  if (deps.corsOrigin)
    app.use(
      "/api/*",
      cors({
        origin: deps.corsOrigin,
        allowMethods: ["GET", "POST", "OPTIONS"],
        allowHeaders: ["Content-Type", "Authorization", "If-None-Match"],
        exposeHeaders: ["ETag"],
        maxAge: 600,
      }),
    );

  const tooLarge = `request body is larger than the ${formatLimit(maxBodyBytes)} limit`;
  const limit: MiddlewareHandler = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new HttpError(413, tooLarge);
    },
  });

  const summaries = summaryGate(deps.maxConcurrentSummaries ?? DEFAULT_MAX_CONCURRENT_SUMMARIES);
  registerApi(app, { store: deps.store, desk: deps.desk, token: deps.token, reader }, limit, summaries);
  registerWeb(app, { reader, now: deps.now ?? (() => new Date()), maxBodyBytes, limit, summaries });

  app.notFound((c) => {
    const message = `no route for ${c.req.method} ${c.req.path}`;
    if (isApiPath(c.req.path)) return c.json({ error: message }, 404);
    return c.html(errorPage(404, "There is no page at this address."), 404);
  });

  app.onError((err, c) => {
    let status: HttpError["status"] = 500;
    let message = "internal error";
    let headers: Record<string, string> = {};
    if (err instanceof HttpError) {
      ({ status, message, headers } = err);
    } else if (isClientGone(err)) {
      // The client hung up: nothing to answer and nothing of ours to fix; one line, no stack.
      log(escapeControlChars(`${c.req.method} ${c.req.path}: client closed the connection`));
      return c.body(null, 499 as ContentfulStatusCode);
    } else {
      // Escaped: a path like "/%00%0aroundup: FAKE" must not forge a log line.
      log(escapeControlChars(`${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`));
    }
    if (isApiPath(c.req.path)) return c.json({ error: message }, status, headers);
    return c.html(errorPage(status, message), status, headers);
  });

  return app;
}

/** Middleware letting at most `max` requests through at once; the next gets a 503 that says to retry. */
function summaryGate(max: number): MiddlewareHandler {
  if (!Number.isInteger(max) || max < 1)
    throw new Error(`createApp: maxConcurrentSummaries must be a positive whole number, not ${max}`);
  let inFlight = 0;
  return async (_c, next) => {
    if (inFlight >= max)
      throw new HttpError(503, `busy: ${max} summaries already in progress; retry in a second`, {
        "Retry-After": "1",
      });
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  };
}
