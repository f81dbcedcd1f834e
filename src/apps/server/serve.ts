/**
 * `roundup serve`: one process runs the story desk (the watch loop, when feeds are given) and the HTTP
 * server, on the embedded store by default or PostgreSQL when DATABASE_URL is set. SIGINT/SIGTERM stop it
 * in order: stop polling, stop accepting connections (open requests finish), close the store.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { openDeskStore } from "../../desk/data.ts";
import { startDesk } from "../../desk/service.ts";
import { readFeedList } from "../../ingest/feeds.ts";
import { defaultSummaryWorkers, SummaryPool } from "../../summarize/pool.ts";
import { intervalSeconds, wholeNumberFlag } from "../shared/flags.ts";
import { type Io, stderrLog } from "../shared/io.ts";
import { createApp } from "./app.ts";
import { TOKEN_ENV } from "./auth.ts";

/** Default port of `roundup serve`. */
export const DEFAULT_PORT = 8080;
/** Default interface: loopback only. Use `--host 0.0.0.0` to serve the network (and set ROUNDUP_TOKEN). */
export const DEFAULT_HOST = "127.0.0.1";
/** Environment variable naming the one origin allowed to call the API from a browser. */
export const CORS_ENV = "ROUNDUP_CORS_ORIGIN";
/** How long open requests may take to finish on shutdown before their connections are cut, in ms. */
export const SHUTDOWN_GRACE_MS = 5_000;

export interface RunningServer {
  /** "http://127.0.0.1:8080" */
  url: string;
  port: number;
  /** Stops accepting connections and waits for open requests (cut after `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

/** Puts an app on a socket; resolves once it listens. Port 0 picks a free port. */
export function startServer(app: Hono, options: { port: number; host: string }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: (graceMs = SHUTDOWN_GRACE_MS) =>
            new Promise<void>((done) => {
              const http = server as import("node:http").Server;
              const timer = setTimeout(() => http.closeAllConnections?.(), graceMs);
              timer.unref();
              http.close(() => {
                clearTimeout(timer);
                done();
              });
              http.closeIdleConnections?.();
            }),
        });
      },
    );
    // Headers must arrive within 10 s and a whole request within 60 s (Node's defaults: 60 s and 5 min),
    // so idle half-open requests cannot pile up; the routes' own body deadline is shorter still.
    const http = server as import("node:http").Server;
    http.headersTimeout = 10_000;
    http.requestTimeout = 60_000;
    server.once("error", reject);
  });
}

export interface ServeFlags {
  port: string;
  host: string;
  feeds?: string;
  data?: string;
  interval: string;
  allowPrivateNetwork?: boolean;
  corsOrigin?: string;
  maxSummaries?: string;
  summaryWorkers?: string;
}

/** `roundup serve`: runs until SIGINT/SIGTERM; returns the exit code. */
export async function serveCommand(opts: ServeFlags, io: Io): Promise<number> {
  const port = wholeNumberFlag("--port", opts.port, 0, 65_535);
  const seconds = intervalSeconds(opts.interval);
  const maxSummaries =
    opts.maxSummaries === undefined ? undefined : wholeNumberFlag("--max-summaries", opts.maxSummaries, 1);
  const workers =
    opts.summaryWorkers === undefined
      ? defaultSummaryWorkers()
      : wholeNumberFlag("--summary-workers", opts.summaryWorkers, 1, 256);
  const feeds = opts.feeds ? await readFeedList(opts.feeds) : [];
  const log = stderrLog(io);
  const token = process.env[TOKEN_ENV] || undefined;
  const corsOrigin = opts.corsOrigin ?? (process.env[CORS_ENV] || undefined);

  const store = await openDeskStore({ ...(opts.data ? { data: opts.data } : {}) });
  const controller = new AbortController();
  const stopped = new Promise<void>((resolve) =>
    controller.signal.addEventListener("abort", () => resolve(), { once: true }),
  );
  const stop = (signal: string) => {
    if (controller.signal.aborted) {
      // A second signal: the user does not want to wait for open requests or the store.
      log(`${signal} again: exiting now`);
      process.exit(130);
    }
    log(`${signal}: shutting down (again to force)`);
    controller.abort();
  };
  const onSigint = () => stop("SIGINT");
  const onSigterm = () => stop("SIGTERM");
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigterm);
  let server: RunningServer | undefined;
  let loop: Promise<void> = Promise.resolve();
  // Every summary (the API's, the paste form's, the desk's refreshes) runs on these threads, so the
  // event loop stays free for requests.
  const pool = new SummaryPool({ size: workers });
  try {
    // The desk's loop (polling the feeds, or refreshing stale stories) starts with the server.
    const service = await startDesk({
      store,
      log,
      summarize: pool.run,
      feeds,
      intervalMs: seconds * 1000,
      allowPrivateNetwork: opts.allowPrivateNetwork ?? false,
      signal: controller.signal,
    });
    loop = service.done;
    const app = createApp({
      store,
      desk: service.desk,
      token,
      corsOrigin,
      log,
      maxConcurrentSummaries: maxSummaries,
      summarize: pool.run,
    });
    server = await startServer(app, { port, host: opts.host });
    log(
      `serving http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${server.port} (store: ${store.kind}; ${workers} summary worker${workers === 1 ? "" : "s"}; writes ${token ? "need the bearer token" : `off: set ${TOKEN_ENV} to enable`}${corsOrigin ? `; CORS for ${corsOrigin}` : ""})`,
    );
    await stopped;
    await loop;
    await server.close();
    server = undefined;
  } finally {
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigterm);
    controller.abort();
    if (server) await server.close(0);
    await loop.catch(() => {});
    await pool.close();
    await store.close();
  }
  log("stopped");
  return 0;
}
