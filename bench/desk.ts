// `npx tsx bench/desk.ts`: the story desk's benchmarks. Writes bench/DESK.md (merged into RESULTS.md by hand).
// 1. Story clustering: B-cubed precision/recall/F1 on one stream of every development document (ours vs
//    the single-pass TF-IDF baseline), with thresholds tuned on one half of the stories, reported on the other.
// 2. Dedupe: precision/recall on a labeled set built here from the development articles (altered copies,
//    same-story articles as hard negatives).
// 3. Speed and memory: articles/s assigned, and heap at 100k synthetic articles.
// Reads ../shared in place; copies nothing from it. Deterministic (seeded).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import {
  type BCubed,
  baselineCluster,
  bcubed,
  DEFAULT_BASELINE_THRESHOLD,
  StoryClusterer,
  type StoryClustererOptions,
} from "../src/cluster/index.ts";
import {
  DEFAULT_DUPLICATE_THRESHOLD,
  DEFAULT_MIN_SIZE_RATIO,
  estimateJaccard,
  fingerprint,
  hash32,
  MIN_SHINGLES,
  NearDuplicateIndex,
  type NearDuplicateOptions,
  normalizedWords,
  overlapFromJaccard,
  signature,
} from "../src/dedupe/index.ts";
import { CLUSTER_WINDOW_DAYS } from "../src/desk/desk.ts";
import { createRng, median, type Rng } from "../src/evaluate/stats.ts";
import { normalizeDate } from "../src/ingest/index.ts";
import { STOPWORDS } from "../src/text/stopwords.ts";
import { disjointSets } from "../src/util/disjoint-sets.ts";
import { averageLinkDendrogram, cutDendrogram } from "./offline-cluster.ts";

const repo = fileURLToPath(new URL("../", import.meta.url));
const shared = join(repo, "..", "shared", "bench");
export const DEV_FILES = ["multinews-dev.jsonl", "duc2006/test.jsonl", "duc2007-update/test.jsonl"];
const SEED = 20_250_605;

/** One development document, with its gold story. */
export interface DevDoc {
  id: string;
  text: string;
  title?: string;
  /** ISO date where the data set has one. */
  date?: string;
  /** Gold story: the cluster id (DUC 2007 update subsets -A/-B/-C of one topic are one story). */
  story: string;
  /** Data set file it came from. */
  set: string;
  /** True for a document (by DUC docno) already read from an earlier file or cluster. */
  repeat: boolean;
}

export function loadDev(): DevDoc[] {
  const docs: DevDoc[] = [];
  const docnos = new Set<string>();
  for (const file of DEV_FILES) {
    for (const line of readFileSync(join(shared, file), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const c = JSON.parse(line) as {
        id: string;
        documents: { text: string; title?: string; date?: string; docno?: string }[];
      };
      const story = file.startsWith("duc2007") ? c.id.replace(/-[ABC]$/, "") : c.id;
      c.documents.forEach((d, i) => {
        const date = normalizeDate(d.date);
        const repeat = d.docno !== undefined && docnos.has(d.docno);
        if (d.docno !== undefined) docnos.add(d.docno);
        docs.push({
          id: `${c.id}#${i}`,
          text: d.text,
          ...(d.title ? { title: d.title } : {}),
          ...(date ? { date } : {}),
          story,
          set: file,
          repeat,
        });
      });
    }
  }
  return docs;
}

export function shuffle<T>(items: T[], rng: Rng): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const pick = <T>(items: readonly T[], rng: Rng): T => items[Math.floor(rng() * items.length)];
const int = (lo: number, hi: number, rng: Rng): number => lo + Math.floor(rng() * (hi - lo + 1));

// ---------------------------------------------------------------------------------------------------
// Dedupe labeled set
// ---------------------------------------------------------------------------------------------------

/** Boilerplate lines of made-up outlets, the kind sites wrap around republished wire copy. */
const BOILERPLATE = [
  "Follow the Harbor Times on Facebook, Twitter and Instagram",
  "Sign up for our morning newsletter to get the day's top stories in your inbox.",
  "Advertisement",
  "Share this article",
  "Click here to subscribe to the Valley Courier",
  "Read more: Our full coverage",
  "Like us on Facebook",
  "Subscribe to our daily briefing",
  "Share on Twitter",
  "Copyright 2024 Meridian Press. All rights reserved.",
  "Get the latest news delivered to your inbox. Sign up for the newsletter.",
  "ADVERTISEMENT",
  "Follow us on Twitter @northernledger",
  "Continue reading below",
];

export type Alteration = "boilerplate" | "drop" | "reorder" | "headline" | "truncate";
export const ALTERATIONS: Alteration[] = ["boilerplate", "drop", "reorder", "headline", "truncate"];

/** Units to alter: paragraphs, or sentences when the text has fewer than 4 paragraphs. */
function units(text: string): { parts: string[]; sep: string } {
  const paras = text.split(/\n\s*\n|\n/).filter((p) => p.trim().length > 0);
  if (paras.length >= 4) return { parts: paras, sep: "\n\n" };
  const sentences = text.split(/(?<=[.!?]["”']?)\s+(?=[A-Z"“])/).filter((s) => s.trim().length > 0);
  return { parts: sentences, sep: " " };
}

/** An altered copy of a text: the alterations applied in a fixed order, each with seeded parameters. */
export function alter(text: string, alterations: readonly Alteration[], rng: Rng): string {
  let { parts, sep } = units(text);
  const has = (a: Alteration) => alterations.includes(a);
  const length = (ps: string[]) => ps.reduce((n, p) => n + p.length, 0);
  if (has("truncate") && parts.length >= 2) {
    // Cut after the unit where 50–90 % of the text is reached (at least one unit): wire copy cut for space.
    const target = length(parts) * (0.5 + 0.4 * rng());
    let keep = 0;
    for (let seen = 0; keep < parts.length && seen < target; keep++) seen += parts[keep].length;
    parts = parts.slice(0, Math.max(1, keep));
  }
  if (has("drop") && parts.length >= 3) {
    // Drop units (never the lead) until 10–20 % of the text is gone, at least one.
    const target = length(parts) * (0.9 - 0.1 * rng());
    do parts.splice(int(1, parts.length - 1, rng), 1);
    while (parts.length > 2 && length(parts) > target);
  }
  if (has("reorder") && parts.length >= 3) {
    // Move one unit (not the lead) elsewhere, and swap one adjacent pair.
    const [moved] = parts.splice(int(1, parts.length - 1, rng), 1);
    parts.splice(int(1, parts.length, rng), 0, moved);
    const i = int(1, parts.length - 2, rng);
    [parts[i], parts[i + 1]] = [parts[i + 1], parts[i]];
  }
  let out = parts.join(sep);
  if (has("headline")) {
    // A different headline on its own first line: words of the text in a new order, title-cased.
    const ws = out.match(/[A-Za-z]{4,}/g) ?? ["Update"];
    const head = Array.from({ length: int(5, 10, rng) }, () => pick(ws, rng))
      .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
      .join(" ");
    out = `${head}\n\n${out}`;
  }
  if (has("boilerplate")) {
    // 1–4 lines at the top, the bottom, or between paragraphs.
    const lines = out.split("\n");
    const n = int(1, 4, rng);
    for (let k = 0; k < n; k++) {
      const where = rng();
      const at = where < 0.3 ? 0 : where < 0.6 ? lines.length : int(0, lines.length, rng);
      lines.splice(at, 0, pick(BOILERPLATE, rng));
    }
    out = lines.join("\n");
  }
  return out;
}

/** Originals shorter than this (normalised words) get no copies: tweets and stubs are not wire copy. */
export const MIN_COPY_WORDS = 50;

export interface DedupeItem {
  id: string;
  text: string;
  /** Family: an original, its altered copies, and originals that are themselves copies of it. */
  family: string;
  /** Alterations applied (empty for an original). */
  alterations: Alteration[];
}

export interface DedupeSet {
  /** Arrival order: every original before its copies, copies spread through the rest. */
  stream: DedupeItem[];
  originals: number;
  /** Originals under MIN_COPY_WORDS words (after boilerplate): no copies made of them. */
  tooShort: number;
  copies: number;
  byAlteration: Record<Alteration, number>;
  /** Pairs of originals that are copies of each other (overlap ≥ 0.8): one family. */
  naturalDuplicates: number;
  /** Pairs of originals overlapping 0.5–0.8 (wire write-throughs): excluded, a link between them is not scored. */
  ambiguous: Set<string>;
  /** Pairs of distinct originals of one story (not copies): the hard negatives. */
  sameStoryPairs: number;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\t${b}` : `${b}\t${a}`);

/** Exact overlap coefficients between originals, through an inverted index of shingles. */
function naturalOverlaps(docs: DevDoc[]): { a: number; b: number; overlap: number; ratio: number }[] {
  const sets = docs.map((d) => fingerprint(d.text).shingles);
  const postings = new Map<number, number[]>();
  sets.forEach((s, i) => {
    for (const h of s) {
      const p = postings.get(h);
      if (p) p.push(i);
      else postings.set(h, [i]);
    }
  });
  const shared = new Map<number, number>();
  for (const p of postings.values()) {
    if (p.length < 2 || p.length > 50) continue;
    for (let x = 0; x < p.length; x++)
      for (let y = x + 1; y < p.length; y++) {
        const k = p[x] * 100_000 + p[y];
        shared.set(k, (shared.get(k) ?? 0) + 1);
      }
  }
  const out: { a: number; b: number; overlap: number; ratio: number }[] = [];
  for (const [k, n] of shared) {
    const a = Math.floor(k / 100_000);
    const b = k % 100_000;
    const min = Math.min(sets[a].length, sets[b].length);
    const max = Math.max(sets[a].length, sets[b].length);
    out.push({ a, b, overlap: n / min, ratio: min / max });
  }
  return out;
}

export function buildDedupeSet(docs: DevDoc[], seed = SEED): DedupeSet {
  const rng = createRng(seed);
  // Families: union-find over originals that are copies of each other already.
  const { find, union } = disjointSets(docs.length);
  let naturalDuplicates = 0;
  const ambiguous = new Set<string>();
  for (const { a, b, overlap, ratio } of naturalOverlaps(docs)) {
    if (overlap >= 0.8 && ratio >= 0.3) {
      naturalDuplicates++;
      union(a, b);
    } else if (overlap >= 0.5) ambiguous.add(pairKey(docs[a].id, docs[b].id));
  }
  // Hard negatives: distinct originals of one story that are not in one family.
  const byStory = new Map<string, number[]>();
  docs.forEach((d, i) => {
    const list = byStory.get(d.story);
    if (list) list.push(i);
    else byStory.set(d.story, [i]);
  });
  let sameStoryPairs = 0;
  for (const list of byStory.values())
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) if (find(list[x]) !== find(list[y])) sameStoryPairs++;

  const byAlteration = Object.fromEntries(ALTERATIONS.map((a) => [a, 0])) as Record<Alteration, number>;
  const originals: DedupeItem[] = docs.map((d, i) => ({
    id: d.id,
    text: d.text,
    family: docs[find(i)].id,
    alterations: [],
  }));
  // Every original gets one altered copy, a third of them a second: 2–3 alterations each.
  const copies: { item: DedupeItem; after: number }[] = [];
  let tooShort = 0;
  const order = shuffle(originals, rng);
  order.forEach((o, position) => {
    if (normalizedWords(o.text).length < MIN_COPY_WORDS) {
      tooShort++;
      return;
    }
    const n = rng() < 1 / 3 ? 2 : 1;
    for (let c = 0; c < n; c++) {
      const chosen = shuffle(ALTERATIONS, rng).slice(0, int(2, 3, rng));
      for (const a of chosen) byAlteration[a]++;
      copies.push({
        item: { id: `${o.id}~${c}`, text: alter(o.text, chosen, rng), family: o.family, alterations: chosen },
        after: position,
      });
    }
  });
  // Each copy lands at a random later point of the stream.
  const slots: DedupeItem[][] = order.map((o) => [o]);
  for (const { item, after } of copies) slots[int(after, order.length - 1, rng)].push(item);
  const stream = slots.flatMap((s) => [s[0], ...shuffle(s.slice(1), rng)]);
  return {
    stream,
    originals: originals.length,
    tooShort,
    copies: copies.length,
    byAlteration,
    naturalDuplicates,
    ambiguous,
    sameStoryPairs,
  };
}

export interface DedupeResult {
  precision: number;
  recall: number;
  links: number;
  correct: number;
  wrong: number;
  /** Items with an earlier member of their family (should be linked). */
  expected: number;
  /** Links between ambiguous pairs (not scored). */
  ambiguousLinks: number;
  /** Hard negatives linked: a link between two different originals of one story. */
  sameStoryFalseLinks: number;
  /** Lowest similarity of a correct link and highest of a wrong one. */
  minCorrect: number;
  maxWrong: number;
  ms: number;
}

export function evaluateDedupe(set: DedupeSet, options: NearDuplicateOptions = {}): DedupeResult {
  const index = new NearDuplicateIndex(options);
  const family = new Map<string, string>();
  const seenFamilies = new Set<string>();
  let expected = 0;
  let correct = 0;
  let wrong = 0;
  let links = 0;
  let ambiguousLinks = 0;
  let sameStoryFalseLinks = 0;
  let minCorrect = 1;
  let maxWrong = 0;
  const t0 = performance.now();
  for (const item of set.stream) {
    const r = index.add(item.id, item.text);
    family.set(item.id, item.family);
    const shouldLink = seenFamilies.has(item.family);
    seenFamilies.add(item.family);
    if (shouldLink) expected++;
    if (r.duplicateOf === undefined) continue;
    const base = (id: string) => id.replace(/~\d+$/, "");
    if (family.get(r.duplicateOf) === item.family) {
      links++;
      correct++;
      minCorrect = Math.min(minCorrect, r.similarity ?? 1);
    } else if (set.ambiguous.has(pairKey(base(item.id), base(r.duplicateOf)))) {
      ambiguousLinks++;
    } else {
      links++;
      wrong++;
      maxWrong = Math.max(maxWrong, r.similarity ?? 1);
      const story = (id: string) => id.replace(/#\d+(~\d+)?$/, "").replace(/-[ABC]$/, "");
      if (story(item.id) === story(r.duplicateOf)) sameStoryFalseLinks++;
    }
  }
  const ms = performance.now() - t0;
  return {
    precision: links ? correct / links : 1,
    recall: expected ? correct / expected : 1,
    links,
    correct,
    wrong,
    expected,
    ambiguousLinks,
    sameStoryFalseLinks,
    minCorrect,
    maxWrong,
    ms,
  };
}

// ---------------------------------------------------------------------------------------------------
// Clustering stream
// ---------------------------------------------------------------------------------------------------

/**
 * One arrival stream: documents shuffled (seeded), then the dated ones put in date order in the slots
 * dated documents hold, so undated ones (Multi-News) arrive anywhere. Repeats (a DUC document in two
 * topics) are kept once, in the first topic.
 */
export function buildStream(docs: DevDoc[], seed = SEED, stories?: ReadonlySet<string>): DevDoc[] {
  const kept = docs.filter((d) => !d.repeat && (stories === undefined || stories.has(d.story)));
  const shuffled = shuffle(kept, createRng(seed));
  const dated = shuffled.filter((d) => d.date !== undefined);
  const order = new Map(shuffled.map((d, i) => [d, i]));
  dated.sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : order.get(a)! - order.get(b)!));
  let next = 0;
  return shuffled.map((d) => (d.date === undefined ? d : dated[next++]));
}

/** Stories split in two halves (seeded), within each data set: tuning and held-out test. */
export function splitStories(docs: DevDoc[], seed = SEED): { tune: Set<string>; test: Set<string> } {
  const rng = createRng(seed + 1);
  const tune = new Set<string>();
  const test = new Set<string>();
  for (const file of DEV_FILES) {
    const stories = [...new Set(docs.filter((d) => d.set === file).map((d) => d.story))].sort();
    shuffle(stories, rng).forEach((s, i) => {
      (i % 2 === 0 ? tune : test).add(s);
    });
  }
  return { tune, test };
}

export interface ClusterRun extends BCubed {
  stories: number;
  merges: number;
  ms: number;
  /** CPU time of the assignment loop (user + system), ms. */
  cpuMs: number;
  predicted: Map<string, string>;
}

/**
 * Runs the online clusterer over a stream; each article gets its story (or, with `level: "topic"`, its
 * story's topic) at the end (a merge moves every article of the lost story, and nothing is archived here).
 * This stream's gold labels are mostly DUC topics, so the tables below score the topic level; the story
 * (event) level is scored on event-labelled streams in bench/STORIES.md.
 */
export function runClusterer(
  stream: readonly DevDoc[],
  options: StoryClustererOptions = {},
  level: "story" | "topic" = "topic",
): ClusterRun {
  const clusterer = new StoryClusterer(options);
  let merges = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const d of stream) {
    const r = clusterer.add({
      id: d.id,
      text: d.text,
      ...(d.title ? { title: d.title } : {}),
      ...(d.date ? { date: d.date } : {}),
    });
    merges += r.merged.length;
    // As the desk does: the grown story gets its second look.
    clusterer.recluster({ stories: [r.story] });
  }
  const cpu = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  const predicted = new Map(
    stream.map((d) => [
      d.id,
      (level === "topic" ? clusterer.topicOfArticle(d.id) : clusterer.storyOfArticle(d.id))!,
    ]),
  );
  const gold = new Map(stream.map((d) => [d.id, d.story]));
  return {
    ...bcubed(predicted, gold),
    stories: new Set(predicted.values()).size,
    merges,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    predicted,
  };
}

export function runBaseline(
  stream: readonly DevDoc[],
  threshold: number,
): BCubed & { stories: number; predicted: Map<string, string> } {
  const predicted = baselineCluster(stream, threshold);
  const gold = new Map(stream.map((d) => [d.id, d.story]));
  return { ...bcubed(predicted, gold), stories: new Set(predicted.values()).size, predicted };
}

/** B-cubed of one clustering restricted to the documents of one data set. */
function bcubedOf(stream: readonly DevDoc[], predicted: Map<string, string>, set: string): BCubed {
  const part = stream.filter((d) => d.set === set);
  return bcubed(predicted, new Map(part.map((d) => [d.id, d.story])));
}

// ---------------------------------------------------------------------------------------------------
// Hard negatives, pair by pair
// ---------------------------------------------------------------------------------------------------

/**
 * Every pair of distinct originals of one story that are not copies of each other, scored as the index
 * would score them (estimated overlap, size-ratio floor): how many would be called copies.
 */
export function hardNegatives(
  docs: DevDoc[],
  set: DedupeSet,
): { pairs: number; called: number; max: number } {
  const family = new Map(set.stream.map((i) => [i.id, i.family]));
  const prints = docs.map((d) => {
    const fp = fingerprint(d.text);
    return {
      size: fp.shingles.length,
      sig: fp.shingles.length >= MIN_SHINGLES ? signature(fp.shingles) : undefined,
    };
  });
  let pairs = 0;
  let called = 0;
  let max = 0;
  for (let a = 0; a < docs.length; a++)
    for (let b = a + 1; b < docs.length; b++) {
      if (docs[a].story !== docs[b].story || family.get(docs[a].id) === family.get(docs[b].id)) continue;
      if (set.ambiguous.has(pairKey(docs[a].id, docs[b].id))) continue;
      pairs++;
      const pa = prints[a];
      const pb = prints[b];
      if (pa.sig === undefined || pb.sig === undefined) continue;
      if (Math.min(pa.size, pb.size) < DEFAULT_MIN_SIZE_RATIO * Math.max(pa.size, pb.size)) continue;
      const o = overlapFromJaccard(estimateJaccard(pa.sig, pb.sig), pa.size, pb.size);
      max = Math.max(max, o);
      if (o >= DEFAULT_DUPLICATE_THRESHOLD) called++;
    }
  return { pairs, called, max };
}

// ---------------------------------------------------------------------------------------------------
// 100k synthetic articles: speed and memory
// ---------------------------------------------------------------------------------------------------

/**
 * Word permutations that turn the dev articles into new stories with the same statistics: the dev
 * vocabulary (words of 3+ letters, stopwords aside) sorted by frequency and cut into bands of 64, and
 * each replica permutes words within each band. A replica keeps every article's length, word frequency
 * profile and cluster structure, but its stories share no content word with another replica's — new
 * stories, not copies — while the vocabulary stays the size of the dev set's, as a language's does.
 */
export class Scrambler {
  private readonly bands: string[][] = [];

  constructor(docs: readonly DevDoc[]) {
    const counts = new Map<string, number>();
    for (const d of docs)
      for (const w of `${d.title ?? ""} ${d.text}`.toLowerCase().match(/[a-z]{3,}/g) ?? [])
        if (!STOPWORDS.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    const vocab = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([w]) => w);
    for (let i = 0; i < vocab.length; i += 64) this.bands.push(vocab.slice(i, i + 64));
  }

  /** The word map of one replica. */
  replica(r: number): Map<string, string> {
    const rng = createRng(SEED + 1000 + r);
    const map = new Map<string, string>();
    for (const band of this.bands) {
      const to = shuffle(band, rng);
      band.forEach((w, i) => {
        map.set(w, to[i]);
      });
    }
    return map;
  }
}

/** A dev article as a replica has it: sentences shuffled within paragraphs, words mapped, case kept. */
export function perturb(text: string, map: Map<string, string>, rng: Rng): string {
  return text
    .split(/\n\s*\n|\n/)
    .map((p) => shuffle(p.split(/(?<=[.!?])\s+(?=[A-Z"])/), rng).join(" "))
    .join("\n\n")
    .replace(/[A-Za-z]{3,}/g, (w) => {
      const to = map.get(w.toLowerCase());
      if (to === undefined) return w;
      if (w === w.toUpperCase()) return to.toUpperCase();
      return w[0] === w[0].toUpperCase() ? to[0].toUpperCase() + to.slice(1) : to;
    });
}

const DAY_MS = 86_400_000;
/** Old-space limit of the process that runs the 100k articles: the clusterer has to fit in it. */
const SCALE_HEAP_MB = 256;

export interface ScaleResult {
  articles: number;
  copies: number;
  stories: number;
  liveStories: number;
  liveArticles: number;
  archived: number;
  cpuMs: number;
  ms: number;
  /** Heap retained by the clusterer at the end (MB). */
  heapMB: number;
  /** Peak RSS of the process that ran it (MB). */
  rssMB: number;
}

/**
 * `total` articles: replicas of the dev stream, each a perturbed copy of every dev article, dated over
 * a year (a replica every ~6 days, a story's articles within a few days); archived daily with the desk's
 * 14-day window. Articles are made one replica at a time, so the generator holds little.
 */
export function scaleRun(docs: DevDoc[], total = 100_000, seed = SEED): ScaleResult {
  const kept = docs.filter((d) => !d.repeat);
  const replicas = Math.ceil(total / kept.length);
  const start = Date.UTC(2024, 0, 1);
  const spacing = 365 / replicas;
  const gc = collector();
  let clusterer: StoryClusterer | undefined = new StoryClusterer();
  const rng = createRng(seed + 2);
  const scrambler = new Scrambler(kept);
  let made = 0;
  let copies = 0;
  let archived = 0;
  let cpu = 0;
  let ms = 0;
  const stories = new Set<string>();
  let lastArchive = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < replicas && made < total; r++) {
    const map = scrambler.replica(r);
    const batch = kept.slice(0, Math.min(kept.length, total - made)).map((d) => {
      const day = Math.floor(r * spacing + (hash32(d.story) % 4) + rng() * 3);
      return {
        id: `${d.id}@${r}`,
        text: perturb(d.text, map, rng),
        ...(d.title ? { title: perturb(d.title, map, rng) } : {}),
        date: new Date(start + day * DAY_MS).toISOString().slice(0, 10),
      };
    });
    batch.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const doc of batch) {
      const day = Date.parse(doc.date);
      if (day - lastArchive >= DAY_MS) {
        archived += clusterer.archiveBefore(
          new Date(day - CLUSTER_WINDOW_DAYS * DAY_MS).toISOString().slice(0, 10),
        ).length;
        lastArchive = day;
      }
      const a = clusterer.add(doc);
      clusterer.recluster({ stories: [a.story] });
      if (a.duplicateOf !== undefined) copies++;
      if (a.isNew) stories.add(a.story);
    }
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1000;
    ms += performance.now() - t0;
    made += batch.length;
  }
  const liveStories = clusterer.storyCount;
  const liveArticles = clusterer.articleCount;
  // The clusterer's retained size: the heap with it, less the heap once it is dropped (both after a full GC).
  gc();
  const withClusterer = process.memoryUsage().heapUsed;
  clusterer = undefined;
  gc();
  const without = process.memoryUsage().heapUsed;
  return {
    articles: made,
    copies,
    stories: stories.size,
    liveStories,
    liveArticles,
    archived,
    cpuMs: cpu,
    ms,
    heapMB: (withClusterer - without) / 2 ** 20,
    rssMB: process.resourceUsage().maxRSS / 1024,
  };
}

/** A full garbage collection, if the runtime lets us ask for one (for heap measurements). */
function collector(): () => void {
  v8.setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as (() => void) | undefined;
  return typeof gc === "function" ? gc : () => {};
}

// ---------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------

const f3 = (x: number) => x.toFixed(3);
const f4 = (x: number) => x.toFixed(4);
const SET_NAMES: Record<string, string> = {
  "multinews-dev.jsonl": "Multi-News dev",
  "duc2006/test.jsonl": "DUC 2006",
  "duc2007-update/test.jsonl": "DUC 2007 update",
};
/** Arrival orders over which the full stream is re-run, to show how much order matters. */
const ORDER_SEEDS = [1, 2, 3, 4, 5];

async function main(): Promise<void> {
  const started = performance.now();
  const log = (m: string) => process.stderr.write(`desk: ${m}\n`);
  const docs = loadDev();
  const { tune, test } = splitStories(docs);
  const full = buildStream(docs);
  const tuneStream = buildStream(docs, SEED, tune);
  const testStream = buildStream(docs, SEED, test);
  const storiesOf = (s: readonly DevDoc[]) => new Set(s.map((d) => d.story)).size;
  const repeats = docs.filter((d) => d.repeat).length;
  const out: string[] = [];
  const p = (line = "") => out.push(line);

  // 1. Clustering quality.
  log("clustering");
  const threshold = DEFAULT_BASELINE_THRESHOLD;
  const rows: [string, DevDoc[]][] = [
    ["held-out half", testStream],
    ["full stream", full],
    ["tuning half", tuneStream],
  ];
  p("## Story desk: clustering, dedupe, speed (`npx tsx bench/desk.ts`)");
  p();
  p("### Story clustering, B-cubed (Bagga & Baldwin 1998)");
  p();
  p(
    "Scored at the **topic** level (the clusterer's grouping of stories): this stream's labels are mostly DUC query " +
      "topics. The story (event) level is scored on event-labelled streams in `bench/STORIES.md`. The parameters " +
      "below were tuned for the single-level clusterer of earlier versions and are now the topic level's.",
  );
  p();
  p(
    `The stream: every document of every cluster of Multi-News dev, DUC 2006 and DUC 2007 update (${full.length} documents; ` +
      `${repeats} DUC documents that sit in two topics kept once, in the first), gold story = cluster id ` +
      `(DUC 2007 subsets A/B/C of a topic are one story): ${storiesOf(full)} stories. Shuffled (seeded), then ` +
      "the dated documents (all DUC ones) put in date order in the places dated documents hold; Multi-News has no dates.",
  );
  p(
    `Parameters were chosen on the tuning half (${tune.size} stories, ${tuneStream.length} documents, split within each ` +
      "data set) by mean F1 over three arrival orders: join threshold (0.08–0.18 → 0.10), merge threshold (0.25–0.5 → 0.3), " +
      "name weight (0.5–1.5 → 1), time scale (90 days–none → 730 days), IDF prior (0–300 → 10), features per article " +
      "(100–200 → 100), centroid size (300–600 → 300), title weight (1–3 → 2), small-story merge (stories of 1–5 " +
      "articles × 0.12–0.22 → 2 articles at 0.15). The held-out half " +
      `(${test.size} stories, ${testStream.length} documents) did not drive any choice (an early sweep printed it beside ` +
      "the tuning half; selection used the tuning half only). Baseline: single-pass TF-IDF, IDF from the whole stream " +
      `(an advantage an online system does not have), every cluster compared, threshold ${threshold} (tuned the same way).`,
  );
  p();
  p("| stream | docs | gold stories | system | precision | recall | F1 | stories found | merges |");
  p("|---|---:|---:|---|---:|---:|---:|---:|---:|");
  let fullRun: ClusterRun | undefined;
  let fullBase: ReturnType<typeof runBaseline> | undefined;
  for (const [name, stream] of rows) {
    const ours = runClusterer(stream);
    const base = runBaseline(stream, threshold);
    if (stream === full) {
      fullRun = ours;
      fullBase = base;
    }
    const n = `${stream.length} | ${storiesOf(stream)}`;
    p(
      `| ${name} | ${n} | **ours** | ${f3(ours.precision)} | ${f3(ours.recall)} | **${f3(ours.f1)}** | ${ours.stories} | ${ours.merges} |`,
    );
    p(
      `| ${name} | ${n} | baseline | ${f3(base.precision)} | ${f3(base.recall)} | ${f3(base.f1)} | ${base.stories} | – |`,
    );
  }
  p();
  p("By data set (full stream, B-cubed over that set's documents):");
  p();
  p("| data set | docs | gold stories | ours P | ours R | ours F1 | baseline F1 |");
  p("|---|---:|---:|---:|---:|---:|---:|");
  for (const set of DEV_FILES) {
    const part = full.filter((d) => d.set === set);
    const o = bcubedOf(full, fullRun!.predicted, set);
    const b = bcubedOf(full, fullBase!.predicted, set);
    p(
      `| ${SET_NAMES[set]} | ${part.length} | ${storiesOf(part)} | ${f3(o.precision)} | ${f3(o.recall)} | ${f3(o.f1)} | ${f3(b.f1)} |`,
    );
  }
  p();
  // Offline reference: the whole stream at once, average link, cut tuned on the tuning half.
  log("offline reference");
  const cuts = [0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.12];
  const offline = (stream: readonly DevDoc[]) => {
    const merges = averageLinkDendrogram(stream);
    const gold = new Map(stream.map((d) => [d.id, d.story]));
    return (t: number) => bcubed(cutDendrogram(stream, merges, t), gold);
  };
  const tuneCut = offline(tuneStream);
  const bestCut = cuts.reduce((a, b) => (tuneCut(b).f1 > tuneCut(a).f1 ? b : a));
  p();
  p(
    "Offline reference (not a product path): average-link agglomerative clustering of the whole stream at once " +
      "(every document seen before any decision, IDF from all of them) over the same features, cut at the similarity " +
      `that scores best on the tuning half (${cuts[0]}–${cuts[cuts.length - 1]} → ${bestCut}). It shows whether deciding ` +
      "online is what costs F1:",
  );
  p();
  p("| stream | precision | recall | F1 |");
  p("|---|---:|---:|---:|");
  for (const [name, stream] of rows) {
    const b = stream === tuneStream ? tuneCut(bestCut) : offline(stream)(bestCut);
    p(`| ${name} | ${f3(b.precision)} | ${f3(b.recall)} | ${f3(b.f1)} |`);
  }
  p();
  p(
    "Reading: the target of F1 ≥ 0.90 is not met, by ours, the baseline or the offline reference. DUC 2007 update " +
      "topics are event-like and score above 0.9; DUC 2006 topics are collections built from a query (one on perjury " +
      "gathers unrelated court cases years apart; two on global warming share documents; Chechnya, Putin's election and " +
      "the Kursk sinking share Russia's names and months), which no bag-of-words story clusterer puts together without " +
      "also merging neighbours. Multi-News clusters include scraped pages (web-archive and platform notices): these are " +
      "now boilerplate, and a page left with too few words is a story of its own.",
  );
  const orders = ORDER_SEEDS.map((seed) => buildStream(docs, seed));
  const oursF = orders.map((s) => runClusterer(s).f1);
  const baseF = orders.map((s) => runBaseline(s, threshold).f1);
  const range = (xs: number[]) =>
    `mean ${f3(xs.reduce((a, b) => a + b) / xs.length)}, min ${f3(Math.min(...xs))}, max ${f3(Math.max(...xs))}`;
  p();
  p(
    `Arrival order matters (single pass): full stream in ${ORDER_SEEDS.length} other orders, F1 ours ${range(oursF)}; baseline ${range(baseF)}.`,
  );

  // 2. Dedupe.
  log("dedupe");
  const set = buildDedupeSet(docs);
  const d = evaluateDedupe(set);
  const replicate = evaluateDedupe(buildDedupeSet(docs, 7));
  const hard = hardNegatives(docs, set);
  const alterations = ALTERATIONS.map((a) => `${a} ${set.byAlteration[a]}`).join(", ");
  p();
  p("### Dedupe: wire copies (MinHash + LSH, overlap ≥ 0.6)");
  p();
  p(
    `Labeled set built from every development document (${set.originals} originals, read in place): ${set.copies} altered ` +
      `copies (every original of ≥ ${MIN_COPY_WORDS} words gets one, a third get two; ${set.tooShort} shorter ones — tweets, ` +
      `stubs — get none), each with 2–3 of: ${alterations} (boilerplate: 1–4 social/newsletter/ad lines; drop: 10–20 % ` +
      "of the text in whole paragraphs; reorder: one paragraph moved and a pair swapped; headline: a new first line; " +
      "truncate: cut to 50–90 % of the text). A copy arrives after its original, at a random later point of the stream. " +
      `Originals that already copy each other in the data (overlap ≥ 0.8) form one family (${set.naturalDuplicates} pairs); ` +
      `${set.ambiguous.size} pairs overlapping 0.5–0.8 (wire write-throughs) are left unscored. Hard negatives: the other ` +
      `articles of the same story (${set.sameStoryPairs} pairs).`,
  );
  p();
  p("| set | items | should link | links | wrong | missed | precision | recall |");
  p("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const [name, r] of [
    ["seed 20250605", d],
    ["seed 7 (replicate)", replicate],
  ] as const)
    p(
      `| ${name} | ${set.stream.length} | ${r.expected} | ${r.links} | ${r.wrong} | ${r.expected - r.correct} | ` +
        `**${f4(r.precision)}** | **${f4(r.recall)}** |`,
    );
  p();
  p(
    `Same-story pairs scored directly (${hard.pairs} pairs, size ratio ≥ 0.2): ${hard.called} called copies; highest ` +
      `estimated overlap ${f3(hard.max)}. Threshold 0.6 and shingle length 5 were chosen on this set (sweep 0.5–0.8: ` +
      "precision ≥ 0.999 throughout, recall drops above 0.7); the replicate seed was not used to choose. " +
      `Lowest similarity of a correct link: ${f3(d.minCorrect)}. Dedupe alone: ${Math.round((set.stream.length / d.ms) * 1000)} articles/s.`,
  );

  // 3. Speed and memory.
  log("speed");
  const passes = [0, 1, 2, 3].map(() => runClusterer(full));
  const cpuRate = median(passes.slice(1).map((r) => (full.length / r.cpuMs) * 1000));
  const wallRate = median(passes.slice(1).map((r) => (full.length / r.ms) * 1000));
  log("100k (child process)");
  const child = spawnSync(
    process.execPath,
    [`--max-old-space-size=${SCALE_HEAP_MB}`, "--import", "tsx", fileURLToPath(import.meta.url), "--scale"],
    {
      cwd: repo,
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  if (child.status !== 0) throw new Error(`desk: the 100k run failed:\n${child.stderr}`);
  const scale = JSON.parse(child.stdout) as ScaleResult;
  p();
  p("### Speed and memory");
  p();
  p(
    `One core (${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.versions.node}; load average at start ` +
      `${loadavg()[0].toFixed(1)} on ${cpus().length} cores — other jobs shared the machine). Assignment only: text already ` +
      "extracted; everything from dropping boilerplate lines and the wire-copy check to story assignment counted; " +
      "CPU time of the process (user + system).",
  );
  p();
  p("| run | articles | articles/s (CPU) | articles/s (wall) |");
  p("|---|---:|---:|---:|");
  p(
    `| dev stream (median of 3 passes after a warm-up) | ${full.length} | **${Math.round(cpuRate)}** | ${Math.round(wallRate)} |`,
  );
  p(
    `| 100k synthetic, archiving daily | ${scale.articles} | **${Math.round((scale.articles / scale.cpuMs) * 1000)}** | ` +
      `${Math.round((scale.articles / scale.ms) * 1000)} |`,
  );
  p();
  p(
    `100k synthetic articles: ${Math.ceil(100_000 / full.length)} replicas of the dev stream, each article with its ` +
      "sentences shuffled within paragraphs and its words permuted per replica within frequency bands of the dev " +
      "vocabulary (each replica's stories are new stories with the dev set's statistics; the vocabulary stays the dev " +
      "set's size, as a language's does), distinct ids, dates over a year (a replica every ~6 days, a story's articles " +
      `within a week), archived daily with the desk's ${CLUSTER_WINDOW_DAYS}-day window. ${scale.stories} stories started, ` +
      `${scale.archived} archived, ${scale.copies} articles linked as copies; live at the end: ${scale.liveStories} ` +
      `stories, ${scale.liveArticles} articles. Memory at 100k: the clusterer retains **${scale.heapMB.toFixed(1)} MB** ` +
      "of heap (heap with it minus heap without it, each after a full GC: live stories, the duplicate index of live " +
      "articles, and the vocabulary and document frequencies, which grow with the language, not with the stream); " +
      `the run is a child process limited to ${SCALE_HEAP_MB} MB of old space (generator and its garbage included), ` +
      `peak RSS ${scale.rssMB.toFixed(0)} MB.`,
  );
  p();
  p(`Bench time ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  writeFileSync(join(repo, "bench", "DESK.md"), `${out.join("\n")}\n`);
  log(`wrote bench/DESK.md in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (process.argv.includes("--scale")) process.stdout.write(JSON.stringify(scaleRun(loadDev(), 100_000)));
  else await main();
}
