// No client can trick the server: content types, control characters in ids and bodies, forged log
// lines, clients hanging up.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { appFor, FIRE_DOCUMENTS, postJson, type Seeded, seed, TOKEN } from "./helpers.ts";

let s: Seeded;
before(async () => {
  s = await seed();
});
after(() => s.store.close());

const auth = { Authorization: `Bearer ${TOKEN}` };

test("POST endpoints take JSON only: a cross-site text/plain POST gets 415 and never reaches summarize", async () => {
  const logs: string[] = [];
  const app = appFor(s, { log: (m) => logs.push(m) });
  const body = JSON.stringify({ documents: FIRE_DOCUMENTS });
  for (const type of ["text/plain", "application/x-www-form-urlencoded", ""]) {
    const headers: Record<string, string> = type ? { "Content-Type": type } : {};
    const res = await app.request("/api/summarize", { method: "POST", headers, body });
    assert.equal(res.status, 415, type);
    assert.match((await res.json()).error, /send application\/json/);
    const write = await app.request("/api/articles", {
      method: "POST",
      headers: { ...headers, ...auth },
      body,
    });
    assert.equal(write.status, 415, type);
  }
  const ok = await app.request("/api/summarize", postJson({ documents: FIRE_DOCUMENTS }, {}));
  assert.equal(ok.status, 200);
  const charset = await app.request("/api/summarize", {
    method: "POST",
    headers: { "Content-Type": "Application/JSON; charset=utf-8" },
    body,
  });
  assert.equal(charset.status, 200);
  assert.deepEqual(logs, []);
});

test("the paste form takes its own encodings only", async () => {
  const app = appFor(s);
  const res = await app.request("/summarize", {
    method: "POST",
    headers: { "Content-Type": "text/plain" },
    body: "text=hello",
  });
  assert.equal(res.status, 415);
  const form = await app.request("/summarize", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `text=${encodeURIComponent(FIRE_DOCUMENTS[0].text)}`,
  });
  assert.equal(form.status, 200);
});

test("a NUL in a story id is a 400 naming it, not a 500 with a stack", async () => {
  const logs: string[] = [];
  const app = appFor(s, { log: (m) => logs.push(m) });
  for (const path of ["/api/stories/%00", "/api/stories/s-1%00x", "/stories/%00"]) {
    const res = await app.request(path);
    assert.equal(res.status, 400, path);
  }
  const res = await app.request("/api/stories/%00");
  assert.match((await res.json()).error, /"id" holds control characters/);
  assert.deepEqual(logs, []);
});

test("POST /api/articles with a NUL in the text stores the article without it", async () => {
  const logs: string[] = [];
  const app = appFor(s, { log: (m) => logs.push(m) });
  const text =
    "A fictional lighthouse on Skerra island was relit on Friday after 40 years, the island council said.\u0000 " +
    "Volunteers spent two summers restoring its lamp and stairs, and the council voted 5 to 1 to pay for power. " +
    "The keeper's cottage will open as a small museum next spring, a council spokeswoman said.";
  const res = await app.request(
    "/api/articles",
    postJson({ text, title: "Skerra light\u0000 returns" }, auth),
  );
  assert.equal(res.status, 201, await res.clone().text());
  const { articles } = await res.json();
  const stored = await s.store.getArticle(articles[0].id);
  assert.ok(stored);
  assert.equal(stored.text.includes("\u0000"), false);
  assert.equal(stored.title, "Skerra light returns");
  assert.deepEqual(logs, []);
});

test("an internal error is logged on one line: a forged path cannot write a second log line", async () => {
  const logs: string[] = [];
  const app = appFor(s, { log: (m) => logs.push(m) });
  app.get("/boom/*", () => {
    throw new Error("exploded\nroundup: FAKE second line");
  });
  const res = await app.request("/boom/%00%0aroundup:%20FAKE");
  assert.equal(res.status, 500);
  assert.equal(logs.length, 1);
  assert.equal(logs[0].includes("\n"), false, logs[0]);
  assert.equal(logs[0].includes("\u0000"), false);
  assert.match(logs[0], /\\n/);
});

test("a client hanging up is one short line, not an internal error with a stack", async () => {
  const logs: string[] = [];
  const app = appFor(s, { log: (m) => logs.push(m) });
  app.get("/gone", () => {
    const err = new Error("aborted") as Error & { code: string };
    err.code = "ECONNRESET";
    throw err;
  });
  await app.request("/gone");
  assert.deepEqual(logs, ["GET /gone: client closed the connection"]);
});
