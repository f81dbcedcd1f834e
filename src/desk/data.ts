/**
 * Where the desk keeps its data, in a module of its own so that commands which only read (`stories`,
 * `story`, `export`) open the store without loading the desk (clusterer, summarizer, readers).
 */
import { DEFAULT_DATA_DIR, openStore } from "../store/index.ts";
import type { Store } from "../store/port.ts";

/** Where the desk keeps its data: PostgreSQL when DATABASE_URL is set, else PGlite in `data`. */
export interface DeskStoreOptions {
  /** PGlite directory (default ./roundup-data); ignored when DATABASE_URL is set. */
  data?: string;
  /** Commands that only read: a missing PGlite store is an InputError naming it, and nothing is created. */
  readOnly?: boolean;
}

/** The desk's store, as {@link DeskStoreOptions} says. */
export function openDeskStore(options: DeskStoreOptions = {}): Promise<Store> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return openStore({ databaseUrl });
  return openStore({
    dataDir: options.data ?? DEFAULT_DATA_DIR,
    ...(options.readOnly ? { create: false } : {}),
  });
}

/** Runs `fn` on the desk's store and closes it after, whatever happens. */
export async function withDeskStore<T>(
  options: DeskStoreOptions,
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openDeskStore(options);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
