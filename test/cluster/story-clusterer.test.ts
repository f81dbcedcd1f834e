import assert from "node:assert/strict";
import { test } from "node:test";
import { type Assignment, StoryClusterer, type StoryDoc } from "../../src/cluster/index.ts";
import {
  CHESS_2,
  CHESS_3,
  DISTRACTOR,
  FOLLOW_UP,
  join,
  OTHER_OUTLET,
  UNRELATED,
  WIRE,
} from "../dedupe/articles.ts";

/** Two fictional stories interleaved, with a wire copy republished under another outlet's boilerplate. */
const STREAM: StoryDoc[] = [
  {
    id: "dam-1",
    text: join(WIRE),
    title: "Kessa dam spillway opened",
    date: "2025-03-04",
    source: "Meridian Press",
  },
  { id: "chess-1", text: join(UNRELATED), title: "Chess final drawn after eleven hours", date: "2025-03-04" },
  { id: "dam-2", text: join(OTHER_OUTLET), date: "2025-03-05T08:30:00Z" },
  {
    id: "dam-copy",
    text: join(["Follow The Valley Courier on Facebook and Twitter", ...WIRE.slice(0, 6), "Advertisement"]),
    date: "2025-03-05",
    source: "Valley Courier",
  },
  { id: "chess-2", text: join(CHESS_2), date: "2025-03-06" },
  { id: "dam-3", text: join(FOLLOW_UP), title: "Orlen river falls as rain eases", date: "2025-03-06" },
  { id: "chess-3", text: join(CHESS_3), date: "2025-03-09" },
];

/** One event told two ways (different words), and an article that tells both halves. */
const MILL_FIRE =
  "Fire destroyed the Brenmoor timber mill overnight. Flames from the burning sawmill lit the sky and firefighters fought the blaze until dawn.";
const MILL_JOBS =
  "Sixty workers lost their jobs at the Brenmoor timber mill. The owners said the sawmill would not reopen and offered redundancy pay to every worker.";
const MILL_BOTH = `${MILL_FIRE} ${MILL_JOBS} Firefighters said the blaze began in a drying kiln; the workers' union asked the owners to rebuild.`;

function run(docs: StoryDoc[], clusterer = new StoryClusterer()): Assignment[] {
  return docs.map((d) => clusterer.add(d));
}

test("two interleaved stories become two stories, named by their first article", () => {
  const clusterer = new StoryClusterer();
  const out = run(STREAM, clusterer);
  assert.deepEqual(
    out.map((a) => a.story),
    ["dam-1", "chess-1", "dam-1", "dam-1", "chess-1", "dam-1", "chess-1"],
  );
  assert.deepEqual(
    out.map((a) => a.isNew),
    [true, true, false, false, false, false, false],
  );
  assert.equal(out[3].duplicateOf, "dam-1");
  assert.equal(out[2].duplicateOf, undefined);
  assert.ok(out.every((a) => a.merged.length === 0));
  assert.equal(clusterer.storyCount, 2);
  assert.equal(clusterer.articleCount, 7);
  assert.equal(clusterer.storyOfArticle("dam-copy"), "dam-1");
});

test("same stream, same stories: deterministic", () => {
  assert.deepEqual(run(STREAM), run(STREAM));
});

test("stories started apart merge when an article shows they are one; the older id survives", () => {
  // Two reports of one event written with different words start two stories; a third article that tells
  // both halves joins one, its centroid comes close to the other's, and the two are merged.
  const clusterer = new StoryClusterer({
    joinThreshold: 0.3,
    mergeThreshold: 0.3,
    dedupe: false,
    pairModel: false,
  });
  const a = clusterer.add({ id: "m-fire", text: MILL_FIRE });
  const b = clusterer.add({ id: "m-jobs", text: MILL_JOBS });
  assert.equal(a.isNew, true);
  assert.equal(b.isNew, true, "different words: a second story at first");
  const c = clusterer.add({ id: "m-both", text: MILL_BOTH });
  assert.equal(c.story, "m-fire");
  assert.deepEqual(c.merged, ["m-jobs"]);
  assert.equal(clusterer.storyCount, 1);
  assert.equal(clusterer.storyOfArticle("m-jobs"), "m-fire");
});

test("archiveBefore drops quiet stories, their articles and their wire copies", () => {
  const clusterer = new StoryClusterer();
  run(STREAM.slice(0, 4), clusterer);
  clusterer.add({ id: "council", text: join(DISTRACTOR), date: "2025-05-01" });
  assert.equal(clusterer.storyCount, 3);
  assert.deepEqual(clusterer.archiveBefore("2025-04-01"), ["dam-1", "chess-1"]);
  assert.equal(clusterer.storyCount, 1);
  assert.equal(clusterer.storyOfArticle("dam-1"), undefined);
  // A copy of an archived article is no longer linked: it starts a story of its own.
  const late = clusterer.add({ id: "dam-late", text: join(WIRE), date: "2025-05-02" });
  assert.equal(late.isNew, true);
  assert.equal(late.duplicateOf, undefined);
  assert.deepEqual(clusterer.archiveBefore("2025-05-01"), []);
});

test("misuse throws, naming the bad value", () => {
  const clusterer = new StoryClusterer();
  clusterer.add({ id: "a", text: "Some text about the harbour." });
  assert.throws(() => clusterer.add({ id: "a", text: "again" }), /StoryClusterer: duplicate id "a"/);
  assert.throws(
    () => clusterer.add({ id: "b", text: "x", date: "last Tuesday" }),
    /date of "b" must be ISO 8601 \(YYYY-MM-DD…\), not "last Tuesday"/,
  );
  assert.throws(() => clusterer.archiveBefore("soon"), /archiveBefore needs an ISO 8601 date/);
  assert.throws(() => new StoryClusterer({ joinThreshold: 2 }), /joinThreshold must be in \[0, 1\], not 2/);
  assert.throws(
    () => new StoryClusterer({ candidates: 0 }),
    /candidates must be a positive whole number, not 0/,
  );
});

test("baseline: single-pass TF-IDF never mixes the two stories (it may split one)", async () => {
  const { baselineCluster } = await import("../../src/cluster/index.ts");
  const out = baselineCluster(STREAM);
  for (const d of STREAM) assert.equal(out.get(d.id)!.split("-")[0], d.id.split("-")[0], d.id);
  assert.equal(out.get("dam-copy"), "dam-1");
  assert.equal(new Set(baselineCluster(STREAM, 1).values()).size, STREAM.length, "threshold 1: all apart");
  assert.throws(() => baselineCluster(STREAM, -1), /baselineCluster: threshold must be in \[0, 1\], not -1/);
});

test("archiveBefore thins a long-running story: old articles leave, the story and its centroid stay", () => {
  const clusterer = new StoryClusterer();
  clusterer.add({ id: "d1", text: join(WIRE), date: "2025-03-01" });
  clusterer.add({ id: "d2", text: join(OTHER_OUTLET), date: "2025-03-10" });
  clusterer.add({ id: "d3", text: join(FOLLOW_UP), date: "2025-03-20" });
  assert.equal(clusterer.storyCount, 1);
  assert.deepEqual(clusterer.archiveBefore("2025-03-15"), []);
  assert.equal(clusterer.storyCount, 1);
  assert.equal(clusterer.articleCount, 1);
  assert.equal(clusterer.storyOfArticle("d1"), undefined);
  assert.equal(clusterer.storyOfArticle("d3"), "d1");
  const next = clusterer.add({ id: "d4", text: join(WIRE.slice(0, 6)), date: "2025-03-21" });
  assert.deepEqual([next.story, next.isNew, next.duplicateOf], ["d1", false, undefined]);
});

test("a one-article story merges at the small-story threshold; with smallStory 0 it stays apart", () => {
  const base = {
    joinThreshold: 0.3,
    mergeThreshold: 0.95,
    smallMergeThreshold: 0.3,
    dedupe: false as const,
    pairModel: false as const,
  };
  const small = new StoryClusterer(base);
  small.add({ id: "m-fire", text: MILL_FIRE });
  small.add({ id: "m-jobs", text: MILL_JOBS });
  assert.deepEqual(small.add({ id: "m-both", text: MILL_BOTH }).merged, ["m-jobs"]);
  assert.equal(small.storyCount, 1);

  const never = new StoryClusterer({ ...base, smallStory: 0 });
  never.add({ id: "m-fire", text: MILL_FIRE });
  never.add({ id: "m-jobs", text: MILL_JOBS });
  assert.deepEqual(never.add({ id: "m-both", text: MILL_BOTH }).merged, []);
  assert.equal(never.storyCount, 2);
});

/** A web archive's notice, the kind a scraper saves instead of (or around) the article. */
const ARCHIVE_NOTICE =
  "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive. Flowing in every day, these data are added to the Wayback Machine after an embargo period.";

test("the same platform notice on two unrelated pages does not make them one story", () => {
  const ferry =
    "The Harlow Bay ferry was cancelled on Monday after a gearbox failed. Commuters waited three hours for buses.";
  const chess =
    "The Orlen chess final was drawn after eleven hours. Both players accepted a rematch in June.";
  const out = run([
    { id: "ferry", text: `${ARCHIVE_NOTICE}\n\n${ferry}` },
    { id: "chess", text: `${ARCHIVE_NOTICE}\n\n${chess}` },
  ]);
  assert.deepEqual(
    out.map((a) => a.story),
    ["ferry", "chess"],
  );
});

test("a page that is only a notice is too thin to place: a story of its own that nothing joins", () => {
  const clusterer = new StoryClusterer();
  const out = run(
    [
      { id: "notice-1", text: ARCHIVE_NOTICE },
      { id: "notice-2", text: `${ARCHIVE_NOTICE}\n\nYes` },
      { id: "dam-1", text: join(WIRE) },
    ],
    clusterer,
  );
  assert.deepEqual(
    out.map((a) => [a.story, a.isNew]),
    [
      ["notice-1", true],
      ["notice-2", true],
      ["dam-1", true],
    ],
  );
  assert.equal(clusterer.add({ id: "dam-2", text: join(OTHER_OUTLET) }).story, "dam-1");
  // A feed item with a headline and one sentence is not thin: it is placed.
  const brief = clusterer.add({
    id: "dam-brief",
    title: "Kessa dam spillway stays open",
    text: "The Norland Water Authority kept the Kessa spillway gates open as the reservoir fell.",
  });
  assert.deepEqual([brief.story, brief.isNew], ["dam-1", false]);
  assert.throws(
    () => new StoryClusterer({ minFeatures: 0 }),
    /minFeatures must be a positive whole number, not 0/,
  );
});
