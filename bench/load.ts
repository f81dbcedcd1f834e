// `npm run bench:load [-- --duration 10] [--before before.json]`: HTTP load on the server, written to
// bench/LOAD.md and to its section of bench/RESULTS.md (the other sections are kept as they are).
// `--root DIR` loads the server from another checkout (an older commit, to measure "before");
// `--json FILE` keeps the figures, which `--before FILE` shows beside this run's.
// The server runs in a child process (so the load generator does not share its event loop) on 127.0.0.1
// with an in-memory store seeded through the desk from our fictional fixtures. autocannon then drives
// GET /api/stories/:id (the cached story page), POST /api/summarize with a 10-article cluster (the first
// 10-document cluster of ../shared/bench/duc2007-update/test.jsonl, read in place; our fixtures when that
// file is absent), GET /healthz while 50 connections saturate the summaries, and summaries while four
// clients dribble their bodies. Loopback only, bounded in count and time. Exits 1 if a target is missed.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { availableParallelism, cpus } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ClusterDocument } from "../src/model/types.ts";
import { mergeIntoResults } from "./carried.ts";

const repo = fileURLToPath(new URL("../", import.meta.url));
const DUC2007 = join(repo, "..", "shared", "bench", "duc2007-update", "test.jsonl");
/** The story page target: at least this many requests per second, with p99 latency under this many ms. */
const TARGET_RPS = 2_000;
const TARGET_P99_MS = 50;
/** /healthz while the summaries are saturated: p99 under this many ms. */
const TARGET_HEALTH_P99_MS = 50;
const SATURATE_CONNECTIONS = 50;
const HEALTH_CONNECTIONS = 10;
const SLOW_CLIENTS = 4;

// ---------------------------------------------------------------------------------------------------
// The server (child process)

async function child(): Promise<void> {
  // The server's code from `--root` (default: this checkout), so an older commit can be measured.
  const root = argValue("--root") ?? repo;
  const load = (path: string) => import(pathToFileURL(join(root, path)).href);
  const { createApp } = await load("src/apps/server/app.ts");
  const { startServer } = await load("src/apps/server/serve.ts");
  const { Desk } = await load("src/desk/desk.ts");
  const { readArticles } = await load("src/ingest/index.ts");
  const { openStore } = await load("src/store/index.ts");
  // Summaries on worker threads where the checkout has them, as `roundup serve` runs them.
  const hasPool = existsSync(join(root, "src/summarize/pool.ts"));
  const pool = hasPool ? new (await load("src/summarize/pool.ts")).SummaryPool() : undefined;
  const summarize = pool?.run;
  const store = await openStore({ memory: true });
  let clock = new Date("2025-07-05T10:00:00Z");
  const desk = await Desk.open({ store, now: () => clock, summarize });
  const { articles: fire } = await readArticles([join(repo, "test/fixtures/orlen-valley-wildfire/input")]);
  const { articles: ferry } = await readArticles([join(repo, "examples/harlow-bay-ferry")]);
  await desk.ingest([fire[0]]);
  await desk.refresh();
  clock = new Date("2025-07-05T11:00:00Z");
  await desk.ingest([...fire.slice(1), ...ferry]);
  await desk.refresh();
  const stories: { id: string; articleCount: number }[] = await store.listStories();
  // The story with the most articles: the largest page.
  const story = [...stories].sort((a, b) => b.articleCount - a.articleCount || a.id.localeCompare(b.id))[0];
  const app = createApp({ store, desk, log: () => {}, summarize });
  const server = await startServer(app, { port: 0, host: "127.0.0.1" });
  process.stdout.write(
    `${JSON.stringify({ url: server.url, story: story.id, articles: story.articleCount, workers: pool?.size ?? 0 })}\n`,
  );
  const stop = async () => {
    await server.close(1_000);
    await pool?.close();
    await store.close();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
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
  statusCodeStats: Record<string, { count: number }>;
}
interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeout?: number;
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

/** One run's figures, as the tables and the BEFORE record hold them. */
interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  ok: number;
  busy: number;
  other: number;
}
const figures = (r: LoadResult): Figures => {
  const count = (code: string) => r.statusCodeStats?.[code]?.count ?? 0;
  const ok = count("200");
  const busy = count("503");
  return {
    requests: r.requests.total,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors - r.timeouts,
    timeouts: r.timeouts,
    ok,
    busy,
    other: r.requests.total - ok - busy,
  };
};

/**
 * Clients that send a summary request's headers and then one byte of body a second, for `ms`: what a
 * slow (or hostile) uploader does. Resolves with the status line each got (or "none" if cut off).
 */
function slowUploads(url: string, body: string, clients: number, ms: number): Promise<string[]> {
  const { hostname, port } = new URL(url);
  return Promise.all(
    Array.from(
      { length: clients },
      () =>
        new Promise<string>((resolve) => {
          const socket = connect(Number(port), hostname);
          let answer = "";
          let sent = 0;
          const timer = setInterval(() => {
            if (sent < body.length) socket.write(body[sent++]);
          }, 1_000);
          const done = () => {
            clearInterval(timer);
            clearTimeout(stop);
            socket.destroy();
            resolve(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? "none");
          };
          const stop = setTimeout(done, ms);
          socket.on("data", (chunk: Buffer) => {
            answer += chunk.toString("latin1");
          });
          socket.on("close", done);
          socket.on("error", () => {});
          socket.write(
            `POST /api/summarize HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
          );
        }),
    ),
  );
}

async function parent(): Promise<void> {
  const duration = Number(argValue("--duration") ?? 10);
  const root = argValue("--root");
  const script = fileURLToPath(import.meta.url);
  const childArgs = [...process.execArgv, script, "--child", ...(root ? ["--root", root] : [])];
  const server = spawn(process.execPath, childArgs, {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).once("line", resolve);
    server.once("exit", (code) => reject(new Error(`server exited (${code}) before listening`)));
  });
  const { url, story, articles, workers } = JSON.parse(first) as {
    url: string;
    story: string;
    articles: number;
    workers: number;
  };
  const cluster = tenArticleCluster();
  const summarizeBody = JSON.stringify({ documents: cluster.documents, words: 250 });
  const storyUrl = `${url}/api/stories/${story}`;
  const storyBytes = (await (await fetch(storyUrl)).text()).length;
  const post = { method: "POST", headers: { "content-type": "application/json" }, body: summarizeBody };
  const probe = await fetch(`${url}/api/summarize`, post);
  if (probe.status !== 200)
    throw new Error(`POST /api/summarize answered ${probe.status}: ${await probe.text()}`);

  const runs: Record<string, Figures> = {};
  let slowAnswers: string[] = [];
  try {
    process.stderr.write(`load: warming up ${storyUrl}\n`);
    await autocannon({ url: storyUrl, connections: 10, duration: 2 });
    for (const connections of [10, 50]) {
      process.stderr.write(`load: GET /api/stories/:id, ${connections} connections, ${duration} s\n`);
      runs[`story-${connections}`] = figures(await autocannon({ url: storyUrl, connections, duration }));
    }
    process.stderr.write(`load: POST /api/summarize alone, 1 connection, ${duration} s\n`);
    runs["summarize-1"] = figures(
      await autocannon({ url: `${url}/api/summarize`, connections: 1, duration, ...post }),
    );
    process.stderr.write(
      `load: POST /api/summarize, ${SATURATE_CONNECTIONS} connections, with GET /healthz on ${HEALTH_CONNECTIONS}, ${duration} s\n`,
    );
    const [summaries, health] = await Promise.all([
      autocannon({
        url: `${url}/api/summarize`,
        connections: SATURATE_CONNECTIONS,
        duration,
        timeout: 10,
        ...post,
      }),
      autocannon({ url: `${url}/healthz`, connections: HEALTH_CONNECTIONS, duration, timeout: 10 }),
    ]);
    runs["saturate-summarize"] = figures(summaries);
    runs["saturate-healthz"] = figures(health);
    // Slow uploads: the clients start first and dribble for the whole run (and a little after).
    const slowMs = (duration + 2) * 1000;
    process.stderr.write(
      `load: ${SLOW_CLIENTS} clients upload 1 byte/s; POST /api/summarize, 4 connections, ${duration} s\n`,
    );
    const slow = slowUploads(url, summarizeBody, SLOW_CLIENTS, slowMs);
    await new Promise((resolve) => setTimeout(resolve, 500));
    runs["slow-summarize"] = figures(
      await autocannon({ url: `${url}/api/summarize`, connections: 4, duration, timeout: 10, ...post }),
    );
    slowAnswers = await slow;
  } finally {
    server.kill("SIGTERM");
  }
  const measured: Measured = { date: new Date().toISOString().slice(0, 10), workers, runs, slowAnswers };
  const jsonOut = argValue("--json");
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(measured, null, 2)}\n`);
  const beforeFile = argValue("--before");
  const before = beforeFile ? (JSON.parse(readFileSync(beforeFile, "utf8")) as Measured) : undefined;
  if (root) {
    // A run of another checkout is a "before" record only: the report is this checkout's.
    process.stdout.write(`${JSON.stringify(measured, null, 2)}\n`);
    return;
  }
  const { md, met } = report(measured, before, {
    story,
    articles,
    storyBytes,
    duration,
    cluster,
    summarizeBody,
  });
  writeFileSync(join(repo, "bench", "LOAD.md"), md);
  mergeIntoResults(repo, "LOAD.md", "npm run bench:load", md);
  process.stdout.write(md);
  if (!met) process.exitCode = 1;
}

interface Measured {
  date: string;
  workers: number;
  runs: Record<string, Figures>;
  slowAnswers: string[];
}

const n = (x: number) => x.toLocaleString("en-US");

function report(
  m: Measured,
  before: Measured | undefined,
  about: {
    story: string;
    articles: number;
    storyBytes: number;
    duration: number;
    cluster: { from: string };
    summarizeBody: string;
  },
): { md: string; met: boolean } {
  const r = m.runs;
  const storyMet = ["story-10", "story-50"].every((k) => r[k].rps >= TARGET_RPS && r[k].p99 < TARGET_P99_MS);
  const healthMet = r["saturate-healthz"].p99 < TARGET_HEALTH_P99_MS && r["saturate-healthz"].timeouts === 0;
  const capMet = r["saturate-summarize"].busy > 0 && r["saturate-summarize"].timeouts === 0;
  const slowMet = r["slow-summarize"].ok > 0 && m.slowAnswers.every((a) => a === "408");
  const rows: [string, string, string][] = [
    ["story-10", "GET /api/stories/:id", "10"],
    ["story-50", "GET /api/stories/:id", "50"],
    ["summarize-1", "POST /api/summarize, alone", "1"],
    ["saturate-summarize", "POST /api/summarize, saturating", String(SATURATE_CONNECTIONS)],
    ["saturate-healthz", "GET /healthz, meanwhile", String(HEALTH_CONNECTIONS)],
    ["slow-summarize", `POST /api/summarize, ${SLOW_CLIENTS} slow uploads open`, "4"],
  ];
  const row = (label: string, conns: string, f: Figures | undefined, who: string) =>
    f
      ? `| ${label} | ${who} | ${conns} | ${n(f.requests)} | ${n(f.rps)} | ${f.p50} | ${f.p99} | ${f.max} | ${n(f.ok)} | ${n(f.busy)} | ${f.timeouts} | ${f.errors + f.other} |`
      : `| ${label} | ${who} | ${conns} | – | – | – | – | – | – | – | – | – |`;
  const table = rows
    .flatMap(([key, label, conns]) => [
      ...(before
        ? [
            row(
              label,
              conns,
              before.runs[key],
              `before (${before.workers ? `${before.workers} workers` : "event loop"})`,
            ),
          ]
        : []),
      row(
        label,
        conns,
        r[key],
        before ? `now (${m.workers} worker${m.workers === 1 ? "" : "s"})` : `${m.workers} workers`,
      ),
    ])
    .join("\n");
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const mark = (ok: boolean) => (ok ? "met" : "NOT met");
  const md = `# HTTP load

\`npm run bench:load\` on ${m.date}: Node ${process.version}, ${availableParallelism()} cores (${cpu}).
The server runs in a child process on 127.0.0.1 (in-memory store seeded through the desk), with
${m.workers} summary worker thread${m.workers === 1 ? "" : "s"} (the \`roundup serve\` default: one per core but one);
autocannon runs in this process, so the two share the machine's cores. ${about.duration} s per run after a 2 s warm-up.
${before ? `"Before" is the same load on the server of ${before.date === m.date ? "an earlier commit" : before.date} (summaries on the event loop, the cap taken before the body is read).\n` : ""}
- **GET /api/stories/:id**: story \`${about.story}\` (${about.articles} articles, ${n(about.storyBytes)} bytes of JSON), from the page cache.
  Target ≥ ${n(TARGET_RPS)} req/s with p99 < ${TARGET_P99_MS} ms: **${mark(storyMet)}**.
- **POST /api/summarize**: ${about.cluster.from}, ${n(about.summarizeBody.length)} bytes, 250 words, summarized on every request.
  Saturated by ${SATURATE_CONNECTIONS} connections (10 s client timeout), with the cap of 4 summaries queued or running:
  the cap engages (503s, no client timeouts): **${mark(capMet)}**.
- **GET /healthz** on ${HEALTH_CONNECTIONS} more connections during that saturation. Target p99 < ${TARGET_HEALTH_P99_MS} ms: **${mark(healthMet)}**.
- **Slow uploads**: ${SLOW_CLIENTS} clients send a summary request's headers and then one byte of body a second. Summaries from
  4 other connections are still served, and every slow client is answered 408 at the 10 s body deadline
  (answers: ${m.slowAnswers.join(", ")}): **${mark(slowMet)}**.${before ? ` Before: ${before.slowAnswers.join(", ")}.` : ""}

| Run | Server | Conn. | Requests | Req/s | p50 ms | p99 ms | Max ms | 200 | 503 | Timeouts | Other |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${table}
`;
  return { md, met: storyMet && healthMet && capMet && slowMet };
}

if (process.argv.includes("--child")) await child();
else await parent();
