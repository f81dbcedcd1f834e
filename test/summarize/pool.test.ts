// Summaries on worker threads: the same roundup as on the calling thread, and a worker that crashes,
// throws, hangs or cannot start costs one job (or fails fast), never the pool.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, test } from "node:test";
import { SummaryWorkerError, UsageError } from "../../src/model/errors.ts";
import type { Article } from "../../src/model/types.ts";
import { summarize } from "../../src/summarize/index.ts";
import { SummaryPool } from "../../src/summarize/pool.ts";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const ARTICLES: Article[] = [
  {
    id: "a",
    text: read("test/fixtures/orlen-valley-wildfire/input/a-wire.txt"),
    title: "Wildfire forces 6,000 from Orlen Valley",
    source: "Northwire",
    published: "2025-07-05T08:00:00Z",
  },
];
const misbehaving = new URL("./fixtures/misbehaving-worker.ts", import.meta.url);
const bad = (text: string): Article[] => [{ id: "x", text }];

const pools: SummaryPool[] = [];
const pool = (options: ConstructorParameters<typeof SummaryPool>[0]) => {
  const p = new SummaryPool(options);
  pools.push(p);
  return p;
};
after(() => Promise.all(pools.map((p) => p.close())));

test("a pool's roundup is the calling thread's, job for job", async () => {
  const p = pool({ size: 2 });
  const expected = summarize(ARTICLES, { words: 80 });
  const got = await Promise.all([1, 2, 3].map(() => p.run(ARTICLES, { words: 80 })));
  for (const roundup of got) assert.deepEqual(roundup, expected);
  assert.equal(p.pending, 0);
});

test("a bad option stays a UsageError across the thread", async () => {
  const p = pool({ size: 1 });
  await assert.rejects(p.run(ARTICLES, { words: 0 }), UsageError);
  assert.equal((await p.run(ARTICLES, { words: 60 })).sentences.length > 0, true);
});

test("a crash or an uncaught error fails that job only; the worker is replaced", async () => {
  const p = pool({ size: 1, workerUrl: misbehaving });
  const crash = p.run(bad("CRASH now"));
  const queued = p.run(ARTICLES, { words: 60 });
  await assert.rejects(
    crash,
    (err: Error) => err instanceof SummaryWorkerError && /exit code 3/.test(err.message),
  );
  assert.ok((await queued).sentences.length > 0, "the job queued behind the crash runs on the replacement");
  await assert.rejects(p.run(bad("THROW please")), /worker exploded/);
  // Many crashes in a row are bad jobs, not a broken pool: it keeps serving.
  for (let i = 0; i < 4; i++) await assert.rejects(p.run(bad("CRASH again")), SummaryWorkerError);
  assert.ok((await p.run(ARTICLES, { words: 60 })).sentences.length > 0);
});

test("a job past its deadline is failed and its worker replaced", async () => {
  const p = pool({ size: 1, workerUrl: misbehaving, jobTimeoutMs: 300 });
  const started = Date.now();
  await assert.rejects(p.run(bad("SLOW 5000")), /longer than 0.3 s/);
  assert.ok(Date.now() - started < 3_000);
  assert.ok((await p.run(ARTICLES, { words: 60 })).sentences.length > 0);
});

test("workers that cannot start fail every job instead of restarting forever", async () => {
  const p = pool({ size: 1, workerUrl: new URL("./fixtures/broken-worker.ts", import.meta.url) });
  const results = await Promise.allSettled([1, 2, 3, 4, 5].map(() => p.run(ARTICLES)));
  for (const r of results) assert.equal(r.status, "rejected");
  await assert.rejects(p.run(ARTICLES), /cannot start \(.*cannot load/);
});

test("close fails what is queued; later runs are refused", async () => {
  const p = pool({ size: 1, workerUrl: misbehaving });
  const running = assert.rejects(p.run(bad("SLOW 2000")), /closed/);
  const queued = assert.rejects(p.run(ARTICLES), /closed/);
  await p.close();
  await running;
  await queued;
  await assert.rejects(p.run(ARTICLES), /closed/);
});

test("size is a positive whole number", () => {
  assert.throws(() => new SummaryPool({ size: 0 }), UsageError);
});
