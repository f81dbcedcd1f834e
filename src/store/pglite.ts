/**
 * The embedded store: PGlite (PostgreSQL compiled to WASM) in a data directory, or in memory.
 *
 * Single connection: PGlite runs one PostgreSQL backend, so every query and transaction goes through
 * one queue (PGlite queues too; this adapter does not rely on it).
 *
 * Durability (see the README of this folder, "Durability"):
 * - `relaxedDurability` stays off: a query's promise resolves only after PGlite has finished with the
 *   file system. PGlite's Node file system writes straight through to the data directory with
 *   synchronous writes, and PostgreSQL writes a transaction's WAL record before COMMIT returns, so an
 *   acknowledged write is in the operating system's hands: it survives the process being killed
 *   (tested with SIGKILL mid-write), and recovery replays the WAL on the next open.
 * - PGlite 0.5 runs with fsync off and its Node file system has no fsync, so an acknowledged write can
 *   still be lost if the whole machine crashes before the kernel writes it back. To narrow that, close()
 *   fsyncs every file PGlite touched while open (after PostgreSQL's shutdown checkpoint): a store that
 *   was closed survives power loss. For power-loss durability of every write, use PostgreSQL.
 * - One process per directory: a lock file (lock.ts) refuses a second opener.
 *
 * Memory: PostgreSQL's shared buffers are PGlite's largest allocation, and PGlite touches all of them at
 * start; at the default 128 MB a store took ~300 MB resident before its first query. The desk's working
 * set is small (a story list, one story's articles), and a page not in the buffers is one read from the
 * operating system's file cache away, so {@link SHARED_BUFFERS} is 16 MB.
 *
 * New stores: PGlite makes a data directory by running initdb, in a second PostgreSQL instance (~6 s and
 * ~500 MB more at peak on 2 cores). `npm run build` runs it once and keeps the result (dist/pglite-template/,
 * PGlite's own files only, none of ours, and the same as a tarball for in-memory stores); a new store
 * starts as a copy of it when it was made by the installed PGlite, and runs initdb itself otherwise. Our
 * migrations run either way. The copy writes PG_VERSION last, so one cut short is not taken for a store.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { InputError } from "../model/errors.ts";
import { DEFAULT_DATA_DIR } from "./data-dir.ts";
import { type DirLock, LOCK_FILE, lockDataDir } from "./lock.ts";
import { Mutex } from "./mutex.ts";
import { StoreError } from "./port.ts";
import { type Driver, errorMessage, type Queryable } from "./sql.ts";
import { SqlStore } from "./store.ts";

export { DEFAULT_DATA_DIR };

/** PostgreSQL's shared buffers in the embedded store (PostgreSQL's default: 128MB). See the note above. */
export const SHARED_BUFFERS = "16MB";

export interface PgliteStoreOptions {
  /** Data directory (created if missing). Default ./roundup-data. */
  dataDir?: string;
  /** Keep the database in memory (nothing on disk): for tests. */
  memory?: boolean;
  /** A data directory tarball (from pgliteTemplate) to start a *new* store from, skipping initdb. */
  loadDataDir?: Blob;
  /**
   * Create the store when the directory holds none (default true). False (read-only commands): a missing
   * directory, or one without a store, is an InputError naming it, and nothing is created.
   */
  create?: boolean;
}

class PgliteDriver implements Driver {
  readonly kind = "pglite";
  readonly location: string;
  readonly #db: PGlite;
  readonly #queue = new Mutex();
  readonly #afterClose: () => void;

  constructor(location: string, db: PGlite, afterClose: () => void) {
    this.location = location;
    this.#db = db;
    this.#afterClose = afterClose;
  }

  query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return this.#queue.run(async () => (await this.#db.query<R>(sql, [...params])).rows);
  }

  transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.#queue.run(() =>
      this.#db.transaction((tx) =>
        fn({
          query: async <R>(sql: string, params: readonly unknown[] = []) =>
            (await tx.query<R>(sql, [...params])).rows,
        }),
      ),
    );
  }

  close(): Promise<void> {
    return this.#queue.run(async () => {
      try {
        await this.#db.close();
      } finally {
        this.#afterClose();
      }
    });
  }

  /** The data directory as a tarball (for templates). */
  dump(): Promise<Blob> {
    return this.#queue.run(async () => (await this.#db.dumpDataDir("none")) as Blob);
  }
}

/** fsyncs every file under `dir` modified since `sinceMs`, then every directory (entries: creates, renames). */
function flushToDisk(dir: string, sinceMs: number): void {
  const sync = (p: string) => {
    const fd = fs.openSync(p, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  };
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && fs.statSync(p).mtimeMs >= sinceMs) sync(p);
    }
    sync(d);
  };
  walk(dir);
}

/** The directory must be new, empty, or a PGlite data directory: never someone else's files. */
function checkDataDir(dir: string, shown: string): void {
  const entries = fs.readdirSync(dir).filter((name) => name !== LOCK_FILE);
  if (entries.length > 0 && !entries.includes("PG_VERSION")) {
    throw new StoreError(`store at ${shown}: the directory is not empty and holds no Roundup store`);
  }
}

const BUILT_TEMPLATE_DIR = new URL("../../dist/pglite-template", import.meta.url);
const BUILT_TEMPLATE = new URL("../../dist/pglite-template.tar.gz", import.meta.url);
const BUILT_TEMPLATE_INFO = new URL("../../dist/pglite-template.json", import.meta.url);

/** The installed PGlite's version (its package.json: the package exports no version). */
function pgliteVersion(): string {
  const main = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  let dir = path.dirname(main);
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
}

/** Whether `npm run build` made the template with the installed PGlite. */
function builtTemplateFits(): boolean {
  try {
    const info = JSON.parse(fs.readFileSync(BUILT_TEMPLATE_INFO, "utf8")) as { pglite?: string };
    return info.pglite === pgliteVersion();
  } catch {
    return false;
  }
}

/** The built template as a tarball (for an in-memory store), if it fits. */
function builtTemplate(): Blob | undefined {
  if (!builtTemplateFits()) return undefined;
  try {
    return new Blob([fs.readFileSync(BUILT_TEMPLATE)]);
  } catch {
    return undefined;
  }
}

/**
 * Copies the built template into `dir` (locked, holding no store), PG_VERSION last. False when there is
 * no fitting template (the caller lets PGlite run initdb).
 */
function copyBuiltTemplate(dir: string): boolean {
  const from = fileURLToPath(BUILT_TEMPLATE_DIR);
  if (!builtTemplateFits() || !fs.existsSync(path.join(from, "PG_VERSION"))) return false;
  const version = path.join(from, "PG_VERSION");
  try {
    fs.cpSync(from, dir, { recursive: true, filter: (src) => src !== version });
    fs.copyFileSync(version, path.join(dir, "PG_VERSION"));
  } catch (e) {
    for (const name of fs.readdirSync(dir))
      if (name !== LOCK_FILE) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    throw e;
  }
  return true;
}

/**
 * `loadDataDir` starts a new store from a template. Without one, a new in-memory store starts from the
 * built template's tarball (an on-disk one was given a copy of it already, see openPgliteStore).
 */
function createPglite(dataDir: string | undefined, loadDataDir: Blob | undefined): Promise<PGlite> {
  const template = loadDataDir ?? (dataDir === undefined ? builtTemplate() : undefined);
  return PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(template ? { loadDataDir: template } : {}),
    relaxedDurability: false,
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`],
  });
}

/** Opens (creating if needed, unless `create` is false) the embedded store and migrates it. */
export async function openPgliteStore(options: PgliteStoreOptions = {}): Promise<SqlStore> {
  if (options.memory) {
    const db = await createPglite(undefined, options.loadDataDir);
    return SqlStore.open(new PgliteDriver("memory://", db, () => undefined));
  }
  const shown = options.dataDir ?? DEFAULT_DATA_DIR;
  if (shown === "" || /^[a-z][a-z0-9+.-]*:\/\//i.test(shown)) {
    throw new StoreError(
      `dataDir must be a directory path, got ${JSON.stringify(shown)} (for an in-memory store pass memory: true)`,
    );
  }
  const dir = path.resolve(shown);
  // Checked before the lock file is written: opening nothing must leave nothing behind.
  if (options.create === false && !fs.existsSync(path.join(dir, "PG_VERSION")))
    throw new InputError(shown, "no store here (`roundup ingest` or `roundup watch` creates one)");
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new StoreError(`cannot create store at ${shown}: ${errorMessage(e)}`, { cause: e });
  }
  const lock: DirLock = lockDataDir(dir, shown);
  let db: PGlite;
  const openedAt = Date.now() - 2000; // file times can be coarse: err on the side of syncing
  try {
    checkDataDir(dir, shown);
    if (options.loadDataDir && fs.existsSync(path.join(dir, "PG_VERSION"))) {
      throw new StoreError(`store at ${shown} already exists: a template only starts a new store`);
    }
    if (!options.loadDataDir && !fs.existsSync(path.join(dir, "PG_VERSION"))) copyBuiltTemplate(dir);
    db = await createPglite(dir, options.loadDataDir);
  } catch (e) {
    lock.release();
    if (e instanceof StoreError) throw e;
    throw new StoreError(`cannot open store at ${shown}: ${errorMessage(e)}`, { cause: e });
  }
  const driver = new PgliteDriver(shown, db, () => {
    try {
      flushToDisk(dir, openedAt);
    } finally {
      lock.release();
    }
  });
  return SqlStore.open(driver);
}

/**
 * A new store's data directory as a tarball (initdb and migrations done), to pass as `loadDataDir`:
 * opening from it takes a fraction of a second instead of seconds. For tests that open many stores.
 */
export async function pgliteTemplate(): Promise<Blob> {
  const db = await createPglite(undefined, undefined);
  const driver = new PgliteDriver("memory://", db, () => undefined);
  const store = await SqlStore.open(driver);
  try {
    return await driver.dump();
  } finally {
    await store.close();
  }
}

/** Opens fresh stores quickly: in memory, or in a new `dataDir`, each a copy of one template. */
export async function pgliteStoreFactory(): Promise<(options?: { dataDir?: string }) => Promise<SqlStore>> {
  const template = await pgliteTemplate();
  return (options = {}) =>
    openPgliteStore(
      options.dataDir
        ? { dataDir: options.dataDir, loadDataDir: template }
        : { memory: true, loadDataDir: template },
    );
}
