// The desk keeps every story's topic: written with the story, moved when topics merge, written back after
// a rebuild where the rebuilt clusterer placed a story differently; topic writes never cost an article.
// The clusterer's options are explicit here (its defaults are tuned elsewhere).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import type { StoryClustererOptions } from "../../src/cluster/index.ts";
import { Desk } from "../../src/desk/desk.ts";
import type { Article } from "../../src/model/types.ts";
import { openStore } from "../../src/store/index.ts";
import type { Store, StoryTopic } from "../../src/store/port.ts";
import { overriding } from "../helpers.ts";

const T0 = Date.parse("2025-04-18T12:00:00Z");
/** A clock a second further on each reading, so articles are ingested (and rebuilt) in arrival order. */
function ticking(): () => Date {
  let t = T0;
  return () => {
    t += 1000;
    return new Date(t);
  };
}
const STREAM = fileURLToPath(new URL("../cluster/fixtures/varnholm-port.jsonl", import.meta.url));
/** The Varnholm strike and crane collapse as two stories in one topic. */
const SPLIT: StoryClustererOptions = { pairModel: false, joinThreshold: 0.2, timeScaleDays: 7 };

function varnholm(): Article[] {
  return readFileSync(STREAM, "utf8")
    .trim()
    .split("\n")
    .map((line, i) => {
      const r = JSON.parse(line) as Record<string, string>;
      return {
        id: r.id,
        text: r.text,
        title: r.title,
        source: r.source,
        published: r.date,
        origin: `stream.jsonl line ${i + 1}`,
      };
    });
}

const topics = async (store: Store) =>
  Object.fromEntries((await store.listStories()).map((s) => [s.id, s.topicId]));

test("each story is stored with its topic: two Varnholm events, one topic", async () => {
  const store = await openStore({ memory: true });
  try {
    const desk = await Desk.open({ store, now: ticking(), clusterer: SPLIT });
    const report = await desk.ingest(varnholm());
    assert.deepEqual(report.failed, []);
    assert.deepEqual(report.stories, ["crane-1", "strike-1"]);
    assert.deepEqual(report.retopiced, []);
    assert.deepEqual(await topics(store), { "crane-1": "strike-1", "strike-1": "strike-1" });
    assert.deepEqual(
      (await store.listStories({ topicId: "strike-1" })).map((s) => [s.id, s.articleCount]),
      [
        ["crane-1", 3],
        ["strike-1", 3],
      ],
    );
    // A refresh rewrites the headline and keeps the topic.
    await desk.refresh();
    assert.deepEqual(await topics(store), { "crane-1": "strike-1", "strike-1": "strike-1" });
  } finally {
    await store.close();
  }
});

const FERRY =
  "The ferry Aurelia caught fire in Harlow Bay on Thursday. The coast guard rescued every passenger from the burning ferry. Investigators examined the battery compartment of the ferry.";
const TUNNEL =
  "The Brevik council voted on the tunnel budget on Thursday. Councillors argued about the tunnel costs for hours. The mayor said the tunnel budget would rise next year.";
const BOTH =
  "Passengers of the burning ferry Aurelia praised the coast guard crews in Harlow Bay. The ferry battery fire forced Brevik to delay its tunnel budget, the mayor and councillors said.";
/** No story merges and no topic joins, and topics merge early: the third article merges two topics. */
const TOPIC_MERGE: StoryClustererOptions = {
  pairModel: false,
  dedupe: false,
  joinThreshold: 0.2,
  mergeThreshold: 1,
  smallStory: 0,
  topicJoinThreshold: 1,
  topicMergeThreshold: 0.1,
};
const ferry = (id: string, text: string, title: string): Article => ({
  id,
  text,
  title,
  published: "2025-04-17",
  origin: `${id}.txt`,
});

test("a topic merge moves the other stories in the same transaction, and the report names them", async () => {
  const store = await openStore({ memory: true });
  try {
    const desk = await Desk.open({ store, now: ticking(), clusterer: TOPIC_MERGE });
    await desk.ingest([
      ferry("a1", FERRY, "Ferry fire in Harlow Bay"),
      ferry("b1", TUNNEL, "Brevik tunnel budget vote"),
    ]);
    assert.deepEqual(await topics(store), { a1: "a1", b1: "b1" });
    const report = await desk.ingest([ferry("a2", BOTH, "Ferry fire delays tunnel budget")]);
    assert.deepEqual(report.stories, ["a1"]);
    assert.deepEqual(report.retopiced, ["b1"]);
    assert.deepEqual(await topics(store), { a1: "a1", b1: "a1" });
    // b1 did not gain an article: its update time is unchanged, so it is not news.
    assert.equal((await store.getStory("b1"))?.articleCount, 1);
  } finally {
    await store.close();
  }
});

test("after a rebuild the recomputed topics are written back, only where they changed", async () => {
  const store = await openStore({ memory: true });
  try {
    await (await Desk.open({ store, now: ticking(), clusterer: SPLIT })).ingest(varnholm());
    // As a store from before topics (schema 1) has it: every story its own topic.
    await store.setStoryTopics([{ storyId: "crane-1", topicId: "crane-1" }]);
    const writes: StoryTopic[][] = [];
    const spy = overriding(store, {
      setStoryTopics: async (t: readonly StoryTopic[]) => {
        writes.push([...t]);
        return store.setStoryTopics(t);
      },
    });
    const logs: string[] = [];
    await Desk.open({ store: spy, now: ticking(), clusterer: SPLIT, log: (m) => logs.push(m) });
    assert.deepEqual(writes, [[{ storyId: "crane-1", topicId: "strike-1" }]]);
    assert.deepEqual(await topics(store), { "crane-1": "strike-1", "strike-1": "strike-1" });
    assert.ok(logs.includes("desk: 1 stories moved to another topic after the rebuild"), logs.join("\n"));
    // Nothing changed since: nothing is written.
    await Desk.open({ store: spy, now: ticking(), clusterer: SPLIT });
    assert.equal(writes.length, 1);
  } finally {
    await store.close();
  }
});

test("a failed topic write-back leaves the desk working; a failed topic move fails only its article", async () => {
  const base = await openStore({ memory: true });
  try {
    await (await Desk.open({ store: base, now: ticking(), clusterer: SPLIT })).ingest(varnholm());
    await base.setStoryTopics([{ storyId: "crane-1", topicId: "crane-1" }]);
    const broken = overriding(base, {
      setStoryTopics: async () => {
        throw new Error("disk full (injected)");
      },
    });
    const logs: string[] = [];
    const desk = await Desk.open({
      store: broken,
      now: ticking(),
      clusterer: SPLIT,
      log: (m) => logs.push(m),
    });
    assert.ok(
      logs.some((l) => l === "desk: story topics not updated after the rebuild (disk full (injected))"),
      logs.join("\n"),
    );
    assert.equal((await base.getStory("crane-1"))?.topicId, "crane-1", "kept until the next rebuild");
    const more = await desk.ingest([
      {
        id: "crane-4",
        text: varnholm()[5].text.replace("reopened", "fully reopened"),
        title: "More on the crane",
      },
    ]);
    assert.deepEqual(more.failed, []);
    assert.equal(more.inserted, 1);
  } finally {
    await base.close();
  }

  // Inside an article's transaction: the article is reported and not stored; the next try stores it.
  const store = await openStore({ memory: true });
  try {
    let armed = true;
    const transaction = async <T>(fn: (tx: Store) => Promise<T>): Promise<T> =>
      store.transaction((tx) =>
        fn(
          overriding(tx, {
            setStoryTopics: async (t: readonly StoryTopic[]) => {
              if (armed) {
                armed = false;
                throw new Error("lock timeout (injected)");
              }
              return tx.setStoryTopics(t);
            },
          }),
        ),
      );
    const flaky = overriding(store, { transaction });
    const desk = await Desk.open({ store: flaky, now: ticking(), clusterer: TOPIC_MERGE });
    const batch = [
      ferry("a1", FERRY, "Ferry fire in Harlow Bay"),
      ferry("b1", TUNNEL, "Brevik tunnel budget vote"),
      ferry("a2", BOTH, "Ferry fire delays tunnel budget"),
    ];
    const first = await desk.ingest(batch);
    assert.deepEqual(first.failed, [{ input: "a2.txt", problem: "lock timeout (injected)" }]);
    assert.equal(await store.getArticle("a2"), undefined);
    assert.deepEqual(await topics(store), { a1: "a1", b1: "b1" });
    const retry = await desk.ingest(batch);
    assert.deepEqual(retry.failed, []);
    assert.equal(retry.inserted, 1);
    assert.deepEqual(await topics(store), { a1: "a1", b1: "a1" });
  } finally {
    await store.close();
  }
});

test("a story that drifts over two events is split in the store: the crane articles move to a story of their own", async () => {
  const store = await openStore({ memory: true });
  try {
    // A loose rule puts every Varnholm article in one story as it arrives...
    const desk = await Desk.open({
      store,
      now: ticking(),
      clusterer: { pairModel: false, joinThreshold: 0.02, timeScaleDays: 730 },
    });
    const reports = [];
    for (const a of varnholm()) reports.push(await desk.ingest([a]));
    // ...and the second look after each batch split the crane collapse off once it had two articles.
    const stories = await store.listStories();
    assert.equal(stories.length, 2);
    const ofArticle = async (id: string) => (await store.getArticle(id))?.storyId;
    assert.equal(await ofArticle("strike-3"), "strike-1");
    for (const id of ["crane-1", "crane-2", "crane-3"]) assert.equal(await ofArticle(id), "crane-1", id);
    const byId = new Map(stories.map((s) => [s.id, s]));
    assert.equal(byId.get("crane-1")?.topicId, byId.get("strike-1")?.topicId, "the parts stay related");
    assert.equal(byId.get("crane-1")?.articleCount, 3);
    assert.ok(reports[4].stories.includes("crane-1"), "the batch that split reports the new story");
    // Both get fresh roundups.
    const refreshed = await desk.refresh();
    assert.ok(refreshed.includes("crane-1") && refreshed.includes("strike-1"));
  } finally {
    await store.close();
  }
});
