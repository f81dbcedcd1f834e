// GET /api/stories/:id names the story's topic and its related stories: the topic's other live stories,
// most recently updated first, at most 10.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createApp } from "../../src/apps/server/app.ts";
import type { StoryDetail } from "../../src/desk/stories.ts";
import { openStore } from "../../src/store/index.ts";
import { PAGE_NOW, seedVarnholm } from "./helpers.ts";

test("a story's detail names its topic and the topic's other stories", async () => {
  const { store } = await seedVarnholm();
  try {
    const app = createApp({ store, now: () => PAGE_NOW, log: () => {} });
    const crane = (await (await app.request("/api/stories/crane-1")).json()) as StoryDetail;
    const strike = await store.getStory("strike-1");
    assert.ok(strike?.headline);
    assert.equal(crane.topic, "strike-1");
    assert.deepEqual(crane.related, [
      { id: "strike-1", headline: strike.headline, articleCount: 3, updatedAt: strike.updatedAt },
    ]);
    const back = (await (await app.request("/api/stories/strike-1")).json()) as StoryDetail;
    assert.equal(back.topic, "strike-1");
    assert.deepEqual(
      back.related.map((r) => r.id),
      ["crane-1"],
    );
    // An older version of the story lists the same related stories (they are the topic's now).
    const v1 = (await (await app.request("/api/stories/crane-1?version=1")).json()) as StoryDetail;
    assert.deepEqual(v1.related, crane.related);
  } finally {
    await store.close();
  }
});

test("related: newest first, live ones only, at most 10; a story alone has none", async () => {
  const store = await openStore({ memory: true });
  try {
    const at = (minutes: number) =>
      new Date(Date.parse("2025-04-17T10:00:00Z") + minutes * 60_000).toISOString();
    const story = (id: string, minutes: number, extra: object = {}) =>
      store.putStory({
        id,
        createdAt: at(0),
        updatedAt: at(minutes),
        archived: false,
        topicId: "t-0",
        ...extra,
      });
    await story("t-0", 0, { headline: "The first story" });
    for (let i = 1; i <= 12; i++) await story(`t-${i}`, i, i % 2 ? { headline: `Story ${i}` } : {});
    await story("t-archived", 99, { archived: true });
    await store.putStory({ id: "alone", createdAt: at(0), updatedAt: at(50), archived: false });
    await store.putArticle({
      id: "a-1",
      text: "Text.",
      contentHash: "h1",
      ingestedAt: at(1),
      storyId: "t-12",
    });
    const app = createApp({ store, log: () => {} });
    const get = async (id: string) => (await (await app.request(`/api/stories/${id}`)).json()) as StoryDetail;
    const d = await get("t-5");
    assert.equal(d.topic, "t-0");
    assert.deepEqual(
      d.related.map((r) => r.id),
      ["t-12", "t-11", "t-10", "t-9", "t-8", "t-7", "t-6", "t-4", "t-3", "t-2"],
    );
    assert.deepEqual(d.related[0], { id: "t-12", articleCount: 1, updatedAt: at(12) });
    assert.deepEqual(d.related[1], { id: "t-11", headline: "Story 11", articleCount: 0, updatedAt: at(11) });
    const alone = await get("alone");
    assert.equal(alone.topic, "alone");
    assert.deepEqual(alone.related, []);
  } finally {
    await store.close();
  }
});

test("the OpenAPI document describes topic and related", async () => {
  const store = await openStore({ memory: true });
  try {
    const doc = (await (await createApp({ store }).request("/api/openapi.json")).json()) as {
      components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
    };
    const detail = doc.components.schemas.StoryDetail;
    for (const field of ["topic", "related"]) assert.ok(detail.required?.includes(field), field);
    assert.deepEqual(doc.components.schemas.RelatedStory.required, ["id", "articleCount", "updatedAt"]);
  } finally {
    await store.close();
  }
});
