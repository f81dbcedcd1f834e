/**
 * The Store over any Driver: every method of the port, written once in shared SQL (sql.ts), plus
 * migrations at open and transactions.
 *
 * Transactions: `transaction(fn)` runs `fn` on one connection between BEGIN and COMMIT. While `fn` runs,
 * the store itself (not only the `tx` handle it is given) joins that transaction in the same async
 * context, so code that calls `store.x()` inside `fn` neither escapes the transaction nor deadlocks on
 * PGlite's single connection. A nested `transaction()` reuses the outer one, inside a SAVEPOINT: if its
 * `fn` throws, its own writes are undone and the error goes on to the outer `fn`.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Roundup } from "../model/types.ts";
import { MIGRATIONS } from "./migrations/index.ts";
import { Mutex } from "./mutex.ts";
import {
  type ArticleCursor,
  type FeedState,
  type ListStoriesOptions,
  type PutArticleResult,
  type RoundupVersion,
  SCHEMA_VERSION,
  type Store,
  type StoredArticle,
  StoreError,
  type Story,
  type StorySummary,
  type StoryTopic,
} from "./port.ts";
import {
  type ArticleRow,
  articleIdsJson,
  articleParams,
  canonicalUrl,
  type Driver,
  dbErrorInfo,
  errorMessage,
  type FeedRow,
  feedParams,
  isoTime,
  limitParam,
  type Queryable,
  type RoundupRow,
  requireId,
  roundupJson,
  SQL,
  type StoryRow,
  storyParams,
  storyTopicsJson,
  toArticle,
  toFeedState,
  toRoundupVersion,
  toStorySummary,
} from "./sql.ts";

/** One open transaction (or savepoint inside one). */
interface Scope {
  readonly q: Queryable;
  done: boolean;
  /** Serialises the nested transactions opened directly inside this one. */
  readonly nested: Mutex;
  /** Savepoint numbering, shared by the whole top-level transaction. */
  readonly savepoints: { next: number };
}

/** Explains a constraint violation in the caller's terms; undefined for the driver's own message. */
type Explain = (constraint: string | undefined, code: string | undefined) => string | undefined;

/** Names the broken link when an article's story or duplicate does not exist. */
function explainArticleLinks(storyId: string | undefined, duplicateOf: string | undefined): Explain {
  return (constraint) => {
    if (constraint === "articles_story_fk") return `story ${JSON.stringify(storyId)} does not exist`;
    if (constraint === "articles_duplicate_fk")
      return `duplicateOf ${JSON.stringify(duplicateOf)}: no such article`;
    if (constraint === "articles_not_own_duplicate") return "an article cannot be a duplicate of itself";
    return undefined;
  };
}

/**
 * Applies pending migrations in one transaction, under an advisory lock so concurrent opens wait. A store
 * already at SCHEMA_VERSION (without a prelude to run) is seen by one plain read and left alone: opening
 * it writes nothing, and costs a fraction of the transaction (a cold PGlite's first statements are slow).
 */
async function migrate(driver: Driver, prelude: readonly string[]): Promise<void> {
  if (prelude.length === 0) {
    const current = await driver
      .query<{ version: number }>(SQL.schemaVersion)
      .then(([row]) => row?.version === SCHEMA_VERSION)
      .catch(() => false); // no schema_version table yet: a new store
    if (current) return;
  }
  await driver.transaction(async (q) => {
    await q.query(SQL.lockSchema);
    for (const statement of prelude) await q.query(statement);
    await q.query(SQL.createSchemaVersion);
    const [{ version }] = await q.query<{ version: number }>(SQL.schemaVersion);
    if (version > SCHEMA_VERSION) {
      throw new StoreError(
        `store at ${driver.location} has schema version ${version}, newer than this Roundup (${SCHEMA_VERSION}): upgrade Roundup`,
      );
    }
    for (const m of MIGRATIONS) {
      if (m.version <= version) continue;
      try {
        for (const statement of m.statements) await q.query(statement);
        await q.query(SQL.recordVersion, [m.version, m.name]);
      } catch (e) {
        throw new StoreError(
          `store at ${driver.location}: migration ${m.version} (${m.name}) failed: ${errorMessage(e)}`,
          { cause: e },
        );
      }
    }
  });
}

export class SqlStore implements Store {
  readonly kind: string;
  /** Where the store is: a directory, "memory://", or a PostgreSQL URL without its password. */
  readonly location: string;
  readonly #driver: Driver;
  readonly #context: AsyncLocalStorage<Scope>;
  readonly #state: { closed: boolean };
  /** Set on a transaction's handle; undefined on the store itself. */
  readonly #scope: Scope | undefined;

  private constructor(
    driver: Driver,
    context: AsyncLocalStorage<Scope>,
    state: { closed: boolean },
    scope?: Scope,
  ) {
    this.kind = driver.kind;
    this.location = driver.location;
    this.#driver = driver;
    this.#context = context;
    this.#state = state;
    this.#scope = scope;
  }

  /**
   * Migrates the driver's database to SCHEMA_VERSION and returns the store on it. `prelude` statements
   * run first under the migration lock (PostgreSQL: create the schema). Closes the driver on failure.
   */
  static async open(driver: Driver, prelude: readonly string[] = []): Promise<SqlStore> {
    try {
      await migrate(driver, prelude);
    } catch (e) {
      await driver.close().catch(() => undefined);
      if (e instanceof StoreError) throw e;
      throw new StoreError(`cannot open store at ${driver.location}: ${errorMessage(e)}`, { cause: e });
    }
    return new SqlStore(driver, new AsyncLocalStorage<Scope>(), { closed: false });
  }

  async close(): Promise<void> {
    if (this.#scope) throw new StoreError("close() is for the store, not for a transaction's handle");
    if (this.#state.closed) return;
    this.#state.closed = true;
    await this.#driver.close();
  }

  // -------------------------------------------------------------------------------------------------
  // Transactions

  /** The transaction running in this async context, if any (and not yet ended). */
  #active(): Scope | undefined {
    const scope = this.#context.getStore();
    return scope && !scope.done ? scope : undefined;
  }

  #queryable(): Queryable {
    if (this.#state.closed) throw new StoreError(`store at ${this.location} is closed`);
    if (this.#scope?.done) {
      throw new StoreError(
        `a transaction on store at ${this.location} has ended: use the store, not the transaction's handle, after transaction() returns`,
      );
    }
    // A transaction's handle always works in its transaction; the store itself joins the one running
    // in this async context, if any.
    return this.#scope?.q ?? this.#active()?.q ?? this.#driver;
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    this.#queryable();
    // Nest inside the innermost transaction running here (when it is this handle's transaction).
    const active = this.#active();
    const outer = this.#scope ? (active?.q === this.#scope.q ? active : this.#scope) : active;
    if (outer) return this.#savepoint(outer, fn);
    return this.#driver.transaction((q) =>
      this.#enter({ q, done: false, nested: new Mutex(), savepoints: { next: 1 } }, fn),
    );
  }

  async #enter<T>(scope: Scope, fn: (tx: Store) => Promise<T>): Promise<T> {
    const tx = new SqlStore(this.#driver, this.#context, this.#state, scope);
    try {
      return await this.#context.run(scope, () => fn(tx));
    } finally {
      scope.done = true;
    }
  }

  #savepoint<T>(outer: Scope, fn: (tx: Store) => Promise<T>): Promise<T> {
    return outer.nested.run(async () => {
      const name = `roundup_savepoint_${outer.savepoints.next++}`;
      await outer.q.query(`SAVEPOINT ${name}`);
      let result: T;
      try {
        result = await this.#enter(
          { q: outer.q, done: false, nested: new Mutex(), savepoints: outer.savepoints },
          fn,
        );
      } catch (e) {
        // If even this fails the connection is gone, and the outer COMMIT will fail too.
        await outer.q.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
        throw e;
      }
      await outer.q.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    });
  }

  /** Runs one statement; database errors become StoreErrors that name the operation. */
  async #run<R>(op: string, sql: string, params: readonly unknown[] = [], explain?: Explain): Promise<R[]> {
    const q = this.#queryable();
    try {
      return await q.query<R>(sql, params);
    } catch (e) {
      if (e instanceof StoreError) throw e;
      const { code, constraint } = dbErrorInfo(e);
      const detail = (e as { detail?: unknown })?.detail;
      const message =
        explain?.(constraint, code) ??
        `${errorMessage(e)}${typeof detail === "string" && detail ? ` (${detail})` : ""}`;
      throw new StoreError(`${op} on store at ${this.location}: ${message}`, { cause: e });
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Articles

  async putArticle(article: StoredArticle): Promise<PutArticleResult> {
    const params = articleParams(article);
    const op = `putArticle ${JSON.stringify(article.id)}`;
    const inserted = await this.#run<{ id: string }>(
      op,
      SQL.insertArticle,
      params,
      explainArticleLinks(article.storyId, article.duplicateOf),
    );
    if (inserted.length > 0) return { inserted: true, id: inserted[0].id };

    const url = canonicalUrl(article.url);
    const existing = url
      ? await this.#run<{ id: string }>(op, SQL.articleByUrl, [url])
      : await this.#run<{ id: string }>(op, SQL.articleByHash, [article.contentHash]);
    if (existing.length > 0) return { inserted: false, id: existing[0].id };
    throw new StoreError(
      `${op}: the id is already taken by an article with a different ${url ? "URL" : "URL or content hash"}`,
    );
  }

  async getArticle(id: string): Promise<StoredArticle | undefined> {
    const rows = await this.#run<ArticleRow>("getArticle", SQL.getArticle, [requireId("article id", id)]);
    return rows.length > 0 ? toArticle(rows[0]) : undefined;
  }

  async storyArticles(storyId: string): Promise<StoredArticle[]> {
    const rows = await this.#run<ArticleRow>("storyArticles", SQL.storyArticles, [
      requireId("story id", storyId),
    ]);
    return rows.map(toArticle);
  }

  async assignArticle(articleId: string, storyId: string, duplicateOf?: string): Promise<void> {
    requireId("article id", articleId);
    requireId("story id", storyId);
    if (duplicateOf !== undefined) requireId("duplicateOf", duplicateOf);
    const op = `assignArticle ${JSON.stringify(articleId)}`;
    const rows = await this.#run<{ id: string }>(
      op,
      SQL.assignArticle,
      [articleId, storyId, duplicateOf ?? null],
      explainArticleLinks(storyId, duplicateOf),
    );
    if (rows.length === 0) throw new StoreError(`${op}: no such article`);
  }

  async articlesSince(time: string, limit?: number): Promise<StoredArticle[]> {
    const rows = await this.#run<ArticleRow>("articlesSince", SQL.articlesSince, [
      isoTime("articlesSince", time),
      limitParam("articlesSince", limit),
    ]);
    return rows.map(toArticle);
  }

  async articlesPage(after: ArticleCursor | undefined, limit: number): Promise<StoredArticle[]> {
    const rows = await this.#run<ArticleRow>("articlesPage", SQL.articlesPage, [
      after === undefined ? null : isoTime("articlesPage: after.ingestedAt", after.ingestedAt),
      after === undefined ? null : requireId("articlesPage: after.id", after.id),
      limitParam("articlesPage", limit),
    ]);
    return rows.map(toArticle);
  }

  async countArticles(): Promise<number> {
    const [{ n }] = await this.#run<{ n: number }>("countArticles", SQL.countArticles);
    return n;
  }

  // -------------------------------------------------------------------------------------------------
  // Stories

  async putStory(story: Story): Promise<void> {
    await this.#run(`putStory ${JSON.stringify(story?.id)}`, SQL.putStory, storyParams(story));
  }

  async getStory(id: string): Promise<StorySummary | undefined> {
    const rows = await this.#run<StoryRow>("getStory", SQL.listStories, [
      true,
      requireId("story id", id),
      null,
      null,
    ]);
    return rows.length > 0 ? toStorySummary(rows[0]) : undefined;
  }

  async listStories(options: ListStoriesOptions = {}): Promise<StorySummary[]> {
    const rows = await this.#run<StoryRow>("listStories", SQL.listStories, [
      options.includeArchived === true,
      null,
      limitParam("listStories", options.limit),
      options.topicId === undefined ? null : requireId("listStories: topicId", options.topicId),
    ]);
    return rows.map(toStorySummary);
  }

  async setStoryTopics(topics: readonly StoryTopic[]): Promise<void> {
    const json = storyTopicsJson(topics);
    if (topics.length === 0) return;
    const op = "setStoryTopics";
    await this.transaction(async (tx) => {
      const store = tx as SqlStore;
      const updated = new Set(
        (await store.#run<{ id: string }>(op, SQL.setStoryTopics, [json])).map((r) => r.id),
      );
      // The update is undone with the transaction when a story is missing.
      const missing = topics.find((t) => !updated.has(t.storyId));
      if (missing) throw new StoreError(`${op}: story ${JSON.stringify(missing.storyId)} does not exist`);
    });
  }

  async mergeStories(from: string, into: string, at: string): Promise<void> {
    requireId("story id", from);
    requireId("story id", into);
    const op = `mergeStories ${JSON.stringify(from)} into ${JSON.stringify(into)}`;
    if (from === into) throw new StoreError(`${op}: a story cannot be merged into itself`);
    const time = isoTime(op, at);
    await this.transaction(async (tx) => {
      const store = tx as SqlStore;
      const found = new Set(
        (await store.#run<{ id: string }>(op, SQL.lockStories, [from, into])).map((r) => r.id),
      );
      for (const id of [from, into]) {
        if (!found.has(id)) throw new StoreError(`${op}: story ${JSON.stringify(id)} does not exist`);
      }
      await store.#run(op, SQL.moveArticles, [from, into]);
      await store.#run(op, SQL.archiveMerged, [from, time, into]);
      await store.#run(op, SQL.repointMerged, [from, into]);
      await store.#run(op, SQL.touchStory, [into, time]);
    });
  }

  async archiveStories(before: string): Promise<number> {
    const rows = await this.#run("archiveStories", SQL.archiveStories, [isoTime("archiveStories", before)]);
    return rows.length;
  }

  // -------------------------------------------------------------------------------------------------
  // Roundups

  async addRoundup(storyId: string, roundup: Roundup, articleIds: string[], at: string): Promise<number> {
    requireId("story id", storyId);
    const op = `addRoundup ${JSON.stringify(storyId)}`;
    const params = [
      storyId,
      isoTime(op, at),
      roundupJson(storyId, roundup),
      articleIdsJson(storyId, articleIds),
    ];
    return this.transaction(async (tx) => {
      const store = tx as SqlStore;
      // Locking the story row serialises concurrent appends, so versions never collide.
      const found = await store.#run<{ id: string }>(op, SQL.lockStories, [storyId, storyId]);
      if (found.length === 0) throw new StoreError(`${op}: story does not exist`);
      const [{ version }] = await store.#run<{ version: number }>(op, SQL.addRoundup, params);
      return version;
    });
  }

  async latestRoundup(storyId: string): Promise<RoundupVersion | undefined> {
    const rows = await this.#run<RoundupRow>("latestRoundup", SQL.latestRoundup, [
      requireId("story id", storyId),
    ]);
    return rows.length > 0 ? toRoundupVersion(rows[0]) : undefined;
  }

  async staleStories(): Promise<string[]> {
    const rows = await this.#run<{ id: string }>("staleStories", SQL.staleStories);
    return rows.map((r) => r.id);
  }

  async roundupVersions(storyId: string): Promise<RoundupVersion[]> {
    const rows = await this.#run<RoundupRow>("roundupVersions", SQL.roundupVersions, [
      requireId("story id", storyId),
    ]);
    return rows.map(toRoundupVersion);
  }

  // -------------------------------------------------------------------------------------------------
  // Feeds

  async getFeedState(url: string): Promise<FeedState | undefined> {
    const rows = await this.#run<FeedRow>("getFeedState", SQL.getFeedState, [requireId("feed url", url)]);
    return rows.length > 0 ? toFeedState(rows[0]) : undefined;
  }

  async putFeedState(state: FeedState): Promise<void> {
    await this.#run(`putFeedState ${JSON.stringify(state?.url)}`, SQL.putFeedState, feedParams(state));
  }
}
