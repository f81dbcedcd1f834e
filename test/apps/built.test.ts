// The compiled CLI (dist/, `npm run build`, which `npm ci` runs) against the TypeScript sources run by
// tsx: byte-identical output, exit codes and messages, and summary workers that start from dist/.
// Skipped (saying why) when dist/ is missing or older than the sources: there is then nothing to compare.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { builtIsFresh } from "../../bin/built.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const skip = !existsSync(join(repo, "dist", "bin.js"))
  ? "dist/ is missing: run `npm run build` (`npm ci` does)"
  : !builtIsFresh()
    ? "dist/ is older than the sources: run `npm run build`"
    : false;
const tmp = mkdtempSync(join(tmpdir(), "roundup-built-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(entry: string[], args: string[]) {
  const r = spawnSync(process.execPath, [...entry, ...args], {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const built = (args: string[]) => run([join(repo, "dist", "bin.js")], args);
const source = (args: string[]) => run(["--import", "tsx", join(repo, "src", "apps", "bin.ts")], args);

test("the built CLI prints what the sources print, byte for byte", { skip }, () => {
  const example = "examples/harlow-bay-ferry";
  for (const args of [
    ["--help"],
    ["summarize", "--help"],
    ["serve", "--help"],
    ["summarize", example],
    ["summarize", example, "--format", "json", "--words", "120"],
    ["summarize", join(example, "04-valley-daily.html"), "--format", "text"],
    ["stories", "--data", join(tmp, "no-store")],
    ["summarize", "--words", "0", example],
  ]) {
    const a = built(args);
    const b = source(args);
    assert.equal(a.out, b.out, `stdout of ${args.join(" ")}`);
    assert.equal(a.err, b.err, `stderr of ${args.join(" ")}`);
    assert.equal(a.code, b.code, `exit code of ${args.join(" ")}`);
  }
});

test("the built server's summary workers start from dist/ and answer", { skip }, async () => {
  const child = spawn(
    process.execPath,
    [
      join(repo, "dist", "bin.js"),
      "serve",
      "--port",
      "0",
      "--data",
      join(tmp, "store"),
      "--summary-workers",
      "1",
    ],
    { cwd: repo, env: { ...process.env, DATABASE_URL: "" }, stdio: ["ignore", "ignore", "pipe"] },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let err = "";
      const timer = setTimeout(() => reject(new Error(`no "serving" line in 30 s: ${err}`)), 30_000);
      child.stderr.on("data", (b: Buffer) => {
        err += b.toString();
        const m = /serving (http:\/\/\S+) /.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    const dir = join(repo, "examples", "harlow-bay-ferry");
    const documents = readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .map((f) => ({ text: readFileSync(join(dir, f), "utf8") }));
    const response = await fetch(`${url}/api/summarize`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ documents, words: 100 }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const roundup = (await response.json()) as { sentences: unknown[] };
    assert.ok(roundup.sentences.length > 0);
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
});
