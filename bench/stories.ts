// `npx tsx bench/stories.ts` (`npm run bench:stories`): story clustering at two levels. Writes bench/STORIES.md
// (carried into RESULTS.md by bench/run.ts) and prints it.
// 1. Event level: Multi-News dev (one cluster = one story) and headlines-dev (gold = Google News story), each
//    on its own and together; the clusterer's stories are scored against the event labels.
// 2. Topic level: DUC 2006 and DUC 2007 update (one topic per cluster; subsets -A/-B/-C of a topic are one
//    topic), each on its own and together; the clusterer's topics are scored against the topic labels.
// Every stream runs in three orders (arrival; shuffled; shuffled without dates), scored with B-cubed beside
// the single-pass TF-IDF baseline. Reads ../shared in place; copies nothing from it. Deterministic (seeded).
// Importable: the stream builders and `scoreRow` serve training scripts; nothing runs on import.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  type BCubed,
  baselineCluster,
  bcubed,
  DEFAULT_BASELINE_THRESHOLD,
  dayNumber,
  StoryClusterer,
  type StoryDoc,
} from "../src/cluster/index.ts";
import { createRng, median } from "../src/evaluate/stats.ts";
import { normalizeDate } from "../src/ingest/index.ts";
import type { ScaleResult } from "./desk.ts";
import { shuffle } from "./desk.ts";

const repo = fileURLToPath(new URL("../", import.meta.url));
const shared = join(repo, "..", "shared", "bench");

/** One article of a benchmark stream, with its gold label at the stream's level (event or topic). */
export interface StreamDoc extends StoryDoc {
  /** Gold class: the event (story) on an event-level stream, the topic on a topic-level one. */
  label: string;
  /** Data set it came from. */
  part: string;
}

export type Level = "event" | "topic";

export interface Stream {
  name: string;
  /** What `label` means: the clusterer's stories are scored on event streams, its topics on topic streams. */
  level: Level;
  /** In file order (the arrival order before `arrivalOrder` puts dated articles in date order). */
  docs: StreamDoc[];
}

interface ClusterLine {
  id: string;
  documents: { text: string; title?: string; date?: string; docno?: string }[];
}

const readJsonl = <T>(file: string): T[] =>
  readFileSync(join(shared, file), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

/** Multi-News dev: each cluster one story. The data set has no dates, titles or sources. */
export function loadMultiNews(): StreamDoc[] {
  return readJsonl<ClusterLine>("multinews-dev.jsonl").flatMap((c) =>
    c.documents.map((d, i) => {
      const date = normalizeDate(d.date);
      return {
        id: `mn:${c.id}#${i}`,
        text: d.text,
        ...(d.title ? { title: d.title } : {}),
        ...(date ? { date } : {}),
        label: c.id,
        part: "Multi-News dev",
      };
    }),
  );
}

/** headlines-dev: real headlines labelled with Google News story ids; `text` is the title again. */
export function loadHeadlines(): StreamDoc[] {
  return readJsonl<{
    id: string;
    title: string;
    text: string;
    date?: string;
    source?: string;
    story: string;
  }>("headlines-dev.jsonl").map((h) => {
    const date = normalizeDate(h.date);
    return {
      id: `hl:${h.id}`,
      text: h.text,
      title: h.title,
      ...(date ? { date } : {}),
      ...(h.source ? { source: h.source } : {}),
      label: h.story,
      part: "headlines-dev",
    };
  });
}

/**
 * A DUC set, labelled by topic (DUC 2007 update subsets -A/-B/-C of one topic are one topic). A document
 * (by docno) already read from an earlier topic is left out: it cannot have two gold topics.
 */
export function loadDuc(file: "duc2006/test.jsonl" | "duc2007-update/test.jsonl"): {
  docs: StreamDoc[];
  repeats: number;
} {
  const part = file.startsWith("duc2006") ? "DUC 2006" : "DUC 2007 update";
  const seen = new Set<string>();
  let repeats = 0;
  const docs: StreamDoc[] = [];
  for (const c of readJsonl<ClusterLine>(file))
    c.documents.forEach((d, i) => {
      if (d.docno !== undefined && seen.has(d.docno)) {
        repeats++;
        return;
      }
      if (d.docno !== undefined) seen.add(d.docno);
      const date = normalizeDate(d.date);
      docs.push({
        id: `${part === "DUC 2006" ? "d6" : "d7"}:${c.id}#${i}`,
        text: d.text,
        ...(d.title ? { title: d.title } : {}),
        ...(date ? { date } : {}),
        label: c.id.replace(/-[ABC]$/, ""),
        part,
      });
    });
  return { docs, repeats };
}

/**
 * Undated clusters spread evenly through a dated stream, each cluster's articles together (where in the
 * stream an undated feed item lands is arbitrary; spreading them keeps them among the dated ones).
 */
function interleave(dated: readonly StreamDoc[], undated: readonly StreamDoc[]): StreamDoc[] {
  const clusters: StreamDoc[][] = [];
  for (const d of undated) {
    const last = clusters[clusters.length - 1];
    if (last !== undefined && last[0].label === d.label) last.push(d);
    else clusters.push([d]);
  }
  const out: StreamDoc[] = [];
  let next = 0;
  clusters.forEach((c, k) => {
    const at = Math.round((k * dated.length) / clusters.length);
    while (next < at) out.push(dated[next++]);
    out.push(...c);
  });
  while (next < dated.length) out.push(dated[next++]);
  return out;
}

/** The event-level streams: Multi-News dev, headlines-dev, and both (Multi-News spread through the headlines). */
export function eventStreams(): Stream[] {
  const mn = loadMultiNews();
  const hl = arrivalOrder(loadHeadlines());
  return [
    { name: "Multi-News dev", level: "event", docs: mn },
    { name: "headlines-dev", level: "event", docs: hl },
    { name: "Multi-News + headlines", level: "event", docs: interleave(hl, mn) },
  ];
}

/** The topic-level streams: DUC 2006 and DUC 2007 update. */
export function topicStreams(): { streams: Stream[]; repeats: number } {
  const d6 = loadDuc("duc2006/test.jsonl");
  const d7 = loadDuc("duc2007-update/test.jsonl");
  return {
    streams: [
      { name: "DUC 2006", level: "topic", docs: d6.docs },
      { name: "DUC 2007 update", level: "topic", docs: d7.docs },
    ],
    repeats: d6.repeats + d7.repeats,
  };
}

// ---------------------------------------------------------------------------------------------------
// Orders
// ---------------------------------------------------------------------------------------------------

/** Arrival order: the dated articles in date order (ties by input order) in the places dated ones hold. */
export function arrivalOrder(docs: readonly StreamDoc[]): StreamDoc[] {
  const day = (d: StreamDoc) => (d.date === undefined ? undefined : dayNumber(d.date));
  const dated = docs
    .map((d, i) => ({ d, i, t: day(d) }))
    .filter((x): x is { d: StreamDoc; i: number; t: number } => x.t !== undefined)
    .sort((a, b) => a.t - b.t || a.i - b.i);
  let next = 0;
  return docs.map((d) => (day(d) === undefined ? d : dated[next++].d));
}

/** The stream in a seeded random order (dates kept). */
export const shuffled = (docs: readonly StreamDoc[], seed: number): StreamDoc[] =>
  shuffle(docs as StreamDoc[], createRng(seed));

/** The stream with every date removed. */
export const withoutDates = (docs: readonly StreamDoc[]): StreamDoc[] =>
  docs.map(({ date: _date, ...d }) => d);

export const SHUFFLE_SEEDS = [1, 2, 3];
export type Order = "arrival" | "shuffled" | "shuffled, no dates";
export const ORDERS: Order[] = ["arrival", "shuffled", "shuffled, no dates"];

/** The runs of one order: one for arrival, one per seed for the shuffled ones. */
export function ordered(stream: Stream, order: Order): StreamDoc[][] {
  if (order === "arrival") return [arrivalOrder(stream.docs)];
  const runs = SHUFFLE_SEEDS.map((s) => shuffled(stream.docs, s));
  return order === "shuffled" ? runs : runs.map(withoutDates);
}

// ---------------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------------

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** What is scored: `StoryClusterer`, or anything with its add / storyOfArticle / topicOfArticle. */
export interface OnlineClusterer {
  add(doc: StoryDoc): { story: string };
  storyOfArticle(id: string): string | undefined;
  topicOfArticle(id: string): string | undefined;
  recluster(options: { stories: string[] }): unknown;
}

export interface RowScore {
  /** The clusterer's stories against the gold labels. */
  story: BCubed;
  /** Its topics against the gold labels (its stories when it has no `topicOfArticle`). */
  topic: BCubed;
  /** True when the clusterer had no `topicOfArticle` and the topic level is its story level. */
  topicFromStory: boolean;
  stories: number;
  topics: number;
  /** Wall and CPU (user + system) time of the `add` loop, ms. */
  ms: number;
  cpuMs: number;
}

/**
 * Runs a fresh clusterer over a stream in the given order and scores each article's final story and topic
 * (after every merge) with B-cubed against the docs' gold labels.
 */
export function scoreRow(
  stream: Stream | readonly StreamDoc[],
  makeClusterer: () => OnlineClusterer = () => new StoryClusterer(),
): RowScore {
  const docs = "docs" in stream ? stream.docs : stream;
  const c = makeClusterer();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const d of docs) {
    const a = c.add({
      id: d.id,
      text: d.text,
      ...(d.title !== undefined ? { title: d.title } : {}),
      ...(d.date !== undefined ? { date: d.date } : {}),
      ...(d.source !== undefined ? { source: d.source } : {}),
    });
    // As the desk and `roundup cluster` do: the grown story gets its second look.
    c.recluster({ stories: [a.story] });
  }
  const cpu = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  const gold = new Map(docs.map((d) => [d.id, d.label]));
  const story = new Map(docs.map((d) => [d.id, c.storyOfArticle(d.id)!]));
  const topicFromStory = typeof c.topicOfArticle !== "function";
  const topic = topicFromStory ? story : new Map(docs.map((d) => [d.id, c.topicOfArticle!(d.id)!]));
  return {
    story: bcubed(story, gold),
    topic: bcubed(topic, gold),
    topicFromStory,
    stories: new Set(story.values()).size,
    topics: new Set(topic.values()).size,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

/** Grid of the baseline's oracle threshold: steps of 0.02 from 0.02 to 0.60. */
export const BASELINE_STEP = 0.02;
export const BASELINE_RANGE = [0.02, 0.6] as const;

export interface BaselineRow {
  /** F1 of each run at the default threshold. */
  byDefault: number[];
  /** F1 of each run at the oracle threshold. */
  oracle: number[];
  threshold: number;
}

/**
 * The baseline on the runs of one row, at its default threshold and at the threshold best on the row's mean
 * F1 (an oracle: an upper bound). The oracle is a local search on the grid from the default, moving while
 * the mean F1 rises: a full sweep costs minutes, as high thresholds on long documents leave thousands of
 * clusters to compare. It finds a local maximum on the grid.
 */
export function baselineRow(runs: readonly StreamDoc[][]): BaselineRow {
  const memo = new Map<number, number[]>();
  const at = (t: number): number[] => {
    let f = memo.get(t);
    if (f === undefined) {
      f = runs.map((r) => bcubed(baselineCluster(r, t), new Map(r.map((d) => [d.id, d.label]))).f1);
      memo.set(t, f);
    }
    return f;
  };
  const round = (t: number) => Math.round(t * 100) / 100;
  const inRange = (t: number) => t >= BASELINE_RANGE[0] - 1e-9 && t <= BASELINE_RANGE[1] + 1e-9;
  let best = round(DEFAULT_BASELINE_THRESHOLD);
  for (const dir of [-1, 1]) {
    for (let t = round(best + dir * BASELINE_STEP); inRange(t); t = round(t + dir * BASELINE_STEP)) {
      if (mean(at(t)) <= mean(at(best))) break;
      best = t;
    }
  }
  return { byDefault: at(DEFAULT_BASELINE_THRESHOLD), oracle: at(best), threshold: best };
}

// ---------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------

const f3 = (x: number) => x.toFixed(3);
/** One run: its value; several (shuffled seeds): mean, min in brackets. */
const cell = (xs: readonly number[]) =>
  xs.length === 1 ? f3(xs[0]) : `${f3(mean(xs))} (${f3(Math.min(...xs))})`;
const labels = (docs: readonly StreamDoc[]) => new Set(docs.map((d) => d.label)).size;

/** Notes on the data the tables rest on, counted here rather than asserted. */
function dataNotes(events: Stream[]): string[] {
  const mn = events[0].docs;
  const hl = events[1].docs;
  const titleStories = new Map<string, Set<string>>();
  for (const d of hl) {
    const t = (d.title ?? "").trim().toLowerCase().replace(/\s+/g, " ");
    const s = titleStories.get(t) ?? new Set<string>();
    s.add(d.label);
    titleStories.set(t, s);
  }
  const dupTitles = hl.length - titleStories.size;
  const crossStory = [...titleStories.values()].filter((s) => s.size > 1).length;
  const runs = hl.filter((d, i) => i === 0 || d.label !== hl[i - 1].label).length;
  const span = new Map<string, [number, number]>();
  for (const d of hl) {
    const t = dayNumber(d.date!)!;
    const s = span.get(d.label);
    span.set(d.label, s ? [Math.min(s[0], t), Math.max(s[1], t)] : [t, t]);
  }
  const maxSpanMin = Math.max(...[...span.values()].map(([a, b]) => (b - a) * 1440));
  const days = hl.map((d) => d.date!.slice(0, 10)).sort();
  // Time alone: the date-sorted headlines cut wherever two arrive more than `gap` minutes apart.
  const sorted = arrivalOrder(hl);
  const gold = new Map(sorted.map((d) => [d.id, d.label]));
  const byTime = [0.25, 0.5, 1, 2, 5, 10].map((gap) => {
    const cut = new Map<string, string>();
    let cluster = "";
    sorted.forEach((d, i) => {
      const t = dayNumber(d.date!)!;
      if (i === 0 || (t - dayNumber(sorted[i - 1].date!)!) * 1440 > gap) cluster = d.id;
      cut.set(d.id, cluster);
    });
    return { gap, f1: bcubed(cut, gold).f1 };
  });
  const bestTime = byTime.reduce((a, b) => (b.f1 > a.f1 ? b : a));
  return [
    `Multi-News dev: ${mn.filter((d) => d.date).length} of ${mn.length} articles dated (none: its arrival order is the file ` +
      "order, each cluster's articles together, and removing dates changes nothing).",
    `headlines-dev: ${days[0]} to ${days[days.length - 1]}; in arrival order the ${labels(hl)} stories come as ` +
      `${runs} unbroken runs, each within ${maxSpanMin.toFixed(1)} minutes (the dates are the aggregator's ` +
      "crawl times of one story page, not publication times): arrival order is the easy order, the shuffled ones " +
      `are the test. ${dupTitles} headlines repeat an earlier one word for word, ${crossStory} of those titles under ` +
      "two different stories (Mt. Gox and bitcoin ones: Google News splits one topic into several stories). " +
      `Time alone gives the stories away: cutting the date-sorted headlines wherever two arrive more than ` +
      `${bestTime.gap} minutes apart (best of ${byTime.map((x) => x.gap).join(", ")}) scores B-cubed F1 ` +
      `${f3(bestTime.f1)}, so with dates even a shuffled order leaks the label; the rows without dates are the honest ones. ` +
      "Each item's `text` is its title again; both are passed, as the file has them.",
  ];
}

/** src/cluster as it was run (the working tree, possibly uncommitted): a short content hash. */
function clusterFingerprint(): string {
  const dir = join(repo, "src", "cluster");
  const h = createHash("sha256");
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  const model = join(repo, "models", "clusterer.json");
  if (existsSync(model)) h.update(readFileSync(model));
  return h.digest("hex").slice(0, 12);
}

interface RowRuns {
  stream: Stream;
  order: Order;
  scores: RowScore[];
  baseline: BaselineRow;
}

async function main(): Promise<void> {
  const started = performance.now();
  const log = (m: string) => process.stderr.write(`stories: ${m}\n`);
  const events = eventStreams();
  const { streams: topics, repeats } = topicStreams();
  const rows: RowRuns[] = [];
  for (const stream of [...events, ...topics]) {
    log(`${stream.name} (${stream.docs.length} articles)`);
    const arrival = ordered(stream, "arrival");
    const shuffledRuns = ordered(stream, "shuffled");
    const arrivalBase = baselineRow(arrival);
    // The baseline reads no dates: the shuffled runs without dates are the shuffled runs to it.
    const shuffledBase = baselineRow(shuffledRuns);
    for (const order of ORDERS) {
      const runs =
        order === "arrival" ? arrival : order === "shuffled" ? shuffledRuns : shuffledRuns.map(withoutDates);
      rows.push({
        stream,
        order,
        scores: runs.map((r) => scoreRow(r)),
        baseline: order === "arrival" ? arrivalBase : shuffledBase,
      });
    }
  }
  const topicFromStory = rows.some((r) => r.scores.some((s) => s.topicFromStory));

  // The plain rule (no pair model) on the event streams: the default pair model was fitted on them.
  log("event streams without the pair model");
  const plain = events.map((stream) => ({
    stream,
    f1: ORDERS.map((o) =>
      ordered(stream, o).map((r) => scoreRow(r, () => new StoryClusterer({ pairModel: false })).story.f1),
    ),
  }));

  // Speed: the event-level stream in arrival order, one warm-up pass, then the median of three.
  log("speed");
  const union = arrivalOrder(events[2].docs);
  const passes = [0, 1, 2, 3].map(() => scoreRow(union));
  const cpuRate = median(passes.slice(1).map((r) => (union.length / r.cpuMs) * 1000));
  const wallRate = median(passes.slice(1).map((r) => (union.length / r.ms) * 1000));

  // Memory at 100k articles: bench/desk.ts's scaleRun, in a child process of its own (a clean heap).
  let scale: ScaleResult | undefined;
  if (!process.argv.includes("--no-scale")) {
    log("100k (child process: bench/desk.ts --scale)");
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", join(repo, "bench", "desk.ts"), "--scale"],
      { cwd: repo, encoding: "utf8", maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) throw new Error(`stories: the 100k run failed:\n${child.stderr}`);
    scale = JSON.parse(child.stdout) as ScaleResult;
  }

  const out: string[] = [];
  const p = (line = "") => out.push(line);
  const size = (s: Stream) =>
    `${s.name} (${s.docs.length} articles, ${labels(s.docs)} gold ${s.level === "event" ? "stories" : "topics"})`;
  p("## Stories at two levels: events and topics (`npm run bench:stories`)");
  p();
  p(
    "Online `StoryClusterer` (defaults; src/cluster and models/clusterer.json fingerprint " +
      `\`${clusterFingerprint()}\`), each article's final story (\`storyOfArticle\`) and topic ` +
      `(${topicFromStory ? "**`topicOfArticle` missing: the topic level below is the story level**" : "`topicOfArticle`"}) ` +
      "scored with B-cubed (Bagga & Baldwin 1998) against the gold labels.",
  );
  p();
  p(
    `- Event level (gold = one story per Multi-News cluster / Google News story; the clusterer's stories scored): ${events.map(size).join("; ")}. ` +
      "In the union the Multi-News clusters are spread evenly through the headlines, each cluster's articles together.",
  );
  p(
    `- Topic level (gold = DUC topic, 2007 subsets A/B/C one topic; the clusterer's topics scored): ${topics.map(size).join("; ")}. ` +
      `${repeats} DUC 2006 documents that sit in two topics kept once, in the first.`,
  );
  p(
    "- Orders: arrival (dated articles in date order, ties by file order); shuffled (seeds " +
      `${SHUFFLE_SEEDS.join(", ")}: mean, min in brackets); the same shuffles with every date removed.`,
  );
  p(
    "- Rows marked *(info)* score the other level against the same gold labels (F1 only): topics on event " +
      "streams (how far topics lump events together), stories on topic streams.",
  );
  p(
    `- Baseline: single-pass TF-IDF (\`baselineCluster\`, IDF from the whole stream), at its default threshold ` +
      `${DEFAULT_BASELINE_THRESHOLD}, and at the threshold best on that row's mean F1 (@ t; a local search on a ` +
      `${BASELINE_STEP} grid over ${BASELINE_RANGE.join("–")} from the default): an oracle, an upper bound. ` +
      "It reads no dates, so its shuffled rows with and without dates are the same.",
  );
  p(
    "- **In-sample warning**: the default pair model (models/clusterer.json) was fitted on Multi-News dev and " +
      "headlines-dev (the headlines without their dates, which leak the label), so the event-level story rows are " +
      "in-sample; its cross-validated figures are in models/clusterer.json, and the plain rule is below. " +
      "Every row re-clusters the grown story after each article, as the desk and `roundup cluster` do.",
  );
  p();
  p(
    "| stream | level | order | precision | recall | B-cubed F1 | baseline F1 (default) | baseline F1 (oracle threshold) |",
  );
  p("|---|---|---|---:|---:|---:|---:|---:|");
  for (const r of rows)
    for (const level of ["story", "topic"] as const) {
      const scored = (level === "story") === (r.stream.level === "event");
      const bc = r.scores.map((s) => s[level]);
      p(
        `| ${r.stream.name} | ${scored ? level : `${level} *(info)*`} | ${r.order} | ` +
          `${scored ? cell(bc.map((x) => x.precision)) : "–"} | ${scored ? cell(bc.map((x) => x.recall)) : "–"} | ` +
          `${scored ? `**${cell(bc.map((x) => x.f1))}**` : cell(bc.map((x) => x.f1))} | ` +
          `${cell(r.baseline.byDefault)} | ${cell(r.baseline.oracle)} @ ${r.baseline.threshold} |`,
      );
    }
  p();
  p(
    "Event level, story F1 with the plain rule (`pairModel: false`: cosine × time ≥ join threshold), not fitted on these streams:",
  );
  p();
  p(`| stream | ${ORDERS.join(" | ")} |`);
  p(`|---|${ORDERS.map(() => "---:").join("|")}|`);
  for (const x of plain) p(`| ${x.stream.name} | ${x.f1.map(cell).join(" | ")} |`);
  p();
  p("Data notes:");
  for (const n of dataNotes(events)) p(`- ${n}`);
  p();
  p(
    `Speed: ${union.length} articles of the event-level union in arrival order, one core (${cpus()[0]?.model ?? "unknown CPU"}, ` +
      `Node ${process.versions.node}; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores), median of 3 ` +
      `passes after a warm-up: **${Math.round(cpuRate)} articles/s** (CPU), ${Math.round(wallRate)} wall.`,
  );
  p(
    scale
      ? `Memory at 100k: bench/desk.ts's \`scaleRun\` (synthetic articles from Multi-News and DUC, not headlines; archived daily), ` +
          `in a child process: the clusterer retains **${scale.heapMB.toFixed(1)} MB** of heap ` +
          `(${scale.liveStories} live stories, ${scale.liveArticles} live articles), ` +
          `${Math.round((scale.articles / scale.cpuMs) * 1000)} articles/s (CPU), peak RSS ${scale.rssMB.toFixed(0)} MB.`
      : "Memory at 100k: skipped (`--no-scale`); see bench/DESK.md.",
  );
  p();
  p(`Bench time ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  const report = `${out.join("\n")}\n`;
  writeFileSync(join(repo, "bench", "STORIES.md"), report);
  process.stdout.write(report);
  log(`wrote bench/STORIES.md in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
