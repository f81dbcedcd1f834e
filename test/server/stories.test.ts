// The story page cache against a counting fake store: what is cached, for how long, and what is not.
import assert from "node:assert/strict";
import { test } from "node:test";
import { StoryReader } from "../../src/apps/server/stories.ts";
import type { Roundup } from "../../src/model/types.ts";
import type { RoundupVersion, Store, StoredArticle, StorySummary } from "../../src/store/port.ts";

function fakeStore() {
  const calls = { getStory: 0, roundupVersions: 0 };
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
    articleCount: 1,
    outletCount: 1,
    roundupVersion: versions.length,
  });
  const store = {
    kind: "fake",
    async getStory(id: string) {
      calls.getStory++;
      return id === "s1" ? summary() : undefined;
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
  return { store, calls, versions, roundup };
}

test("a page is built once per story version; the stamp is re-read after the TTL", async () => {
  const { store, calls, versions, roundup } = fakeStore();
  let now = 0;
  const reader = new StoryReader(store, 1000, () => now);
  const a = await reader.story("s1");
  const b = await reader.story("s1");
  assert.ok(a.ok && b.ok);
  assert.equal(a.page, b.page);
  assert.deepEqual(calls, { getStory: 1, roundupVersions: 1 });
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
  assert.deepEqual(calls, { getStory: 2, roundupVersions: 2 });
  // invalidate() drops it at once.
  reader.invalidate(["s1"]);
  await reader.story("s1");
  assert.deepEqual(calls, { getStory: 3, roundupVersions: 3 });
});

test("concurrent readers share one stamp query and one build", async () => {
  const { store, calls } = fakeStore();
  const reader = new StoryReader(store, 1000, () => 0);
  const pages = await Promise.all(Array.from({ length: 20 }, () => reader.story("s1")));
  assert.ok(pages.every((p) => p.ok));
  assert.deepEqual(calls, { getStory: 1, roundupVersions: 1 });
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
