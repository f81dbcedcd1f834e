// The desk's story headlines: never a byline or a teaser label before the roundup exists, and the
// roundup's headline (which follows its lead sentence) once it does. Fictional text throughout.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Desk } from "../../src/desk/desk.ts";
import { openStore } from "../../src/store/index.ts";

const STRIKE =
  "VESSEL BAY, Estoria (Continental Wire Service) — Dock workers in Vessel Bay ended a nine-day strike on Thursday after the port authority agreed to hire forty more crane operators.\n\n" +
  "The strike had held up more than sixty ships outside the harbour and cost exporters an estimated four million crowns a day.\n\n" +
  "Union leader Ana Kell told a rally at the north gate that the agreement was the best the dockers had won in a generation.";

test("a story never takes a byline for its headline, and takes its roundup's once there is one", async () => {
  const store = await openStore({ memory: true });
  try {
    const desk = await Desk.open({ store, now: () => new Date("2031-06-05T18:00:00Z") });
    const { stories } = await desk.ingest([
      {
        id: "strike",
        text: STRIKE,
        title: "By Jana Morrow, Staff Writer",
        published: "2031-06-05T17:00:00Z",
      },
    ]);
    assert.equal(stories.length, 1);
    const [id] = stories;
    assert.equal((await store.getStory(id))?.headline, undefined, "a byline is not a headline");
    await desk.refresh();
    const roundup = (await store.latestRoundup(id))?.roundup;
    assert.ok(roundup?.headline, "the roundup cuts a headline from its lead sentence");
    assert.deepEqual(roundup.headlineCitations, roundup.sentences[0].citations);
    assert.equal((await store.getStory(id))?.headline, roundup.headline);
    assert.match(roundup.sentences.map((s) => s.text).join(" "), /Continental Wire Service reports/);
    assert.equal(roundup.outletCount, 1);
  } finally {
    await store.close();
  }
});
