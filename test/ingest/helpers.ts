/** Shared helpers of the ingest tests: fixture paths, temp dirs, exact InputError assertions. */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
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
