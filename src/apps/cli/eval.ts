import { readFile } from "node:fs/promises";
import {
  evaluate,
  makeProtocol,
  type SummarySource,
  summarySentences,
  withEarlierSubsets,
} from "../../evaluate/evaluate.ts";
import { formatTable, htmlReport, resultsJson } from "../../evaluate/report.ts";
import { SYSTEMS, type SystemName } from "../../evaluate/systems.ts";
import { clusterToArticles, readClusterLines } from "../../ingest/index.ts";
import { fsError } from "../../ingest/read.ts";
import { InputError, UsageError } from "../../model/errors.ts";
import type { Article, Cluster } from "../../model/types.ts";
import type { Io } from "../shared/io.ts";
import { writeOutput } from "./output.ts";
import { createProgress } from "./progress.ts";
import { focusVectors, parseWords } from "./summarize.ts";
import { report, terminalSafe } from "./terminal.ts";

export interface EvalCommandOptions {
  words?: string;
  bytes?: string;
  measure: string;
  systems: string;
  summaries?: string[];
  focusFromQuery?: boolean;
  /** Summarize each cluster with its topic's earlier subsets as already read. */
  update?: boolean;
  /** Score only the clusters of these subsets ("B,C"). */
  subsets?: string;
  json?: boolean;
  report?: string;
}

function parseSystems(value: string): SystemName[] {
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names)
    if (!(SYSTEMS as readonly string[]).includes(n))
      throw new UsageError(`--systems: unknown system "${n}" (known: ${SYSTEMS.join(", ")})`);
  return names as SystemName[];
}

function parseSubsets(value: string): Set<string> {
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError(`--subsets: give subset names such as B,C, not "${value}"`);
  return new Set(names);
}

/** Reads `--summaries FILE.jsonl`: lines {"id","summary"} or {"id","sentences":[{"text"}]}, optional "system". */
export async function readSummaries(
  path: string,
): Promise<{ name: string; summaries: Map<string, string[]> }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EISDIR")
      throw new InputError(path, "is a directory; --summaries expects a JSONL file of summaries");
    throw fsError(path, error);
  }
  const summaries = new Map<string, string[]>();
  let name = path.replace(/^.*\//, "").replace(/\.jsonl?$/, "");
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let row: { id?: unknown; system?: unknown; summary?: unknown; sentences?: Array<{ text?: unknown }> };
    try {
      row = JSON.parse(line);
    } catch {
      throw new InputError(`${path} line ${i + 1}`, "is not valid JSON");
    }
    if (typeof row.id !== "string") throw new InputError(`${path} line ${i + 1}`, 'has no string "id"');
    if (typeof row.system === "string" && i === 0) name = row.system;
    if (typeof row.summary === "string") summaries.set(row.id, summarySentences(row.summary));
    else if (Array.isArray(row.sentences))
      summaries.set(
        row.id,
        row.sentences.map((s) => String(s?.text ?? "")),
      );
    else throw new InputError(`${path} line ${i + 1}`, 'has neither "summary" nor "sentences"');
  });
  return { name, summaries };
}

/** `roundup eval DATA.jsonl`: score systems and external summaries under a ROUGE protocol. */
export async function evalCommand(data: string, opts: EvalCommandOptions, io: Io): Promise<number> {
  if (opts.words !== undefined && opts.bytes !== undefined)
    throw new UsageError("give --words or --bytes, not both");
  if (opts.measure !== "recall" && opts.measure !== "f")
    throw new UsageError(`--measure must be recall or f, not "${opts.measure}"`);
  const bytes = opts.bytes !== undefined ? parseWords(opts.bytes) : undefined;
  const protocol = makeProtocol({
    ...(opts.words !== undefined ? { words: parseWords(opts.words) } : {}),
    ...(bytes !== undefined ? { bytes } : {}),
    measure: opts.measure,
  });
  const systems = opts.systems ? parseSystems(opts.systems) : [];
  const external = await Promise.all((opts.summaries ?? []).map(readSummaries));
  const sources: SummarySource[] = [...systems.map((system) => ({ system })), ...external];
  if (sources.length === 0) throw new UsageError("nothing to score: give --systems and/or --summaries");

  const subsets = opts.subsets === undefined ? undefined : parseSubsets(opts.subsets);
  let clusters: Array<{ cluster: Cluster; articles: Article[]; read?: Article[] }> = [];
  let bad = 0;
  for await (const { line, cluster, error } of readClusterLines(data)) {
    if (error || !cluster) {
      bad++;
      report(io.stderr, error?.message ?? `${data} line ${line}: unreadable`);
      continue;
    }
    clusters.push({ cluster, articles: clusterToArticles(cluster, `${data} line ${line}`) });
  }
  // Earlier subsets are read from the whole file, also when --subsets leaves them out of the scoring.
  if (opts.update) clusters = withEarlierSubsets(clusters);
  if (subsets)
    clusters = clusters.filter((c) => c.cluster.subset !== undefined && subsets.has(c.cluster.subset));
  const withRefs = clusters.filter((c) => (c.cluster.references?.length ?? 0) > 0).length;
  if (withRefs === 0) throw new InputError(data, "no cluster has references to score against");

  const progress = createProgress("eval", withRefs * sources.length, io.stderr);
  const results = evaluate(clusters, sources, {
    protocol,
    focusFromQuery: opts.focusFromQuery ?? false,
    ...(opts.focusFromQuery ? { wordVectors: await focusVectors(io) } : {}),
    onCluster: () => progress.tick(),
    now: () => performance.now(),
  });
  progress.stop();
  // The table shows system names from --summaries files (names and "system" fields): escaped.
  io.stdout.write(opts.json ? resultsJson(results, protocol) : terminalSafe(formatTable(results, protocol)));
  if (opts.report) {
    const html = htmlReport(results, protocol, `Roundup evaluation: ${data}`);
    await writeOutput(opts.report, (write) => write(html), io);
    report(io.stderr, `wrote report ${opts.report}`);
  }
  return bad ? 1 : 0;
}
