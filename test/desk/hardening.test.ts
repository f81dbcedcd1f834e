// One bad item never stops a batch, a feed or the watcher: control characters, failed writes, bad lines.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { test } from "node:test";
import { ingestCommand } from "../../src/apps/cli/desk.ts";
import { Desk, storableArticle } from "../../src/desk/desk.ts";
import { pollOnce } from "../../src/desk/watch.ts";
import { readArticleBatches, readArticles } from "../../src/ingest/index.ts";
import type { Article } from "../../src/model/types.ts";
import { openStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/port.ts";
import { captureIo, overriding } from "../helpers.ts";
import { tempDir } from "../ingest/helpers.ts";

const NOW = new Date("2025-09-02T12:00:00Z");

const text = (topic: string, n: number) =>
  `${topic} officials in the fictional town of Brevik said on Monday that the ${topic} plan would start next week. ` +
  `The council voted ${n} to 2 in favour of the ${topic} plan after a long debate. ` +
  `Residents said they hoped the ${topic} plan would bring new jobs to the harbour district.`;

/** Over FULL_TEXT_CHARS, so a feed item carrying it is taken as the whole article (no page fetch). */
const long = (topic: string) => `${text(topic, 3)} ${text(topic, 8)}`;

function article(id: string, body: string, extra: Partial<Article> = {}): Article {
  return { id, text: body, title: `Brevik ${id}`, origin: `${id}.txt`, ...extra };
}

test("control characters are removed before the store: a NUL article is stored, readable and citable", async () => {
  const store = await openStore({ memory: true });
  try {
    const desk = await Desk.open({ store, now: () => NOW });
    const dirty = article("a1", `${text("ferry", 5)}\u0000 Officials\u0007 said more.`, {
      title: "Ferry\u0000 plan\u001b[2J",
    });
    const report = await desk.ingest([dirty, article("a2", text("bridge", 6))]);
    assert.equal(report.inserted, 2);
    assert.deepEqual(report.failed, []);
    const stored = await store.getArticle("a1");
    assert.ok(stored);
    assert.equal(stored.text.includes("\u0000"), false);
    assert.equal(stored.text.includes("\u0007"), false);
    assert.equal(stored.title, "Ferry plan[2J");
    await desk.refresh();
    const story = stored.storyId;
    assert.ok(story);
    const roundup = await store.latestRoundup(story);
    assert.ok(roundup && roundup.roundup.sentences.length > 0);
    // Citations point into the stored text: each cited range is a sentence of it.
    for (const s of roundup.roundup.sentences)
      for (const c of s.citations) {
        const source = await store.getArticle(c.articleId);
        assert.ok(source && source.text.slice(c.start, c.end).trim().length > 0);
      }
  } finally {
    await store.close();
  }
});

test("storableArticle keeps tab, newline and carriage return and every non-string field", () => {
  const a = storableArticle({ id: "x", text: "a\tb\nc\r\nd\u0000e\u007f", title: "t\u0001" });
  assert.deepEqual(a, { id: "x", text: "a\tb\nc\r\nde", title: "t" });
});

/** A store whose transaction fails once, after its body ran (so the clusterer has seen the article). */
function failingOnce(store: Store, articleId: string): { store: Store; failures: () => number } {
  let failures = 0;
  let armed = true;
  const transaction = async <T>(fn: (tx: Store) => Promise<T>): Promise<T> =>
    store.transaction(async (tx) => {
      let sawTarget = false;
      const spy = overriding(tx, {
        putArticle: async (a: Parameters<Store["putArticle"]>[0]) => {
          if (a.id === articleId) sawTarget = true;
          return tx.putArticle(a);
        },
      });
      const result = await fn(spy);
      if (armed && sawTarget) {
        armed = false;
        failures++;
        throw new Error("disk full (injected)");
      }
      return result;
    });
  return { store: overriding(store, { transaction }), failures: () => failures };
}

test("a failed write is reported by origin, the rest of the batch goes on, and a retry succeeds", async () => {
  const base = await openStore({ memory: true });
  try {
    const { store, failures } = failingOnce(base, "b2");
    const logs: string[] = [];
    const desk = await Desk.open({ store, now: () => NOW, log: (m) => logs.push(m) });
    const batch = [
      article("b1", text("harbour", 5), { origin: "in.jsonl line 1" }),
      article("b2", text("harbour", 6), { origin: "in.jsonl line 2" }),
      article("b3", text("harbour", 7), { origin: "in.jsonl line 3" }),
    ];
    const first = await desk.ingest(batch);
    assert.equal(failures(), 1);
    assert.equal(first.inserted, 2);
    assert.deepEqual(first.failed, [{ input: "in.jsonl line 2", problem: "disk full (injected)" }]);
    assert.ok(logs.some((l) => l.includes("in.jsonl line 2") && l.includes("disk full")));
    assert.equal(await base.getArticle("b2"), undefined, "the failed transaction left nothing behind");
    // Before the fix the clusterer kept b2, and every retry failed with "StoryClusterer: duplicate id".
    const retry = await desk.ingest(batch);
    assert.deepEqual(retry.failed, []);
    assert.equal(retry.inserted, 1);
    assert.equal(retry.existing, 2);
    const rows = await Promise.all(["b1", "b2", "b3"].map((id) => base.getArticle(id)));
    assert.equal(new Set(rows.map((r) => r?.storyId)).size, 1, "all three in one story");
  } finally {
    await base.close();
  }
});

test("a refresh that fails for one story still refreshes the others", async () => {
  const store = await openStore({ memory: true });
  try {
    const logs: string[] = [];
    const desk = await Desk.open({
      store,
      now: () => NOW,
      log: (m) => logs.push(m),
      summarize: async (articles, o) => {
        if (articles.some((a) => a.text.includes("bridge"))) throw new Error("summarizer crashed");
        const { summarize } = await import("../../src/summarize/index.ts");
        return summarize(articles, o);
      },
    });
    const other =
      "A fictional comet named Ostara passed close to the Moon on Sunday, astronomers at the Velm observatory said. " +
      "Telescopes across the northern hemisphere recorded its bright green tail for almost three hours. " +
      "The comet will not return for another 4,000 years, according to their orbital calculations.";
    const report = await desk.ingest([
      article("c1", text("bridge", 5), { title: "Brevik votes for the bridge plan" }),
      article("c2", other, { title: "Comet Ostara passes close to the Moon" }),
    ]);
    assert.equal(report.stories.length, 2);
    const refreshed = await desk.refresh();
    assert.equal(refreshed.length, 1);
    assert.ok(logs.some((l) => l.includes("summarizer crashed")));
  } finally {
    await store.close();
  }
});

test("roundup ingest: a NUL in one JSONL article and one bad line stop nothing; problems are named by line", async (t) => {
  const dir = await tempDir(t);
  const input = join(dir, "batch.jsonl");
  const line = (body: string) => JSON.stringify({ documents: [{ text: body, title: "Brevik" }] });
  writeFileSync(
    input,
    [line(text("quay", 3)), line(`${text("quay", 4)}\u0000`), "{not json", line(text("quay", 5))].join("\n"),
  );
  const io = captureIo();
  const code = await ingestCommand([input], { data: join(dir, "data") }, io);
  assert.equal(code, 1, io.err());
  assert.match(io.out(), /ingested 3 new articles/);
  assert.match(io.err(), /batch\.jsonl line 3: /);
  assert.doesNotMatch(io.err(), /a-[0-9a-f]{16}/, "messages name the input line, not an article id");
});

test("readArticleBatches yields one batch per file with the ids readArticles gives, and reports bad files", async (t) => {
  const dir = await tempDir(t);
  writeFileSync(join(dir, "1.txt"), text("pier", 3));
  writeFileSync(join(dir, "2.txt"), text("pier", 3)); // same text: the id gets a suffix
  writeFileSync(join(dir, "3.txt"), "   \n");
  writeFileSync(join(dir, "4.txt"), text("dock", 4));
  const batches = [];
  for await (const b of readArticleBatches([dir], { keepGoing: true })) batches.push(b);
  assert.deepEqual(
    batches.map((b) => [b.origin.slice(dir.length + 1), b.articles.length, b.error ? "error" : "ok"]),
    [
      ["1.txt", 1, "ok"],
      ["2.txt", 1, "ok"],
      ["3.txt", 0, "error"],
      ["4.txt", 1, "ok"],
    ],
  );
  writeFileSync(join(dir, "3.txt"), text("jetty", 2));
  const all = (await readArticles([dir])).articles.map((a) => a.id);
  const streamed = [];
  for await (const b of readArticleBatches([dir])) streamed.push(...b.articles.map((a) => a.id));
  assert.deepEqual(streamed, all);
  assert.equal(new Set(all).size, 4);
});

test("watch: a folder file with a NUL is stored, a bad file is named, the others go on", async (t) => {
  const dir = await tempDir(t);
  const folder = join(dir, "in");
  mkdirSync(folder);
  const line = (body: string) => JSON.stringify({ documents: [{ text: body, title: "Tram" }] });
  writeFileSync(join(folder, "1-nul.jsonl"), `${line(`${long("tram")}\u0000`)}\n`);
  writeFileSync(join(folder, "2-bad.json"), "{ not json");
  writeFileSync(join(folder, "3-good.txt"), long("canal"));
  const store = await openStore({ memory: true });
  t.after(() => store.close());
  const desk = await Desk.open({ store, now: () => NOW });
  const logs: string[] = [];
  const report = await pollOnce(
    desk,
    { feeds: [], folders: [folder], once: true, log: (m) => logs.push(m) },
    NOW,
  );
  assert.equal(report.inserted, 2, logs.join("\n"));
  assert.ok(logs.some((l) => l.includes("2-bad.json")));
});

test("watch: when storing a feed's articles throws, the feed's state is still saved and other feeds go on", async (t) => {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
    res.end(
      `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>F</title><link>http://x.example/</link><description>d</description><item><title>T</title><link>http://x.example/t</link><content:encoded>&lt;p&gt;${long("ferry")}&lt;/p&gt;</content:encoded></item></channel></rss>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const store = await openStore({ memory: true });
  t.after(() => store.close());
  const desk = await Desk.open({ store, now: () => NOW });
  let calls = 0;
  const ingest = desk.ingest.bind(desk);
  desk.ingest = async (articles, meta) => {
    calls++;
    if (calls === 1) throw new Error("store offline (injected)");
    return ingest(articles, meta);
  };
  const logs: string[] = [];
  const feeds = [`${base}/a.xml`, `${base}/b.xml`];
  await pollOnce(desk, { feeds, once: true, allowPrivateNetwork: true, log: (m) => logs.push(m) }, NOW);
  assert.equal(calls, 2, `the second feed was polled after the first failed: ${logs.join("\n")}`);
  assert.ok(await store.getFeedState(feeds[0]), "the failing feed's state still advanced");
  assert.ok(logs.some((l) => l.includes(feeds[0]) && l.includes("store offline")));
});
