// `npx tsx bench/load.ts [--duration 10]`: HTTP load on the server, written to bench/LOAD.md.
// The server runs in a child process (so the load generator does not share its CPU) on 127.0.0.1 with an
// in-memory store seeded through the desk from our fictional fixtures. autocannon then drives
// GET /api/stories/:id (the cached story page) and POST /api/summarize with a 10-article cluster (the
// first 10-document cluster of ../shared/bench/duc2007-update/test.jsonl, read in place; our fixtures when
// that file is absent). Loopback only. Exits 1 if a run had errors or the story page misses its target.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, cpus } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createApp } from "../src/apps/server/app.ts";
import { startServer } from "../src/apps/server/serve.ts";
import { Desk } from "../src/desk/desk.ts";
import { readArticles } from "../src/ingest/index.ts";
import type { ClusterDocument } from "../src/model/types.ts";
import { openStore } from "../src/store/index.ts";

const repo = fileURLToPath(new URL("../", import.meta.url));
const DUC2007 = join(repo, "..", "shared", "bench", "duc2007-update", "test.jsonl");
/** The story page target: at least this many requests per second, with p99 latency under this many ms. */
const TARGET_RPS = 2_000;
const TARGET_P99_MS = 50;

// ---------------------------------------------------------------------------------------------------
// The server (child process)

async function child(): Promise<void> {
  const store = await openStore({ memory: true });
  let clock = new Date("2025-07-05T10:00:00Z");
  const desk = await Desk.open({ store, now: () => clock });
  const { articles: fire } = await readArticles([join(repo, "test/fixtures/orlen-valley-wildfire/input")]);
  const { articles: ferry } = await readArticles([join(repo, "examples/harlow-bay-ferry")]);
  await desk.ingest([fire[0]]);
  await desk.refresh();
  clock = new Date("2025-07-05T11:00:00Z");
  await desk.ingest([...fire.slice(1), ...ferry]);
  await desk.refresh();
  const stories = await store.listStories();
  // The story with the most articles: the largest page.
  const story = [...stories].sort((a, b) => b.articleCount - a.articleCount || a.id.localeCompare(b.id))[0];
  const server = await startServer(createApp({ store, desk, log: () => {} }), { port: 0, host: "127.0.0.1" });
  process.stdout.write(
    `${JSON.stringify({ url: server.url, story: story.id, articles: story.articleCount })}\n`,
  );
  const stop = async () => {
    await server.close(1_000);
    await store.close();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

// ---------------------------------------------------------------------------------------------------
// The load (parent)

interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
}
interface LoadResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  throughput: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}
// autocannon ships no types; this is the part of its programmatic API used here.
const autocannon = createRequire(import.meta.url)("autocannon") as (opts: LoadOptions) => Promise<LoadResult>;

function tenArticleCluster(): { documents: ClusterDocument[]; from: string } {
  if (existsSync(DUC2007)) {
    for (const line of readFileSync(DUC2007, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const cluster = JSON.parse(line) as { id: string; documents: ClusterDocument[] };
      if (cluster.documents.length >= 10)
        return {
          documents: cluster.documents.slice(0, 10),
          from: `the first 10 documents of DUC 2007 update cluster ${cluster.id} (../shared, read in place)`,
        };
    }
  }
  // Our fixtures: seven articles, plus three republished under other names (wire copy, as in real clusters).
  const read = (p: string) => readFileSync(join(repo, p), "utf8");
  const texts = [
    "test/fixtures/orlen-valley-wildfire/input/a-wire.txt",
    "test/fixtures/orlen-valley-wildfire/input/b-gazette.txt",
    "test/fixtures/orlen-valley-wildfire/input/c-herald.txt",
    "examples/harlow-bay-ferry/01-meridian-press.txt",
    "examples/harlow-bay-ferry/02-coastal-ledger.txt",
    "examples/harlow-bay-ferry/03-northern-chronicle.txt",
  ].map(read);
  const documents = [...texts, ...texts.slice(0, 4)].map((text, i) => ({ text, source: `Outlet ${i + 1}` }));
  return { documents, from: "our fixtures (6 texts, 4 of them republished under a second outlet name)" };
}

async function parent(): Promise<void> {
  const argDuration = process.argv.indexOf("--duration");
  const duration = argDuration > 0 ? Number(process.argv[argDuration + 1]) : 10;
  const script = fileURLToPath(import.meta.url);
  const server = spawn(process.execPath, [...process.execArgv, script, "--child"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).once("line", resolve);
    server.once("exit", (code) => reject(new Error(`server exited (${code}) before listening`)));
  });
  const { url, story, articles } = JSON.parse(first) as { url: string; story: string; articles: number };
  const cluster = tenArticleCluster();
  const summarizeBody = JSON.stringify({ documents: cluster.documents, words: 250 });
  const storyUrl = `${url}/api/stories/${story}`;
  const storyBytes = (await (await fetch(storyUrl)).text()).length;
  const probe = await fetch(`${url}/api/summarize`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: summarizeBody,
  });
  if (probe.status !== 200)
    throw new Error(`POST /api/summarize answered ${probe.status}: ${await probe.text()}`);

  const runs: { name: string; connections: number; result: LoadResult }[] = [];
  try {
    process.stderr.write(`load: warming up ${storyUrl}\n`);
    await autocannon({ url: storyUrl, connections: 10, duration: 2 });
    for (const connections of [10, 50]) {
      process.stderr.write(`load: GET /api/stories/:id, ${connections} connections, ${duration} s\n`);
      const result = await autocannon({ url: storyUrl, connections, duration });
      runs.push({ name: "GET /api/stories/:id", connections, result });
    }
    for (const connections of [1, 4]) {
      process.stderr.write(
        `load: POST /api/summarize (10 articles), ${connections} connections, ${duration} s\n`,
      );
      const result = await autocannon({
        url: `${url}/api/summarize`,
        connections,
        duration,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: summarizeBody,
      });
      runs.push({ name: "POST /api/summarize (10 articles)", connections, result });
    }
  } finally {
    server.kill("SIGTERM");
  }

  const storyRuns = runs.filter((r) => r.name.startsWith("GET"));
  const meets = storyRuns.every(
    (r) => r.result.requests.average >= TARGET_RPS && r.result.latency.p99 < TARGET_P99_MS,
  );
  const clean = runs.every((r) => r.result.errors === 0 && r.result.non2xx === 0 && r.result.timeouts === 0);
  const row = (r: (typeof runs)[number]) =>
    `| ${r.name} | ${r.connections} | ${r.result.requests.total.toLocaleString("en-US")} | ${Math.round(r.result.requests.average).toLocaleString("en-US")} | ${r.result.latency.p50} | ${r.result.latency.p99} | ${r.result.latency.max} | ${r.result.errors + r.result.timeouts} / ${r.result.non2xx} |`;
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const md = `# HTTP load

\`npx tsx bench/load.ts\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${availableParallelism()} cores (${cpu}).
The server runs in a child process on 127.0.0.1 (in-memory store seeded through the desk); autocannon
runs in this process, so the two share the machine's cores. ${duration} s per run after a 2 s warm-up.

- **GET /api/stories/:id**: story \`${story}\` (${articles} articles, ${storyBytes.toLocaleString("en-US")} bytes of JSON), the
  current roundup with citations, the articles' full text and the versions; served from the in-memory page cache.
  Target: ≥ ${TARGET_RPS.toLocaleString("en-US")} req/s with p99 < ${TARGET_P99_MS} ms — **${meets ? "met" : "NOT met"}**.
- **POST /api/summarize**: ${cluster.from}, ${summarizeBody.length.toLocaleString("en-US")} bytes, 250 words; the
  summarizer runs on every request (nothing cached), one request at a time per process.

| Endpoint | Connections | Requests | Req/s (mean) | p50 ms | p99 ms | Max ms | Errors / non-2xx |
|---|---:|---:|---:|---:|---:|---:|---:|
${runs.map(row).join("\n")}

Errors ${clean ? "were 0 in every run" : "OCCURRED: see the table"}.
`;
  writeFileSync(join(repo, "bench", "LOAD.md"), md);
  process.stdout.write(md);
  if (!meets || !clean) process.exitCode = 1;
}

if (process.argv.includes("--child")) await child();
else await parent();
