/**
 * Schema 1: articles, stories, roundup versions and feed state.
 *
 * One dialect for both adapters: plain PostgreSQL that PostgreSQL 15+ and PGlite run alike.
 * - Ids, URLs and hashes are `COLLATE "C"`: byte order, so `ORDER BY id` is the same on every server
 *   whatever its locale.
 * - Desk times are `timestamptz` (compared and sorted as instants); `published` is kept as the text the
 *   article gave, with `published_at` its parsed instant (NULL when it does not parse) for sorting.
 * - A roundup is kept as `json`, which stores the text as given: the object comes back with its keys in
 *   the order they went in. `jsonb` would reorder them (shorter keys first). Its article ids are `jsonb`.
 * - Idempotent ingest: one article per canonical URL; among articles without a URL, one per content hash.
 */
import type { Migration } from "./index.ts";

export const initial: Migration = {
  version: 1,
  name: "initial",
  statements: [
    `CREATE TABLE stories (
      id text COLLATE "C" PRIMARY KEY,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      archived boolean NOT NULL DEFAULT false,
      headline text
    )`,
    `CREATE INDEX stories_by_update ON stories (updated_at DESC, id)`,
    `CREATE TABLE articles (
      id text COLLATE "C" PRIMARY KEY,
      canonical_url text COLLATE "C",
      content_hash text COLLATE "C" NOT NULL,
      text text NOT NULL,
      title text,
      source text,
      url text,
      published text,
      published_at timestamptz,
      author text,
      origin text,
      ingested_at timestamptz NOT NULL,
      story_id text COLLATE "C" CONSTRAINT articles_story_fk REFERENCES stories (id),
      duplicate_of text COLLATE "C" CONSTRAINT articles_duplicate_fk REFERENCES articles (id),
      feed_url text,
      CONSTRAINT articles_not_own_duplicate CHECK (duplicate_of <> id)
    )`,
    `CREATE UNIQUE INDEX articles_canonical_url ON articles (canonical_url) WHERE canonical_url IS NOT NULL`,
    `CREATE UNIQUE INDEX articles_content_hash ON articles (content_hash) WHERE canonical_url IS NULL`,
    `CREATE INDEX articles_by_story ON articles (story_id, published_at, ingested_at, id)`,
    `CREATE INDEX articles_by_ingest ON articles (ingested_at, id)`,
    `CREATE TABLE roundups (
      story_id text COLLATE "C" NOT NULL CONSTRAINT roundups_story_fk REFERENCES stories (id),
      version integer NOT NULL CHECK (version > 0),
      created_at timestamptz NOT NULL,
      roundup json NOT NULL,
      article_ids jsonb NOT NULL,
      PRIMARY KEY (story_id, version)
    )`,
    `CREATE TABLE feeds (
      url text COLLATE "C" PRIMARY KEY,
      etag text,
      last_modified text,
      last_polled_at timestamptz,
      next_poll_at timestamptz,
      error_count integer NOT NULL CHECK (error_count >= 0),
      last_error text
    )`,
  ],
};
