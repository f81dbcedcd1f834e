// kill -9 during ingest: nothing acknowledged is lost, no story is half-written, and a restart
// brings every story's roundup up to date.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { Desk } from "../../src/desk/desk.ts";
import { openStore } from "../../src/store/index.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));

test("SIGKILL mid-ingest loses no acknowledged article and leaves no half-written story", async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), "roundup-crash-")), "store");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(repo, "test/desk/crash-child.ts"), dataDir, "400"],
    {
      cwd: repo,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const acked: string[] = [];
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  await new Promise<void>((resolve, reject) => {
    let buffer = "";
    child.stdout.on("data", (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      acked.push(...lines.filter(Boolean));
      if (acked.length >= 25) {
        child.kill("SIGKILL");
        resolve();
      }
    });
    child.on("exit", (code) =>
      acked.length >= 25 ? resolve() : reject(new Error(`child exited ${code} early: ${stderr}`)),
    );
  });
  await new Promise((r) => child.once("exit", r));
  assert.ok(acked.length >= 25);

  const store = await openStore({ dataDir });
  try {
    for (const id of acked) {
      const a = await store.getArticle(id);
      assert.ok(a, `acknowledged article ${id} was lost`);
      assert.ok(a.storyId, `acknowledged article ${id} has no story`);
      assert.ok(await store.getStory(a.storyId), `article ${id} points at a missing story`);
    }
    const stories = await store.listStories({ limit: 1000, includeArchived: true });
    for (const s of stories) assert.ok(s.articleCount > 0, `story ${s.id} has no articles`);

    // Restart: the desk finds stories whose roundup does not cover all their articles and refreshes them.
    const desk = await Desk.open({ store });
    await desk.refresh();
    for (const s of await store.listStories({ limit: 1000 })) {
      const latest = await store.latestRoundup(s.id);
      assert.ok(latest, `story ${s.id} has no roundup after restart`);
      assert.equal(latest.articleIds.length, s.articleCount);
    }
  } finally {
    await store.close();
  }
});
