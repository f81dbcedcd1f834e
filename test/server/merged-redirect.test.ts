// A story merged into another keeps its id for readers: the API answers 308 to the story it went into,
// the web page 301, the CLI shows that story; the merged story's own old versions stay readable.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { storyCommand } from "../../src/apps/cli/desk.ts";
import { createApp } from "../../src/apps/server/app.ts";
import type { StoryDetail, StoryListItem } from "../../src/desk/stories.ts";
import { openStore } from "../../src/store/index.ts";
import { captureIo } from "../helpers.ts";
import { PAGE_NOW, seedVarnholm } from "./helpers.ts";

test("a merged story's address redirects to the story it went into; its old versions stay", async () => {
  const { store } = await seedVarnholm();
  try {
    await store.mergeStories("crane-1", "strike-1", "2025-04-18T10:00:00Z");
    const app = createApp({ store, now: () => PAGE_NOW, log: () => {} });
    const api = await app.request("/api/stories/crane-1");
    assert.equal(api.status, 308);
    assert.equal(api.headers.get("Location"), "/api/stories/strike-1");
    const page = await app.request("/stories/crane-1");
    assert.equal(page.status, 301);
    assert.equal(page.headers.get("Location"), "/stories/strike-1");
    // The target itself is served as ever.
    assert.equal((await app.request("/api/stories/strike-1")).status, 200);
    // History: the merged story's roundup as it was.
    const v1 = await app.request("/api/stories/crane-1?version=1");
    assert.equal(v1.status, 200);
    assert.equal(((await v1.json()) as StoryDetail).story.id, "crane-1");
    const { stories } = (await (await app.request("/api/stories?all=1")).json()) as {
      stories: StoryListItem[];
    };
    const crane = stories.find((s) => s.id === "crane-1");
    assert.equal(crane?.archived, true);
    assert.equal(crane?.mergedInto, "strike-1");
    assert.equal(
      stories.find((s) => s.id === "strike-1")?.mergedInto,
      undefined,
      "a live story redirects nowhere",
    );
  } finally {
    await store.close();
  }
});

test("roundup story on a merged id shows the story it went into, and says so", async () => {
  const dir = mkdtempSync(join(tmpdir(), "roundup-merged-"));
  try {
    const data = join(dir, "data");
    const store = await openStore({ dataDir: data });
    await store.putStory({
      id: "lost",
      createdAt: "2025-04-17T10:00:00Z",
      updatedAt: "2025-04-17T10:00:00Z",
      archived: false,
      headline: "Lost story",
    });
    await store.putStory({
      id: "kept",
      createdAt: "2025-04-17T10:00:00Z",
      updatedAt: "2025-04-17T10:00:00Z",
      archived: false,
      headline: "Kept story",
    });
    const roundup = (text: string) => ({
      headline: text,
      paragraphs: [text],
      sentences: [{ text, citations: [], supportedBy: [], paragraph: 0 }],
      sources: [],
      words: 3,
    });
    await store.addRoundup("kept", roundup("The kept roundup."), [], "2025-04-17T10:01:00Z");
    await store.addRoundup("lost", roundup("The lost roundup."), [], "2025-04-17T10:01:00Z");
    await store.mergeStories("lost", "kept", "2025-04-17T10:02:00Z");
    await store.close();
    const io = captureIo();
    assert.equal(await storyCommand("lost", { data, format: "text" }, io), 0);
    assert.match(io.out(), /The kept roundup\./);
    assert.match(io.err(), /lost: merged into kept/);
    const json = captureIo();
    assert.equal(await storyCommand("lost", { data, format: "json" }, json), 0);
    assert.equal(JSON.parse(json.out()).story.id, "kept");
    // --versions is the merged story's own history.
    const history = captureIo();
    assert.equal(await storyCommand("lost", { data, format: "text", versions: true }, history), 0);
    assert.match(history.out(), /The lost roundup\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
