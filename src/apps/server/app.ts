/**
 * The HTTP app: JSON API, OpenAPI document and web pages on one hono app. `createApp` takes its I/O (store,
 * desk, clock) from the caller and opens no port, so tests drive it with `app.request()`; `serve.ts` puts it
 * on a socket.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Desk } from "../../desk/desk.ts";
import { DEFAULT_CACHE_TTL_MS, StoryReader } from "../../desk/stories.ts";
import { formatLimit } from "../../ingest/limits.ts";
import type { Article, Roundup, SummarizeOptions } from "../../model/types.ts";
import type { Store } from "../../store/port.ts";
import { summarize } from "../../summarize/index.ts";
import { escapeControlChars } from "../../util/control-chars.ts";
import { errorPage } from "../web/pages.ts";
import { registerWeb } from "../web/routes.ts";
import { registerApi } from "./api.ts";
import { HttpError, isClientGone } from "./errors.ts";
import { DEFAULT_BODY_DEADLINE_MS, DEFAULT_MAX_CONCURRENT_SUMMARIES, DEFAULT_MAX_UPLOADS } from "./limits.ts";

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
  /** Summaries queued or running at once. Default {@link DEFAULT_MAX_CONCURRENT_SUMMARIES}. */
  maxConcurrentSummaries?: number;
  /** Makes the summaries of /api/summarize and the paste form: `roundup serve` passes its worker pool. */
  summarize?: Summarizer;
  /** ms a POST body has to arrive whole. Default {@link DEFAULT_BODY_DEADLINE_MS}. */
  bodyDeadlineMs?: number;
  /** POST bodies received at once. Default {@link DEFAULT_MAX_UPLOADS}. */
  maxUploads?: number;
}

/** How the routes get a summary: on the calling thread by default, on a worker pool in the server. */
export type Summarizer = (
  articles: readonly Article[],
  options: SummarizeOptions,
) => Roundup | Promise<Roundup>;

/** Paths answered with JSON errors; everything else gets an HTML page. */
const isApiPath = (path: string) => path.startsWith("/api/") || path === "/api" || path === "/healthz";

export function createApp(deps: AppDeps): Hono {
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = deps.log ?? ((m: string) => process.stderr.write(`roundup: ${m}\n`));
  const reader = new StoryReader(deps.store, deps.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS);
  // The desk tells which stories each of its writes changed (whoever wrote): their cached pages go at once.
  deps.desk?.onChange((ids) => reader.invalidate(ids));

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

  const body = bodyReader({
    maxBytes: maxBodyBytes,
    deadlineMs: deps.bodyDeadlineMs ?? DEFAULT_BODY_DEADLINE_MS,
    maxUploads: deps.maxUploads ?? DEFAULT_MAX_UPLOADS,
  });

  const summaries = {
    ...summaryGate(deps.maxConcurrentSummaries ?? DEFAULT_MAX_CONCURRENT_SUMMARIES),
    run: deps.summarize ?? summarize,
  };
  registerApi(app, { store: deps.store, desk: deps.desk, token: deps.token, reader }, body, summaries);
  registerWeb(app, { reader, now: deps.now ?? (() => new Date()), maxBodyBytes, body, summaries });

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

/** The summary routes' admission and their summarizer. */
export interface Summaries {
  /** Lets at most the cap of requests through at once; runs after the body is read. */
  admit: MiddlewareHandler;
  /** Refuses before the body is read when the cap is already reached. */
  refuseWhenFull: MiddlewareHandler;
  run: Summarizer;
}

/**
 * Middleware reading a POST body whole before the route runs, so every later step (and the summary slot)
 * sees a body already in memory:
 * 1. at most `maxUploads` bodies are received at once: one more is a 503 with Retry-After;
 * 2. more than `maxBytes` (declared by Content-Length, or counted on a chunked body) is a 413;
 * 3. a body not received whole within `deadlineMs` of its headers is a 408, and the connection is closed,
 *    so a client sending a byte a second holds nothing for longer than the deadline.
 * Replaces hono's bodyLimit, which reads a chunked body in full with no deadline.
 */
function bodyReader(limits: { maxBytes: number; deadlineMs: number; maxUploads: number }): MiddlewareHandler {
  const { maxBytes, deadlineMs, maxUploads } = limits;
  const tooLarge = () =>
    new HttpError(413, `request body is larger than the ${formatLimit(maxBytes)} limit`, {
      Connection: "close",
    });
  let uploading = 0;
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = raw.headers.get("content-length");
    if (declared !== null && !raw.headers.has("transfer-encoding") && Number(declared) > maxBytes)
      throw tooLarge();
    if (uploading >= maxUploads)
      throw new HttpError(503, `busy: ${maxUploads} uploads already in progress; retry in a second`, {
        "Retry-After": "1",
      });
    uploading++;
    let timer: NodeJS.Timeout | undefined;
    try {
      const reader = raw.body.getReader();
      const reading = (async () => {
        const chunks: Uint8Array[] = [];
        let size = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.length;
          // Stop reading; the rest is never buffered, and the connection closes after the answer.
          if (size > maxBytes) throw tooLarge();
          chunks.push(value);
        }
        return Buffer.concat(chunks, size);
      })();
      // Past the deadline the read is abandoned; its later failure (the socket closing) is nobody's.
      reading.catch(() => {});
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new HttpError(408, `request body not received within ${deadlineMs / 1000} s`, {
                Connection: "close",
              }),
            ),
          deadlineMs,
        );
      });
      const bytes = await Promise.race([reading, late]);
      c.req.raw = new Request(raw, { body: bytes });
    } finally {
      clearTimeout(timer);
      uploading--;
    }
    await next();
  };
}

/**
 * The summary cap: `admit` lets at most `max` requests through at once, after their bodies are read;
 * `refuseWhenFull` answers the same 503 before the body is read when every slot is already taken, so an
 * overloaded server spends nothing on bodies it will refuse. Either 503 says when to retry.
 */
function summaryGate(max: number): { admit: MiddlewareHandler; refuseWhenFull: MiddlewareHandler } {
  if (!Number.isInteger(max) || max < 1)
    throw new Error(`createApp: maxConcurrentSummaries must be a positive whole number, not ${max}`);
  let inFlight = 0;
  const busy = () =>
    new HttpError(503, `busy: ${max} summaries already in progress; retry in a second`, {
      "Retry-After": "1",
    });
  return {
    refuseWhenFull: async (_c, next) => {
      if (inFlight >= max) throw busy();
      await next();
    },
    admit: async (_c, next) => {
      if (inFlight >= max) throw busy();
      inFlight++;
      try {
        await next();
      } finally {
        inFlight--;
      }
    },
  };
}
