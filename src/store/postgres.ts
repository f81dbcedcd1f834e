/**
 * The server store: PostgreSQL through a pg Pool, from a connection string (DATABASE_URL).
 *
 * Queries outside a transaction go to any pooled connection; a transaction takes one connection for
 * its whole life (BEGIN … COMMIT, ROLLBACK when its function throws). Durability is the server's:
 * with its defaults (fsync on, synchronous_commit on) an acknowledged write survives a power loss.
 * `schema` puts the tables in that PostgreSQL schema (created if missing) instead of `public`.
 */
import pg from "pg";
import { StoreError } from "./port.ts";
import type { Driver, Queryable } from "./sql.ts";
import { SqlStore } from "./store.ts";

export interface PostgresStoreOptions {
  databaseUrl: string;
  /** PostgreSQL schema for the tables (default: the connection's search_path, normally `public`). */
  schema?: string;
  /** Pool size (default 10). */
  maxConnections?: number;
}

/** The URL without its password, for messages. */
export function describeDatabaseUrl(databaseUrl: string, schema?: string): string {
  let shown: string;
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "";
    url.search = "";
    shown = url.href;
  } catch {
    shown = "the PostgreSQL database in DATABASE_URL";
  }
  return schema ? `${shown} (schema ${schema})` : shown;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

class PostgresDriver implements Driver {
  readonly kind = "postgres";
  readonly location: string;
  readonly #pool: pg.Pool;

  constructor(location: string, pool: pg.Pool) {
    this.location = location;
    this.#pool = pool;
  }

  async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return (await this.#pool.query(sql, [...params])).rows as R[];
  }

  async transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      try {
        const result = await fn({
          query: async <R>(sql: string, params: readonly unknown[] = []) =>
            (await client.query(sql, [...params])).rows as R[],
        });
        await client.query("COMMIT");
        return result;
      } catch (e) {
        await client.query("ROLLBACK").catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw e;
      }
    } finally {
      // A connection whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

/** Connects to PostgreSQL and migrates the schema (concurrent opens wait on an advisory lock). */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<SqlStore> {
  const { databaseUrl, schema } = options;
  if (!/^postgres(ql)?:\/\/./.test(databaseUrl ?? "")) {
    throw new StoreError("databaseUrl must be a postgres:// or postgresql:// URL");
  }
  if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new StoreError(`schema must be a plain PostgreSQL identifier, got ${JSON.stringify(schema)}`);
  }
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 15_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection dropped by the server is discarded by the pool; the next query reports it.
  pool.on("error", () => undefined);
  const prelude = schema ? [`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`] : [];
  return SqlStore.open(new PostgresDriver(describeDatabaseUrl(databaseUrl, schema), pool), prelude);
}
