// The JSON API through app.request(): no port, an in-memory store seeded through the desk.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Hono } from "hono";
import { createApp } from "../../src/apps/server/app.ts";
import type { OPENAPI } from "../../src/apps/server/openapi.ts";
import type { StoryDetail, StoryListItem } from "../../src/desk/stories.ts";
import { watch } from "../../src/desk/watch.ts";
import { clusterToArticles } from "../../src/ingest/index.ts";
import { SummaryWorkerError } from "../../src/model/errors.ts";
import type { Roundup } from "../../src/model/types.ts";
import { formatJson } from "../../src/summarize/format.ts";
import { summarize } from "../../src/summarize/index.ts";
import { appFor, FIRE_DOCUMENTS, HOSTILE, postJson, repo, type Seeded, seed, TOKEN } from "./helpers.ts";

let s: Seeded;
let app: Hono;
const auth = { Authorization: `Bearer ${TOKEN}` };

before(async () => {
  s = await seed();
  app = appFor(s);
});
after(() => s.store.close());

async function errorOf(res: Response): Promise<string> {
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  const body = (await res.json()) as { error: string };
  assert.equal(typeof body.error, "string");
  return body.error;
}

describe("GET /healthz and the OpenAPI document", () => {
  test("healthz reports the store", async () => {
    const res = await app.request("/healthz");
    assert.equal(res.status, 200);
    const body = (await res.json()) as { status: string; store: string; desk: string; articles: number };
    assert.equal(body.status, "ok");
    assert.equal(body.store, s.store.kind);
    assert.equal(body.desk, "on");
    assert.ok(body.articles >= 3);
  });

  test("the OpenAPI document lists exactly the routes the app serves", async () => {
    const res = await app.request("/api/openapi.json");
    assert.equal(res.status, 200);
    const doc = (await res.json()) as typeof OPENAPI;
    assert.equal(doc.openapi, "3.1.0");
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const served = [
      ...new Set(
        app.routes
          .filter((r) => r.method !== "ALL" && (r.path.startsWith("/api/") || r.path === "/healthz"))
          .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
      ),
    ].sort();
    assert.deepEqual(documented, served);
    assert.deepEqual(served, [
      "GET /api/openapi.json",
      "GET /api/stories",
      "GET /api/stories/{id}",
      "GET /healthz",
      "POST /api/articles",
      "POST /api/summarize",
    ]);
    // Every $ref resolves.
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of refs) assert.ok(ref.split("/").pop()! in doc.components.schemas, ref);
  });

  test("an unknown API route is a JSON 404", async () => {
    const res = await app.request("/api/nothing-here");
    assert.equal(res.status, 404);
    assert.equal(await errorOf(res), "no route for GET /api/nothing-here");
  });
});

describe("GET /api/stories", () => {
  test("lists stories with headline, dateline, outlets, article count, update time and version", async () => {
    const res = await app.request("/api/stories");
    assert.equal(res.status, 200);
    const { stories } = (await res.json()) as { stories: StoryListItem[] };
    const fire = stories.find((x) => x.id === s.fireStory);
    assert.ok(fire, "the wildfire story is listed");
    assert.ok(fire.articleCount >= 2);
    assert.ok(fire.roundupVersion! >= 2);
    assert.ok(
      fire.outlets.includes("Northwire") && fire.outlets.includes("Vestmark Gazette"),
      fire.outlets.join(),
    );
    assert.equal(fire.updatedAt, "2025-07-05T11:00:00.000Z");
    assert.ok(fire.headline);
    assert.ok(fire.lead);
    const times = stories.map((x) => x.updatedAt);
    assert.deepEqual(times, [...times].sort().reverse(), "most recently updated first");
  });

  test("limit is checked", async () => {
    const res = await app.request("/api/stories?limit=0");
    assert.equal(res.status, 400);
    assert.equal(await errorOf(res), '"limit" must be a whole number from 1 to 1000, not "0"');
    const one = (await (await app.request("/api/stories?limit=1")).json()) as { stories: unknown[] };
    assert.equal(one.stories.length, 1);
  });
});

describe("GET /api/stories/:id", () => {
  test("the current roundup, its sentences' citations into the articles' text, and the versions", async () => {
    const res = await app.request(`/api/stories/${s.fireStory}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type")!, /^application\/json/);
    const d = (await res.json()) as StoryDetail;
    assert.equal(d.story.id, s.fireStory);
    assert.ok(d.roundup && d.roundup.sentences.length > 0);
    assert.equal(d.version?.current, true);
    assert.equal(d.version?.version, d.versions.at(-1)?.version);
    assert.deepEqual(
      d.versions.map((v) => v.version),
      d.versions.map((_, i) => i + 1),
    );
    assert.equal(d.versions[0].articleCount, 1);
    const byId = new Map(d.articles.map((a) => [a.id, a]));
    for (const sentence of d.roundup.sentences) {
      assert.ok(Array.isArray(sentence.supportedBy));
      for (const c of sentence.citations) {
        const article = byId.get(c.articleId);
        assert.ok(article, `cited article ${c.articleId} is included`);
        const cited = article.text.slice(c.start, c.end);
        assert.ok(cited.trim().length > 0);
        // The cited range holds the sentence's words (attribution and dateline aside).
        const words = sentence.text.split(/\s+/).slice(1, 4).join(" ");
        assert.ok(cited.replace(/\s+/g, " ").includes(words), `"${words}" in "${cited}"`);
      }
    }
    const wire = byId.get(s.fire[0].id)!;
    assert.equal(wire.outlet, "Northwire");
    assert.equal(wire.url, "https://northwire.example/orlen-fire");
    assert.match(wire.published ?? "", /^2025-07-05T08:00/);
    assert.equal(d.roundup.sources[0].articleId, d.articles[0].id, "cited articles first, in source order");
  });

  test("answers 304 to a matching If-None-Match", async () => {
    const first = await app.request(`/api/stories/${s.fireStory}`);
    const etag = first.headers.get("etag");
    assert.ok(etag);
    const again = await app.request(`/api/stories/${s.fireStory}`, { headers: { "If-None-Match": etag } });
    assert.equal(again.status, 304);
  });

  test("?version=1 is the first roundup, from the first article only", async () => {
    const res = await app.request(`/api/stories/${s.fireStory}?version=1`);
    assert.equal(res.status, 200);
    const d = (await res.json()) as StoryDetail;
    assert.equal(d.version?.version, 1);
    assert.equal(d.version?.current, false);
    assert.deepEqual(
      d.articles.map((a) => a.id),
      [s.fire[0].id],
    );
    assert.ok(d.versions.length >= 2, "every version is listed");
  });

  test("unknown story, unknown version and a bad version are clear errors", async () => {
    let res = await app.request("/api/stories/no-such-story");
    assert.equal(res.status, 404);
    assert.equal(await errorOf(res), 'no story with id "no-such-story"');
    res = await app.request(`/api/stories/${s.fireStory}?version=99`);
    assert.equal(res.status, 404);
    assert.match(
      await errorOf(res),
      new RegExp(`^story "${s.fireStory}" has no roundup version 99 \\(versions are 1 to \\d+\\)$`),
    );
    res = await app.request(`/api/stories/${s.fireStory}?version=two`);
    assert.equal(res.status, 400);
    assert.match(await errorOf(res), /^"version" must be a whole number from 1 to \d+, not "two"$/);
  });
});

describe("POST /api/summarize", () => {
  const cluster = { id: "orlen", documents: FIRE_DOCUMENTS };

  test("answers the Roundup JSON exactly as `roundup summarize --format json` prints it", async () => {
    const res = await app.request("/api/summarize", postJson({ ...cluster, words: 80 }));
    assert.equal(res.status, 200);
    const text = await res.text();
    const expected = formatJson(summarize(clusterToArticles(cluster, "request body"), { words: 80 }));
    assert.equal(text, expected);
    const cli = spawnSync(
      process.execPath,
      [join(repo, "bin", "roundup.js"), "summarize", "-", "--format", "json", "--words", "80"],
      { input: JSON.stringify(cluster), encoding: "utf8", cwd: repo },
    );
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(text, cli.stdout.replaceAll('"origin": "stdin"', '"origin": "request body"'));
    const roundup = JSON.parse(text) as Roundup;
    assert.ok(roundup.words <= 80);
  });

  test("past the concurrency cap: 503 with Retry-After; the cap counts summaries queued or running, and a slot frees when one ends", async () => {
    // The summarizer waits for a signal: these summaries are "in progress" until released.
    const held: Array<() => void> = [];
    const slowSummarize = async (articles: Parameters<typeof summarize>[0], options: { words?: number }) => {
      await new Promise<void>((resolve) => held.push(resolve));
      return summarize(articles, options);
    };
    const gated = createApp({
      store: s.store,
      maxConcurrentSummaries: 2,
      summarize: slowSummarize,
      log: () => {},
    });
    const first = gated.request("/api/summarize", postJson(cluster));
    const second = gated.request("/api/summarize", postJson(cluster));
    while (held.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));

    const busy = await gated.request("/api/summarize", postJson(cluster));
    assert.equal(busy.status, 503);
    assert.equal(busy.headers.get("Retry-After"), "1");
    assert.equal(await errorOf(busy), "busy: 2 summaries already in progress; retry in a second");
    const page = await gated.request("/summarize", {
      method: "POST",
      body: new URLSearchParams({ text: "x" }),
    });
    assert.equal(page.status, 503, "the paste form shares the cap");
    // While full, a request is refused before its body is read: a body that never ends gets 503 at once.
    const unread = await gated.request("/api/summarize", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new Uint8Array([123])) }),
      duplex: "half",
    } as RequestInit);
    assert.equal(unread.status, 503);

    held.shift()!();
    assert.equal((await first).status, 200);
    const third = gated.request("/api/summarize", postJson(cluster));
    while (held.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    for (const release of held.splice(0)) release();
    assert.equal((await second).status, 200);
    assert.equal((await third).status, 200, "the freed slot was taken");
    assert.throws(
      () => createApp({ store: s.store, maxConcurrentSummaries: 0 }),
      /maxConcurrentSummaries must be/,
    );
  });

  test("a slow upload holds no summary slot, and past the body deadline it gets 408", async () => {
    const gated = createApp({
      store: s.store,
      maxConcurrentSummaries: 1,
      bodyDeadlineMs: 300,
      log: () => {},
    });
    // A body that sends 10 bytes and then nothing: what a slow (or hostile) client does.
    const bytes = new TextEncoder().encode(JSON.stringify(cluster));
    const stalled = () =>
      gated.request("/api/summarize", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: new ReadableStream<Uint8Array>({
          start: (controller) => controller.enqueue(bytes.subarray(0, 10)),
        }),
        duplex: "half",
      } as RequestInit);
    const slow = [stalled(), stalled(), stalled()];
    await new Promise((resolve) => setTimeout(resolve, 20));
    const ok = await gated.request("/api/summarize", postJson(cluster));
    assert.equal(ok.status, 200, "the one slot is free while three bodies dribble in");
    for (const res of await Promise.all(slow)) {
      assert.equal(res.status, 408);
      assert.equal(res.headers.get("Connection"), "close");
      assert.equal(await errorOf(res), "request body not received within 0.3 s");
    }
  });

  test("past the upload cap: 503 before the body is read", async () => {
    const gated = createApp({ store: s.store, maxUploads: 1, bodyDeadlineMs: 200, log: () => {} });
    const stalled = gated.request("/api/summarize", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new Uint8Array([123])) }),
      duplex: "half",
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const busy = await gated.request("/api/summarize", postJson(cluster));
    assert.equal(busy.status, 503);
    assert.match(await errorOf(busy), /1 uploads already in progress/);
    assert.equal((await stalled).status, 408);
    assert.equal((await gated.request("/api/summarize", postJson(cluster))).status, 200);
  });

  test("a summarizer failure (a crashed worker) is a 500, logged once, and the next request is served", async () => {
    const logs: string[] = [];
    let calls = 0;
    const flaky = (articles: Parameters<typeof summarize>[0], options: { words?: number }) => {
      if (calls++ === 0) throw new SummaryWorkerError("summary worker stopped (exit code 3)");
      return summarize(articles, options);
    };
    const withPool = createApp({ store: s.store, summarize: flaky, log: (m) => logs.push(m) });
    const failed = await withPool.request("/api/summarize", postJson(cluster));
    assert.equal(failed.status, 500);
    assert.equal(await errorOf(failed), "internal error");
    assert.equal(logs.length, 1);
    assert.match(logs[0], /POST \/api\/summarize: SummaryWorkerError: summary worker stopped/);
    assert.equal((await withPool.request("/api/summarize", postJson(cluster))).status, 200);
  });

  test("needs no token and stores nothing", async () => {
    const before = await s.store.countArticles();
    const res = await createApp({ store: s.store }).request("/api/summarize", postJson(cluster));
    assert.equal(res.status, 200);
    assert.equal(await s.store.countArticles(), before);
  });

  const cases: [string, string | object, number, string | RegExp][] = [
    ["bad JSON", '{"documents": [', 400, /^request body is not valid JSON \(/],
    ["an empty body", "", 400, "request body is empty: send a JSON object"],
    ["an array", "[]", 400, /^request body must be a JSON object/],
    ["no documents", { texts: ["a"] }, 400, /^request body needs "documents": an array of articles/],
    ["documents not an array", { documents: "text" }, 400, 'request body: "documents" must be an array'],
    ["no documents in the array", { documents: [] }, 400, "request body: has no documents"],
    [
      "a document without text",
      { documents: [{ title: "x" }] },
      400,
      'request body: document 1: "text" must be a string',
    ],
    ["words = 0", { ...cluster, words: 0 }, 400, '"words" must be a whole number from 1 to 100000, not 0'],
    [
      "words too large",
      { ...cluster, words: 100001 },
      400,
      '"words" must be a whole number from 1 to 100000, not 100001',
    ],
    [
      "words not whole",
      { ...cluster, words: 2.5 },
      400,
      '"words" must be a whole number from 1 to 100000, not 2.5',
    ],
    [
      "words not a number",
      { ...cluster, words: "many" },
      400,
      '"words" must be a whole number from 1 to 100000, not "many"',
    ],
    [
      "only blank texts",
      { documents: [{ text: "  " }] },
      422,
      'request body: every document\'s "text" is blank',
    ],
    ["no sentences", { documents: [{ text: "Hi." }] }, 422, /no sentence fit for a summary/],
  ];
  for (const [name, body, status, message] of cases) {
    test(`${name} → ${status}`, async () => {
      const res = await app.request("/api/summarize", postJson(body));
      assert.equal(res.status, status);
      const error = await errorOf(res);
      if (typeof message === "string") assert.equal(error, message);
      else assert.match(error, message);
    });
  }

  test("a body over the limit → 413, by Content-Length or by counting a streamed body", async () => {
    const small = createApp({ store: s.store, maxBodyBytes: 1000 });
    const big = JSON.stringify({ documents: [{ text: "word ".repeat(400) }] });
    let res = await small.request("/api/summarize", postJson(big, { "Content-Length": String(big.length) }));
    assert.equal(res.status, 413);
    assert.equal(await errorOf(res), "request body is larger than the 1000 bytes limit");
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    res = await small.request("/api/summarize", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    assert.equal(res.status, 413);
    const defaultLimit = await app.request(
      "/api/summarize",
      postJson(`{"documents":[{"text":"${"x".repeat(2 * 1024 * 1024)}"}]}`),
    );
    assert.equal(defaultLimit.status, 413);
    assert.equal(await errorOf(defaultLimit), "request body is larger than the 2 MB limit");
  });
});

describe("POST /api/articles", () => {
  const article = { text: "x" };

  test("without a configured token, writes are refused with 403 and how to enable them", async () => {
    const res = await createApp({ store: s.store, desk: s.desk }).request(
      "/api/articles",
      postJson(article, auth),
    );
    assert.equal(res.status, 403);
    assert.match(await errorOf(res), /ROUNDUP_TOKEN/);
  });

  test("no token, a malformed header and a wrong token are 401s", async () => {
    let res = await app.request("/api/articles", postJson(article));
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="roundup"');
    assert.equal(await errorOf(res), 'missing "Authorization: Bearer <token>" header');
    res = await app.request("/api/articles", postJson(article, { Authorization: `Basic ${TOKEN}` }));
    assert.equal(res.status, 401);
    assert.equal(await errorOf(res), 'the Authorization header must be "Bearer <token>"');
    res = await app.request("/api/articles", postJson(article, { Authorization: "Bearer wrong-token" }));
    assert.equal(res.status, 401);
    assert.equal(await errorOf(res), "invalid token");
  });

  test("the token is checked before the body size", async () => {
    const big = "x".repeat(3 * 1024 * 1024);
    const res = await app.request("/api/articles", postJson(big));
    assert.equal(res.status, 401);
  });

  test("bad bodies are 400s, an oversized one 413", async () => {
    const bad: [string | object, string | RegExp][] = [
      ["{nope", /^request body is not valid JSON/],
      [{ articles: [] }, 'request body: "articles" is empty'],
      [{ headline: "x" }, /^request body must be an article \{"text"/],
      [{ articles: [{ text: 3 }] }, 'request body: document 1: "text" must be a string'],
      [{ articles: [{ text: " " }] }, 'request body: every article\'s "text" is blank'],
    ];
    for (const [body, message] of bad) {
      const res = await app.request("/api/articles", postJson(body, auth));
      assert.equal(res.status, 400, JSON.stringify(body));
      const error = await errorOf(res);
      if (typeof message === "string") assert.equal(error, message);
      else assert.match(error, message);
    }
    const small = appFor(s, { maxBodyBytes: 100 });
    const res = await small.request("/api/articles", postJson({ text: "y".repeat(200) }, auth));
    assert.equal(res.status, 413);
  });

  test("without a desk, writes answer 503", async () => {
    const res = await createApp({ store: s.store, token: TOKEN }).request(
      "/api/articles",
      postJson(HOSTILE, auth),
    );
    assert.equal(res.status, 503);
    assert.match(await errorOf(res), /without a desk/);
  });

  test("ingests through the desk, refreshes the roundup, and the story is readable at once", async () => {
    // Read the list first so it is cached: the write must show through the cache.
    await app.request("/api/stories");
    const res = await app.request("/api/articles", postJson({ articles: [HOSTILE] }, auth));
    assert.equal(res.status, 201);
    const body = (await res.json()) as {
      inserted: number;
      existing: number;
      stories: string[];
      refreshed: string[];
      articles: { id: string; storyId?: string; title?: string }[];
    };
    assert.equal(body.inserted, 1);
    assert.equal(body.existing, 0);
    assert.equal(body.stories.length, 1);
    assert.deepEqual(body.refreshed, body.stories);
    assert.equal(body.articles[0].storyId, body.stories[0]);
    assert.equal(body.articles[0].title, HOSTILE.title);
    const story = (await (await app.request(`/api/stories/${body.stories[0]}`)).json()) as StoryDetail;
    assert.equal(story.articles[0].text, HOSTILE.text, "text is stored as sent");
    assert.equal(story.version?.version, 1);
    const { stories } = (await (await app.request("/api/stories")).json()) as { stories: StoryListItem[] };
    assert.ok(stories.some((x) => x.id === body.stories[0]));
    // The same article again is recognised.
    const again = await app.request("/api/articles", postJson(HOSTILE, auth));
    assert.equal(again.status, 200);
    assert.deepEqual(((await again.json()) as { existing: number }).existing, 1);
  });
});

describe("caching", () => {
  test("a roundup written by this process's desk shows at once", async () => {
    const before = (await (await app.request(`/api/stories/${s.fireStory}`)).json()) as StoryDetail;
    s.setClock("2025-07-05T11:30:00Z");
    const update = clusterToArticles(
      {
        id: "update",
        documents: [
          {
            text: `${FIRE_DOCUMENTS[0].text}\nUPDATE: Firefighters said on Sunday evening that the Orlen Valley fire was 40 percent contained after the wind eased.`,
            source: "Northwire",
            url: "https://northwire.example/orlen-fire-update",
            date: "2025-07-06T18:00:00Z",
          },
        ],
      },
      "fixture",
    );
    const report = await s.desk.ingest(update);
    await s.desk.refresh();
    assert.deepEqual(report.stories, [s.fireStory], "the update joins the wildfire story");
    const after = (await (await app.request(`/api/stories/${s.fireStory}`)).json()) as StoryDetail;
    assert.equal(after.versions.length, before.versions.length + 1);
    assert.equal(after.story.updatedAt, "2025-07-05T11:30:00.000Z");
  });

  test("a roundup the watch loop writes shows at once, even with a long TTL", async () => {
    const longTtl = appFor(s, { cacheTtlMs: 3_600_000 });
    const get = async () =>
      (await (await longTtl.request(`/api/stories/${s.fireStory}`)).json()) as StoryDetail;
    const before = await get();
    const folder = mkdtempSync(join(tmpdir(), "roundup-watch-"));
    writeFileSync(
      join(folder, "late.txt"),
      `${FIRE_DOCUMENTS[0].text}\nLATE UPDATE: Residents of Brask were allowed to return home on Monday morning, the Vestmark Fire Service said.\n`,
    );
    const controller = new AbortController();
    const loop = watch(s.desk, {
      feeds: [],
      folders: [folder],
      intervalMs: 50,
      debounceMs: 50,
      signal: controller.signal,
    });
    try {
      for (let i = 0; i < 100 && (await get()).versions.length === before.versions.length; i++)
        await new Promise((r) => setTimeout(r, 50));
      assert.equal((await get()).versions.length, before.versions.length + 1);
    } finally {
      controller.abort();
      await loop;
    }
  });

  test("a version written by another process shows within the TTL", async () => {
    const ttlApp = appFor(s, { cacheTtlMs: 100 });
    const first = (await (await ttlApp.request(`/api/stories/${s.fireStory}`)).json()) as StoryDetail;
    const n = first.versions.length;
    // Another writer: straight to the store, bypassing this process's desk.
    await s.store.addRoundup(
      s.fireStory,
      first.roundup!,
      first.articles.map((a) => a.id),
      "2025-07-05T12:00:00.000Z",
    );
    const soon = (await (await ttlApp.request(`/api/stories/${s.fireStory}`)).json()) as StoryDetail;
    assert.equal(soon.versions.length, n, "served from the cache inside the TTL");
    await new Promise((r) => setTimeout(r, 150));
    const later = (await (await ttlApp.request(`/api/stories/${s.fireStory}`)).json()) as StoryDetail;
    assert.equal(later.versions.length, n + 1);
    assert.equal(later.version?.version, n + 1);
  });
});

describe("headers", () => {
  test("CORS is off by default", async () => {
    const res = await app.request("/api/stories", { headers: { Origin: "https://elsewhere.example" } });
    assert.equal(res.headers.get("access-control-allow-origin"), null);
  });

  test("CORS answers the configured origin, preflight included", async () => {
    const cors = appFor(s, { corsOrigin: "https://reader.example" });
    const res = await cors.request("/api/stories", { headers: { Origin: "https://reader.example" } });
    assert.equal(res.headers.get("access-control-allow-origin"), "https://reader.example");
    const pre = await cors.request("/api/articles", {
      method: "OPTIONS",
      headers: {
        Origin: "https://reader.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });
    assert.equal(pre.status, 204);
    assert.match(pre.headers.get("access-control-allow-headers") ?? "", /Authorization/);
  });

  test("every answer carries the security headers", async () => {
    for (const path of [
      "/",
      "/api/stories",
      "/api/stories/none",
      `/stories/${s.fireStory}`,
      "/assets/app.js",
    ]) {
      const res = await app.request(path);
      assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'self'/, path);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
    }
  });
});
