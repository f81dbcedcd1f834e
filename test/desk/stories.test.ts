// The story page cache against a counting fake store: what is cached, for how long, and what is not.
import assert from "node:assert/strict";
import { test } from "node:test";
import { StoryReader } from "../../src/desk/stories.ts";
import type { Roundup } from "../../src/model/types.ts";
import type { RoundupVersion, Store, StoredArticle, StorySummary } from "../../src/store/port.ts";

function fakeStore() {
  const calls = { getStory: 0, roundupVersions: 0, listStories: 0 };
  const article: StoredArticle = {
    id: "a1",
    text: "One sentence here.",
    contentHash: "h",
    ingestedAt: "2025-01-01T00:00:00Z",
  };
  const roundup: Roundup = {
    paragraphs: ["One sentence here."],
    sentences: [
      {
        text: "One sentence here.",
        citations: [{ articleId: "a1", start: 0, end: 18 }],
        supportedBy: [],
        paragraph: 0,
      },
    ],
    sources: [{ articleId: "a1", outlet: "Wire" }],
    words: 3,
  };
  const versions: RoundupVersion[] = [
    { storyId: "s1", version: 1, createdAt: "2025-01-01T00:00:00Z", roundup, articleIds: ["a1"] },
  ];
  const summary = (): StorySummary => ({
    id: "s1",
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: versions.at(-1)!.createdAt,
    archived: false,
    topicId: "t1",
    articleCount: 1,
    outletCount: 1,
    roundupVersion: versions.length,
  });
  /** The other stories of topic t1, newest first (the store lists s1 among them). */
  const others: StorySummary[] = [];
  const store = {
    kind: "fake",
    async getStory(id: string) {
      calls.getStory++;
      return id === "s1" ? summary() : undefined;
    },
    async listStories(o: { topicId?: string; limit?: number }) {
      calls.listStories++;
      assert.equal(o.topicId, "t1");
      const all = [...others, summary()].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
      return all.slice(0, o.limit);
    },
    async roundupVersions() {
      calls.roundupVersions++;
      return versions;
    },
    async storyArticles() {
      return [article];
    },
    async getArticle() {
      return article;
    },
  } as unknown as Store;
  return { store, calls, versions, roundup, others };
}

test("a page is built once per story version; the stamp is re-read after the TTL", async () => {
  const { store, calls, versions, roundup } = fakeStore();
  let now = 0;
  const reader = new StoryReader(store, 1000, () => now);
  const a = await reader.story("s1");
  const b = await reader.story("s1");
  assert.ok(a.ok && b.ok);
  assert.equal(a.page, b.page);
  assert.deepEqual(calls, { getStory: 1, roundupVersions: 1, listStories: 1 });
  // A new version inside the TTL is not seen; after it, it is.
  versions.push({
    storyId: "s1",
    version: 2,
    createdAt: "2025-01-02T00:00:00Z",
    roundup,
    articleIds: ["a1"],
  });
  now = 500;
  const c = await reader.story("s1");
  assert.ok(c.ok && c.page.detail.version?.version === 1);
  now = 1500;
  const d = await reader.story("s1");
  assert.ok(d.ok && d.page.detail.version?.version === 2);
  assert.deepEqual(calls, { getStory: 2, roundupVersions: 2, listStories: 2 });
  // invalidate() drops it at once.
  reader.invalidate(["s1"]);
  await reader.story("s1");
  assert.deepEqual(calls, { getStory: 3, roundupVersions: 3, listStories: 3 });
});

test("concurrent readers share one stamp query and one build", async () => {
  const { store, calls } = fakeStore();
  const reader = new StoryReader(store, 1000, () => 0);
  const pages = await Promise.all(Array.from({ length: 20 }, () => reader.story("s1")));
  assert.ok(pages.every((p) => p.ok));
  assert.deepEqual(calls, { getStory: 1, roundupVersions: 1, listStories: 1 });
});

test("unknown stories and versions are not cached", async () => {
  const { store, calls } = fakeStore();
  const reader = new StoryReader(store, 1000, () => 0);
  assert.deepEqual(await reader.story("nope"), { ok: false, problem: "story" });
  assert.deepEqual(await reader.story("nope"), { ok: false, problem: "story" });
  assert.equal(calls.getStory, 2, "asked the store each time");
  assert.deepEqual(await reader.story("s1", 7), { ok: false, problem: "version", latest: 1 });
  await reader.story("s1", 7);
  assert.equal(calls.roundupVersions, 2, "an unknown version is looked up again");
});

const related = (id: string, minutes: number, headline?: string): StorySummary => ({
  id,
  createdAt: "2025-01-01T00:00:00Z",
  updatedAt: new Date(Date.parse("2025-01-03T00:00:00Z") + minutes * 60_000).toISOString(),
  archived: false,
  topicId: "t1",
  articleCount: minutes,
  outletCount: 1,
  ...(headline ? { headline } : {}),
});

test("a page lists the topic's other stories, newest first, at most 10; they are re-read after the TTL", async () => {
  const { store, calls, others } = fakeStore();
  for (let i = 1; i <= 12; i++) others.push(related(`r${i}`, i, i === 12 ? "Newest related" : undefined));
  let now = 0;
  const reader = new StoryReader(store, 1000, () => now);
  const a = await reader.story("s1");
  assert.ok(a.ok);
  assert.equal(a.page.detail.topic, "t1");
  assert.deepEqual(
    a.page.detail.related.map((r) => r.id),
    ["r12", "r11", "r10", "r9", "r8", "r7", "r6", "r5", "r4", "r3"],
  );
  assert.deepEqual(a.page.detail.related[0], {
    id: "r12",
    headline: "Newest related",
    articleCount: 12,
    updatedAt: "2025-01-03T00:12:00.000Z",
  });
  assert.equal("headline" in a.page.detail.related[1], false);
  assert.ok(JSON.parse(a.page.json).related.length === 10);
  // A related story that changed shows after the TTL, in a page built again (same story stamp).
  others[11] = related("r12", 12, "Renamed");
  now = 500;
  const b = await reader.story("s1");
  assert.ok(b.ok && b.page === a.page);
  now = 1500;
  const c = await reader.story("s1");
  assert.ok(c.ok && c.page !== a.page);
  assert.equal(c.page.detail.related[0].headline, "Renamed");
  assert.notEqual(c.page.etag, a.page.etag);
  assert.deepEqual(calls, { getStory: 2, roundupVersions: 2, listStories: 2 });
  // Invalidating any story of the topic drops the topic's list at once.
  others.length = 0;
  reader.invalidate(["s1"]);
  const d = await reader.story("s1");
  assert.ok(d.ok);
  assert.deepEqual(d.page.detail.related, []);
  assert.equal(calls.listStories, 3);
});
