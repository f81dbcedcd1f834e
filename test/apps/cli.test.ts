// The CLI as a user runs it: a real child process, real files, exit codes and messages.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(repo, "bin", "roundup.js");

function roundup(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: repo, input, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), "roundup-cli-"));

test("--help lists the commands, and every command has --help", () => {
  const top = roundup(["--help"]);
  assert.equal(top.code, 0);
  assert.match(top.out, /Usage: roundup/);
  assert.match(top.out, /summarize/);
  const sub = roundup(["summarize", "--help"]);
  assert.equal(sub.code, 0);
  for (const flag of ["--words", "--format", "--focus", "--jsonl", "--out", "--overflow"])
    assert.ok(sub.out.includes(flag), flag);
});

test("summarize the bundled example as markdown with footnotes", () => {
  const r = roundup(["summarize", "examples/harlow-bay-ferry"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\[\^1\]/);
  assert.match(r.out, /^\[\^1\]: /m);
  assert.match(r.out, /Aurelia/);
  assert.ok(!/Follow The Coastal Ledger|Subscribe|Advertisement|√|â€/.test(r.out), r.out);
  assert.ok(!/Quillfield/.test(r.out), "the appended unrelated wire item won");
});

test("json output carries the full roundup, within the word budget", () => {
  const r = roundup(["summarize", "examples/harlow-bay-ferry", "--format", "json", "--words", "120"]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.ok(j.words <= 120, `words ${j.words}`);
  assert.ok(j.sentences.length > 0);
  for (const s of j.sentences) assert.ok(s.citations.length > 0);
  assert.ok(j.sources.length >= 2);
});

test("text from stdin", () => {
  const text = readFileSync(join(repo, "examples/harlow-bay-ferry/01-meridian-press.txt"), "utf8");
  const r = roundup(["summarize", "-", "--format", "text", "--words", "60"], text);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Aurelia/);
  assert.match(r.err, /only one article/);
});

test("usage errors exit 2 with a message naming the problem", () => {
  const bad = roundup(["summarize", "examples", "--words", "ten"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--words must be a whole number from 1 to 100000, not "ten"/);
  assert.equal(roundup(["summarize", "--format", "pdf", "examples"]).code, 2);
  assert.equal(roundup(["summarise"]).code, 2);
  assert.equal(roundup(["summarize"]).code, 2);
  const half = roundup(["summarize", "--jsonl", "x.jsonl"]);
  assert.equal(half.code, 2);
  assert.match(half.err, /needs both --jsonl/);
});

test("bad input exits 1 naming the input, without a stack trace", () => {
  const missing = roundup(["summarize", "no/such/file.txt"]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no\/such\/file\.txt/);
  assert.ok(!/\n\s+at /.test(missing.err), missing.err);
  const empty = join(tmp, "empty.txt");
  writeFileSync(empty, "");
  const e = roundup(["summarize", empty]);
  assert.equal(e.code, 1);
  assert.match(e.err, /empty\.txt: .*empty/);
  const binary = join(tmp, "blob.txt");
  writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 255, 0, 7, 8, 0]));
  const b = roundup(["summarize", binary]);
  assert.equal(b.code, 1);
  assert.match(b.err, /blob\.txt: .*binary/);
});

test("an article with no full sentence is a clear failure, not a crash", () => {
  const f = join(tmp, "fragments.txt");
  writeFileSync(f, "Breaking\nMore soon\n");
  const r = roundup(["summarize", f]);
  assert.equal(r.code, 1);
  assert.match(r.err, /no sentence fit for a summary/);
});

test("batch: one line per cluster in input order; a bad line is reported and the rest still come out", () => {
  const input = join(tmp, "in.jsonl");
  const out = join(tmp, "out.jsonl");
  const doc = (t: string) => ({ text: t });
  const ferry = readFileSync(join(repo, "examples/harlow-bay-ferry/01-meridian-press.txt"), "utf8");
  const fire = readFileSync(join(repo, "test/fixtures/orlen-valley-wildfire/input/a-wire.txt"), "utf8");
  writeFileSync(
    input,
    [
      JSON.stringify({ id: "ferry", documents: [doc(ferry)] }),
      "{not json",
      JSON.stringify({ id: "fire", documents: [doc(fire)] }),
    ].join("\n"),
  );
  const r = roundup(["summarize", "--jsonl", input, "--out", out, "--words", "80"]);
  assert.equal(r.code, 1);
  assert.match(r.err, /line 2/);
  const rows = readFileSync(out, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    rows.map((x) => x.id),
    ["ferry", "fire"],
  );
  for (const row of rows) {
    assert.equal(typeof row.summary, "string");
    assert.ok(row.sentences.length > 0);
    assert.ok(row.sentences.every((s: { citations: unknown[] }) => s.citations.length > 0));
  }
});

test("batch: an empty or blank input exits 1 naming it, and writes no output", () => {
  for (const [name, content] of [
    ["empty.jsonl", ""],
    ["blank.jsonl", "  \n\n \t\n"],
  ]) {
    const input = join(tmp, name);
    const out = join(tmp, `${name}.out`);
    writeFileSync(input, content);
    const r = roundup(["summarize", "--jsonl", input, "--out", out]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, new RegExp(`${name}: has no clusters`));
    assert.ok(!/wrote 0 roundups/.test(r.err), r.err);
    assert.equal(existsSync(out), false, "no output file for nothing");
  }
});

test("batch: a binary file given as JSON Lines is one clear error, not a line per byte run", () => {
  const input = join(tmp, "binary.bin");
  const out = join(tmp, "binary.out");
  // A PNG-like header, then every byte value over and over, newlines included: hundreds of "lines".
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    Buffer.from(Array.from({ length: 40_000 }, (_, i) => (i * 7) % 256)),
  ]);
  writeFileSync(input, bytes);
  const r = roundup(["summarize", "--jsonl", input, "--out", out]);
  assert.equal(r.code, 1);
  assert.equal(r.err, `roundup: ${input}: is a binary file, not JSON Lines\n`);
  assert.equal(existsSync(out), false);
  const data = join(tmp, "binary-store");
  const jsonl = join(tmp, "binary.jsonl");
  writeFileSync(jsonl, bytes);
  const ingest = spawnSync(process.execPath, [bin, "ingest", jsonl, "--data", data], {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "" },
  });
  assert.equal(ingest.status, 1, ingest.stderr);
  assert.match(ingest.stderr, /binary\.jsonl: is a binary file, not JSON Lines/);
  assert.ok(!/not valid JSON/.test(ingest.stderr), ingest.stderr);
  const e = roundup(["eval", jsonl]);
  assert.equal(e.code, 1);
  assert.equal(e.err, `roundup: ${jsonl}: is a binary file, not JSON Lines\n`);
});
