// The desk follows a developing story (test/summarize/fixtures/varnby-flood, fictional): day 1 is
// ingested and refreshed, then day 2; the stored version 2 leads with the day-2 development and marks
// what is new since version 1 (`newSince`), and the API's story page carries it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { Desk } from "../../src/desk/desk.ts";
import { StoryReader } from "../../src/desk/stories.ts";
import { readArticles } from "../../src/ingest/index.ts";
import { openStore } from "../../src/store/index.ts";

const dir = fileURLToPath(new URL("../summarize/fixtures/varnby-flood/", import.meta.url));

test("day 1, refresh, day 2, refresh: version 2 leads with day 2 and marks what is new", async () => {
  const store = await openStore({ memory: true });
  try {
    let clock = Date.parse("2025-03-11T21:00:00Z");
    const desk = await Desk.open({ store, now: () => new Date(clock) });
    const day1 = (await readArticles([`${dir}day-1`])).articles;
    const day2 = (await readArticles([`${dir}day-2`])).articles;
    const first = await desk.ingest(day1);
    assert.equal(first.stories.length, 1);
    const [id] = first.stories;
    assert.deepEqual(await desk.refresh(), [id]);
    const v1 = await store.latestRoundup(id);
    assert.ok(v1 && v1.version === 1);
    assert.ok(
      v1.roundup.sentences.every((s) => s.newSince === undefined),
      "a first version has no newSince",
    );

    clock = Date.parse("2025-03-12T20:00:00Z");
    const second = await desk.ingest(day2);
    assert.deepEqual(second.stories, [id], "day 2 joins the day-1 story");
    assert.deepEqual(await desk.refresh(), [id]);
    const v2 = await store.latestRoundup(id);
    assert.ok(v2 && v2.version === 2);
    const sentences = v2.roundup.sentences;
    // Stored JSON keeps newSince on every sentence.
    assert.ok(sentences.every((s) => typeof s.newSince === "boolean"));
    const newIds = new Set(day2.map((a) => a.id));
    assert.ok(newIds.has(sentences[0].citations[0].articleId), `lead: ${sentences[0].text}`);
    assert.equal(sentences[0].newSince, true);
    // Day-1 sentences are background and not new; version 1's "is missing" is gone.
    for (const s of sentences) {
      if (!newIds.has(s.citations[0].articleId)) assert.equal(s.newSince, false, s.text);
      assert.ok(!s.text.includes("is missing"), s.text);
    }
    // The story's headline follows the new lead.
    assert.equal((await store.getStory(id))?.headline, v2.roundup.headline);

    // The API's story page (GET /api/stories/:id) shows it.
    const page = await new StoryReader(store).story(id);
    assert.ok(page.ok);
    assert.ok(page.page.detail.roundup?.sentences.some((s) => s.newSince === true));
    assert.match(page.page.json, /"newSince":true/);
  } finally {
    await store.close();
  }
});
