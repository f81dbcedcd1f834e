// `roundup cluster` as a user runs it: a child process, a JSONL file, exit codes and messages.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { CHESS_2, OTHER_OUTLET, join as paragraphs, UNRELATED, WIRE } from "../dedupe/articles.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(repo, "bin", "roundup.js");
const tmp = mkdtempSync(join(tmpdir(), "roundup-cluster-"));

function roundup(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: repo, input, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const GOOD = [
  {
    id: "dam-1",
    text: paragraphs(WIRE),
    title: "Kessa dam spillway opened",
    date: "2025-03-04",
    story: "dam",
  },
  { id: "chess-1", text: paragraphs(UNRELATED), date: "03/04/2025", story: "chess" },
  { id: "dam-2", text: paragraphs(OTHER_OUTLET), date: "2025-03-05", source: "Valley Courier", story: "dam" },
  { id: "chess-2", text: paragraphs(CHESS_2), story: "chess" },
];
const lines = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join("\n");

test("cluster: one {id, story, topic} line per article, in input order", () => {
  const file = join(tmp, "good.jsonl");
  writeFileSync(file, `${lines(GOOD)}\n\n`);
  const r = roundup(["cluster", file]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(
    r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l)),
    [
      { id: "dam-1", story: "dam-1", topic: "dam-1" },
      { id: "chess-1", story: "chess-1", topic: "chess-1" },
      { id: "dam-2", story: "dam-1", topic: "dam-1" },
      { id: "chess-2", story: "chess-1", topic: "chess-1" },
    ],
  );
  assert.equal(r.err, "");
});

test("cluster --out writes the file atomically; --eval prints B-cubed", () => {
  const file = join(tmp, "eval.jsonl");
  const out = join(tmp, "stories.jsonl");
  writeFileSync(file, lines(GOOD));
  const r = roundup(["cluster", file, "--out", out, "--eval"]);
  assert.equal(r.code, 0, r.err);
  assert.equal(readFileSync(out, "utf8").trim().split("\n").length, 4);
  assert.deepEqual(
    readdirSync(tmp).filter((f) => f.endsWith(".tmp")),
    [],
  );
  assert.match(r.out, /B-cubed over 4 articles \(2 gold stories, 2 predicted\):/);
  assert.match(r.out, /precision 1\.0000 {2}recall 1\.0000 {2}F1 1\.0000/);
  assert.match(r.err, /4 articles in 2 stories \(0 merges\) written to .*stories\.jsonl/);
  // Progress off a terminal: a plain line per tenth, the last one at the total.
  assert.match(r.err, /^cluster: 4\/4$/m);
});

test("cluster reads standard input with -; --eval goes to stderr when stdout carries the stories", () => {
  const r = roundup(["cluster", "-", "--eval"], lines(GOOD.slice(0, 2)));
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim().split("\n").length, 2);
  assert.match(r.err, /B-cubed over 2 articles/);
});

test("bad lines are reported with their line number; the others still come out; exit 1", () => {
  const file = join(tmp, "bad.jsonl");
  writeFileSync(
    file,
    [
      JSON.stringify(GOOD[0]),
      "{not json",
      JSON.stringify({ id: "x", title: "no text" }),
      JSON.stringify({ id: "dam-1", text: "again" }),
      JSON.stringify({ id: "y", text: "A note.", date: "someday" }),
      JSON.stringify(GOOD[2]),
    ].join("\n"),
  );
  const r = roundup(["cluster", file]);
  assert.equal(r.code, 1);
  assert.match(r.err, /bad\.jsonl line 2: is not valid JSON/);
  assert.match(r.err, /bad\.jsonl line 3: "text" must be a string/);
  assert.match(r.err, /bad\.jsonl line 4: duplicate id "dam-1" \(first on line 1\)/);
  assert.match(r.err, /bad\.jsonl line 5: "date" is not a date I can read: "someday"/);
  assert.ok(!/\n\s+at /.test(r.err), r.err);
  assert.deepEqual(
    r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).id),
    ["dam-1", "dam-2"],
  );
});

test("--eval without gold stories fails; usage errors exit 2; a missing file exits 1", () => {
  const file = join(tmp, "nogold.jsonl");
  writeFileSync(file, lines(GOOD.map(({ story: _, ...rest }) => rest)));
  const noGold = roundup(["cluster", file, "--eval"]);
  assert.equal(noGold.code, 1);
  assert.match(noGold.err, /--eval needs a "story" or "topic" field on the input lines; none has one/);
  assert.equal(roundup(["cluster"]).code, 2);
  assert.equal(roundup(["cluster", file, "--bogus"]).code, 2);
  const missing = roundup(["cluster", join(tmp, "no-such.jsonl")]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no-such\.jsonl/);
  assert.equal(existsSync(join(tmp, "no-such.jsonl")), false);
});

test("cluster --help names the options", () => {
  const r = roundup(["cluster", "--help"]);
  assert.equal(r.code, 0);
  for (const flag of ["--out", "--eval", "<in.jsonl>"]) assert.ok(r.out.includes(flag), flag);
});

test("an empty or blank input exits 1 naming it; --out writes nothing", () => {
  for (const [name, content] of [
    ["empty.jsonl", ""],
    ["blank.jsonl", " \n\t\n\n"],
  ]) {
    const file = join(tmp, name);
    const out = join(tmp, `${name}.out`);
    writeFileSync(file, content);
    const r = roundup(["cluster", file, "--out", out]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, new RegExp(`${name}: has no articles`));
    assert.equal(existsSync(out), false);
    const plain = roundup(["cluster", file]);
    assert.equal(plain.code, 1);
    assert.equal(plain.out, "");
  }
  const stdin = roundup(["cluster", "-"], "\n \n");
  assert.equal(stdin.code, 1);
  assert.match(stdin.err, /stdin: has no articles/);
});

test("a binary input is refused once, as binary", () => {
  const file = join(tmp, "binary.jsonl");
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0]),
      Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 13) % 256)),
    ]),
  );
  const r = roundup(["cluster", file]);
  assert.equal(r.code, 1);
  assert.equal(r.err, `roundup: ${file}: is a binary file, not JSON Lines\n`);
  assert.equal(r.out, "");
});
