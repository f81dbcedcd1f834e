// The desk guard: the watch loop and POST /api/articles share one desk; its writes run one at a time and
// every write tells the page cache which stories changed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { guardDesk } from "../../src/apps/server/desk-guard.ts";
import type { Desk } from "../../src/desk/desk.ts";

function fakeDesk() {
  let active = 0;
  let most = 0;
  const step = async <T>(value: T): Promise<T> => {
    active++;
    most = Math.max(most, active);
    await new Promise((r) => setTimeout(r, 10));
    active--;
    return value;
  };
  const desk = {
    ingest: () => step({ inserted: 1, existing: 0, stories: ["s1"], retopiced: ["s3"], failed: [] }),
    refresh: () => step(["s1", "s2"]),
    archive: () => step(0),
  } as unknown as Desk;
  return { desk, most: () => most };
}

test("writes run one at a time, and listeners hear which stories changed", async () => {
  const { desk, most } = fakeDesk();
  const heard: string[][] = [];
  guardDesk(desk).listen((ids) => heard.push([...ids]));
  await Promise.all([desk.ingest([]), desk.refresh(), desk.ingest([]), desk.archive()]);
  assert.equal(most(), 1);
  // An ingest names the stories that gained articles and the ones whose topic changed.
  assert.deepEqual(heard, [
    ["s1", "s3"],
    ["s1", "s2"],
    ["s1", "s3"],
  ]);
});

test("guarding twice wraps once; a failed write does not block the next", async () => {
  const { desk } = fakeDesk();
  (desk as unknown as { ingest: () => Promise<never> }).ingest = () =>
    Promise.reject(new Error("store down"));
  const first = guardDesk(desk);
  assert.equal(guardDesk(desk), first);
  const heard: string[][] = [];
  const stop = first.listen((ids) => heard.push([...ids]));
  await assert.rejects(desk.ingest([]), /store down/);
  assert.deepEqual(await desk.refresh(), ["s1", "s2"]);
  stop();
  await desk.refresh();
  assert.deepEqual(heard, [["s1", "s2"]]);
});
