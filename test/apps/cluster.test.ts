// `roundup cluster` at both levels: each line's final story and topic, and --eval scoring each level
// against its own gold field. The clusterer's options are passed explicitly (the defaults are tuned
// elsewhere), so the two Varnholm events are two stories in one topic here.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { clusterCommand } from "../../src/apps/cli/cluster.ts";
import type { StoryClustererOptions } from "../../src/cluster/index.ts";
import { captureIo } from "../helpers.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const STREAM = join(repo, "test/cluster/fixtures/varnholm-port.jsonl");
const tmp = mkdtempSync(join(tmpdir(), "roundup-cluster-topics-"));
/** Two stories (the strike, the crane collapse) in one topic (the port), whatever the default tuning. */
const SPLIT: StoryClustererOptions = { pairModel: false, joinThreshold: 0.2, timeScaleDays: 7 };

const rows = () =>
  readFileSync(STREAM, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, string>);

/** The stream with each line's gold fields replaced. */
function variant(name: string, edit: (row: Record<string, string>) => Record<string, string>): string {
  const file = join(tmp, name);
  writeFileSync(
    file,
    `${rows()
      .map((r) => JSON.stringify(edit({ ...r })))
      .join("\n")}\n`,
  );
  return file;
}

test("each line gets its final story and topic beside its id", async () => {
  const io = captureIo();
  assert.equal(await clusterCommand(STREAM, { clusterer: SPLIT }, io), 0, io.err());
  assert.deepEqual(
    io
      .out()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l)),
    [
      { id: "strike-1", story: "strike-1", topic: "strike-1" },
      { id: "strike-2", story: "strike-1", topic: "strike-1" },
      { id: "strike-3", story: "strike-1", topic: "strike-1" },
      { id: "crane-1", story: "crane-1", topic: "strike-1" },
      { id: "crane-2", story: "crane-1", topic: "strike-1" },
      { id: "crane-3", story: "crane-1", topic: "strike-1" },
    ],
  );
  assert.equal(io.err(), "");
});

test("--eval scores stories against story and topics against topic, each in the story format", async () => {
  const io = captureIo();
  assert.equal(await clusterCommand(STREAM, { clusterer: SPLIT, eval: true }, io), 0, io.err());
  assert.equal(
    io.err(),
    "B-cubed over 6 articles (2 gold stories, 2 predicted):\n" +
      "precision 1.0000  recall 1.0000  F1 1.0000\n" +
      "B-cubed of topics over 6 articles (1 gold topics, 1 predicted):\n" +
      "precision 1.0000  recall 1.0000  F1 1.0000\n",
  );
});

test("--eval: a level is scored over the lines that carry its field, and only when some do", async () => {
  // Gold topics one per event: the predicted single topic has half the precision.
  const perEvent = variant("per-event.jsonl", (r) => ({ ...r, topic: r.story }));
  const a = captureIo();
  assert.equal(await clusterCommand(perEvent, { clusterer: SPLIT, eval: true }, a), 0, a.err());
  assert.match(
    a.err(),
    /B-cubed of topics over 6 articles \(2 gold topics, 1 predicted\):\nprecision 0\.5000 {2}recall 1\.0000 {2}F1 0\.6667\n$/,
  );

  // Topics only, and on some lines: no story score, the others left out and counted.
  const topicsOnly = variant("topics-only.jsonl", ({ story: _, topic, ...r }) =>
    r.id.endsWith("-3") ? r : { ...r, topic },
  );
  const b = captureIo();
  assert.equal(await clusterCommand(topicsOnly, { clusterer: SPLIT, eval: true }, b), 0, b.err());
  assert.equal(
    b.err(),
    'B-cubed of topics over 4 articles (1 gold topics, 1 predicted), 2 without "topic" left out:\n' +
      "precision 1.0000  recall 1.0000  F1 1.0000\n",
  );

  // Stories only: today's output, unchanged.
  const storiesOnly = variant("stories-only.jsonl", ({ topic: _, ...r }) => r);
  const c = captureIo();
  assert.equal(await clusterCommand(storiesOnly, { clusterer: SPLIT, eval: true }, c), 0, c.err());
  assert.equal(
    c.err(),
    "B-cubed over 6 articles (2 gold stories, 2 predicted):\nprecision 1.0000  recall 1.0000  F1 1.0000\n",
  );

  const neither = variant("no-gold.jsonl", ({ topic: _, story: __, ...r }) => r);
  const d = captureIo();
  assert.equal(await clusterCommand(neither, { eval: true }, d), 1);
  assert.match(d.err(), /no-gold\.jsonl: --eval needs a "story" or "topic" field on the input lines/);
});

test("roundup cluster --eval on the fixture prints both levels (default tuning: scores not pinned)", () => {
  const out = join(tmp, "out.jsonl");
  const r = spawnSync(
    process.execPath,
    [join(repo, "bin", "roundup.js"), "cluster", STREAM, "--eval", "--out", out],
    {
      cwd: repo,
      encoding: "utf8",
    },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stdout,
    /^B-cubed over 6 articles \(2 gold stories, \d+ predicted\):\nprecision \d\.\d{4} {2}recall \d\.\d{4} {2}F1 \d\.\d{4}\n/,
  );
  assert.match(
    r.stdout,
    /\nB-cubed of topics over 6 articles \(1 gold topics, \d+ predicted\):\nprecision \d\.\d{4} {2}recall \d\.\d{4} {2}F1 \d\.\d{4}\n$/,
  );
  // Every article of a story is in that story's topic.
  const lines = readFileSync(out, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { id: string; story: string; topic: string });
  assert.equal(lines.length, 6);
  const topicOfStory = new Map<string, string>();
  for (const l of lines) {
    assert.equal(topicOfStory.get(l.story) ?? l.topic, l.topic, `story ${l.story} split over topics`);
    topicOfStory.set(l.story, l.topic);
  }
});
