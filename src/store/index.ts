/**
 * The store: open one with `openStore`. PostgreSQL when a database URL is given (apps pass
 * DATABASE_URL), else the embedded PGlite store in a data directory (default ./roundup-data), or in
 * memory for tests.
 */
import { DEFAULT_DATA_DIR, openPgliteStore } from "./pglite.ts";
import type { Store } from "./port.ts";
import { openPostgresStore } from "./postgres.ts";

export { DEFAULT_DATA_DIR, openPgliteStore, pgliteStoreFactory, pgliteTemplate } from "./pglite.ts";
export * from "./port.ts";
export { describeDatabaseUrl, openPostgresStore } from "./postgres.ts";
export { canonicalUrl } from "./sql.ts";
export { SqlStore } from "./store.ts";

export interface OpenStoreOptions {
  /** PGlite data directory; default ./roundup-data. */
  dataDir?: string;
  /** PostgreSQL connection string; wins over dataDir and memory when given (non-empty). */
  databaseUrl?: string;
  /** In-memory PGlite (nothing on disk). */
  memory?: boolean;
  /** PostgreSQL only: the schema for the tables (created if missing). */
  schema?: string;
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
  return openPgliteStore({ dataDir: options.dataDir ?? DEFAULT_DATA_DIR });
}
