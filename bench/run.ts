// `npm run bench`: quality on every development set under its standard protocol (Roundup, our baselines,
// the published anchors), the official DUC 2006 participants re-scored with our ROUGE, and speed.
// Writes bench/RESULTS.md. Reads ../shared in place; copies nothing from it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  FOCUS_GRID,
  foldOf,
  loadTasks,
  regimeOf,
  START,
  scoreTasks,
  topicOf,
  topicRanks,
} from "../scripts/train.ts";
import { readSummaries } from "../src/apps/cli/eval.ts";
import {
  BASE_FLAGS,
  evaluate,
  METRICS,
  type Protocol,
  type SummarySource,
  type SystemResult,
  withEarlierSubsets,
} from "../src/evaluate/evaluate.ts";
import { median, percentile } from "../src/evaluate/stats.ts";
import type { SystemName } from "../src/evaluate/systems.ts";
import { queryFocus } from "../src/evaluate/systems.ts";
import { clusterToArticles, readClusterLines } from "../src/ingest/index.ts";
import type { Article, Cluster } from "../src/model/types.ts";
import { summarize } from "../src/summarize/index.ts";
import {
  DEFAULT_READ_COPY_MAX,
  DEFAULT_READ_TOPIC_DOCS,
  DEFAULT_READ_TOPIC_SHARE,
} from "../src/summarize/novelty.ts";
import { DEFAULT_PARAMS, MODEL, type Regime, type SummarizerParams } from "../src/summarize/params.ts";
import { loadWordVectors } from "../src/text/embeddings.ts";
import { carriedMarker } from "./carried.ts";

const repo = fileURLToPath(new URL("../", import.meta.url));
const shared = join(repo, "..", "shared", "bench");
const BASE = BASE_FLAGS;
const quick = process.argv.includes("--quick");
/** Word vectors for the focus sets' query expansion (src/summarize/focus.ts), loaded once. */
const wordVectors = await loadWordVectors();

interface DataSet {
  title: string;
  file: string;
  protocol: Protocol;
  filter?: (c: Cluster) => boolean;
  focus: boolean;
  /** Heading of the set's table in ANCHORS.md, if it has one. */
  anchors?: string;
  systems: SystemName[];
  /** What issue 4 asks of this set, if anything. */
  target?: string;
}

/** The DUC protocol: recall, the scorer cuts at `words` words, summaries in overflow mode. */
const recallCut = (words: number): Protocol => ({
  name: `recall, cut at ${words} words`,
  flags: `${BASE} -l ${words}`,
  measure: "R",
  words,
  overflow: true,
});
/** The Multi-News protocol: F-measure of 250-word summaries (whole sentences), no cut. */
const MULTI_NEWS_F: Protocol = {
  name: "F, no cut, 250-word summaries",
  flags: BASE,
  measure: "F",
  words: 250,
  overflow: false,
};
const ALL_SYSTEMS: SystemName[] = ["roundup", "lead", "lead-each", "oracle"];

const SETS: DataSet[] = [
  {
    title: "Multi-News dev",
    file: "multinews-dev.jsonl",
    protocol: MULTI_NEWS_F,
    focus: false,
    target: "R-1 ≥ 45.5, R-2 ≥ 15.5",
    anchors: "## Multi-News dev",
    systems: ALL_SYSTEMS,
  },
  {
    title: "DUC 2006, query ignored",
    file: "duc2006/test.jsonl",
    protocol: recallCut(250),
    focus: false,
    target: "R-2 ≥ 9.2",
    anchors: "## DUC 2006",
    systems: ALL_SYSTEMS,
  },
  {
    title: "DUC 2006, focus from the query",
    file: "duc2006/test.jsonl",
    protocol: recallCut(250),
    focus: true,
    target: "R-2 ≥ 9.9",
    anchors: "## DUC 2006",
    systems: ["roundup"],
  },
  {
    title: "DUC 2007 update, subset A, focus from the query",
    file: "duc2007-update/test.jsonl",
    protocol: recallCut(100),
    filter: (c) => c.id.endsWith("-A"),
    focus: true,
    target: "R-2 ≥ 11.5",
    anchors: "## DUC 2007",
    systems: ALL_SYSTEMS,
  },
  {
    title: "DUC 2007 update, subsets A–C as plain multi-document summarization (proxy for DUC 2004)",
    file: "duc2007-update/test.jsonl",
    protocol: recallCut(100),
    focus: false,
    systems: ALL_SYSTEMS,
  },
  {
    title: "DUC 2006 at 100 words, query ignored (proxy for DUC 2004)",
    file: "duc2006/test.jsonl",
    protocol: recallCut(100),
    focus: false,
    systems: ALL_SYSTEMS,
  },
];

interface Loaded {
  cluster: Cluster;
  articles: Article[];
}

async function load(file: string, filter?: (c: Cluster) => boolean) {
  const out: Loaded[] = [];
  for await (const { line, cluster, error } of readClusterLines(join(shared, file))) {
    if (error) throw error;
    if (cluster && (!filter || filter(cluster)))
      out.push({ cluster, articles: clusterToArticles(cluster, `${file} line ${line}`) });
  }
  return out;
}

/** Rows of the markdown table under a heading of ANCHORS.md: system name → cells by column name. */
function anchorRows(heading?: string): Array<{ system: string; cells: Record<string, string> }> {
  if (!heading) return [];
  const md = readFileSync(join(shared, "ANCHORS.md"), "utf8");
  const start = md.indexOf(heading);
  if (start < 0) return [];
  const lines = md.slice(start).split("\n").slice(1);
  const table = lines.slice(lines.findIndex((l) => l.startsWith("|")));
  const rows: Array<{ system: string; cells: Record<string, string> }> = [];
  let header: string[] = [];
  for (const l of table) {
    if (!l.startsWith("|")) break;
    const cells = l
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    if (header.length === 0) header = cells;
    else if (!/^-+$/.test(cells[0]))
      rows.push({ system: cells[0], cells: Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""])) });
  }
  return rows;
}

const pct = (x: number) => (100 * x).toFixed(2);

function qualityTable(set: DataSet, results: SystemResult[]): string {
  const head = `| system | R-1 | R-2 | R-SU4 | R-L | R-2 95 % CI | ms/cluster (median) |\n|---|---|---|---|---|---|---|`;
  const ours = results.map(
    (r) =>
      `| **${r.name}** | ${METRICS.map((m) => pct(r.means[m].mean)).join(" | ")} | ${pct(r.means["ROUGE-2"].low)}–${pct(r.means["ROUGE-2"].high)} | ${r.name.startsWith("roundup,") ? "" : r.ms.median.toFixed(1)} |`,
  );
  const anchors = anchorRows(set.anchors).map(
    (a) =>
      `| anchor: ${a.system} | ${a.cells["R-1"] ?? ""} | ${a.cells["R-2"] ?? ""} | ${a.cells["R-SU4"] ?? ""} | ${a.cells["R-L"] ?? ""} | ${a.cells["R-2 95 % CI"] ?? ""} | |`,
  );
  return [head, ...ours, ...anchors].join("\n");
}

/** Fold parameters of the shipped model (models/summarizer.json), fold k fitted without fold k's clusters. */
const foldParams = MODEL.training.foldParams as unknown as Array<Record<Regime, SummarizerParams>>;

/**
 * Roundup with each cluster summarized with parameters chosen per cluster: `paramsFor` gets the
 * cluster's cross-validation fold and the set's regime.
 */
function roundupWith(
  name: string,
  set: DataSet,
  data: Loaded[],
  ranks: ReadonlyMap<string, number>,
  paramsFor: (fold: number, regime: Regime) => SummarizerParams,
): SummarySource {
  const summaries = new Map<string, string[]>();
  const regime: Regime = set.protocol.overflow ? "cut" : "whole";
  for (const d of data) {
    const params = paramsFor(foldOf(ranks.get(topicOf(d.cluster.id))!), regime);
    const focus = set.focus ? queryFocus(d.cluster) : undefined;
    const options = {
      words: set.protocol.words,
      overflow: set.protocol.overflow,
      ...(focus ? { focus, wordVectors } : {}),
    };
    summaries.set(
      d.cluster.id,
      summarize(d.articles, options, params).sentences.map((s) => s.text),
    );
  }
  return { name, summaries };
}

const CV_NAME = `roundup, ${foldParams.length}-fold cross-validated`;
const HAND_NAME = "roundup, hand-set parameters (before training)";

async function quality(): Promise<string[]> {
  const out: string[] = ["## Quality on the development sets", ""];
  out.push(
    "Our ROUGE reproduces ROUGE-1.5.5 on all 440 conformance vectors. Scores ×100. **Bold** rows are measured here;",
    "`anchor:` rows are copied from `../shared/bench/ANCHORS.md` (official scorer). Roundup runs with its defaults",
    "(attribution on). Budget mode: the DUC protocols use overflow mode (`--overflow`: the last sentence may run",
    "past the budget, the scorer cuts at N words); Multi-News uses whole sentences within the budget, no cut.",
    "",
    "`roundup` uses the parameters in `models/summarizer.json`, fitted by `npm run train` on these very sets, so",
    "its rows are **in-sample**. `roundup, k-fold cross-validated` summarizes every cluster with the parameters",
    "fitted without that cluster's fold (clusters of one topic share a fold): the honest estimate.",
    "",
  );
  const head = out.length;
  const summary: string[] = [];
  for (const set of SETS) {
    const all = await load(set.file);
    const data = set.filter ? all.filter((d) => set.filter!(d.cluster)) : all;
    const ranks = topicRanks(all.map((d) => d.cluster.id));
    const sources: SummarySource[] = set.systems.map((system) => ({ system }));
    // Every cluster with the parameters of the fold that did not see it: never scored on what it was fit on.
    sources.splice(
      1,
      0,
      roundupWith(CV_NAME, set, data, ranks, (k, regime) => foldParams[k][regime]),
      roundupWith(HAND_NAME, set, data, ranks, () => START),
    );
    const t = performance.now();
    const results = evaluate(data, sources, {
      protocol: set.protocol,
      focusFromQuery: set.focus,
      wordVectors,
      now: () => performance.now(),
    });
    process.stderr.write(`${set.title}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    out.push(`### ${set.title} — ${set.protocol.name} (${data.length} clusters)`, "");
    out.push(
      `Flags: \`${set.protocol.flags}\`; summaries: ${set.protocol.overflow ? "overflow mode" : "whole sentences within the budget"}.`,
      "",
    );
    out.push(qualityTable(set, results), "");
    const pick = (name: string) => results.find((r) => r.name === name)!.means;
    const cell = (name: string) => `${pct(pick(name)["ROUGE-1"].mean)} / ${pct(pick(name)["ROUGE-2"].mean)}`;
    const best = anchorRows(set.anchors)
      .filter((a) => /best participant/.test(a.system))
      .map((a) => `${a.cells["R-1"]} / ${a.cells["R-2"]}`)[0];
    summary.push(
      `| ${set.title} | ${set.protocol.measure === "R" ? `recall, -l ${set.protocol.words}` : `F, ${set.protocol.words} words, no cut`} | ${set.protocol.overflow ? "overflow" : "whole sentences"} | ${cell(HAND_NAME)} | ${cell("roundup")} | **${cell(CV_NAME)}** | ${set.target ?? "—"} | ${best ?? "—"} |`,
    );
  }
  return [
    ...out.slice(0, head),
    "### Summary (R-1 / R-2)",
    "",
    "Hand-set: the defaults before training. In-sample: the shipped model on the sets it was fitted on.",
    "Cross-validated: each cluster with the parameters fitted without its fold. Targets from issue 4.",
    "",
    "| set | protocol | budget mode | hand-set | in-sample | cross-validated | target | best DUC participant |",
    "|---|---|---|---|---|---|---|---|",
    ...summary,
    "",
    ...out.slice(head),
  ];
}

// ---------------------------------------------------------------------------------------------
// DUC 2007 update task (issue 12): subsets B and C with the earlier subsets as read.

/** The official update-task averages (ROUGE-1.5.5, jackknifed, all subsets): summarizer id → recall. */
function officialAverages(file: string): Map<string, number> {
  const text = readFileSync(join(shared, "duc2007-update", "official", file), "utf8");
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const [id, value] = line.trim().split(/\s+/);
    if (id && value) out.set(id, Number(value));
  }
  return out;
}

/** Novelty settings searched by the leave-one-topic-out row (novelty.ts; the discount stays off). */
const NOVELTY_GRID: Array<Partial<SummarizerParams>> = [0, 0.3, 0.4, 0.5].flatMap((readTopicShare) =>
  (readTopicShare ? [1, 2, 3] : [1]).flatMap((readTopicDocs) =>
    [1, 0.6].map((readCopyMax) => ({ readTopicShare, readTopicDocs, readCopyMax })),
  ),
);

const UPDATE_AWARE = "roundup, update-aware (earlier subsets read)";
const UPDATE_CV = "roundup, update-aware, settings chosen leave-one-topic-out";
const UPDATE_FOCUS = "roundup, update-aware, focus from the query";
const UPDATE_PLAIN = "roundup, plain (each subset on its own documents)";

/**
 * DUC 2007 update task, subsets B and C: Roundup with the topic's earlier subsets as `read`, and
 * plain, against every participant re-scored with our ROUGE; then our re-scoring of the participants
 * beside NIST's own averages (jackknifed over the four references, all subsets).
 */
async function updateTask(): Promise<string[]> {
  const protocol = recallCut(100);
  const all = withEarlierSubsets(await load("duc2007-update/test.jsonl"));
  const updates = all.filter((d) => d.cluster.subset === "B" || d.cluster.subset === "C");
  const peersDir = join(shared, "duc2007-update", "peers");
  const peerFiles = readdirSync(peersDir)
    .filter((f) => /^\d+\.jsonl$/.test(f))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  const peers = await Promise.all(peerFiles.map((f) => readSummaries(join(peersDir, f))));
  const peerId = (name: string) => name.replace(/^duc2007u-/, "");
  const run = (params: Partial<SummarizerParams>, d: Loaded & { read?: Article[] }, focus = false) => {
    const q = focus ? queryFocus(d.cluster) : undefined;
    return summarize(
      d.articles,
      {
        words: protocol.words,
        overflow: true,
        ...(q ? { focus: q } : {}),
        ...(d.read ? { read: d.read } : {}),
      },
      params,
    ).sentences.map((s) => s.text);
  };
  // Leave one topic out: each topic's B and C with the grid point best on the other topics' B and C (R-2).
  const t0 = performance.now();
  const grid = NOVELTY_GRID.map((params) =>
    evaluate(
      updates,
      [{ name: "grid", summaries: new Map(updates.map((d) => [d.cluster.id, run(params, d)])) }],
      {
        protocol,
      },
    )[0].clusters.map((c) => c.scores["ROUGE-2"]),
  );
  const cv = new Map<string, string[]>();
  const picks = new Map<string, number>();
  for (const topic of new Set(updates.map((d) => d.cluster.topic))) {
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    grid.forEach((scores, g) => {
      const value = scores.reduce((a, x, k) => a + (updates[k].cluster.topic === topic ? 0 : x), 0);
      if (value > bestValue + 1e-12) {
        bestValue = value;
        best = g;
      }
    });
    picks.set(JSON.stringify(NOVELTY_GRID[best]), (picks.get(JSON.stringify(NOVELTY_GRID[best])) ?? 0) + 1);
    for (const d of updates) if (d.cluster.topic === topic) cv.set(d.cluster.id, run(NOVELTY_GRID[best], d));
  }
  const ours: SummarySource[] = [
    { name: UPDATE_AWARE, summaries: new Map(updates.map((d) => [d.cluster.id, run({}, d)])) },
    { name: UPDATE_CV, summaries: cv },
    { name: UPDATE_FOCUS, summaries: new Map(updates.map((d) => [d.cluster.id, run({}, d, true)])) },
    {
      name: UPDATE_PLAIN,
      summaries: new Map(updates.map((d) => [d.cluster.id, run({}, { ...d, read: undefined })])),
    },
  ];
  const out = ["## DUC 2007 update task, subsets B and C (earlier subsets read)", ""];
  out.push(
    "The NIST update setting: each topic's subset B is summarized for a reader who has read subset A, C for one who",
    "has read A and B (`roundup eval duc2007-update/test.jsonl --words 100 --measure recall --update --subsets B`).",
    `Recall ×100, cut at 100 words (\`${protocol.flags}\`), 10 clusters per subset, so differences under ~1.5 R-2`,
    "are noise. Update-aware Roundup (novelty.ts) leaves out a sentence that restates one the reader has read",
    `(bigram Jaccard ≥ ${DEFAULT_READ_COPY_MAX}) and one off the story they have read (under ${DEFAULT_READ_TOPIC_SHARE} of its content words`,
    `used by ≥ ${DEFAULT_READ_TOPIC_DOCS} read articles); those defaults were picked on these 20 clusters, so its row is in-sample.`,
    "The leave-one-topic-out row is the honest one: each topic summarized with the novelty settings that did best",
    `on the other nine topics' B and C (grid of ${NOVELTY_GRID.length}; picks: ${[...picks].map(([k, n]) => `${k} ×${n}`).join(", ")}).`,
    "The summarizer's own parameters (models/summarizer.json) were fitted on A–C as plain summarization, so the",
    "plain row is in-sample too. Participants: NIST's peers re-scored here; 35 is NIST's lead baseline and 58",
    "CLASSY04 (baselines), 36–57 the participants; **best participant** by our R-2 on the subset.",
    "",
  );
  for (const subset of ["B", "C"]) {
    const data = updates.filter((d) => d.cluster.subset === subset);
    const results = evaluate(data, [...ours, ...peers], { protocol });
    const participants = results.filter((r) => peers.some((p) => p.name === r.name));
    const best = participants
      .filter((r) => !["35", "58"].includes(peerId(r.name)))
      .sort((a, b) => b.means["ROUGE-2"].mean - a.means["ROUGE-2"].mean)[0];
    out.push(`### Subset ${subset} (${data.length} clusters, read: ${subset === "B" ? "A" : "A and B"})`, "");
    out.push("| system | R-1 | R-2 | R-SU4 | R-2 95 % CI |", "|---|---|---|---|---|");
    const sorted = [...results].sort(
      (a, b) => b.means["ROUGE-2"].mean - a.means["ROUGE-2"].mean || a.name.localeCompare(b.name),
    );
    for (const r of sorted) {
      const id = peerId(r.name);
      const label = r.name.startsWith("roundup")
        ? `**${r.name}**`
        : `NIST peer ${id}${id === "35" ? " (lead baseline)" : id === "58" ? " (CLASSY04 baseline)" : ""}${r === best ? " **(best participant)**" : ""}`;
      out.push(
        `| ${label} | ${pct(r.means["ROUGE-1"].mean)} | ${pct(r.means["ROUGE-2"].mean)} | ${pct(r.means["ROUGE-SU4"].mean)} | ${pct(r.means["ROUGE-2"].low)}–${pct(r.means["ROUGE-2"].high)} |`,
      );
    }
    out.push("");
  }
  // Our re-scoring against NIST's: jackknifed (each peer against every 3 of the 4 references, averaged),
  // all 30 clusters, as in the official .avg files.
  const official2 = officialAverages("ROUGE__rouge2.jk.m.avg");
  const officialSU4 = officialAverages("ROUGE__rougeSU4.jk.m.avg");
  const raw = await load("duc2007-update/test.jsonl");
  const folds = [0, 1, 2, 3].map((k) =>
    evaluate(
      raw.map((d) => ({
        ...d,
        cluster: { ...d.cluster, references: d.cluster.references!.filter((_, i) => i !== k) },
      })),
      peers,
      { protocol },
    ),
  );
  const plain = evaluate(raw, peers, { protocol });
  out.push(
    "### Our re-scoring of the participants beside NIST's (all subsets A–C, 30 clusters)",
    "",
    "NIST's figures are `official/ROUGE__rouge2.jk.m.avg` and `ROUGE__rougeSU4.jk.m.avg`: ROUGE-1.5.5 recall,",
    "jackknifed (each summary scored against every three of the four references, averaged). Ours: the same",
    "jackknife, and beside it the plain four-reference score the tables above use.",
    "",
    "| peer | R-2 ours, jackknifed | R-2 NIST | R-2 ours, 4 refs | R-SU4 ours, jackknifed | R-SU4 NIST |",
    "|---|---|---|---|---|---|",
  );
  let worst = 0;
  peers.forEach((p, i) => {
    const id = peerId(p.name);
    const jk = (m: "ROUGE-2" | "ROUGE-SU4") =>
      folds.reduce((a, f) => a + f[i].means[m].mean, 0) / folds.length;
    const o2 = official2.get(id);
    const oSU4 = officialSU4.get(id);
    if (o2 !== undefined) worst = Math.max(worst, Math.abs(jk("ROUGE-2") - o2));
    if (oSU4 !== undefined) worst = Math.max(worst, Math.abs(jk("ROUGE-SU4") - oSU4));
    out.push(
      `| ${id} | ${pct(jk("ROUGE-2"))} | ${o2 === undefined ? "" : pct(o2)} | ${pct(plain[i].means["ROUGE-2"].mean)} | ${pct(jk("ROUGE-SU4"))} | ${oSU4 === undefined ? "" : pct(oSU4)} |`,
    );
  });
  out.push("", `Largest difference from NIST's figures: ${pct(worst)} (×100).`, "");
  process.stderr.write(`DUC 2007 update task: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return out;
}

/** The heading `updateTask` writes, for regenerating that section alone (`--only update`). */
const UPDATE_HEADING = "## DUC 2007 update task, subsets B and C (earlier subsets read)";

/** What the trained model is and where it came from, from models/summarizer.json. */
function modelSection(): string[] {
  const t = MODEL.training;
  const out = ["## The model", ""];
  out.push(
    `\`models/summarizer.json\` was written by \`${t.command}\` (scripts/train.ts): ${t.method}; ${t.folds}-fold`,
    `cross-validation over clusters (${t.foldRule}). Training data (SHA-256):`,
    "",
    ...t.data.map((d) => `- \`${d.file}\` ${d.sha256}`),
    "",
    "Parameters per budget regime: `whole` (whole sentences within the budget, fitted on Multi-News) and",
    "`cut` (overflow mode under a scorer's cut, fitted on the DUC tasks). The focus parameters (boost and",
    "query expansion) are fitted last, on the focus tasks with the cut regime's other parameters fixed, and serve both.",
    "",
    "| parameter | hand-set | whole: fitted | whole: per fold | cut: fitted | cut: per fold |",
    "|---|---|---|---|---|---|",
  );
  const keys = new Set([
    ...Object.keys(t.grids.cut),
    ...Object.keys(t.grids.whole),
    ...Object.keys(FOCUS_GRID),
  ]);
  for (const key of keys as Set<keyof SummarizerParams>)
    out.push(
      `| ${key} | ${START[key]} | ${DEFAULT_PARAMS.whole[key]} | ${foldParams.map((p) => p.whole[key]).join(", ")} | ${DEFAULT_PARAMS.cut[key]} | ${foldParams.map((p) => p.cut[key]).join(", ")} |`,
    );
  out.push("");
  return out;
}

/**
 * Each component's contribution: the fitted model with one component switched off, on every training
 * task (R-1 / R-2 under the task's protocol, fast scorer: R-1 and R-2 only). In-sample, like the
 * fitted model's own row; the cross-validated row is the honest one.
 */
function ablations(): string[] {
  const tasks = loadTasks();
  const out = ["## Ablations", ""];
  out.push(
    "R-1 / R-2 ×100 on every training task (the official protocols and the 100-word proxies for DUC 2004).",
    "Each row switches one component off in the fitted model, so these are in-sample numbers except the",
    "cross-validated row. Budget mode per task: `F` tasks take whole sentences within the budget, `R` tasks",
    "run in overflow mode and are cut by the scorer.",
    "",
  );
  // Every task with its regime's parameters, changed by `change` (a function of the regime's own).
  const score = (change: (p: SummarizerParams, regime: Regime) => SummarizerParams) =>
    tasks.map((t) => {
      const regime = regimeOf(t.spec);
      return scoreTasks([t], change({ ...DEFAULT_PARAMS[regime] }, regime), wordVectors)[0];
    });
  const rows: Array<[string, number[][][]]> = [];
  const t0 = performance.now();
  rows.push(["fitted model (in-sample)", score((p) => p)]);
  // Cross-validated: every cluster scored with the fold that did not see it.
  const byFold = foldParams.map((fp) => score((_, regime) => fp[regime]));
  const ranks = new Map(tasks.map((t) => [t.spec.file, topicRanks(t.allIds)]));
  rows.push([
    `fitted model, ${foldParams.length}-fold cross-validated`,
    tasks.map((t, i) => t.items.map((it, k) => byFold[foldOf(ranks.get(t.spec.file)!.get(it.topic)!)][i][k])),
  ]);
  const other = (m: SummarizerParams["method"]) => (m === "exact" ? "greedy" : "exact");
  const variants: Array<[string, (p: SummarizerParams) => SummarizerParams]> = [
    ["hand-set parameters (no learned weights)", () => ({ ...START })],
    [
      "selection: the other method (exact ↔ greedy) in each regime",
      (p) => ({ ...p, method: other(p.method) }),
    ],
    ["selection: greedy everywhere (Lin & Bilmes 2010 cost-scaled)", (p) => ({ ...p, method: "greedy" })],
    ["selection: exact everywhere (branch and bound)", (p) => ({ ...p, method: "exact" })],
    ["exact search capped at 300 nodes", (p) => ({ ...p, searchNodes: 300 })],
    [
      "no position prior (no early bonus, no sentence prior)",
      (p) => ({ ...p, earlyBonus: 0, priorWeight: 0 }),
    ],
    ["no cross-source weighting (a concept counts once)", (p) => ({ ...p, crossSource: false })],
    ["no single-source discount, no df cut", (p) => ({ ...p, singleSourceFactor: 1, minDfShare: 0 })],
    ["no redundancy cap (coverage alone)", (p) => ({ ...p, redundancyMax: 1 })],
    ["sentence length floor 10 words (ICSI-style) instead of 6", (p) => ({ ...p, minWords: 10 })],
    ["focus without query expansion (its own words only)", (p) => ({ ...p, focusNeighbours: 0 })],
    ["no focus (query ignored on the focus tasks)", (p) => ({ ...p, focusBoost: 0 })],
  ];
  for (const [name, change] of variants) rows.push([name, score(change)]);
  process.stderr.write(`ablations: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const mean = (xs: number[][], m: number) => xs.reduce((a, x) => a + x[m], 0) / xs.length;
  out.push(
    `| variant | ${tasks.map((t) => t.spec.name).join(" | ")} |`,
    `|---|${tasks.map(() => "---").join("|")}|`,
  );
  for (const [name, scores] of rows)
    out.push(`| ${name} | ${scores.map((s) => `${pct(mean(s, 0))} / ${pct(mean(s, 1))}`).join(" | ")} |`);
  out.push("");
  return out;
}

/** The official DUC 2006 participants and the Multi-News peer outputs, re-scored with our ROUGE. */
async function rescore(): Promise<string[]> {
  const out = ["## Re-scoring published outputs with our ROUGE", ""];
  out.push(
    "End-to-end check that our protocol matches the published one: the same summaries, our scorer, the anchor beside it.",
    "",
  );
  const duc = await load("duc2006/test.jsonl");
  const protocol = recallCut(250);
  const peersDir = join(shared, "duc2006", "peers");
  const anchors = new Map(anchorRows("## DUC 2006").map((a) => [a.system, a.cells]));
  const files = readdirSync(peersDir).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  const external = await Promise.all(files.map((f) => readSummaries(join(peersDir, f))));
  const results = evaluate(duc, external, { protocol });
  out.push("### DUC 2006 participants (recall, cut at 250 words)", "");
  out.push(
    "| peer | R-1 ours | R-1 anchor | R-2 ours | R-2 anchor | R-SU4 ours | R-SU4 anchor |",
    "|---|---|---|---|---|---|---|",
  );
  for (const r of results) {
    const id = r.name.replace(/^duc2006-/, "");
    const a =
      anchors.get(`NIST peer ${id}`) ??
      anchors.get(`NIST peer ${id} (best participant)`) ??
      (id === "1" ? anchors.get("NIST lead baseline (peer 1)") : undefined);
    if (!a) continue;
    out.push(
      `| ${id} | ${pct(r.means["ROUGE-1"].mean)} | ${a["R-1"]} | ${pct(r.means["ROUGE-2"].mean)} | ${a["R-2"]} | ${pct(r.means["ROUGE-SU4"].mean)} | ${a["R-SU4"]} |`,
    );
  }
  const best = [...results].sort((x, y) => y.means["ROUGE-2"].mean - x.means["ROUGE-2"].mean).slice(0, 3);
  out.push(
    "",
    `Best three participants by our R-2: ${best.map((r) => `${r.name} ${pct(r.means["ROUGE-2"].mean)}`).join(", ")}.`,
    "",
  );

  const mn = await load("multinews-dev.jsonl");
  const base = join(shared, "baselines");
  const mnAnchors = new Map(anchorRows("## Multi-News dev").map((a) => [a.system, a.cells]));
  const mnFiles = [
    ["multinews-dev-lead.jsonl", "lead (`baselines/multinews-dev-lead.jsonl`)"],
    ["multinews-dev-lead-each.jsonl", "lead-each (`baselines/multinews-dev-lead-each.jsonl`)"],
    ["multinews-dev-sumy-lexrank.jsonl", "sumy LexRank"],
    ["multinews-dev-npm-lexrank.jsonl", "npm lexrank"],
  ];
  const ext = await Promise.all(mnFiles.map(([f]) => readSummaries(join(base, f))));
  const mnResults = evaluate(mn, ext, { protocol: MULTI_NEWS_F });
  out.push("### Multi-News dev peer outputs (F, no cut)", "");
  out.push(
    "| output | R-1 ours | R-1 anchor | R-2 ours | R-2 anchor | R-SU4 ours | R-SU4 anchor | R-L ours | R-L anchor |",
    "|---|---|---|---|---|---|---|---|---|",
  );
  mnResults.forEach((r, i) => {
    const a = mnAnchors.get(mnFiles[i][1]) ?? {};
    out.push(
      `| ${mnFiles[i][0]} | ${pct(r.means["ROUGE-1"].mean)} | ${a["R-1"] ?? ""} | ${pct(r.means["ROUGE-2"].mean)} | ${a["R-2"] ?? ""} | ${pct(r.means["ROUGE-SU4"].mean)} | ${a["R-SU4"] ?? ""} | ${pct(r.means["ROUGE-L"].mean)} | ${a["R-L"] ?? ""} |`,
    );
  });
  out.push(
    "",
    "R-1, R-2 and R-SU4 do not depend on how a summary is cut into sentences and agree within 0.03. R-L (summary-level",
    "union LCS) does: we split references with our sentence splitter, the anchors with another, hence ~0.3–0.5 apart.",
    "",
  );
  return out;
}

function cliBatch(): string[] {
  const out = ["### Batch CLI over Multi-News dev (100 clusters, one process, start-up included)", ""];
  const tmp = mkdtempSync(join(tmpdir(), "roundup-bench-"));
  const outFile = join(tmp, "out.jsonl");
  const probe =
    "process.on('exit',()=>process.stderr.write('\\nmaxrss '+process.resourceUsage().maxRSS+'\\n'));process.argv.splice(1,0,'roundup');await import('./src/apps/bin.ts')";
  const times: number[] = [];
  let rss = 0;
  for (let rep = 0; rep < 3; rep++) {
    const t = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        probe,
        "summarize",
        "--jsonl",
        join(shared, "multinews-dev.jsonl"),
        "--out",
        outFile,
      ],
      { cwd: repo, encoding: "utf8" },
    );
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`batch CLI failed: ${r.stderr}`);
    rss = Math.max(rss, Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? 0));
  }
  const lines = readFileSync(outFile, "utf8").trim().split("\n").length;
  out.push(
    `\`roundup summarize --jsonl multinews-dev.jsonl --out OUT\`: ${lines} roundups; wall time ${(median(times) / 1000).toFixed(2)} s (median of 3), peak RSS ${(rss / 1024).toFixed(0)} MB.`,
    "",
  );
  return out;
}

async function speed(): Promise<string[]> {
  const out = [
    "## Speed",
    "",
    `Machine: ${process.arch}, Node ${process.version}, 2 cores. Times are wall-clock in one long-lived process after a warm-up, start-up excluded unless said.`,
    "",
  ];
  out.push(...cliBatch());
  out.push(
    "### Per cluster, in process",
    "",
    `Selection: ${DEFAULT_PARAMS.whole.method} with whole sentences within the budget, ${DEFAULT_PARAMS.cut.method} in overflow mode (the DUC protocols).`,
    "",
    "| set | budget | clusters | median ms | p95 ms | clusters/s |",
    "|---|---|---|---|---|---|",
  );
  for (const [name, file, words, overflow, filter] of [
    ["Multi-News dev", "multinews-dev.jsonl", 250, false, undefined],
    ["DUC 2006 (25 docs)", "duc2006/test.jsonl", 250, false, undefined],
    ["DUC 2006 (25 docs)", "duc2006/test.jsonl", 250, true, undefined],
    ["DUC 2006 (25 docs)", "duc2006/test.jsonl", 100, true, undefined],
    ["DUC 2007 A (~10 docs)", "duc2007-update/test.jsonl", 100, false, (c: Cluster) => c.id.endsWith("-A")],
    ["DUC 2007 A–C (~8 docs)", "duc2007-update/test.jsonl", 100, true, undefined],
  ] as const) {
    const data = await load(file, filter);
    const options = { words, overflow };
    for (const d of data.slice(0, 5)) summarize(d.articles, options); // warm-up
    const times: number[] = [];
    const t0 = performance.now();
    for (const d of data) {
      const t = performance.now();
      summarize(d.articles, options);
      times.push(performance.now() - t);
    }
    const total = performance.now() - t0;
    out.push(
      `| ${name} | ${words} words, ${overflow ? "overflow" : "whole sentences"} | ${data.length} | ${median(times).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${((data.length / total) * 1000).toFixed(1)} |`,
    );
  }
  out.push(
    "",
    "### Growth with cluster size",
    "",
    "Synthetic clusters: the documents of the Multi-News dev and DUC 2006 clusters concatenated in file order;",
    `250-word roundups, whole sentences (${DEFAULT_PARAMS.whole.method}) and overflow (${DEFAULT_PARAMS.cut.method}; the exact search's effort is capped, so it stays linear).`,
    "",
  );
  out.push(
    "| articles | sentences | ms, whole sentences (median of 3) | ms per article | ms, overflow (median of 3) |",
    "|---|---|---|---|---|",
  );
  const pool = [...(await load("multinews-dev.jsonl")), ...(await load("duc2006/test.jsonl"))].flatMap(
    (d) => d.articles,
  );
  for (const n of quick ? [1, 10, 50] : [1, 10, 50, 200, 1000]) {
    const articles = pool.slice(0, n);
    const time = (overflow: boolean) => {
      const times: number[] = [];
      for (let rep = 0; rep < 3; rep++) {
        const t = performance.now();
        summarize(articles, { words: 250, overflow });
        times.push(performance.now() - t);
      }
      return median(times);
    };
    const whole = time(false);
    const cut = time(true);
    const total = articles.reduce((k, a) => k + a.text.split(/[.!?]\s/).length, 0);
    out.push(`| ${n} | ~${total} | ${whole.toFixed(1)} | ${(whole / n).toFixed(2)} | ${cut.toFixed(1)} |`);
  }
  out.push(
    "",
    `Peak RSS of the bench process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB.`,
    "",
  );
  return out;
}

if (!existsSync(shared)) {
  process.stderr.write(
    `bench: ${shared} not found: the development sets live in ../shared beside the repository\n`,
  );
  process.exit(1);
}
// `--only update`: regenerate the update-task section alone and put it in place in RESULTS.md (the rest
// of the file as the last full run wrote it).
if (process.argv.includes("--only") && process.argv[process.argv.indexOf("--only") + 1] === "update") {
  const path = join(repo, "bench", "RESULTS.md");
  const md = readFileSync(path, "utf8");
  const section = `${(await updateTask()).join("\n")}\n`;
  const start = md.indexOf(UPDATE_HEADING);
  const model = md.indexOf("\n## The model");
  const next = start < 0 ? -1 : md.indexOf("\n## ", start + UPDATE_HEADING.length);
  const spliced =
    start >= 0
      ? `${md.slice(0, start)}${section}${next < 0 ? "" : md.slice(next + 1)}`
      : `${md.slice(0, model + 1)}${section}${md.slice(model + 1)}`;
  writeFileSync(path, spliced);
  process.stderr.write("bench: rewrote the DUC 2007 update section of bench/RESULTS.md\n");
  process.exit(0);
}
const started = performance.now();
const sections = [
  "# Benchmark results",
  "",
  `Written by \`npm run bench\` (bench/run.ts). Data: \`../shared/bench\`, read in place.`,
  "",
  ...(await quality()),
  ...(await updateTask()),
  ...modelSection(),
  ...ablations(),
  ...(await rescore()),
  ...(await speed()),
];
sections.push(`Benchmark run time: ${((performance.now() - started) / 1000).toFixed(0)} s.`, "");
// The desk and load benchmarks run separately (`npm run bench:desk`, `npm run bench:load`: a server, 100k
// articles); their latest results are carried into RESULTS.md so one file holds every number.
for (const [file, command] of [
  ["DESK.md", "npm run bench:desk"],
  ["LOAD.md", "npm run bench:load"],
  ["STORIES.md", "npm run bench:stories"],
  ["STARTUP.md", "npm run bench:startup"],
] as const) {
  const path = join(repo, "bench", file);
  if (existsSync(path))
    sections.push("", carriedMarker(file, command), readFileSync(path, "utf8").trim(), "");
}
writeFileSync(join(repo, "bench", "RESULTS.md"), sections.join("\n"));
process.stderr.write(
  `bench: wrote bench/RESULTS.md in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);
