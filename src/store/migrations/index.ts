/**
 * Numbered schema migrations, applied in order at open, each recorded in `schema_version`.
 * A migration is a list of single SQL statements (both drivers run them one by one, with no parameters).
 * Never edit a released migration: add the next number and raise SCHEMA_VERSION in port.ts.
 */
import { SCHEMA_VERSION } from "../port.ts";
import { initial } from "./001-initial.ts";
import { topics } from "./002-topics.ts";
import { mergedInto } from "./003-merged-into.ts";

export interface Migration {
  /** 1, 2, 3 …: the schema version the store is at once this migration has run. */
  version: number;
  name: string;
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [initial, topics, mergedInto];

if (MIGRATIONS.length !== SCHEMA_VERSION || MIGRATIONS.some((m, i) => m.version !== i + 1)) {
  throw new Error(`store migrations must be numbered 1..${SCHEMA_VERSION} (SCHEMA_VERSION in port.ts)`);
}
