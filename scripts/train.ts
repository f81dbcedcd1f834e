// `npm run train`: fits the summarizer's parameters (src/summarize/params.ts), one set per budget regime,
// on the development sets in ../shared/bench (read in place) by exhaustive search of a small grid, with
// k-fold cross-validation over clusters, and writes models/summarizer.json: the parameters fitted on all
// clusters, each fold's parameters (bench/run.ts scores every cluster with the fold that did not see it),
// the SHA-256 of the training data and the command that made it. Deterministic: same data, same model.
// Two worker threads score the grid points; about 250 s of CPU.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread, parentPort, type Worker, workerData } from "node:worker_threads";
import { summarySentences } from "../src/evaluate/evaluate.ts";
import {
  countsToPrf,
  type PreparedReferences,
  parseRougeFlags,
  prepareReferences,
  scorePreparedCounts,
} from "../src/evaluate/rouge.ts";
import { queryFocus } from "../src/evaluate/systems.ts";
import { clusterToArticles } from "../src/ingest/index.ts";
import type { Cluster } from "../src/model/types.ts";
import { type PreparedArticle, prepareArticles } from "../src/summarize/01-prepare.ts";
import { type ClusterFeatures, computeFeatures } from "../src/summarize/02-features.ts";
import { summarizeFeatures } from "../src/summarize/index.ts";
import { MODEL_VERSION, type Regime, type SummarizerParams } from "../src/summarize/params.ts";
import { loadWordVectors, type WordVectors } from "../src/text/embeddings.ts";
import { moduleWorker } from "../src/util/worker.ts";

const repo = fileURLToPath(new URL("../", import.meta.url));
export const SHARED_BENCH = join(repo, "..", "shared", "bench");
export const MODEL_PATH = join(repo, "models", "summarizer.json");
export const TRAIN_COMMAND = "npm run train";

/** Data files the model is fitted on, relative to ../shared/bench. */
export const TRAIN_FILES = ["multinews-dev.jsonl", "duc2006/test.jsonl", "duc2007-update/test.jsonl"];

/** Folds of the cross-validation. */
export const FOLDS = 5;

/**
 * The fold a cluster belongs to. Clusters of one topic stay together: DUC 2007's update subsets
 * A, B and C of a topic (same story) share a fold; so do a DUC 2006 topic's runs under every protocol.
 * Rule: the topic's rank among the file's topics (file order), modulo FOLDS.
 */
export function foldOf(topicRank: number): number {
  return topicRank % FOLDS;
}

/** Topic of a cluster id: "D0703A-B" → "D0703A"; other ids are their own topic. */
export function topicOf(id: string): string {
  return id.replace(/-[ABC]$/, "");
}

/** Rank of every topic among a file's cluster ids (all of them, in file order). */
export function topicRanks(ids: readonly string[]): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const id of ids) {
    const topic = topicOf(id);
    if (!ranks.has(topic)) ranks.set(topic, ranks.size);
  }
  return ranks;
}

/** A training task: a data set under one protocol, and its weight in the objective. */
export interface TaskSpec {
  name: string;
  file: string;
  /** Summary budget; with `cut` the scorer cuts at it (DUC: recall, overflow) else F, whole sentences. */
  words: number;
  cut: boolean;
  focus: boolean;
  filter?: "A";
  /** Weight in its regime's objective. */
  weight: number;
}

/** The regime a task's protocol runs in. */
export const regimeOf = (spec: TaskSpec): Regime => (spec.cut ? "cut" : "whole");
export const REGIMES: readonly Regime[] = ["cut", "whole"];

/**
 * The tasks: the official protocols, plus 100-word proxies for DUC 2004 (DUC 2007 A–C as plain
 * multi-document summarization, DUC 2006 cut at 100). Each regime (params.ts) is fitted on its own
 * tasks: `whole` on Multi-News (the acceptance set is Newser clusters), `cut` on the DUC tasks, where the
 * 100-word ones weigh double (the acceptance set is 100-word DUC 2004).
 */
export const TASKS: TaskSpec[] = [
  {
    name: "Multi-News dev (F, 250 words)",
    file: "multinews-dev.jsonl",
    words: 250,
    cut: false,
    focus: false,
    weight: 2,
  },
  {
    name: "DUC 2006, query ignored (R, -l 250)",
    file: "duc2006/test.jsonl",
    words: 250,
    cut: true,
    focus: false,
    weight: 1,
  },
  {
    name: "DUC 2006, focus (R, -l 250)",
    file: "duc2006/test.jsonl",
    words: 250,
    cut: true,
    focus: true,
    weight: 1,
  },
  {
    name: "DUC 2007 A, focus (R, -l 100)",
    file: "duc2007-update/test.jsonl",
    words: 100,
    cut: true,
    focus: true,
    filter: "A",
    weight: 1,
  },
  {
    name: "DUC 2007 A–C, no focus (R, -l 100)",
    file: "duc2007-update/test.jsonl",
    words: 100,
    cut: true,
    focus: false,
    weight: 2,
  },
  {
    name: "DUC 2006 at 100, no focus (R, -l 100)",
    file: "duc2006/test.jsonl",
    words: 100,
    cut: true,
    focus: false,
    weight: 2,
  },
];

/** The score a task adds to the objective for one cluster: R-2 plus a quarter of R-1 (×100). */
const clusterObjective = (r1: number, r2: number) => 100 * (r2 + r1 / 4);

/** Values a parameter may take in a regime's grid. */
export type Grid = { [K in keyof SummarizerParams]?: ReadonlyArray<SummarizerParams[K]> };

/**
 * The grids, searched exhaustively (every combination; few levels, since on ~100 clusters per regime a
 * larger grid fitted noise and lost cross-validated score). The levels were set during development on
 * these sets; cross-validation guards the choice among them, not the grid's design. The focus boost is
 * fitted where there are queries (the cut regime's DUC tasks) and the whole-sentence regime takes it over.
 */
export const GRIDS: Record<Regime, Grid> = {
  cut: {
    method: ["greedy", "exact"],
    earlyDecay: [4, 8],
    priorWeight: [1, 4],
    minDfShare: [0, 0.15],
    redundancyMax: [0.4, 0.55],
    focusBoost: [0.5, 1],
  },
  whole: {
    method: ["greedy", "exact"],
    earlyDecay: [4, 12],
    priorWeight: [2, 6],
    earlyBonus: [0.5, 1],
    redundancyMax: [0.3, 0.55],
  },
};

/**
 * The focus stage (cut regime, then taken over by the whole-sentence one): with the regime's other
 * parameters fitted, the focus parameters are fitted on the focus tasks alone (they change nothing
 * without a focus, so this is one coordinate step of the same objective, and the other parameters stay
 * what they were fitted to). Expansion off (0 neighbours) is a level, so the search may decline it.
 */
export const FOCUS_GRID: Grid = {
  focusBoost: [0.5, 1, 2],
  focusNeighbours: [0, 30],
  focusExpansion: [0.5, 1],
};

/** Hand-set values (the summarizer's defaults before training): every parameter a grid leaves alone. */
export const START: SummarizerParams = {
  earlyBonus: 1,
  earlyDecay: 4,
  minDfShare: 0,
  singleSourceFactor: 0.35,
  focusBoost: 2,
  focusNeighbours: 0,
  focusExpansion: 0.5,
  crossSource: true,
  method: "greedy",
  priorWeight: 2,
  lengthExponent: 0.6,
  redundancyMax: 0.55,
  minWords: 6,
  searchCandidates: 120,
  searchNodes: 4000,
  leadSourceBoost: 0,
  leadSourceShortness: 0,
  leadSourceMaxGroups: 2,
};

/** Every combination of a grid's values over `base`, in a fixed order (the first key varies slowest). */
export function gridPoints(grid: Grid, base: SummarizerParams): SummarizerParams[] {
  let points: SummarizerParams[] = [base];
  for (const [key, values] of Object.entries(grid))
    points = points.flatMap((p) =>
      (values as unknown[]).map((v) => ({ ...p, [key]: v }) as SummarizerParams),
    );
  return points;
}

// ---------------------------------------------------------------------------------------------
// Evaluation (runs in workers)

interface Item {
  topic: string;
  cluster: Cluster;
  prepared: PreparedArticle[];
  features: ClusterFeatures;
}

export interface LoadedTask {
  spec: TaskSpec;
  items: Item[];
  refs: PreparedReferences[];
  /** Every cluster id of the task's file, in file order (for folds). */
  allIds: string[];
}

/** Loads the data sets once (features are computed once per cluster and shared by the tasks). */
export function loadTasks(): LoadedTask[] {
  const byFile = new Map<string, Item[]>();
  for (const file of new Set(TASKS.map((t) => t.file))) {
    const lines = readFileSync(join(SHARED_BENCH, file), "utf8").split("\n").filter(Boolean);
    byFile.set(
      file,
      lines.map((line, k) => {
        const cluster = JSON.parse(line) as Cluster;
        const prepared = prepareArticles(clusterToArticles(cluster, `${file} line ${k + 1}`));
        return { topic: topicOf(cluster.id), cluster, prepared, features: computeFeatures(prepared) };
      }),
    );
  }
  return TASKS.map((spec) => {
    const items = byFile
      .get(spec.file)!
      .filter((i) => !spec.filter || i.cluster.id.endsWith(`-${spec.filter}`));
    const rouge = parseRougeFlags(`-n 2 -m -x -f A -p 0.5${spec.cut ? ` -l ${spec.words}` : ""}`);
    const refs = items.map((i) =>
      prepareReferences(
        (i.cluster.references ?? []).map((r) => summarySentences(r)),
        rouge,
      ),
    );
    return { spec, items, refs, allIds: byFile.get(spec.file)!.map((i) => i.cluster.id) };
  });
}

/**
 * Per task, per cluster: [R-1, R-2] (recall under a cut, else F) of the summaries made with `params`;
 * `wordVectors` expand the focus of the focus tasks.
 */
export function scoreTasks(
  tasks: readonly LoadedTask[],
  params: SummarizerParams,
  wordVectors?: WordVectors,
): number[][][] {
  return tasks.map(({ spec, items, refs }) =>
    items.map((it, k) => {
      const focus = spec.focus ? queryFocus(it.cluster) : undefined;
      const r = summarizeFeatures(
        it.prepared,
        it.features,
        { words: spec.words, overflow: spec.cut, ...(focus ? { focus, wordVectors } : {}) },
        params,
      );
      const counts = scorePreparedCounts(
        r.sentences.map((s) => s.text),
        refs[k],
      );
      const m = spec.cut ? "R" : "F";
      return [countsToPrf(counts["ROUGE-1"])[m], countsToPrf(counts["ROUGE-2"])[m]];
    }),
  );
}

if (!isMainThread && workerData?.role === "train-worker") {
  const tasks = loadTasks();
  const vectors = await loadWordVectors();
  parentPort!.postMessage({ ready: true });
  parentPort!.on("message", (msg: { id: number; regime: Regime; params: SummarizerParams }) => {
    const mine = tasks.filter((t) => regimeOf(t.spec) === msg.regime);
    parentPort!.postMessage({ id: msg.id, scores: scoreTasks(mine, msg.params, vectors) });
  });
}

// ---------------------------------------------------------------------------------------------
// Search (main thread)

type Scores = number[][][];

/** Evaluates configurations on a pool of workers, each configuration once. */
export class Pool {
  private readonly workers: Worker[] = [];
  private readonly cache = new Map<string, Promise<Scores>>();
  private readonly waiting = new Map<number, (s: Scores) => void>();
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ id: number; regime: Regime; params: SummarizerParams }> = [];
  private next = 0;
  evaluations = 0;

  async start(n: number): Promise<void> {
    await Promise.all(
      Array.from({ length: n }, async () => {
        const w = moduleWorker(new URL(import.meta.url), { workerData: { role: "train-worker" } });
        await new Promise<void>((resolve, reject) => {
          w.once("message", () => resolve());
          w.once("error", reject);
        });
        w.on("message", (msg: { id: number; scores: Scores }) => {
          this.waiting.get(msg.id)!(msg.scores);
          this.waiting.delete(msg.id);
          this.idle.push(w);
          this.pump();
        });
        this.workers.push(w);
        this.idle.push(w);
      }),
    );
  }

  /** Scores of the regime's tasks (in TASKS order) under `params`. */
  scores(regime: Regime, params: SummarizerParams): Promise<Scores> {
    const key = `${regime} ${JSON.stringify(params)}`;
    let p = this.cache.get(key);
    if (!p) {
      this.evaluations++;
      const id = this.next++;
      p = new Promise<Scores>((resolve) => this.waiting.set(id, resolve));
      this.queue.push({ id, regime, params });
      this.pump();
      this.cache.set(key, p);
    }
    return p;
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) this.idle.pop()!.postMessage(this.queue.shift());
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Weighted mean over tasks of the mean cluster objective, over the clusters `use` admits. */
function objective(
  scores: Scores,
  tasks: readonly LoadedTask[],
  use: (t: number, k: number) => boolean,
): number {
  let total = 0;
  let weights = 0;
  tasks.forEach((task, t) => {
    let sum = 0;
    let n = 0;
    scores[t].forEach(([r1, r2], k) => {
      if (!use(t, k)) return;
      sum += clusterObjective(r1, r2);
      n++;
    });
    if (n === 0) return;
    total += task.spec.weight * (sum / n);
    weights += task.spec.weight;
  });
  return weights > 0 ? total / weights : 0;
}

/** The grid point with the best objective over the clusters `use` admits (ties: the earlier point). */
function best(
  points: readonly SummarizerParams[],
  scores: readonly Scores[],
  tasks: readonly LoadedTask[],
  use: (t: number, k: number) => boolean,
): { params: SummarizerParams; value: number } {
  let pick = 0;
  let value = Number.NEGATIVE_INFINITY;
  scores.forEach((s, i) => {
    const v = objective(s, tasks, use);
    if (v > value + 1e-9) {
      value = v;
      pick = i;
    }
  });
  return { params: points[pick], value };
}

/** The focus parameters of a fit (the whole-sentence regime takes the cut regime's). */
const focusParams = (p: SummarizerParams) => ({
  focusBoost: p.focusBoost,
  focusNeighbours: p.focusNeighbours,
  focusExpansion: p.focusExpansion,
});

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const describe = (p: SummarizerParams, grid: Grid) =>
  Object.keys(grid)
    .map((k) => `${k} ${p[k as keyof SummarizerParams]}`)
    .join(", ");
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round2 = (x: number) => Math.round(x * 10_000) / 100;

async function main(): Promise<void> {
  if (!existsSync(SHARED_BENCH)) {
    process.stderr.write(`train: ${SHARED_BENCH} not found: the development sets live in ../shared\n`);
    process.exit(1);
  }
  const started = performance.now();
  const log = (s: string) => process.stderr.write(`${s}\n`);
  // The workers load the data themselves: start them first, so they load while this thread does.
  const pool = new Pool();
  const starting = pool.start(Math.max(1, Math.min(2, cpus().length)));
  const tasks = loadTasks();
  // Fold of every cluster of every task, by topic rank in its file.
  const fold = tasks.map((t) => {
    const ranks = topicRanks(t.allIds);
    return t.items.map((it) => foldOf(ranks.get(it.topic)!));
  });
  await starting;
  log(`train: data loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  // Each regime on its own tasks; the cut regime first, so the whole-sentence one can take its focus
  // boost (fold by fold). Every grid point is scored once on every cluster; a fold's fit is the best
  // point on the other folds' clusters.
  const foldParams: Array<Record<Regime, SummarizerParams>> = Array.from({ length: FOLDS }, () => ({
    cut: { ...START },
    whole: { ...START },
  }));
  const params: Record<Regime, SummarizerParams> = { cut: { ...START }, whole: { ...START } };
  const values: Partial<Record<Regime, number>> = {};
  const heldOut: Scores = tasks.map((t) => t.items.map(() => [0, 0]));
  const inSample: Scores = tasks.map((t) => t.items.map(() => [0, 0]));
  const start: Scores = tasks.map((t) => t.items.map(() => [0, 0]));
  for (const regime of REGIMES) {
    const ids = tasks.flatMap((t, i) => (regimeOf(t.spec) === regime ? [i] : []));
    const mine = ids.map((i) => tasks[i]);
    const fit = async (focusFrom: SummarizerParams, use: (t: number, i: number) => boolean) => {
      const base = regime === "whole" ? { ...START, ...focusParams(focusFrom) } : START;
      const points = gridPoints(GRIDS[regime], base);
      const scores = await Promise.all(points.map((p) => pool.scores(regime, p)));
      let found = best(points, scores, mine, use);
      if (regime === "cut") {
        // The focus stage: the focus parameters on the focus tasks, the others as just fitted.
        const focusPoints = gridPoints(FOCUS_GRID, found.params);
        const focusScores = await Promise.all(focusPoints.map((p) => pool.scores(regime, p)));
        const picked = best(focusPoints, focusScores, mine, (t, i) => mine[t].spec.focus && use(t, i)).params;
        found = { params: picked, value: objective(await pool.scores(regime, picked), mine, use) };
      }
      return { ...found, scores: (p: SummarizerParams) => pool.scores(regime, p) };
    };
    for (let k = 0; k < FOLDS; k++) {
      const fitted = await fit(foldParams[k].cut, (t, i) => fold[ids[t]][i] !== k);
      foldParams[k][regime] = fitted.params;
      const s = await fitted.scores(fitted.params);
      ids.forEach((t, j) => {
        for (let i = 0; i < s[j].length; i++) if (fold[t][i] === k) heldOut[t][i] = s[j][i];
      });
      log(`${regime}, fold ${k + 1}/${FOLDS}: ${describe(fitted.params, GRIDS[regime])}`);
    }
    const fitted = await fit(params.cut, () => true);
    params[regime] = fitted.params;
    values[regime] = Math.round(fitted.value * 1000) / 1000;
    log(`${regime}, all clusters: ${describe(fitted.params, GRIDS[regime])}`);
    const all = await fitted.scores(fitted.params);
    const hand = await pool.scores(regime, START);
    ids.forEach((t, j) => {
      inSample[t] = all[j];
      start[t] = hand[j];
    });
  }
  await pool.stop();

  const summary = (s: Scores) =>
    Object.fromEntries(
      tasks.map((t, i) => [
        t.spec.name,
        { "R-1": round2(mean(s[i].map((x) => x[0]))), "R-2": round2(mean(s[i].map((x) => x[1]))) },
      ]),
    );
  const model = {
    version: MODEL_VERSION,
    params,
    training: {
      command: TRAIN_COMMAND,
      data: TRAIN_FILES.map((file) => ({
        file: `../shared/bench/${file}`,
        sha256: sha256(join(SHARED_BENCH, file)),
      })),
      method:
        "per regime, exhaustive search of a small grid (other parameters hand-set), then the focus grid on the focus tasks with the rest fixed (cut regime; the whole-sentence regime takes its focus parameters); objective: weighted mean over the regime's tasks of mean per-cluster (R-2 + R-1/4)",
      tasks: TASKS,
      grids: GRIDS,
      focusGrid: FOCUS_GRID,
      start: START,
      folds: FOLDS,
      foldRule: "topic rank in its file (file order; DUC 2007 A–C of one topic together) modulo folds",
      foldParams,
      objective: { ...values, evaluations: pool.evaluations },
      crossValidated: summary(heldOut),
      inSample: summary(inSample),
      handSet: summary(start),
    },
  };
  writeFileSync(MODEL_PATH, `${JSON.stringify(model, null, 2)}\n`);
  log(
    `train: wrote ${MODEL_PATH} (${pool.evaluations} configurations) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  for (const t of tasks) {
    const name = t.spec.name;
    const cv = model.training.crossValidated[name];
    const ins = model.training.inSample[name];
    const hs = model.training.handSet[name];
    log(
      `  ${name.padEnd(42)} hand ${hs["R-1"].toFixed(2)}/${hs["R-2"].toFixed(2)}  CV ${cv["R-1"].toFixed(2)}/${cv["R-2"].toFixed(2)}  in-sample ${ins["R-1"].toFixed(2)}/${ins["R-2"].toFixed(2)}`,
    );
  }
}

if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
