// The desk owns its write lock and its change events: the watch loop, POST /api/articles and the editing
// routes share one desk, its writes run one at a time, and every write tells the listeners which stories
// changed (so the server's page cache drops them at once).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Desk } from "../../src/desk/desk.ts";
import type { Article } from "../../src/model/types.ts";
import { openStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/port.ts";
import { summarize } from "../../src/summarize/index.ts";
import { overriding } from "../helpers.ts";

const NOW = new Date("2025-09-02T12:00:00Z");

const body = (place: string, n: number) =>
  `Officials in the fictional port of ${place} said on Monday that the new ferry terminal would open next week. ` +
  `The harbour council voted ${n} to 2 in favour of the plan after a long debate in ${place}. ` +
  `Residents of ${place} said they hoped the terminal would bring jobs to the harbour district.`;

const article = (id: string, place: string, n: number): Article => ({
  id,
  text: body(place, n),
  title: `${place} ferry terminal to open`,
  origin: `${id}.txt`,
});

/** Counts how many writes (store transactions and summaries) run at once. */
function overlapMeter() {
  let active = 0;
  let most = 0;
  const during = async <T>(fn: () => Promise<T>): Promise<T> => {
    active++;
    most = Math.max(most, active);
    try {
      await new Promise((r) => setTimeout(r, 5));
      return await fn();
    } finally {
      active--;
    }
  };
  return { during, most: () => most };
}

test("writes run one at a time, and listeners hear which stories each write changed", async () => {
  const base = await openStore({ memory: true });
  try {
    const meter = overlapMeter();
    const store = overriding(base, {
      transaction: <T>(fn: (tx: Store) => Promise<T>) => meter.during(() => base.transaction(fn)),
    });
    const desk = await Desk.open({
      store,
      now: () => NOW,
      summarize: (articles, options) => meter.during(async () => summarize(articles, options)),
    });
    const heard: string[][] = [];
    desk.onChange((ids) => heard.push([...ids]));
    const [first, refreshed1, second, refreshed2] = await Promise.all([
      desk.ingest([article("a1", "Velm", 5), article("a2", "Velm", 6)]),
      desk.refresh(),
      desk.ingest([article("b1", "Ostrander", 7)]),
      desk.refresh(),
    ]);
    assert.equal(meter.most(), 1, "no two writes overlapped");
    assert.equal(first.inserted, 2);
    assert.equal(second.inserted, 1);
    // In call order: each ingest names the stories it grew, each refresh the stories it refreshed.
    assert.deepEqual(heard, [first.stories, refreshed1, second.stories, refreshed2]);
    assert.deepEqual(refreshed1, first.stories);
  } finally {
    await base.close();
  }
});

test("a failed write does not block the next one; an unsubscribed listener hears nothing more", async () => {
  const base = await openStore({ memory: true });
  try {
    let down = true;
    const store = overriding(base, {
      transaction: <T>(fn: (tx: Store) => Promise<T>) =>
        down ? Promise.reject(new Error("store down")) : base.transaction(fn),
    });
    const logs: string[] = [];
    const desk = await Desk.open({ store, now: () => NOW, log: (m) => logs.push(m) });
    const heard: string[][] = [];
    const stop = desk.onChange((ids) => heard.push([...ids]));
    desk.onChange(() => {
      throw new Error("listener broke");
    });
    const failed = await desk.ingest([article("a1", "Velm", 5)]);
    assert.equal(failed.failed.length, 1);
    assert.deepEqual(heard, [], "nothing changed, nothing heard");
    down = false;
    const ok = await desk.ingest([article("a1", "Velm", 5)]);
    assert.equal(ok.inserted, 1);
    assert.deepEqual(heard, [ok.stories]);
    assert.ok(
      logs.some((l) => l.includes("listener broke")),
      "a failing listener is logged",
    );
    stop();
    await desk.refresh();
    assert.equal(heard.length, 1);
  } finally {
    await base.close();
  }
});
