// The embedded store: the conformance suite in memory and on disk, then what only PGlite has: the data
// directory (default, lock, refusals) and crash safety (a writer killed with SIGKILL loses nothing it
// acknowledged).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { openStore, type SqlStore } from "../../src/store/index.ts";
import { openPgliteStore, pgliteStoreFactory } from "../../src/store/pglite.ts";
import { SCHEMA_VERSION, StoreError } from "../../src/store/port.ts";
import { storeConformance } from "./conformance.ts";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const CHILD = fileURLToPath(new URL("./crash-child.ts", import.meta.url));
const root = fs.mkdtempSync(path.join(os.tmpdir(), "roundup-store-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** A path for a new store directory (not created). */
const freshDir = () => path.join(root, randomUUID());

const factory = pgliteStoreFactory();

async function stampSchemaVersion(dataDir: string, version: number): Promise<void> {
  const db = await PGlite.create(dataDir);
  try {
    await db.query("INSERT INTO schema_version (version, name) VALUES ($1, 'from a newer Roundup')", [
      version,
    ]);
  } finally {
    await db.close();
  }
}

storeConformance("pglite in memory", async () => (await factory)());

/** Runs statements in a PGlite data directory (created if new) without opening it as a store. */
async function seed(dataDir: string, statements: readonly string[]): Promise<void> {
  const db = await PGlite.create(dataDir);
  try {
    for (const statement of statements) await db.query(statement);
  } finally {
    await db.close();
  }
}

storeConformance("pglite on disk", async () => (await factory)({ dataDir: freshDir() }), {
  persistent: async () => {
    const dataDir = freshDir();
    return {
      location: dataDir,
      open: () => openPgliteStore({ dataDir }),
      stampSchemaVersion: (version) => stampSchemaVersion(dataDir, version),
      seed: (statements) => seed(dataDir, statements),
    };
  },
});

async function rejectsWithStoreError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof StoreError, `expected a StoreError, got ${String(e)}`);
    assert.match(e.message, pattern);
    return true;
  });
}

describe("pglite data directory", () => {
  test("openStore: ./roundup-data by default, memory when asked, a database URL wins", async () => {
    const cwd = process.cwd();
    const dir = freshDir();
    fs.mkdirSync(dir);
    process.chdir(dir);
    try {
      const store = await openStore();
      assert.equal(store.kind, "pglite");
      assert.equal((store as SqlStore).location, "./roundup-data");
      await store.putArticle({ id: "a-1", text: "x", contentHash: "h", ingestedAt: "2025-06-13T10:00:00Z" });
      await store.close();
      assert.ok(fs.existsSync(path.join(dir, "roundup-data", "PG_VERSION")));
      const again = await openStore({ dataDir: "./roundup-data" });
      assert.equal(await again.countArticles(), 1);
      await again.close();
    } finally {
      process.chdir(cwd);
    }
    const memory = await openStore({ memory: true, dataDir: path.join(dir, "unused") });
    assert.equal(memory.kind, "pglite");
    await memory.close();
    assert.equal(fs.existsSync(path.join(dir, "unused")), false);
    // With a URL, PostgreSQL is used whatever else is given (port 1: nothing listens; the password stays out).
    await rejectsWithStoreError(
      openStore({ databaseUrl: "postgres://nobody:s3cret@127.0.0.1:1/none", dataDir: dir, memory: true }),
      /^cannot open store at postgres:\/\/nobody@127\.0\.0\.1:1\/none: (?!.*s3cret)/,
    );
  });

  test("one opener at a time: a second open in this process is refused until the first closes", async () => {
    const dataDir = freshDir();
    const first = await (await factory)({ dataDir });
    await rejectsWithStoreError(
      openPgliteStore({ dataDir }),
      /is already open in this process: close it first/,
    );
    await first.close();
    const second = await openPgliteStore({ dataDir });
    await second.close();
    // Migrations ran once, reopening did not run them again.
    const db = await PGlite.create(dataDir);
    assert.deepEqual(
      (await db.query("SELECT version FROM schema_version ORDER BY version")).rows,
      Array.from({ length: SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })),
    );
    await db.close();
  });

  test("a lock held by a live process refuses; a dead process's lock is taken over", async () => {
    const dataDir = freshDir();
    await (await (await factory)({ dataDir })).close();
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
    try {
      const lock = path.join(dataDir, "roundup.lock");
      fs.writeFileSync(lock, JSON.stringify({ pid: sleeper.pid, process: "another" }));
      await rejectsWithStoreError(
        openPgliteStore({ dataDir }),
        new RegExp(
          `is in use by process ${sleeper.pid} \\(if no Roundup runs there, delete .*roundup\\.lock\\)`,
        ),
      );
    } finally {
      sleeper.kill("SIGKILL");
      await new Promise((resolve) => sleeper.once("exit", resolve));
    }
    const store = await openPgliteStore({ dataDir });
    assert.equal(await store.countArticles(), 0);
    await store.close();
    assert.equal(fs.existsSync(path.join(dataDir, "roundup.lock")), false);
  });

  test("refuses a directory holding other files, and a URL as a directory", async () => {
    const dataDir = freshDir();
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, "notes.txt"), "mine");
    await rejectsWithStoreError(
      openPgliteStore({ dataDir }),
      /the directory is not empty and holds no Roundup store/,
    );
    assert.deepEqual(fs.readdirSync(dataDir), ["notes.txt"]);
    await rejectsWithStoreError(
      openPgliteStore({ dataDir: "memory://x" }),
      /dataDir must be a directory path/,
    );
  });

  test("stores from one template are independent", async () => {
    const make = await factory;
    const a = await make();
    const b = await make();
    try {
      await a.putArticle({ id: "a-1", text: "x", contentHash: "h", ingestedAt: "2025-06-13T10:00:00Z" });
      assert.equal(await a.countArticles(), 1);
      assert.equal(await b.countArticles(), 0);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

/** Runs the crash child until it has acknowledged `target` writes, kills it with SIGKILL, returns every id it acknowledged. */
function writeUntilKilled(dataDir: string, prefix: string, target: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, dataDir, prefix], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const acked: string[] = [];
    let pending = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line !== "open") acked.push(line);
      if (acked.length >= target && !child.killed) child.kill("SIGKILL");
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (signal === "SIGKILL" && acked.length >= target) resolve(acked);
      else reject(new Error(`crash child ended (${signal ?? code}) after ${acked.length} writes: ${stderr}`));
    });
  });
}

describe("pglite crash safety", () => {
  test("a writer killed with SIGKILL mid-write loses no acknowledged write", {
    timeout: 240_000,
  }, async () => {
    const dataDir = freshDir();
    const all: string[] = [];
    for (const [round, target] of [
      ["r1", 120],
      ["r2", 200],
    ] as const) {
      const acked = await writeUntilKilled(dataDir, round, target);
      all.push(...acked);
      const store = await openPgliteStore({ dataDir }); // takes over the dead writer's lock
      try {
        const missing: string[] = [];
        for (const id of all) if (!(await store.getArticle(id))) missing.push(id);
        assert.deepEqual(missing, [], `acknowledged but lost after SIGKILL in round ${round}`);
        const count = await store.countArticles();
        assert.ok(
          count >= all.length && count <= all.length + 2,
          `${count} articles for ${all.length} acked`,
        );
        // Transactions: a story for every fifth article, never one without the other.
        for (const id of acked) {
          const n = Number(id.split("-")[1]);
          if (n % 5 !== 0) continue;
          assert.equal((await store.getArticle(id))?.storyId, `${round}-s${n}`);
          assert.equal((await store.getStory(`${round}-s${n}`))?.articleCount, 1);
        }
        const stories = await store.listStories({ includeArchived: true });
        assert.ok(
          stories.every((s) => s.articleCount === 1),
          "a story whose article was lost",
        );
      } finally {
        await store.close();
      }
    }
  });
});
