// What the CLI prints to a terminal carries no control characters from its input: titles, outlets, ids,
// headlines, file names and error messages are escaped ("\x1b", "\n"), so input can neither clear the
// screen, retitle the window, nor forge an output line. `--format json` is left exactly as the library makes it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { readArticles } from "../../src/ingest/index.ts";
import { formatJson } from "../../src/summarize/format.ts";
import { summarize } from "../../src/summarize/index.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(repo, "bin", "roundup.js");
const tmp = mkdtempSync(join(tmpdir(), "roundup-terminal-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function roundup(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: repo,
    input,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** OSC (window title), BEL, clear screen, and a newline that would forge a second line. */
const EVIL = "Evil\u001b]0;pwned\u0007\u001b[2J\nsecond line";
const EVIL_SHOWN = "Evil\\x1b]0;pwned\\x07\\x1b[2J\\nsecond line";
/** Any control character other than the newline that ends a line (C0, DEL, C1). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const ferry = (n: string) => readFileSync(join(repo, "examples/harlow-bay-ferry", n), "utf8");
const articles = join(tmp, "evil.json");
writeFileSync(
  articles,
  JSON.stringify([
    { title: EVIL, source: "Evil Outlet\u001b[31m", text: ferry("01-meridian-press.txt") },
    { title: "Ferry back in service", source: "Coastal Ledger", text: ferry("02-coastal-ledger.txt") },
  ]),
);

/** Whether some line holds `needle` and every line that does also holds `whole` (nothing split it). */
function onItsLine(text: string, needle: string, whole: string): boolean {
  const lines = text.split("\n").filter((l) => l.includes(needle));
  return lines.length > 0 && lines.every((l) => l.includes(whole));
}

test("summarize text and markdown: a title with escapes and a newline prints as one visible line", () => {
  for (const format of ["text", "markdown"]) {
    const r = roundup(["summarize", articles, "--format", format]);
    assert.equal(r.code, 0, r.err);
    assert.ok(!UNSAFE.test(r.out), `raw control characters in ${format} output: ${JSON.stringify(r.out)}`);
    assert.ok(onItsLine(r.out, "pwned", EVIL_SHOWN), r.out);
    assert.ok(!r.out.split("\n").includes("second line"), "the title forged a line of its own");
    assert.ok(r.out.includes("Evil Outlet\\x1b[31m"), r.out);
  }
});

test("summarize --format json is the library's JSON, byte for byte", async () => {
  const r = roundup(["summarize", articles, "--format", "json"]);
  assert.equal(r.code, 0, r.err);
  const { articles: read } = await readArticles([articles]);
  assert.equal(r.out, formatJson(summarize(read, {})));
  assert.ok(JSON.parse(r.out).sources.some((s: { title?: string }) => s.title === EVIL));
});

test("error messages and warnings echo file names and values escaped", () => {
  const name = join(tmp, "no\u001b[2Jsuch.txt");
  const missing = roundup(["summarize", name]);
  assert.equal(missing.code, 1);
  assert.ok(!UNSAFE.test(missing.err), JSON.stringify(missing.err));
  assert.match(missing.err, /no\\x1b\[2Jsuch\.txt: no such file or directory/);

  const words = roundup(["summarize", articles, "--words", "9\u001b]0;x\u0007"]);
  assert.equal(words.code, 2);
  assert.ok(!UNSAFE.test(words.err), JSON.stringify(words.err));
  assert.match(words.err, /not "9\\x1b\]0;x\\x07"/);

  const choice = roundup(["summarize", articles, "--format", "pdf\u001b[2J"]);
  assert.equal(choice.code, 2);
  assert.ok(!UNSAFE.test(choice.err), JSON.stringify(choice.err));
  assert.match(choice.err, /pdf\\x1b\[2J/);

  // A folder: the skipped file's name in a warning, and the lone article's origin.
  const folder = join(tmp, "folder");
  mkdirSync(folder);
  writeFileSync(join(folder, "one\u009b2J\nline.txt"), ferry("01-meridian-press.txt"));
  writeFileSync(join(folder, "skip\u001b[2J.xyz"), "not an article");
  const warned = roundup(["summarize", folder, "--format", "text"]);
  assert.equal(warned.code, 0, warned.err);
  assert.ok(!UNSAFE.test(warned.err), JSON.stringify(warned.err));
  assert.match(warned.err, /skip\\x1b\[2J\.xyz: skipped/);
  assert.match(warned.err, /only one article \(.*one\\x9b2J\\nline\.txt\)/);
});

test("cluster and eval print ids and system names escaped", () => {
  const lines = join(tmp, "dup.jsonl");
  const id = "a\u001b[2J\nb";
  writeFileSync(lines, `${JSON.stringify({ id, text: "One." })}\n${JSON.stringify({ id, text: "Two." })}\n`);
  const c = roundup(["cluster", lines]);
  assert.equal(c.code, 1);
  assert.ok(!UNSAFE.test(c.err), JSON.stringify(c.err));
  assert.match(c.err, /line 2: duplicate id "a\\x1b\[2J\\nb"/);
  // stdout is JSON Lines: JSON.stringify already escapes control characters.
  assert.equal(JSON.parse(c.out.trim()).id, id);

  const summaries = join(tmp, "evil-summaries.jsonl");
  writeFileSync(
    summaries,
    `${JSON.stringify({ id: "tram", system: "mine\u001b[2J", summary: "A tram." })}\n`,
  );
  const e = roundup([
    "eval",
    "test/apps/data/eval-small.jsonl",
    "--systems",
    "lead",
    "--summaries",
    summaries,
  ]);
  assert.equal(e.code, 0, e.err);
  assert.ok(!UNSAFE.test(e.out), JSON.stringify(e.out));
  assert.match(e.out, /^mine\\x1b\[2J\s/m);
});

test("stories and story: a headline with a newline and C1 escapes stays on its line", () => {
  const data = join(tmp, "store");
  // The store drops C0 controls but keeps newlines and C1 ones such as CSI (U+009B).
  const title = "Evil\u009b2J\u001b]0;pwned\u0007\nsecond line";
  const file = join(tmp, "desk.json");
  writeFileSync(
    file,
    JSON.stringify([
      { title, source: "Evil\u009b31m Outlet", text: ferry("01-meridian-press.txt") },
      { title: "Ferry back in service", source: "Coastal Ledger", text: ferry("02-coastal-ledger.txt") },
    ]),
  );
  const ingest = roundup(["ingest", file, "--data", data]);
  assert.equal(ingest.code, 0, ingest.err);

  const list = roundup(["stories", "--data", data]);
  assert.equal(list.code, 0, list.err);
  assert.ok(!UNSAFE.test(list.out), JSON.stringify(list.out));
  const stories = (
    JSON.parse(roundup(["stories", "--json", "--data", data]).out) as { stories: Array<{ id: string }> }
  ).stories;
  assert.equal(list.out.trimEnd().split("\n").length, stories.length, list.out);
  const evil = stories.find((s) => JSON.stringify(s).includes("pwned"));
  assert.ok(evil, "a story carries the title");
  assert.ok(onItsLine(list.out, "pwned", "\\nsecond line"), list.out);

  for (const format of ["text", "markdown"]) {
    const story = roundup(["story", evil.id, "--format", format, "--data", data]);
    assert.equal(story.code, 0, story.err);
    assert.ok(!UNSAFE.test(story.out), `${format}: ${JSON.stringify(story.out)}`);
    assert.ok(!story.out.split("\n").includes("second line"), story.out);
    assert.ok(onItsLine(story.out, "pwned", "Evil\\x9b2J]0;pwned\\nsecond line"), story.out);
  }
  const json = roundup(["story", evil.id, "--format", "json", "--data", data]);
  assert.equal(json.code, 0, json.err);
  // JSON is left as the library makes it: the text as stored (JSON.stringify escapes C0, not C1).
  assert.ok(JSON.parse(json.out).story.headline.includes("Evil\u009b2J]0;pwned\nsecond line"), json.out);

  const unknown = roundup(["story", "no\u001b[2Jsuch", "--data", data]);
  assert.equal(unknown.code, 1);
  assert.ok(!UNSAFE.test(unknown.err), JSON.stringify(unknown.err));
});
