/**
 * The store conformance suite: every adapter runs these same cases (test/store/pglite.test.ts,
 * test/store/postgres.test.ts). `open` must return a fresh, empty store each call. Adapters that persist
 * also pass `persistent`, for the reopen and schema-version cases.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import type { Roundup } from "../../src/model/types.ts";
import { initial } from "../../src/store/migrations/001-initial.ts";
import {
  SCHEMA_VERSION,
  type Store,
  type StoredArticle,
  StoreError,
  type Story,
} from "../../src/store/port.ts";

/** A store location that can be opened, closed and opened again. */
export interface PersistentLocation {
  /** Where the store is, as its messages name it ("store at X …"). */
  location: string;
  open(): Promise<Store>;
  /** Records a schema version in the (closed) store, as a newer Roundup would. */
  stampSchemaVersion(version: number): Promise<void>;
  /** Runs SQL statements in the location's database before the store is first opened (an older Roundup's store). */
  seed(statements: readonly string[]): Promise<void>;
}

export interface ConformanceOptions {
  /** A new persistent location each call; omitted for in-memory stores. */
  persistent?: () => Promise<PersistentLocation>;
}

const T0 = "2025-06-13T10:00:00.000Z";

function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

function article(key: string, over: Partial<StoredArticle> = {}): StoredArticle {
  const text = over.text ?? `Text of article ${key}. The ferry Aurelia caught fire.`;
  return {
    id: `a-${key}`,
    text,
    url: `https://news.example/${key}`,
    contentHash: sha1(text),
    ingestedAt: T0,
    ...over,
  };
}

function story(id: string, over: Partial<Story> = {}): Story {
  return { id, createdAt: T0, updatedAt: T0, archived: false, ...over };
}

/** Keys deliberately in neither alphabetical nor JSONB (length-first) order. */
function sampleRoundup(n = 1): Roundup {
  return {
    sources: [
      {
        articleId: "a-1",
        outlet: "Meridian Press",
        url: "https://news.example/1",
        title: "Ferry “Aurelia” fire",
      },
      { articleId: "a-2", outlet: "Coastal Ledger" },
    ],
    words: 21 + n,
    headline: `Ferry Fire Puts Hybrid Fleet Under Scrutiny (${n})`,
    paragraphs: ["All 212 passengers — and crew — were rescued, the AP reports.", "Ünïcödé ✓ 🚢"],
    sentences: [
      {
        text: "All 212 passengers — and crew — were rescued, the AP reports.",
        citations: [{ articleId: "a-1", start: 0, end: 57 }],
        supportedBy: ["a-1", "a-2"],
        paragraph: 0,
      },
      {
        text: "Ünïcödé ✓ 🚢",
        citations: [{ end: 12, start: 3, articleId: "a-2" }],
        supportedBy: [],
        paragraph: 1,
      },
    ],
    dateline: "Harlow Bay, Norland",
  };
}

async function rejectsWithStoreError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof StoreError, `expected a StoreError, got ${String(e)}`);
    assert.match(e.message, pattern);
    return true;
  });
}

export function storeConformance(
  name: string,
  open: () => Promise<Store>,
  options: ConformanceOptions = {},
): void {
  async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
    const store = await open();
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  }

  describe(`store conformance: ${name}`, () => {
    // ---------------------------------------------------------------------------------------------
    // Articles

    test("a new store is empty", () =>
      withStore(async (store) => {
        assert.equal(typeof store.kind, "string");
        assert.equal(await store.countArticles(), 0);
        assert.deepEqual(await store.listStories({ includeArchived: true }), []);
        assert.equal(await store.getArticle("a-none"), undefined);
        assert.equal(await store.getStory("s-none"), undefined);
      }));

    test("putArticle stores every field and getArticle returns it unchanged", () =>
      withStore(async (store) => {
        await store.putStory(story("s-1"));
        await store.putArticle(article("0"));
        const full = article("1", {
          title: "Ferry fire",
          source: "Meridian Press",
          published: "2025-06-13T08:30:00+02:00",
          author: "A. Writer",
          origin: "feed https://news.example/rss",
          storyId: "s-1",
          duplicateOf: "a-0",
          feedUrl: "https://news.example/rss",
          text: "Line one.\n\nLine two — “quoted” ✓ 🚢",
        });
        full.contentHash = sha1(full.text);
        assert.deepEqual(await store.putArticle(full), { inserted: true, id: "a-1" });
        assert.deepEqual(await store.getArticle("a-1"), full);
        // Absent optional fields stay absent (no undefined-valued keys).
        const bare = await store.getArticle("a-0");
        assert.deepEqual(Object.keys(bare ?? {}), ["id", "text", "url", "contentHash", "ingestedAt"]);
        assert.equal(await store.countArticles(), 2);
      }));

    test("putArticle is idempotent by canonical URL", () =>
      withStore(async (store) => {
        assert.deepEqual(await store.putArticle(article("1")), { inserted: true, id: "a-1" });
        // Same article again; then another id and text under the same URL (an updated page).
        assert.deepEqual(await store.putArticle(article("1")), { inserted: false, id: "a-1" });
        const edited = article("other", { url: "https://news.example/1", text: "Updated text." });
        assert.deepEqual(await store.putArticle(edited), { inserted: false, id: "a-1" });
        // Canonical: host case, default port and fragment do not make another article.
        const variant = article("variant", { url: "HTTPS://News.Example:443/1#comments" });
        assert.deepEqual(await store.putArticle(variant), { inserted: false, id: "a-1" });
        assert.equal(await store.countArticles(), 1);
        assert.equal((await store.getArticle("a-1"))?.text, article("1").text);
      }));

    test("putArticle is idempotent by content hash when there is no URL", () =>
      withStore(async (store) => {
        const a = article("1", { url: undefined });
        assert.deepEqual(await store.putArticle(a), { inserted: true, id: "a-1" });
        assert.deepEqual(await store.putArticle({ ...a, id: "a-again", origin: "x.txt" }), {
          inserted: false,
          id: "a-1",
        });
        const other = article("2", { url: undefined, text: "Different text." });
        assert.deepEqual(await store.putArticle(other), { inserted: true, id: "a-2" });
        assert.equal(await store.countArticles(), 2);
      }));

    test("the same text under different URLs is stored once per URL (wire copies)", () =>
      withStore(async (store) => {
        const text = "Wire copy republished by two outlets.";
        const one = article("1", { text, contentHash: sha1(text), source: "AP" });
        const two = article("2", { text, contentHash: sha1(text), source: "Ledger" });
        assert.equal((await store.putArticle(one)).inserted, true);
        assert.equal((await store.putArticle(two)).inserted, true);
        // Without a URL, its identity is the hash among articles without a URL.
        assert.equal((await store.putArticle(article("3", { text, url: undefined }))).inserted, true);
        assert.equal((await store.putArticle(article("4", { text, url: undefined }))).inserted, false);
        assert.equal(await store.countArticles(), 3);
      }));

    test("putArticle refuses an id already taken by a different article", () =>
      withStore(async (store) => {
        await store.putArticle(article("1"));
        await rejectsWithStoreError(
          store.putArticle(article("1", { url: "https://elsewhere.example/x" })),
          /putArticle "a-1".*already taken/,
        );
      }));

    test("putArticle names a bad field", () =>
      withStore(async (store) => {
        await rejectsWithStoreError(
          store.putArticle(article("1", { ingestedAt: "yesterday" })),
          /ingestedAt/,
        );
        await rejectsWithStoreError(store.putArticle(article("1", { id: "" })), /article id/);
        await rejectsWithStoreError(
          store.putArticle(article("1", { storyId: "s-missing" })),
          /story "s-missing" does not exist/,
        );
        assert.equal(await store.countArticles(), 0);
      }));

    test("concurrent puts of the same article store it once", () =>
      withStore(async (store) => {
        const a = article("1");
        const results = await Promise.all([
          ...Array.from({ length: 6 }, () => store.putArticle(a)),
          ...Array.from({ length: 4 }, () => store.transaction((tx) => tx.putArticle(a))),
        ]);
        assert.equal(results.filter((r) => r.inserted).length, 1);
        assert.ok(results.every((r) => r.id === "a-1"));
        assert.equal(await store.countArticles(), 1);
      }));

    test("concurrent puts of different articles all land", () =>
      withStore(async (store) => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.putArticle(article(String(i)))),
        );
        assert.ok(results.every((r) => r.inserted));
        assert.equal(await store.countArticles(), 20);
      }));

    test("assignArticle sets, moves and clears story and duplicate links", () =>
      withStore(async (store) => {
        await store.putStory(story("s-1"));
        await store.putStory(story("s-2"));
        await store.putArticle(article("1"));
        await store.putArticle(article("2"));
        await store.assignArticle("a-2", "s-1", "a-1");
        assert.equal((await store.getArticle("a-2"))?.storyId, "s-1");
        assert.equal((await store.getArticle("a-2"))?.duplicateOf, "a-1");
        await store.assignArticle("a-2", "s-2");
        const moved = await store.getArticle("a-2");
        assert.equal(moved?.storyId, "s-2");
        assert.equal("duplicateOf" in (moved ?? {}), false);
        assert.deepEqual(
          (await store.storyArticles("s-2")).map((a) => a.id),
          ["a-2"],
        );
        assert.deepEqual(await store.storyArticles("s-1"), []);
      }));

    test("assignArticle names what is missing", () =>
      withStore(async (store) => {
        await store.putStory(story("s-1"));
        await store.putArticle(article("1"));
        await rejectsWithStoreError(store.assignArticle("a-none", "s-1"), /"a-none": no such article/);
        await rejectsWithStoreError(store.assignArticle("a-1", "s-none"), /story "s-none" does not exist/);
        await rejectsWithStoreError(store.assignArticle("a-1", "s-1", "a-none"), /"a-none": no such article/);
        await rejectsWithStoreError(store.assignArticle("a-1", "s-1", "a-1"), /duplicate of itself/);
      }));

    test("storyArticles: oldest first by published, then ingestedAt, then id", () =>
      withStore(async (store) => {
        await store.putStory(story("s-1"));
        const put = (key: string, over: Partial<StoredArticle>) =>
          store.putArticle(article(key, { storyId: "s-1", ...over }));
        await put("late", { published: "2025-06-14" });
        await put("no-date-b", { ingestedAt: at(5) });
        await put("no-date-a", { ingestedAt: at(5) });
        await put("no-date-early", { ingestedAt: at(1) });
        // Same instant, written with different offsets; then ties broken by ingestedAt, then by id.
        await put("paris", { published: "2025-06-13T10:00:00+02:00", ingestedAt: at(3) });
        await put("utc", { published: "2025-06-13T08:00:00Z", ingestedAt: at(2) });
        await put("utc-b", { published: "2025-06-13T08:00:00Z", ingestedAt: at(2) });
        await put("first", { published: "2025-06-12T23:00:00Z" });
        await store.putArticle(article("elsewhere"));
        assert.deepEqual(
          (await store.storyArticles("s-1")).map((a) => a.id),
          [
            "a-first",
            "a-utc",
            "a-utc-b",
            "a-paris",
            "a-late",
            "a-no-date-early",
            "a-no-date-a",
            "a-no-date-b",
          ],
        );
      }));

    test("articlesSince: strictly after the time, oldest first, ties by id, with a limit", () =>
      withStore(async (store) => {
        await store.putArticle(article("old", { ingestedAt: at(0) }));
        await store.putArticle(article("c", { ingestedAt: at(2) }));
        await store.putArticle(article("b", { ingestedAt: at(2) }));
        await store.putArticle(article("a", { ingestedAt: at(3) }));
        await store.putArticle(article("mid", { ingestedAt: at(1) }));
        const ids = async (time: string, limit?: number) =>
          (await store.articlesSince(time, limit)).map((a) => a.id);
        assert.deepEqual(await ids(at(0)), ["a-mid", "a-b", "a-c", "a-a"]);
        assert.deepEqual(await ids(at(0), 2), ["a-mid", "a-b"]);
        assert.deepEqual(await ids(at(3)), []);
        // Any ISO 8601 form of the same instant.
        assert.deepEqual(await ids("2025-06-13T12:01:00+02:00"), ["a-b", "a-c", "a-a"]);
        await rejectsWithStoreError(
          store.articlesSince("soon"),
          /articlesSince: "soon" is not an ISO 8601 time/,
        );
        await rejectsWithStoreError(store.articlesSince(at(0), -1), /limit must be a non-negative integer/);
      }));

    // ---------------------------------------------------------------------------------------------
    // Transactions

    test("transaction: every write lands and its value is returned", () =>
      withStore(async (store) => {
        const value = await store.transaction(async (tx) => {
          await tx.putStory(story("s-1"));
          await tx.putArticle(article("1", { storyId: "s-1" }));
          await tx.addRoundup("s-1", sampleRoundup(), ["a-1"], at(1));
          return "done";
        });
        assert.equal(value, "done");
        assert.equal((await store.getStory("s-1"))?.articleCount, 1);
        assert.equal((await store.latestRoundup("s-1"))?.version, 1);
      }));

    test("transaction rolls back every write when its function throws", () =>
      withStore(async (store) => {
        await store.putArticle(article("before"));
        const boom = new Error("boom");
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.putStory(story("s-1"));
            await tx.putArticle(article("1", { storyId: "s-1" }));
            await tx.assignArticle("a-before", "s-1");
            await tx.putFeedState({ url: "https://news.example/rss", errorCount: 1 });
            // Writes through the store itself inside the function belong to the transaction too.
            await store.putArticle(article("2"));
            throw boom;
          }),
          (e) => e === boom,
        );
        assert.equal(await store.countArticles(), 1);
        assert.equal(await store.getStory("s-1"), undefined);
        assert.equal((await store.getArticle("a-before"))?.storyId, undefined);
        assert.equal(await store.getFeedState("https://news.example/rss"), undefined);
      }));

    test("transaction rolls back when a statement inside fails", () =>
      withStore(async (store) => {
        await rejectsWithStoreError(
          store.transaction(async (tx) => {
            await tx.putArticle(article("1"));
            await tx.assignArticle("a-1", "s-missing");
          }),
          /story "s-missing" does not exist/,
        );
        assert.equal(await store.countArticles(), 0);
      }));

    test("nested transactions reuse the outer one; a failed inner one undoes only its own writes", () =>
      withStore(async (store) => {
        await store.transaction(async (tx) => {
          await tx.putArticle(article("1"));
          await assert.rejects(
            tx.transaction(async (inner) => {
              await inner.putArticle(article("2"));
              throw new Error("inner");
            }),
            /inner/,
          );
          await store.transaction((inner) => inner.putArticle(article("3")));
        });
        assert.ok(await store.getArticle("a-1"));
        assert.equal(await store.getArticle("a-2"), undefined);
        assert.ok(await store.getArticle("a-3"));

        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.transaction((inner) => inner.putArticle(article("4")));
            throw new Error("outer");
          }),
          /outer/,
        );
        assert.equal(await store.getArticle("a-4"), undefined);
      }));

    test("others never see a transaction's writes before it commits", () =>
      withStore(async (store) => {
        let release = () => {};
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        let started = () => {};
        const inside = new Promise<void>((resolve) => {
          started = resolve;
        });
        const tx = store
          .transaction(async (t) => {
            await t.putStory(story("s-1"));
            started();
            await gate;
            throw new Error("abandon");
          })
          .catch((e: Error) => e.message);
        await inside;
        const outside = store.getStory("s-1"); // a reader outside the transaction
        await new Promise((resolve) => setTimeout(resolve, 30));
        release();
        assert.equal(await tx, "abandon");
        assert.equal(await outside, undefined);
      }));

    test("a transaction's handle refuses work after the transaction ends", () =>
      withStore(async (store) => {
        let handle: Store | undefined;
        await store.transaction(async (tx) => {
          handle = tx;
        });
        await rejectsWithStoreError(handle!.putArticle(article("1")), /transaction .* has ended/);
        assert.equal(await store.countArticles(), 0);
      }));

    // ---------------------------------------------------------------------------------------------
    // Stories

    test("putStory inserts and replaces; getStory adds counts", () =>
      withStore(async (store) => {
        await store.putStory(story("s-1", { headline: "Ferry fire" }));
        assert.deepEqual(await store.getStory("s-1"), {
          ...story("s-1", { headline: "Ferry fire" }),
          topicId: "s-1",
          articleCount: 0,
          outletCount: 0,
        });
        await store.putStory(story("s-1", { updatedAt: at(5), headline: "Ferry fire: inquiry" }));
        const s = await store.getStory("s-1");
        assert.equal(s?.updatedAt, at(5));
        assert.equal(s?.headline, "Ferry fire: inquiry");
        await store.putStory(story("s-1", { updatedAt: at(6) }));
        assert.equal("headline" in ((await store.getStory("s-1")) ?? {}), false);
        await rejectsWithStoreError(store.putStory(story("s-2", { createdAt: "" })), /createdAt/);
      }));

    test("listStories: most recently updated first, ties by id, archived only when asked, limit", () =>
      withStore(async (store) => {
        await store.putStory(story("s-b", { updatedAt: at(2) }));
        await store.putStory(story("s-old", { updatedAt: at(0) }));
        await store.putStory(story("s-c", { updatedAt: at(2) }));
        await store.putStory(story("s-a", { updatedAt: at(2) }));
        await store.putStory(story("s-new", { updatedAt: at(9) }));
        await store.putStory(story("s-gone", { updatedAt: at(10), archived: true }));
        const ids = async (o?: { limit?: number; includeArchived?: boolean }) =>
          (await store.listStories(o)).map((s) => s.id);
        assert.deepEqual(await ids(), ["s-new", "s-a", "s-b", "s-c", "s-old"]);
        assert.deepEqual(await ids({ limit: 2 }), ["s-new", "s-a"]);
        assert.deepEqual(await ids({ limit: 0 }), []);
        assert.deepEqual(await ids({ includeArchived: true }), [
          "s-gone",
          "s-new",
          "s-a",
          "s-b",
          "s-c",
          "s-old",
        ]);
        await rejectsWithStoreError(store.listStories({ limit: 1.5 }), /listStories: limit/);
      }));

    test("topics: a new story is its own; putStory sets it or keeps it; listStories by topic", () =>
      withStore(async (store) => {
        await store.putStory(story("s-1", { updatedAt: at(1) }));
        await store.putStory(story("s-2", { updatedAt: at(3), topicId: "s-1" }));
        await store.putStory(story("s-3", { updatedAt: at(2), topicId: "s-1" }));
        await store.putStory(story("s-old", { updatedAt: at(9), topicId: "s-1", archived: true }));
        await store.putStory(story("s-other", { updatedAt: at(5) }));
        assert.equal((await store.getStory("s-1"))?.topicId, "s-1");
        assert.equal((await store.getStory("s-2"))?.topicId, "s-1");
        // Without a topic, an existing story keeps the one it has; with one, it moves.
        await store.putStory(story("s-2", { updatedAt: at(4), headline: "Later" }));
        assert.equal((await store.getStory("s-2"))?.topicId, "s-1");
        await store.putStory(story("s-other", { updatedAt: at(5), topicId: "s-other-topic" }));
        assert.equal((await store.getStory("s-other"))?.topicId, "s-other-topic");
        const ids = async (o: { topicId: string; limit?: number; includeArchived?: boolean }) =>
          (await store.listStories(o)).map((s) => s.id);
        // Newest first, live only unless asked, with the limit; counts as listStories gives them.
        assert.deepEqual(await ids({ topicId: "s-1" }), ["s-2", "s-3", "s-1"]);
        assert.deepEqual(await ids({ topicId: "s-1", limit: 2 }), ["s-2", "s-3"]);
        assert.deepEqual(await ids({ topicId: "s-1", includeArchived: true }), [
          "s-old",
          "s-2",
          "s-3",
          "s-1",
        ]);
        assert.deepEqual(await ids({ topicId: "s-none" }), []);
        assert.deepEqual(
          (await store.listStories()).map((s) => [s.id, s.topicId]),
          [
            ["s-other", "s-other-topic"],
            ["s-2", "s-1"],
            ["s-3", "s-1"],
            ["s-1", "s-1"],
          ],
        );
        await rejectsWithStoreError(store.listStories({ topicId: "" }), /listStories: topicId must be/);
        await rejectsWithStoreError(store.putStory(story("s-4", { topicId: "" })), /story "s-4": topicId/);
      }));

    test("setStoryTopics: a batch lands whole, without touching updatedAt; a missing story changes nothing", () =>
      withStore(async (store) => {
        for (const id of ["s-1", "s-2", "s-3"]) await store.putStory(story(id, { updatedAt: at(1) }));
        await store.setStoryTopics([
          { storyId: "s-2", topicId: "s-1" },
          { storyId: "s-3", topicId: "s-1" },
        ]);
        await store.setStoryTopics([]);
        assert.deepEqual(
          (await store.listStories({ topicId: "s-1" })).map((s) => [s.id, s.updatedAt]),
          [
            ["s-1", at(1)],
            ["s-2", at(1)],
            ["s-3", at(1)],
          ],
        );
        await rejectsWithStoreError(
          store.setStoryTopics([
            { storyId: "s-3", topicId: "s-3" },
            { storyId: "s-none", topicId: "s-3" },
          ]),
          /^setStoryTopics: story "s-none" does not exist$/,
        );
        assert.equal((await store.getStory("s-3"))?.topicId, "s-1", "the batch was undone");
        await rejectsWithStoreError(
          store.setStoryTopics([
            { storyId: "s-3", topicId: "s-3" },
            { storyId: "s-3", topicId: "s-2" },
          ]),
          /setStoryTopics: story "s-3" is named twice/,
        );
        await rejectsWithStoreError(
          store.setStoryTopics([{ storyId: "s-3", topicId: "" }]),
          /topicId of story "s-3" must be a non-empty string/,
        );
        // Inside a transaction that fails, the topics go with it.
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.setStoryTopics([{ storyId: "s-3", topicId: "s-3" }]);
            throw new Error("boom");
          }),
          /boom/,
        );
        assert.equal((await store.getStory("s-3"))?.topicId, "s-1");
      }));

    test("story counts: articles, distinct non-null outlets, newest roundup version", () =>
      withStore(async (store) => {
        await store.putStory(story("s-1"));
        await store.putStory(story("s-2"));
        const sources = ["AP", "AP", undefined, "Reuters", "ap"];
        for (const [i, source] of sources.entries()) {
          await store.putArticle(article(String(i), { storyId: "s-1", ...(source ? { source } : {}) }));
        }
        await store.putArticle(article("other", { storyId: "s-2", source: "BBC" }));
        await store.addRoundup("s-1", sampleRoundup(1), ["a-0"], at(1));
        await store.addRoundup("s-1", sampleRoundup(2), ["a-0", "a-1"], at(2));
        const [s1] = (await store.listStories()).filter((s) => s.id === "s-1");
        assert.equal(s1.articleCount, 5);
        assert.equal(s1.outletCount, 3); // "AP", "Reuters", "ap": exact names, NULL not counted
        assert.equal(s1.roundupVersion, 2);
        assert.deepEqual(await store.getStory("s-1"), s1);
        const s2 = await store.getStory("s-2");
        assert.equal(s2?.articleCount, 1);
        assert.equal(s2?.outletCount, 1);
        assert.equal("roundupVersion" in (s2 ?? {}), false);
      }));

    test("mergeStories moves every article and archives the merged story", () =>
      withStore(async (store) => {
        await store.putStory(story("s-from", { updatedAt: at(1) }));
        await store.putStory(story("s-into", { updatedAt: at(2) }));
        await store.putArticle(article("1", { storyId: "s-from", source: "AP" }));
        await store.putArticle(article("2", { storyId: "s-from", source: "BBC" }));
        await store.putArticle(article("3", { storyId: "s-into", source: "AP" }));
        await store.mergeStories("s-from", "s-into", at(5));
        const into = await store.getStory("s-into");
        assert.equal(into?.articleCount, 3);
        assert.equal(into?.outletCount, 2);
        assert.equal(into?.updatedAt, at(5));
        assert.equal(into?.archived, false);
        const from = await store.getStory("s-from");
        assert.equal(from?.archived, true);
        assert.equal(from?.articleCount, 0);
        assert.deepEqual(
          (await store.storyArticles("s-into")).map((a) => a.id),
          ["a-1", "a-2", "a-3"],
        );
        assert.deepEqual(
          (await store.listStories()).map((s) => s.id),
          ["s-into"],
        );
      }));

    test("a merged story points to the story it went into, one hop after further merges, until revived", () =>
      withStore(async (store) => {
        for (const id of ["s-a", "s-b", "s-c"]) await store.putStory(story(id, { updatedAt: at(1) }));
        assert.equal("mergedInto" in ((await store.getStory("s-a")) ?? {}), false);
        await store.mergeStories("s-a", "s-b", at(2));
        assert.equal((await store.getStory("s-a"))?.mergedInto, "s-b");
        // s-b is lost in turn: s-a now points straight at s-c.
        await store.mergeStories("s-b", "s-c", at(3));
        assert.equal((await store.getStory("s-a"))?.mergedInto, "s-c");
        assert.equal((await store.getStory("s-b"))?.mergedInto, "s-c");
        assert.equal("mergedInto" in ((await store.getStory("s-c")) ?? {}), false);
        // Stored again as live (an id reused by a split): no longer a redirect.
        await store.putStory(story("s-b", { updatedAt: at(4) }));
        assert.equal("mergedInto" in ((await store.getStory("s-b")) ?? {}), false);
        assert.equal((await store.getStory("s-a"))?.mergedInto, "s-c");
      }));

    test("mergeStories refuses a missing story or a story into itself, changing nothing", () =>
      withStore(async (store) => {
        await store.putStory(story("s-1"));
        await store.putArticle(article("1", { storyId: "s-1" }));
        await rejectsWithStoreError(store.mergeStories("s-1", "s-1", at(1)), /into itself/);
        await rejectsWithStoreError(
          store.mergeStories("s-1", "s-none", at(1)),
          /story "s-none" does not exist/,
        );
        await rejectsWithStoreError(
          store.mergeStories("s-none", "s-1", at(1)),
          /story "s-none" does not exist/,
        );
        assert.equal((await store.getStory("s-1"))?.articleCount, 1);
        assert.equal((await store.getStory("s-1"))?.archived, false);
      }));

    test("archiveStories archives stories not updated since a time and counts them", () =>
      withStore(async (store) => {
        await store.putStory(story("s-1", { updatedAt: at(1) }));
        await store.putStory(story("s-2", { updatedAt: at(2) }));
        await store.putStory(story("s-3", { updatedAt: at(3) }));
        await store.putStory(story("s-0", { updatedAt: at(0), archived: true }));
        assert.equal(await store.archiveStories(at(2)), 1);
        assert.equal(await store.archiveStories(at(2)), 0);
        assert.deepEqual(
          (await store.listStories()).map((s) => s.id),
          ["s-3", "s-2"],
        );
        const all = await store.listStories({ includeArchived: true });
        assert.deepEqual(
          all.map((s) => [s.id, s.archived]),
          [
            ["s-3", false],
            ["s-2", false],
            ["s-1", true],
            ["s-0", true],
          ],
        );
        assert.equal(all.find((s) => s.id === "s-1")?.updatedAt, at(1));
        assert.equal(await store.archiveStories(at(10)), 2);
      }));

    // ---------------------------------------------------------------------------------------------
    // Roundups

    test("roundup versions count 1, 2, 3 … per story, oldest first", () =>
      withStore(async (store) => {
        await store.putStory(story("s-1"));
        await store.putStory(story("s-2"));
        assert.equal(await store.latestRoundup("s-1"), undefined);
        assert.deepEqual(await store.roundupVersions("s-1"), []);
        assert.equal(await store.addRoundup("s-1", sampleRoundup(1), ["a-1"], at(1)), 1);
        assert.equal(await store.addRoundup("s-1", sampleRoundup(2), ["a-2", "a-1"], at(2)), 2);
        assert.equal(await store.addRoundup("s-2", sampleRoundup(9), [], at(3)), 1);
        assert.equal(await store.addRoundup("s-1", sampleRoundup(3), ["a-3"], at(4)), 3);
        const versions = await store.roundupVersions("s-1");
        assert.deepEqual(
          versions.map((v) => [v.storyId, v.version, v.createdAt, v.articleIds, v.roundup.words]),
          [
            ["s-1", 1, at(1), ["a-1"], 22],
            ["s-1", 2, at(2), ["a-2", "a-1"], 23],
            ["s-1", 3, at(4), ["a-3"], 24],
          ],
        );
        assert.deepEqual(await store.latestRoundup("s-1"), versions[2]);
        assert.equal((await store.latestRoundup("s-2"))?.version, 1);
      }));

    test("staleStories: live stories whose newest roundup misses an article, or that have none", () =>
      withStore(async (store) => {
        for (const id of ["s-fresh", "s-behind", "s-none", "s-gone"]) await store.putStory(story(id));
        const put = async (key: string, storyId: string) => {
          await store.putArticle(article(key));
          await store.assignArticle(`a-${key}`, storyId);
        };
        await put("1", "s-fresh");
        await put("2", "s-fresh");
        await put("3", "s-behind");
        await put("4", "s-none");
        await put("5", "s-gone");
        await store.addRoundup("s-fresh", sampleRoundup(1), ["a-1"], at(1));
        await store.addRoundup("s-fresh", sampleRoundup(2), ["a-1", "a-2"], at(2));
        await store.addRoundup("s-behind", sampleRoundup(3), ["a-3"], at(3));
        await put("6", "s-behind");
        await store.putStory({ ...story("s-gone"), archived: true });
        assert.deepEqual(await store.staleStories(), ["s-behind", "s-none"]);
        await store.addRoundup("s-behind", sampleRoundup(4), ["a-3", "a-6"], at(4));
        assert.deepEqual(await store.staleStories(), ["s-none"]);
      }));

    test("a roundup comes back exactly as stored, keys in the same order", () =>
      withStore(async (store) => {
        await store.putStory(story("s-1"));
        const roundup = sampleRoundup();
        await store.addRoundup("s-1", roundup, ["a-1", "a-2"], at(1));
        const latest = await store.latestRoundup("s-1");
        assert.deepEqual(latest?.roundup, roundup);
        assert.equal(JSON.stringify(latest?.roundup), JSON.stringify(roundup));
        assert.equal(
          JSON.stringify((await store.roundupVersions("s-1"))[0].roundup),
          JSON.stringify(roundup),
        );
      }));

    test("addRoundup refuses an unknown story", () =>
      withStore(async (store) => {
        await rejectsWithStoreError(
          store.addRoundup("s-none", sampleRoundup(), [], at(1)),
          /addRoundup "s-none": story does not exist/,
        );
      }));

    test("concurrent addRoundup calls get distinct consecutive versions", () =>
      withStore(async (store) => {
        await store.putStory(story("s-1"));
        const versions = await Promise.all(
          Array.from({ length: 8 }, (_, i) => store.addRoundup("s-1", sampleRoundup(i), [], at(i))),
        );
        assert.deepEqual(
          [...versions].sort((a, b) => a - b),
          [1, 2, 3, 4, 5, 6, 7, 8],
        );
        assert.equal((await store.getStory("s-1"))?.roundupVersion, 8);
      }));

    // ---------------------------------------------------------------------------------------------
    // Feeds

    test("feed state: insert, replace, clear", () =>
      withStore(async (store) => {
        const url = "https://news.example/rss";
        assert.equal(await store.getFeedState(url), undefined);
        const full = {
          url,
          etag: 'W/"abc"',
          lastModified: "Fri, 13 Jun 2025 08:00:00 GMT",
          lastPolledAt: at(1),
          nextPollAt: at(31),
          errorCount: 2,
          lastError: "HTTP 503",
        };
        await store.putFeedState(full);
        assert.deepEqual(await store.getFeedState(url), full);
        await store.putFeedState({ url, lastPolledAt: at(40), errorCount: 0 });
        assert.deepEqual(await store.getFeedState(url), { url, lastPolledAt: at(40), errorCount: 0 });
        await store.putFeedState({ url: "https://other.example/feed", errorCount: 0 });
        assert.equal((await store.getFeedState(url))?.lastPolledAt, at(40));
        await rejectsWithStoreError(store.putFeedState({ url, errorCount: -1 }), /errorCount/);
      }));

    test("a closed store says so", async () => {
      const store = await open();
      await store.close();
      await store.close(); // twice is fine
      await rejectsWithStoreError(store.countArticles(), /is closed/);
    });

    // ---------------------------------------------------------------------------------------------
    // Persistence and schema

    const persistent = options.persistent;
    const skip = persistent ? false : "in-memory store: nothing to reopen";

    test("reopen: everything written is still there", { skip }, async () => {
      const where = await persistent!();
      const first = await where.open();
      try {
        await first.putStory(story("s-1", { headline: "Ferry fire" }));
        await first.putArticle(article("1", { storyId: "s-1", source: "AP" }));
        await first.transaction(async (tx) => {
          await tx.putArticle(article("2", { storyId: "s-1", source: "BBC" }));
          await tx.addRoundup("s-1", sampleRoundup(), ["a-1", "a-2"], at(1));
        });
        await first.putFeedState({ url: "https://news.example/rss", errorCount: 1, etag: "x" });
      } finally {
        await first.close();
      }
      const again = await where.open();
      try {
        assert.equal(await again.countArticles(), 2);
        const s = await again.getStory("s-1");
        assert.equal(s?.headline, "Ferry fire");
        assert.equal(s?.articleCount, 2);
        assert.equal(s?.outletCount, 2);
        assert.equal(s?.roundupVersion, 1);
        assert.equal(
          JSON.stringify((await again.latestRoundup("s-1"))?.roundup),
          JSON.stringify(sampleRoundup()),
        );
        assert.deepEqual(await again.getArticle("a-1"), article("1", { storyId: "s-1", source: "AP" }));
        assert.equal((await again.getFeedState("https://news.example/rss"))?.etag, "x");
        // Idempotence holds across opens.
        assert.equal((await again.putArticle(article("1"))).inserted, false);
      } finally {
        await again.close();
      }
    });

    test("a store at schema 1 is migrated: every story its own topic, data kept", { skip }, async () => {
      const where = await persistent!();
      await where.seed([
        `CREATE TABLE schema_version (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`,
        ...initial.statements,
        "INSERT INTO schema_version (version, name) VALUES (1, 'initial')",
        `INSERT INTO stories (id, created_at, updated_at, archived, headline) VALUES
          ('s-1', '${at(0)}', '${at(2)}', false, 'Ferry fire'),
          ('s-2', '${at(0)}', '${at(1)}', false, NULL),
          ('s-gone', '${at(0)}', '${at(0)}', true, NULL)`,
        `INSERT INTO articles (id, content_hash, text, ingested_at, story_id) VALUES
          ('a-1', 'h1', 'Text one.', '${T0}', 's-1'), ('a-2', 'h2', 'Text two.', '${T0}', 's-2')`,
      ]);
      const store = await where.open();
      try {
        assert.deepEqual(
          (await store.listStories({ includeArchived: true })).map((s) => [s.id, s.topicId, s.articleCount]),
          [
            ["s-1", "s-1", 1],
            ["s-2", "s-2", 1],
            ["s-gone", "s-gone", 0],
          ],
        );
        assert.equal((await store.getStory("s-1"))?.headline, "Ferry fire");
        assert.deepEqual(
          (await store.listStories({ topicId: "s-1" })).map((s) => s.id),
          ["s-1"],
        );
        await store.setStoryTopics([{ storyId: "s-2", topicId: "s-1" }]);
        assert.deepEqual(
          (await store.listStories({ topicId: "s-1" })).map((s) => s.id),
          ["s-1", "s-2"],
        );
        await store.putStory(story("s-new"));
        assert.equal((await store.getStory("s-new"))?.topicId, "s-new");
      } finally {
        await store.close();
      }
      // Opening again runs nothing more.
      await (await where.open()).close();
    });

    test("a store with a newer schema is refused with a clear message", { skip }, async () => {
      const where = await persistent!();
      await (await where.open()).close();
      const newer = SCHEMA_VERSION + 6;
      await where.stampSchemaVersion(newer);
      await rejectsWithStoreError(
        where.open(),
        new RegExp(
          `^${escapeRegExp(
            `store at ${where.location} has schema version ${newer}, newer than this Roundup (${SCHEMA_VERSION}): upgrade Roundup`,
          )}$`,
        ),
      );
    });
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
