// The desk in memory: idempotent ingest, stories from a mixed stream, fresh roundup versions.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { Desk } from "../../src/desk/desk.ts";
import { readArticles } from "../../src/ingest/index.ts";
import { openStore } from "../../src/store/index.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));

test("a mixed stream becomes one story per event, each with a roundup; re-ingest changes nothing", async () => {
  const store = await openStore({ memory: true });
  try {
    let clock = Date.parse("2025-07-05T12:00:00Z");
    const desk = await Desk.open({ store, now: () => new Date(clock) });
    const ferry = (await readArticles([`${repo}examples/harlow-bay-ferry`])).articles;
    const fire = (await readArticles([`${repo}test/fixtures/orlen-valley-wildfire/input`])).articles;
    // Interleaved arrival, all but the last ferry article.
    const stream = [ferry[0], fire[0], ferry[1], fire[1], ferry[2], fire[2]];
    const first = await desk.ingest(stream);
    assert.equal(first.inserted, 6);
    assert.equal(first.existing, 0);
    assert.equal(first.stories.length, 2, `expected 2 stories, got ${first.stories.join(", ")}`);
    assert.deepEqual((await desk.refresh()).sort(), first.stories);

    const stories = await store.listStories();
    assert.equal(stories.length, 2);
    for (const s of stories) {
      assert.equal(s.articleCount, 3);
      assert.equal(s.roundupVersion, 1);
      const r = await store.latestRoundup(s.id);
      assert.ok(r && r.roundup.sentences.length > 0);
    }

    // The same articles again: nothing new, no new versions.
    const again = await desk.ingest(stream);
    assert.equal(again.inserted, 0);
    assert.equal(again.existing, 6);
    assert.deepEqual(await desk.refresh(), []);

    // A new ferry article: that story gets version 2, the other keeps version 1.
    clock += 60_000;
    const more = await desk.ingest([ferry[3]]);
    assert.equal(more.inserted, 1);
    const [ferryStory] = more.stories;
    assert.deepEqual(await desk.refresh(), [ferryStory]);
    const versions = await store.roundupVersions(ferryStory);
    assert.deepEqual(
      versions.map((v) => [v.version, v.articleIds.length]),
      [
        [1, 3],
        [2, 4],
      ],
    );
    // Wire copy republished by another outlet is stored, and linked as a copy.
    const ledger = (await store.storyArticles(ferryStory)).find((a) => a.origin?.includes("coastal-ledger"));
    assert.ok(
      ledger?.duplicateOf,
      "the Coastal Ledger copy of the wire story should be linked to the original",
    );
  } finally {
    await store.close();
  }
});
