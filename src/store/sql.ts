/**
 * What both adapters share: the driver seam, every SQL statement, and the mapping between rows and the
 * port's types. The adapters (pglite.ts, postgres.ts) only connect and run queries.
 *
 * Conventions the statements keep, so both drivers return the same JavaScript values:
 * - counts are cast to `integer` (a `bigint` comes back as a string from pg);
 * - `json`/`jsonb` columns are read as `::text` and parsed here (key order is the stored text's);
 * - times are passed in as ISO 8601 UTC strings normalised here, and come back as `Date` (both
 *   drivers parse `timestamptz`), turned into ISO strings here.
 */
import type { Roundup } from "../model/types.ts";
import {
  type FeedState,
  type RoundupVersion,
  type StoredArticle,
  StoreError,
  type Story,
  type StorySummary,
  type StoryTopic,
} from "./port.ts";

/** Runs one SQL statement with `$1`-style parameters and returns its rows. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

/** How an adapter connects: the only thing that differs between PGlite and PostgreSQL. */
export interface Driver extends Queryable {
  readonly kind: "pglite" | "postgres";
  /** Where the store is, for messages: a directory, "memory://", or a URL without its password. */
  readonly location: string;
  /** BEGIN, `fn` on one connection, COMMIT; ROLLBACK when `fn` throws. */
  transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------
// Statements

const ARTICLE_COLUMNS = `id, text, title, source, url, published, author, origin, content_hash,
  ingested_at, story_id, duplicate_of, feed_url`;

export const SQL = {
  lockSchema: "SELECT pg_advisory_xact_lock(4722193029165395)",
  createSchemaVersion: `CREATE TABLE IF NOT EXISTS schema_version (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`,
  schemaVersion: "SELECT COALESCE(MAX(version), 0)::integer AS version FROM schema_version",
  recordVersion: "INSERT INTO schema_version (version, name) VALUES ($1, $2)",

  insertArticle: `INSERT INTO articles (id, canonical_url, content_hash, text, title, source, url, published,
      published_at, author, origin, ingested_at, story_id, duplicate_of, feed_url)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
    ON CONFLICT DO NOTHING
    RETURNING id`,
  articleByUrl: "SELECT id FROM articles WHERE canonical_url = $1",
  articleByHash: "SELECT id FROM articles WHERE canonical_url IS NULL AND content_hash = $1",
  getArticle: `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = $1`,
  storyArticles: `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE story_id = $1
    ORDER BY published_at ASC NULLS LAST, ingested_at, id`,
  assignArticle: "UPDATE articles SET story_id = $2, duplicate_of = $3 WHERE id = $1 RETURNING id",
  articlesSince: `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE ingested_at > $1
    ORDER BY ingested_at, id LIMIT $2::integer`,
  countArticles: "SELECT count(*)::integer AS n FROM articles",
  // Keyset pagination over (ingested_at, id): $1/$2 the last row of the previous page (NULL: from the start).
  articlesPage: `SELECT ${ARTICLE_COLUMNS} FROM articles
    WHERE $1::timestamptz IS NULL OR (ingested_at, id) > ($1::timestamptz, $2::text)
    ORDER BY ingested_at, id LIMIT $3::integer`,

  // No topic given: a new story is its own topic, an existing one keeps its topic.
  putStory: `INSERT INTO stories (id, created_at, updated_at, archived, headline, topic_id, merged_into)
    VALUES ($1, $2, $3, $4, $5, COALESCE($6::text, $1), CASE WHEN $4::boolean THEN $7::text END)
    ON CONFLICT (id) DO UPDATE SET created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
      archived = EXCLUDED.archived, headline = EXCLUDED.headline,
      topic_id = COALESCE($6::text, stories.topic_id),
      merged_into = CASE WHEN EXCLUDED.archived THEN COALESCE($7::text, stories.merged_into) END`,
  listStories: `SELECT s.id, s.created_at, s.updated_at, s.archived, s.headline, s.topic_id, s.merged_into,
      (SELECT count(*) FROM articles a WHERE a.story_id = s.id)::integer AS article_count,
      (SELECT count(DISTINCT a.source) FROM articles a WHERE a.story_id = s.id)::integer AS outlet_count,
      (SELECT max(r.version) FROM roundups r WHERE r.story_id = s.id) AS roundup_version
    FROM stories s
    WHERE (s.archived = false OR $1::boolean) AND ($2::text IS NULL OR s.id = $2::text)
      AND ($4::text IS NULL OR s.topic_id = $4::text)
    ORDER BY s.updated_at DESC, s.id
    LIMIT $3::integer`,
  // $1: a JSON array of {"story_id", "topic_id"}; the ids updated come back.
  setStoryTopics: `UPDATE stories s SET topic_id = t.topic_id
    FROM jsonb_to_recordset($1::jsonb) AS t(story_id text, topic_id text)
    WHERE s.id = t.story_id
    RETURNING s.id`,
  lockStories: "SELECT id FROM stories WHERE id IN ($1, $2) ORDER BY id FOR UPDATE",
  moveArticles: "UPDATE articles SET story_id = $2 WHERE story_id = $1",
  // $1 the lost story, $2 the time, $3 the story it went into.
  archiveMerged: `UPDATE stories SET archived = true, updated_at = GREATEST(updated_at, $2::timestamptz),
      merged_into = $3::text
    WHERE id = $1`,
  // Stories merged into the lost one now point where it went: redirects stay one hop.
  repointMerged: "UPDATE stories SET merged_into = $2::text WHERE merged_into = $1::text",
  touchStory: "UPDATE stories SET updated_at = GREATEST(updated_at, $2::timestamptz) WHERE id = $1",
  archiveStories:
    "UPDATE stories SET archived = true WHERE archived = false AND updated_at < $1 RETURNING id",

  addRoundup: `INSERT INTO roundups (story_id, version, created_at, roundup, article_ids)
    SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3::json, $4::jsonb FROM roundups WHERE story_id = $1
    RETURNING version`,
  roundupVersions: `SELECT story_id, version, created_at, roundup::text AS roundup, article_ids::text AS article_ids
    FROM roundups WHERE story_id = $1 ORDER BY version`,
  latestRoundup: `SELECT story_id, version, created_at, roundup::text AS roundup, article_ids::text AS article_ids
    FROM roundups WHERE story_id = $1 ORDER BY version DESC LIMIT 1`,
  staleStories: `SELECT s.id FROM stories s
    WHERE s.archived = false
      AND (SELECT count(*) FROM articles a WHERE a.story_id = s.id) <> COALESCE(
        (SELECT jsonb_array_length(r.article_ids) FROM roundups r WHERE r.story_id = s.id
          ORDER BY r.version DESC LIMIT 1), -1)
    ORDER BY s.id`,

  getFeedState: `SELECT url, etag, last_modified, last_polled_at, next_poll_at, error_count, last_error
    FROM feeds WHERE url = $1`,
  putFeedState: `INSERT INTO feeds (url, etag, last_modified, last_polled_at, next_poll_at, error_count, last_error)
    VALUES ($1, $2, $3, $4, $5, $6, $7)
    ON CONFLICT (url) DO UPDATE SET etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
      last_polled_at = EXCLUDED.last_polled_at, next_poll_at = EXCLUDED.next_poll_at,
      error_count = EXCLUDED.error_count, last_error = EXCLUDED.last_error`,
} as const;

// ---------------------------------------------------------------------------------------------------
// Values in

/** The identity of an article's URL: WHATWG-normalised (scheme and host case, default port, escapes), fragment dropped. */
export function canonicalUrl(url: string | undefined): string | null {
  const trimmed = url?.trim();
  if (!trimmed) return null;
  try {
    const parsed = new URL(trimmed);
    parsed.hash = "";
    return parsed.href;
  } catch {
    return trimmed;
  }
}

/** An ISO 8601 time normalised to UTC (`toISOString`), or a StoreError naming the field. */
export function isoTime(what: string, value: unknown): string {
  const ms = typeof value === "string" && value.trim() !== "" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new StoreError(`${what}: ${JSON.stringify(value)} is not an ISO 8601 time`);
  return new Date(ms).toISOString();
}

export function optionalIsoTime(what: string, value: string | undefined): string | null {
  return value === undefined ? null : isoTime(what, value);
}

/** A non-empty string, or a StoreError naming the field. */
export function requireId(what: string, value: unknown): string {
  if (typeof value !== "string" || value === "") {
    throw new StoreError(`${what} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A listing limit: undefined (no limit) or a non-negative integer. */
export function limitParam(what: string, value: number | undefined): number | null {
  if (value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value > 2_147_483_647) {
    throw new StoreError(`${what}: limit must be a non-negative integer, got ${value}`);
  }
  return value;
}

/** The instant an article's `published` names, for sorting; null when it does not parse. */
function publishedAt(published: string | undefined): string | null {
  if (!published) return null;
  const ms = Date.parse(published);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function articleParams(a: StoredArticle): unknown[] {
  const what = `article ${JSON.stringify(a?.id)}`;
  requireId("article id", a?.id);
  if (typeof a.text !== "string") throw new StoreError(`${what}: text must be a string`);
  requireId(`${what}: contentHash`, a.contentHash);
  return [
    a.id,
    canonicalUrl(a.url),
    a.contentHash,
    a.text,
    a.title ?? null,
    a.source ?? null,
    a.url ?? null,
    a.published ?? null,
    publishedAt(a.published),
    a.author ?? null,
    a.origin ?? null,
    isoTime(`${what}: ingestedAt`, a.ingestedAt),
    a.storyId ?? null,
    a.duplicateOf ?? null,
    a.feedUrl ?? null,
  ];
}

export function storyParams(s: Story): unknown[] {
  const id = requireId("story id", s?.id);
  if (typeof s.archived !== "boolean") {
    throw new StoreError(`story ${JSON.stringify(id)}: archived must be a boolean`);
  }
  return [
    id,
    isoTime(`story ${JSON.stringify(id)}: createdAt`, s.createdAt),
    isoTime(`story ${JSON.stringify(id)}: updatedAt`, s.updatedAt),
    s.archived,
    s.headline ?? null,
    s.topicId === undefined ? null : requireId(`story ${JSON.stringify(id)}: topicId`, s.topicId),
    s.mergedInto === undefined ? null : requireId(`story ${JSON.stringify(id)}: mergedInto`, s.mergedInto),
  ];
}

/** Story topics as the JSON `setStoryTopics` reads, refusing a bad id or a story named twice. */
export function storyTopicsJson(topics: readonly StoryTopic[]): string {
  if (!Array.isArray(topics)) throw new StoreError("setStoryTopics: topics must be an array");
  const seen = new Set<string>();
  const rows = topics.map((t) => {
    const storyId = requireId("setStoryTopics: story id", t?.storyId);
    const topicId = requireId(`setStoryTopics: topicId of story ${JSON.stringify(storyId)}`, t.topicId);
    if (seen.has(storyId))
      throw new StoreError(`setStoryTopics: story ${JSON.stringify(storyId)} is named twice`);
    seen.add(storyId);
    return { story_id: storyId, topic_id: topicId };
  });
  return JSON.stringify(rows);
}

export function feedParams(f: FeedState): unknown[] {
  const url = requireId("feed url", f?.url);
  const what = `feed ${JSON.stringify(url)}`;
  if (!Number.isInteger(f.errorCount) || f.errorCount < 0) {
    throw new StoreError(`${what}: errorCount must be a non-negative integer, got ${f.errorCount}`);
  }
  return [
    url,
    f.etag ?? null,
    f.lastModified ?? null,
    optionalIsoTime(`${what}: lastPolledAt`, f.lastPolledAt),
    optionalIsoTime(`${what}: nextPollAt`, f.nextPollAt),
    f.errorCount,
    f.lastError ?? null,
  ];
}

/** A roundup as JSON text, refusing what JSON cannot carry faithfully. */
export function roundupJson(storyId: string, roundup: Roundup): string {
  const text = JSON.stringify(roundup);
  if (typeof text !== "string" || typeof roundup !== "object" || roundup === null) {
    throw new StoreError(`roundup of story ${JSON.stringify(storyId)} is not a JSON object`);
  }
  return text;
}

export function articleIdsJson(storyId: string, ids: readonly string[]): string {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string")) {
    throw new StoreError(
      `roundup of story ${JSON.stringify(storyId)}: articleIds must be an array of strings`,
    );
  }
  return JSON.stringify(ids);
}

// ---------------------------------------------------------------------------------------------------
// Rows out

type Nullable<T> = T | null;

export interface ArticleRow {
  id: string;
  text: string;
  title: Nullable<string>;
  source: Nullable<string>;
  url: Nullable<string>;
  published: Nullable<string>;
  author: Nullable<string>;
  origin: Nullable<string>;
  content_hash: string;
  ingested_at: Date | string;
  story_id: Nullable<string>;
  duplicate_of: Nullable<string>;
  feed_url: Nullable<string>;
}

export interface StoryRow {
  id: string;
  created_at: Date | string;
  updated_at: Date | string;
  archived: boolean;
  headline: Nullable<string>;
  topic_id: string;
  merged_into: Nullable<string>;
  article_count: number;
  outlet_count: number;
  roundup_version: Nullable<number>;
}

export interface RoundupRow {
  story_id: string;
  version: number;
  created_at: Date | string;
  roundup: string;
  article_ids: string;
}

export interface FeedRow {
  url: string;
  etag: Nullable<string>;
  last_modified: Nullable<string>;
  last_polled_at: Nullable<Date | string>;
  next_poll_at: Nullable<Date | string>;
  error_count: number;
  last_error: Nullable<string>;
}

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Sets `key` only when the column is not NULL, so absent fields stay absent (not `undefined`). */
function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | null): void {
  if (value !== null && value !== undefined) target[key] = value;
}

export function toArticle(row: ArticleRow): StoredArticle {
  const a = { id: row.id, text: row.text } as StoredArticle;
  put(a, "title", row.title);
  put(a, "source", row.source);
  put(a, "url", row.url);
  put(a, "published", row.published);
  put(a, "author", row.author);
  put(a, "origin", row.origin);
  a.contentHash = row.content_hash;
  a.ingestedAt = iso(row.ingested_at);
  put(a, "storyId", row.story_id);
  put(a, "duplicateOf", row.duplicate_of);
  put(a, "feedUrl", row.feed_url);
  return a;
}

export function toStorySummary(row: StoryRow): StorySummary {
  const s = { id: row.id, createdAt: iso(row.created_at), updatedAt: iso(row.updated_at) } as StorySummary;
  s.archived = row.archived;
  put(s, "headline", row.headline);
  s.topicId = row.topic_id;
  put(s, "mergedInto", row.merged_into);
  s.articleCount = row.article_count;
  s.outletCount = row.outlet_count;
  put(s, "roundupVersion", row.roundup_version);
  return s;
}

export function toRoundupVersion(row: RoundupRow): RoundupVersion {
  return {
    storyId: row.story_id,
    version: row.version,
    createdAt: iso(row.created_at),
    roundup: JSON.parse(row.roundup) as Roundup,
    articleIds: JSON.parse(row.article_ids) as string[],
  };
}

export function toFeedState(row: FeedRow): FeedState {
  const f = { url: row.url } as FeedState;
  put(f, "etag", row.etag);
  put(f, "lastModified", row.last_modified);
  if (row.last_polled_at !== null) f.lastPolledAt = iso(row.last_polled_at);
  if (row.next_poll_at !== null) f.nextPollAt = iso(row.next_poll_at);
  f.errorCount = row.error_count;
  put(f, "lastError", row.last_error);
  return f;
}

// ---------------------------------------------------------------------------------------------------
// Errors

/** A database error's SQLSTATE and constraint, when the driver gives them (pg and PGlite both do). */
export function dbErrorInfo(e: unknown): { code?: string; constraint?: string } {
  if (typeof e !== "object" || e === null) return {};
  const { code, constraint } = e as { code?: unknown; constraint?: unknown };
  return {
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof constraint === "string" ? { constraint } : {}),
  };
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
