// Commands that only read the desk (`stories`, `story`, `export`) never create a store: on a data
// directory that holds none they fail with an InputError naming it (exit 1) and leave nothing behind.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { run } from "../../src/apps/main.ts";
import { InputError } from "../../src/model/errors.ts";
import { openStore } from "../../src/store/index.ts";
import { captureIo } from "../helpers.ts";

const tmp = mkdtempSync(join(tmpdir(), "roundup-read-only-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const saved = process.env.DATABASE_URL;
delete process.env.DATABASE_URL;
after(() => {
  if (saved !== undefined) process.env.DATABASE_URL = saved;
});

const NO_STORE = "no store here (`roundup ingest` or `roundup watch` creates one)";

for (const args of [["stories"], ["stories", "--json"], ["story", "a-1234"], ["export"]]) {
  test(`\`roundup ${args.join(" ")}\` on a missing data directory: exit 1, the directory named, nothing made`, async () => {
    const dir = join(tmp, `missing-${args.join("-")}`);
    const io = captureIo();
    assert.equal(await run([...args, "--data", dir], io), 1);
    assert.equal(io.err(), `roundup: ${dir}: ${NO_STORE}\n`);
    assert.equal(io.out(), "");
    assert.equal(existsSync(dir), false);
  });
}

test("`roundup stories` on an empty directory leaves it empty (no lock file, no store)", async () => {
  const dir = join(tmp, "empty");
  mkdirSync(dir);
  const io = captureIo();
  assert.equal(await run(["stories", "--data", dir], io), 1);
  assert.match(io.err(), /no store here/);
  assert.deepEqual(readdirSync(dir), []);
});

test("openStore({ create: false }) throws an InputError naming the directory; an existing store opens", async () => {
  const dir = join(tmp, "store");
  await assert.rejects(openStore({ dataDir: dir, create: false }), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.input, dir);
    return true;
  });
  assert.equal(existsSync(dir), false);
  await (await openStore({ dataDir: dir })).close(); // made by a command that writes
  const store = await openStore({ dataDir: dir, create: false });
  try {
    assert.deepEqual(await store.listStories(), []);
  } finally {
    await store.close();
  }
  const io = captureIo();
  assert.equal(await run(["stories", "--data", dir], io), 0);
  assert.match(io.out(), /no stories yet/);
});
