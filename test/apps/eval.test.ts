// `roundup eval` as a user runs it, on a small fictional data set written for the test.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const data = "test/apps/data/eval-small.jsonl";
const roundup = (args: string[]) => {
  const r = spawnSync(process.execPath, [join(repo, "bin", "roundup.js"), ...args], {
    cwd: repo,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

test("eval prints the comparison table with confidence intervals", () => {
  const r = roundup(["eval", data, "--systems", "roundup,lead,lead-each,oracle", "--measure", "f"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /ROUGE F-measure ×100/);
  for (const s of ["roundup", "lead", "lead-each", "oracle"])
    assert.match(r.out, new RegExp(`^${s}\\s+\\d+\\.\\d\\d \\(`, "m"));
});

test("eval --json has per-cluster scores; the oracle is the ceiling for R-2 recall", () => {
  const r = roundup([
    "eval",
    data,
    "--systems",
    "lead,oracle",
    "--measure",
    "recall",
    "--words",
    "30",
    "--json",
  ]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.protocol.measure, "R");
  assert.match(j.protocol.flags, /-l 30/);
  const [lead, oracle] = j.systems;
  assert.deepEqual(
    lead.clusters.map((c: { id: string }) => c.id),
    ["tram", "snow"],
  );
  assert.ok(oracle.means["ROUGE-2"].mean >= lead.means["ROUGE-2"].mean);
  assert.ok(oracle.means["ROUGE-2"].low <= oracle.means["ROUGE-2"].mean);
});

test("eval --summaries scores summaries made elsewhere; --report writes a page with plots", () => {
  const report = join(mkdtempSync(join(tmpdir(), "roundup-eval-")), "report.html");
  const r = roundup([
    "eval",
    data,
    "--systems",
    "lead",
    "--summaries",
    "test/apps/data/summaries.jsonl",
    "--report",
    report,
  ]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^mine\s/m);
  const html = readFileSync(report, "utf8");
  assert.match(html, /<svg/);
  assert.match(html, /<table>/);
  assert.ok(!/https?:\/\/(?!www\.w3)/.test(html), "the report loads nothing from the network");
});

test("eval usage and input errors", () => {
  const bad = roundup(["eval", data, "--systems", "lexrank"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown system "lexrank"/);
  assert.equal(roundup(["eval", data, "--words", "10", "--bytes", "60"]).code, 2);
  const missing = roundup(["eval", "nowhere.jsonl"]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /nowhere\.jsonl/);
});

const multinews = join(repo, "..", "shared", "bench", "multinews-dev.jsonl");
test("eval on Multi-News dev under its protocol (the issue's command)", {
  skip: !existsSync(multinews),
}, () => {
  const r = roundup(["eval", multinews, "--systems", "roundup,lead", "--measure", "f", "--json"]);
  assert.equal(r.code, 0, r.err);
  const [ours, lead] = JSON.parse(r.out).systems;
  assert.equal(ours.clusters.length, 100);
  assert.ok(ours.means["ROUGE-2"].mean > lead.means["ROUGE-2"].mean, "roundup should beat lead on R-2");
});

test("eval --summaries DIR says it is a directory and that a JSONL file is expected", () => {
  const dir = mkdtempSync(join(tmpdir(), "roundup-eval-dir-"));
  const r = roundup(["eval", data, "--systems", "lead", "--summaries", dir]);
  assert.equal(r.code, 1);
  assert.equal(r.err, `roundup: ${dir}: is a directory; --summaries expects a JSONL file of summaries\n`);
  const missing = roundup(["eval", data, "--summaries", join(dir, "none.jsonl")]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /none\.jsonl: no such file or directory/);
});

test("eval --report DIR is refused naming it", () => {
  const dir = mkdtempSync(join(tmpdir(), "roundup-eval-report-"));
  const r = roundup(["eval", data, "--systems", "lead", "--report", dir]);
  assert.equal(r.code, 1);
  assert.match(r.err, /roundup-eval-report-\w+: is a directory\n$/);
  assert.ok(!/EISDIR/.test(r.err), r.err);
});
