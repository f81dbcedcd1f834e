/**
 * The store port: everything the story desk keeps. Two adapters implement it with one SQL dialect
 * (PGlite embedded, the default; PostgreSQL via DATABASE_URL), and one conformance suite runs on both.
 *
 * Rules every adapter keeps:
 * - Ingest is idempotent: `putArticle` stores an article once per canonical URL, else once per content hash.
 * - A write acknowledged (the promise resolved) survives a crash; `transaction` is all or nothing.
 * - Sorts break ties by id, so listings are deterministic.
 */
import type { Article, Roundup } from "../model/types.ts";

/** An article as stored: the Article plus desk bookkeeping. */
export interface StoredArticle extends Article {
  /** SHA-1 of the normalised text: the identity of an article without a URL. */
  contentHash: string;
  /** When the desk stored it (ISO 8601). */
  ingestedAt: string;
  /** Story it belongs to, once clustered. */
  storyId?: string;
  /** The article this one is a (near-)copy of: wire copy republished elsewhere. */
  duplicateOf?: string;
  /** Feed it came from, if any. */
  feedUrl?: string;
}

export interface Story {
  id: string;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  headline?: string;
  /**
   * The story's topic (related stories): the id of the topic's first story. `putStory` without it makes
   * a new story its own topic and leaves an existing story's topic as it is.
   */
  topicId?: string;
  /**
   * Set by `mergeStories` on the archived story: the live story its articles went to (always one hop; the
   * store re-points older merges). `putStory` keeps it only on an archived story (import restores it); a
   * story stored again as live loses it.
   */
  mergedInto?: string;
}

/** Where a page of `articlesPage` ends: its last article's ingest time and id. */
export interface ArticleCursor {
  ingestedAt: string;
  id: string;
}

/** A story as listed: counts computed from its articles. */
export interface StorySummary extends Story {
  /** Always set on a stored story (its own id until it is given another topic). */
  topicId: string;
  articleCount: number;
  /** Distinct outlets (sources) among its articles. */
  outletCount: number;
  /** Newest roundup version number, if any. */
  roundupVersion?: number;
}

export interface RoundupVersion {
  storyId: string;
  /** 1, 2, 3 … per story. */
  version: number;
  createdAt: string;
  roundup: Roundup;
  /** Article ids the roundup was computed from. */
  articleIds: string[];
}

/** Polling state of one feed (conditional GET and back-off). */
export interface FeedState {
  url: string;
  etag?: string;
  lastModified?: string;
  lastPolledAt?: string;
  /** Do not poll before this time (back-off after errors). */
  nextPollAt?: string;
  errorCount: number;
  lastError?: string;
}

/** One story's topic, for `setStoryTopics`. */
export interface StoryTopic {
  storyId: string;
  topicId: string;
}

export interface PutArticleResult {
  /** False when an article with the same canonical URL or content hash was already stored. */
  inserted: boolean;
  /** Id of the stored article (the existing one when not inserted). */
  id: string;
}

export interface ListStoriesOptions {
  limit?: number;
  /** Archived stories too (default: live ones only). */
  includeArchived?: boolean;
  /** Only the stories of this topic. */
  topicId?: string;
}

export interface Store {
  /** Which adapter: "pglite" or "postgres". */
  readonly kind: string;
  close(): Promise<void>;
  /** Runs `fn` in one transaction: every write inside lands, or none does. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  putArticle(article: StoredArticle): Promise<PutArticleResult>;
  getArticle(id: string): Promise<StoredArticle | undefined>;
  /** Articles of a story, oldest first (published, then ingestedAt, then id). */
  storyArticles(storyId: string): Promise<StoredArticle[]>;
  /** Set (or move) an article's story and duplicate link. */
  assignArticle(articleId: string, storyId: string, duplicateOf?: string): Promise<void>;
  /** Articles ingested after a time, oldest first: to rebuild clustering state on start. */
  articlesSince(isoTime: string, limit?: number): Promise<StoredArticle[]>;
  /**
   * Every article in ingest order (ingestedAt, then id), a page at a time: the page after `after` (the last
   * article of the previous page), at most `limit`. For export: no article is skipped or repeated.
   */
  articlesPage(after: ArticleCursor | undefined, limit: number): Promise<StoredArticle[]>;
  countArticles(): Promise<number>;

  putStory(story: Story): Promise<void>;
  getStory(id: string): Promise<StorySummary | undefined>;
  /** Stories, most recently updated first; with `topicId`, only that topic's. */
  listStories(options?: ListStoriesOptions): Promise<StorySummary[]>;
  /**
   * Sets the topics of several stories at once, all or none: a missing story (or one named twice) is a
   * StoreError and nothing changes. Does not touch `updatedAt` (a story that changed topic has no news).
   */
  setStoryTopics(topics: readonly StoryTopic[]): Promise<void>;
  /** Move every article of `from` to `into` and archive `from` (stories found to be one). */
  mergeStories(from: string, into: string, at: string): Promise<void>;
  /** Archive stories not updated since `before`; returns how many. */
  archiveStories(before: string): Promise<number>;

  /** Appends the next version of a story's roundup; returns its version number. */
  addRoundup(storyId: string, roundup: Roundup, articleIds: string[], at: string): Promise<number>;
  latestRoundup(storyId: string): Promise<RoundupVersion | undefined>;
  /** Live stories whose newest roundup does not cover every article they have (or that have none), by id. */
  staleStories(): Promise<string[]>;
  /** Every version, oldest first. */
  roundupVersions(storyId: string): Promise<RoundupVersion[]>;

  getFeedState(url: string): Promise<FeedState | undefined>;
  putFeedState(state: FeedState): Promise<void>;
}

/** The newest schema version this code knows. A store at a newer version is refused. */
export const SCHEMA_VERSION = 3;

/** Thrown on open when the store's schema is newer than this code, or migrations fail. */
export class StoreError extends Error {
  override name = "StoreError";
}
