/**
 * The store: open one with `openStore`. PostgreSQL when a database URL is given (apps pass
 * DATABASE_URL), else the embedded PGlite store in a data directory (default ./roundup-data), or in
 * memory for tests.
 *
 * The adapters are imported when a store is opened, not with this module: PGlite (a 9 MB WebAssembly
 * PostgreSQL) and pg cost start-up time and memory a command that opens no store (or the other kind)
 * should not pay. So the adapter functions below are thin async forwarders.
 */
import { DEFAULT_DATA_DIR } from "./data-dir.ts";
import type { PgliteStoreOptions } from "./pglite.ts";
import type { Store } from "./port.ts";
import type { PostgresStoreOptions } from "./postgres.ts";
import type { SqlStore } from "./store.ts";

export type { PgliteStoreOptions } from "./pglite.ts";
export * from "./port.ts";
export type { PostgresStoreOptions } from "./postgres.ts";
export { canonicalUrl } from "./sql.ts";
export { SqlStore } from "./store.ts";
export { DEFAULT_DATA_DIR };

export interface OpenStoreOptions {
  /** PGlite data directory; default ./roundup-data. */
  dataDir?: string;
  /** PostgreSQL connection string; wins over dataDir and memory when given (non-empty). */
  databaseUrl?: string;
  /** In-memory PGlite (nothing on disk). */
  memory?: boolean;
  /** PostgreSQL only: the schema for the tables (created if missing). */
  schema?: string;
  /**
   * PGlite only: create the store when the data directory holds none (default true). Read-only commands
   * pass false: a missing store is then an InputError naming the directory, and nothing is created.
   */
  create?: boolean;
}

/** Opens the store and migrates it to this Roundup's schema; a StoreError says what went wrong. */
export function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  if (options.databaseUrl) {
    return openPostgresStore({
      databaseUrl: options.databaseUrl,
      ...(options.schema ? { schema: options.schema } : {}),
    });
  }
  if (options.memory) return openPgliteStore({ memory: true });
  return openPgliteStore({
    dataDir: options.dataDir ?? DEFAULT_DATA_DIR,
    ...(options.create === false ? { create: false } : {}),
  });
}

/** See pglite.ts. */
export async function openPgliteStore(options: PgliteStoreOptions = {}): Promise<SqlStore> {
  return (await import("./pglite.ts")).openPgliteStore(options);
}

/** See pglite.ts. */
export async function pgliteTemplate(): Promise<Blob> {
  return (await import("./pglite.ts")).pgliteTemplate();
}

/** See pglite.ts. */
export async function pgliteStoreFactory(): Promise<(options?: { dataDir?: string }) => Promise<SqlStore>> {
  return (await import("./pglite.ts")).pgliteStoreFactory();
}

/** See postgres.ts. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<SqlStore> {
  return (await import("./postgres.ts")).openPostgresStore(options);
}
