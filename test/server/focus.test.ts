// POST /api/summarize and the paste form take a focus: validated, and passed to the summarizer.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { parseFocusValue } from "../../src/apps/server/api.ts";
import { createApp } from "../../src/apps/server/app.ts";
import { HttpError } from "../../src/apps/server/errors.ts";
import type { SummarizeOptions } from "../../src/model/types.ts";
import { openStore } from "../../src/store/index.ts";
import { MAX_FOCUS_CHARS } from "../../src/summarize/focus.ts";
import { summarize } from "../../src/summarize/index.ts";
import { FIRE_DOCUMENTS } from "./helpers.ts";

const postJson = (body: unknown) => ({
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

// Every store opened here is closed at the end: an open PGlite keeps the test process alive.
const stores: Awaited<ReturnType<typeof openStore>>[] = [];
after(() => Promise.all(stores.map((s) => s.close())));

async function appCapturing() {
  const store = await openStore({ memory: true });
  stores.push(store);
  const seen: SummarizeOptions[] = [];
  const app = createApp({
    store,
    summarize: async (articles, options) => {
      seen.push(options ?? {});
      return summarize(articles, options);
    },
  });
  return { app, seen };
}

describe("focus on POST /api/summarize and the paste form", () => {
  test("parseFocusValue: absent or blank is none; trimmed; bounded; strings only; no control characters", () => {
    assert.equal(parseFocusValue(undefined), undefined);
    assert.equal(parseFocusValue("   "), undefined);
    assert.equal(parseFocusValue("  the evacuation \n"), "the evacuation");
    assert.equal(parseFocusValue("x".repeat(MAX_FOCUS_CHARS)), "x".repeat(MAX_FOCUS_CHARS));
    const refused = (value: unknown, message: string) =>
      assert.throws(
        () => parseFocusValue(value),
        (e: unknown) => e instanceof HttpError && e.status === 400 && e.message === message,
      );
    refused(42, '"focus" must be a string, not 42');
    refused("fire\u0000crews", '"focus" must not contain control characters');
    refused(
      "x".repeat(MAX_FOCUS_CHARS + 1),
      `"focus" must be at most ${MAX_FOCUS_CHARS} characters, not 1001`,
    );
  });

  test("the API passes the focus to the summarizer, and refuses a bad one with a 400", async () => {
    const { app, seen } = await appCapturing();
    const ok = await app.request(
      "/api/summarize",
      postJson({ documents: FIRE_DOCUMENTS, words: 80, focus: "the evacuation" }),
    );
    assert.equal(ok.status, 200);
    assert.equal(seen.at(-1)?.focus, "the evacuation");
    const bad = await app.request("/api/summarize", postJson({ documents: FIRE_DOCUMENTS, focus: ["x"] }));
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), { error: '"focus" must be a string, not ["x"]' });
    const none = await app.request("/api/summarize", postJson({ documents: FIRE_DOCUMENTS, focus: "" }));
    assert.equal(none.status, 200);
    assert.equal(seen.at(-1)?.focus, undefined);
  });

  test("the paste form has a focus field, passes it on, and shows it again", async () => {
    const { app, seen } = await appCapturing();
    const page = await (await app.request("/summarize")).text();
    assert.match(
      page,
      new RegExp(`<input id="focus" name="focus" type="text" maxlength="${MAX_FOCUS_CHARS}"`),
    );
    const form = new URLSearchParams();
    for (const d of FIRE_DOCUMENTS) form.append("text", d.text);
    form.append("focus", "the <evacuation>");
    const res = await app.request("/summarize", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    assert.equal(res.status, 200);
    assert.equal(seen.at(-1)?.focus, "the <evacuation>");
    assert.match(await res.text(), /value="the &lt;evacuation&gt;"/);
    const bad = new URLSearchParams(form);
    bad.set("focus", "x".repeat(MAX_FOCUS_CHARS + 1));
    const refused = await app.request("/summarize", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: bad.toString(),
    });
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /The focus must be at most 1000 characters/);
  });
});
