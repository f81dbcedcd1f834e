import type { Article, Cluster } from "../model/types.ts";
import type { WordVectors } from "../text/embeddings.ts";
import { splitSentences } from "../text/sentences.ts";
import { parseRougeFlags, prepareReferences, scorePrepared } from "./rouge.ts";
import { bootstrapCI, type ConfidenceInterval, median, percentile } from "./stats.ts";
import { queryFocus, runSystem, type SystemName } from "./systems.ts";

/** The metrics reported, in table order. */
export const METRICS = ["ROUGE-1", "ROUGE-2", "ROUGE-SU4", "ROUGE-L"] as const;
export type Metric = (typeof METRICS)[number];

/** How a data set is scored: the official flags, which of R/P/F counts, and the summary budget. */
export interface Protocol {
  name: string;
  /** ROUGE-1.5.5 flags (without the model/peer file arguments). */
  flags: string;
  measure: "R" | "F";
  /** Summary budget in words. */
  words: number;
  /** Summaries may run past the budget because the scorer cuts them (`-l` / `-b`). */
  overflow: boolean;
}

/** Base flags of every protocol in ../shared/README.md: stemming, stopwords kept, SU4, references pooled. */
export const BASE_FLAGS = "-n 2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a";

/**
 * Protocol from the user's choices: a word cut (`-l N`, DUC style: summaries may overflow, the scorer cuts),
 * a byte cut (`-b N`), or none (the Multi-News protocol: whole sentences within the budget, no cut).
 */
export function makeProtocol(o: { words?: number; bytes?: number; measure?: "recall" | "f" }): Protocol {
  const measure = o.measure === "recall" ? "R" : "F";
  if (o.bytes !== undefined)
    return {
      name: `${o.bytes} bytes`,
      flags: `${BASE_FLAGS} -b ${o.bytes}`,
      measure,
      words: Math.ceil(o.bytes / 5),
      overflow: true,
    };
  if (o.words !== undefined)
    return {
      name: `${o.words} words`,
      flags: `${BASE_FLAGS} -l ${o.words}`,
      measure,
      words: o.words,
      overflow: true,
    };
  return { name: "250 words, no cut", flags: BASE_FLAGS, measure, words: 250, overflow: false };
}

/** A system's output for one cluster, or summaries produced elsewhere. */
export type SummarySource =
  | { system: SystemName }
  | { name: string; summaries: ReadonlyMap<string, string[]> };

export interface ClusterScore {
  id: string;
  scores: Record<Metric, number>;
  ms: number;
}

export interface SystemResult {
  name: string;
  clusters: ClusterScore[];
  means: Record<Metric, ConfidenceInterval>;
  ms: { median: number; p95: number };
  /** Clusters the system had no summary for (external summaries only). */
  missing: string[];
}

export interface EvaluateOptions {
  protocol: Protocol;
  focusFromQuery?: boolean;
  /** Word vectors that expand the query focus (`SummarizeOptions.wordVectors`). */
  wordVectors?: WordVectors;
  /** Called after each cluster of each system (progress bars). */
  onCluster?: () => void;
  /** Clock for timings; injected so the stage stays pure. */
  now?: () => number;
}

/** Splits an external summary into sentences: on newlines when it has them, else by our splitter. */
export function summarySentences(summary: string): string[] {
  if (summary.includes("\n")) return summary.split("\n").filter((l) => l.trim());
  return splitSentences(summary).map((s) => summary.slice(s.start, s.end));
}

/** A cluster to score: its articles, and those its reader has already read (update summarization). */
export interface EvalItem {
  cluster: Cluster;
  articles: Article[];
  /** Articles the reader has read before this cluster's (`SummarizeOptions.read`); only `roundup` uses them. */
  read?: Article[];
}

/**
 * The update setting (DUC 2007 update task): every cluster with a `topic` and a `subset` gets, as
 * already read, the articles of its topic's earlier subsets (by subset name: A before B before C).
 * Clusters without both fields, or first in their topic, are returned as they are.
 */
export function withEarlierSubsets<T extends EvalItem>(data: readonly T[]): T[] {
  return data.map((d) => {
    const { topic, subset } = d.cluster;
    if (topic === undefined || subset === undefined) return d;
    const read = data
      .filter((e) => e.cluster.topic === topic && e.cluster.subset !== undefined && e.cluster.subset < subset)
      .sort((a, b) => (a.cluster.subset! < b.cluster.subset! ? -1 : 1))
      .flatMap((e) => e.articles);
    return read.length ? { ...d, read } : d;
  });
}

/**
 * Scores each source of summaries on every cluster with references under the protocol, with means and
 * 95 % bootstrap confidence intervals over clusters (seeded, deterministic).
 */
export function evaluate(
  data: readonly EvalItem[],
  sources: readonly SummarySource[],
  options: EvaluateOptions,
): SystemResult[] {
  const { protocol } = options;
  const rougeOptions = parseRougeFlags(protocol.flags);
  const now = options.now ?? (() => 0);
  const scored = data.filter((d) => (d.cluster.references?.length ?? 0) > 0);
  const prepared = scored.map((d) =>
    prepareReferences(
      d.cluster.references!.map((r) => summarySentences(r)),
      rougeOptions,
    ),
  );
  return sources.map((source) => {
    const name = "system" in source ? source.system : source.name;
    const clusters: ClusterScore[] = [];
    const missing: string[] = [];
    scored.forEach((d, k) => {
      const t0 = now();
      let sentences: string[] | undefined;
      if ("system" in source) {
        const focus = options.focusFromQuery ? queryFocus(d.cluster) : undefined;
        sentences = runSystem(source.system, d.articles, {
          words: protocol.words,
          overflow: protocol.overflow,
          ...(focus ? { focus, wordVectors: options.wordVectors } : {}),
          ...(d.read?.length ? { read: d.read } : {}),
          references: d.cluster.references,
          rougeFlags: protocol.flags,
        });
      } else sentences = source.summaries.get(d.cluster.id);
      const ms = now() - t0;
      options.onCluster?.();
      if (!sentences) {
        missing.push(d.cluster.id);
        return;
      }
      const s = scorePrepared(sentences, prepared[k]);
      const pick = (m: Metric) => (s[m] ? s[m][protocol.measure] : 0);
      clusters.push({
        id: d.cluster.id,
        scores: {
          "ROUGE-1": pick("ROUGE-1"),
          "ROUGE-2": pick("ROUGE-2"),
          "ROUGE-SU4": pick("ROUGE-SU4"),
          "ROUGE-L": pick("ROUGE-L"),
        },
        ms,
      });
    });
    const means = {} as Record<Metric, ConfidenceInterval>;
    for (const m of METRICS)
      means[m] = clusters.length
        ? bootstrapCI(clusters.map((c) => c.scores[m]))
        : { mean: 0, low: 0, high: 0 };
    const times = clusters.map((c) => c.ms);
    return {
      name,
      clusters,
      means,
      ms: times.length ? { median: median(times), p95: percentile(times, 95) } : { median: 0, p95: 0 },
      missing,
    };
  });
}
