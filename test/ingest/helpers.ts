/** Shared helpers of the ingest tests: fixture paths, temp dirs, exact InputError assertions, a local server. */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";
import { InputError } from "../../src/model/errors.ts";

/** The fixtures folder of the ingest tests. */
export const FIXTURES = join(import.meta.dirname, "fixtures");

/** A fixture's path: `fixture("html", "empty.html")`. */
export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

/** A fresh temporary directory, removed when the test ends. */
export async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "roundup-ingest-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Assert that `action` throws an InputError with exactly this message. */
export function throwsInput(action: () => unknown, message: string): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    assert.equal(error.message, message);
    return true;
  });
}

/** Assert that `promise` rejects with an InputError with exactly this message. */
export async function rejectsInput(promise: Promise<unknown>, message: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    assert.equal(error.message, message);
    return true;
  });
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface TestServer {
  port: number;
  /** `http://127.0.0.1:port${path}` */
  url: (path: string) => string;
  /** Every request received, in order. */
  requests: IncomingMessage[];
}

/** A local HTTP server routing by path (without query); closed, connections and all, when the test ends. */
export async function startServer(t: TestContext, routes: Record<string, Handler>): Promise<TestServer> {
  const requests: IncomingMessage[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request);
    const handler = routes[(request.url ?? "/").split("?")[0]];
    if (handler) handler(request, response);
    else response.writeHead(404).end("not found");
  });
  const port = await listenForTest(t, server);
  return { port, url: (path) => `http://127.0.0.1:${port}${path}`, requests };
}

/** Starts an HTTP(S) server on 127.0.0.1 at a free port, closed (connections and all) when the test ends. */
export async function listenForTest(t: TestContext, server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}
