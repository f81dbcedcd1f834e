// `--out` on what is not a plain file: devices, FIFOs, directories, symbolic links, missing folders.
// Run as root, a regression here would replace the real /dev/null, so as root the device is a copy made
// with mknod in a temporary folder (the same device, 1:3); /dev/null itself is used only when not root.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { InputError } from "../../src/model/errors.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(repo, "bin", "roundup.js");
const tmp = mkdtempSync(join(tmpdir(), "roundup-out-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function roundup(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: repo, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Three short articles for `roundup cluster` (fast: no summarizing). */
const input = join(tmp, "articles.jsonl");
writeFileSync(
  input,
  [
    { id: "a", text: "The Tollan footbridge reopened on Monday after repairs.", title: "Footbridge reopens" },
    { id: "b", text: "The Tollan footbridge reopened on Monday after two months of repairs." },
    { id: "c", text: "The Brisk Hill chess club won the county league on Saturday." },
  ]
    .map((r) => `${JSON.stringify(r)}\n`)
    .join(""),
);

const tmpFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));
const isRoot = process.getuid?.() === 0;

/** A character device to write to: /dev/null, or as root a copy of it in `dir` (see the file comment). */
function nullDevice(dir: string): string | undefined {
  if (!isRoot) return "/dev/null";
  const path = join(dir, "null");
  return spawnSync("mknod", [path, "c", "1", "3"]).status === 0 ? path : undefined;
}

test("--out a character device writes to it and leaves it a device", (t) => {
  const dir = mkdtempSync(join(tmp, "dev-"));
  const device = nullDevice(dir);
  if (!device) return t.skip("no character device to write to (mknod failed)");
  const r = roundup(["cluster", input, "--out", device]);
  assert.equal(r.code, 0, r.err);
  assert.ok(lstatSync(device).isCharacterDevice(), `${device} is no longer a character device`);
  assert.deepEqual(tmpFiles(dirname(device)), []);
  assert.match(r.err, /3 articles in 2 stories .* written to /);
});

test("--out a FIFO streams the lines to its reader, and the FIFO stays", async (t) => {
  const fifo = join(tmp, "stories.fifo");
  if (spawnSync("mkfifo", [fifo]).status !== 0) return t.skip("mkfifo is not available");
  // The reader is a child with a deadline: if the FIFO were replaced, it would wait forever.
  const reader = spawn("cat", [fifo], { timeout: 20_000 });
  let got = "";
  reader.stdout.setEncoding("utf8").on("data", (s: string) => {
    got += s;
  });
  const readerDone = new Promise<void>((resolve) => reader.on("close", () => resolve()));
  const writer = spawn(process.execPath, [bin, "cluster", input, "--out", fifo], { cwd: repo });
  let err = "";
  writer.stderr.setEncoding("utf8").on("data", (s: string) => {
    err += s;
  });
  const code = await new Promise<number | null>((resolve) => writer.on("close", resolve));
  if (!existsSync(fifo) || !lstatSync(fifo).isFIFO()) reader.kill();
  await readerDone;
  assert.equal(code, 0, err);
  assert.ok(lstatSync(fifo).isFIFO(), "the FIFO was replaced by a file");
  assert.deepEqual(
    got
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).id),
    ["a", "b", "c"],
  );
});

test("--out a directory is refused, naming it, with nothing written beside it", () => {
  const dir = join(tmp, "a-folder");
  mkdirSync(dir);
  for (const target of [dir, `${dir}/`]) {
    const r = roundup(["cluster", input, "--out", target]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /^roundup: .*a-folder\/?: is a directory/m);
    assert.ok(!/EISDIR|\.tmp/.test(r.err), r.err);
    assert.deepEqual(tmpFiles(tmp), []);
    assert.deepEqual(readdirSync(dir), []);
  }
  // summarize checks --out before any work, too.
  const s = roundup(["summarize", "--jsonl", input, "--out", dir]);
  assert.equal(s.code, 1, s.err);
  assert.match(s.err, /a-folder: is a directory/);
});

test("--out a symbolic link writes the file it points to; the link stays a link", () => {
  const real = join(tmp, "real.jsonl");
  writeFileSync(real, "old\n");
  const link = join(tmp, "latest.jsonl");
  symlinkSync(real, link);
  const r = roundup(["cluster", input, "--out", link]);
  assert.equal(r.code, 0, r.err);
  assert.ok(lstatSync(link).isSymbolicLink(), "the link was replaced by a file");
  assert.equal(readlinkSync(link), real);
  assert.equal(readFileSync(real, "utf8").trim().split("\n").length, 3);
  assert.deepEqual(tmpFiles(tmp), []);
});

test("--out a link to a device (or to stdout) writes through it", (t) => {
  const dir = mkdtempSync(join(tmp, "devlink-"));
  const device = nullDevice(dir);
  if (device) {
    const link = join(dir, "sink");
    symlinkSync(device, link);
    const r = roundup(["cluster", input, "--out", link]);
    assert.equal(r.code, 0, r.err);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.ok(statSync(link).isCharacterDevice());
  }
  // /dev/stdout is such a link (to /proc/self/fd/1); a copy of it in a temporary folder is safe to test.
  if (!existsSync("/proc/self/fd/1")) return t.skip("no /proc/self/fd");
  const stdout = join(dir, "stdout");
  symlinkSync("/proc/self/fd/1", stdout);
  const r = roundup(["cluster", input, "--out", stdout]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim().split("\n").length, 3);
  assert.ok(lstatSync(stdout).isSymbolicLink());
});

test("--out a dangling link, or into a missing folder, fails with a clear message", () => {
  const dangling = join(tmp, "dangling.jsonl");
  symlinkSync(join(tmp, "nowhere", "x.jsonl"), dangling);
  const d = roundup(["cluster", input, "--out", dangling]);
  assert.equal(d.code, 1);
  assert.match(d.err, /dangling\.jsonl: is a symbolic link to a missing file/);
  const missing = join(tmp, "no-such-folder", "out.jsonl");
  const m = roundup(["cluster", input, "--out", missing]);
  assert.equal(m.code, 1);
  assert.match(m.err, /out\.jsonl: .*folder .*no-such-folder.* does not exist/);
  assert.ok(!/ENOENT|\.tmp/.test(m.err), m.err);
  assert.equal(existsSync(join(tmp, "no-such-folder")), false);
});

test("writeOutput: a failure mid-write keeps the old file and leaves no temporary file", async () => {
  const { writeOutput } = await import("../../src/apps/cli/output.ts");
  const dir = mkdtempSync(join(tmp, "fail-"));
  const path = join(dir, "out.jsonl");
  writeFileSync(path, "old\n");
  await assert.rejects(
    writeOutput(path, async (write) => {
      await write("new line\n");
      throw new Error("disk on fire");
    }),
    /disk on fire/,
  );
  assert.equal(readFileSync(path, "utf8"), "old\n");
  assert.deepEqual(readdirSync(dir), ["out.jsonl"]);
  await writeOutput(join(dir, "fresh.jsonl"), async (write) => {
    await write("one\n");
    await write("two\n");
  });
  assert.equal(readFileSync(join(dir, "fresh.jsonl"), "utf8"), "one\ntwo\n");
  await assert.rejects(
    writeOutput(dir, async () => {}),
    (e: unknown) => e instanceof InputError && e.message === `${dir}: is a directory`,
  );
});
