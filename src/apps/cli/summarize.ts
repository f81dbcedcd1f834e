import { clusterToArticles, readArticles, readClusterLines } from "../../ingest/index.ts";
import { InputError, UsageError } from "../../model/errors.ts";
import type { SummarizeOptions } from "../../model/types.ts";
import { summarize } from "../../summarize/index.ts";
import { loadWordVectors, type WordVectors } from "../../text/embeddings.ts";
import type { Io } from "../shared/io.ts";
import { parseFormat } from "./flags.ts";
import { writeOutput } from "./output.ts";
import { createProgress } from "./progress.ts";
import { formatRoundupSafely, report } from "./terminal.ts";

export interface SummarizeCommandOptions {
  words: string;
  format: string;
  focus?: string;
  overflow?: boolean;
  attribution: boolean;
  jsonl?: string;
  out?: string;
}

export function parseWords(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > 100_000)
    throw new UsageError(`--words must be a whole number from 1 to 100000, not "${value}"`);
  return n;
}

/**
 * Word vectors to expand a focus with (focus.ts), loaded once (~0.15 s from the cache in
 * ~/.cache/roundup). Unavailable: a warning, and the focus matches its own words only.
 */
export async function focusVectors(io: Pick<Io, "stderr">): Promise<WordVectors | undefined> {
  try {
    return await loadWordVectors();
  } catch (err) {
    report(
      io.stderr,
      `warning: no word vectors for the focus (${(err as Error).message}); matching its own words only`,
    );
    return undefined;
  }
}

export { parseFormat };

/** `roundup summarize PATH…` and the batch form `roundup summarize --jsonl IN --out OUT`. Returns the exit code. */
export async function summarizeCommand(
  paths: string[],
  opts: SummarizeCommandOptions,
  io: Io,
): Promise<number> {
  const options: SummarizeOptions = {
    words: parseWords(opts.words),
    overflow: opts.overflow ?? false,
    attribute: opts.attribution,
    ...(opts.focus ? { focus: opts.focus, wordVectors: await focusVectors(io) } : {}),
  };
  if (opts.jsonl || opts.out) {
    if (!opts.jsonl || !opts.out)
      throw new UsageError("batch mode needs both --jsonl IN.jsonl and --out OUT.jsonl");
    if (paths.length > 0) throw new UsageError("give either paths or --jsonl, not both");
    return batch(opts.jsonl, opts.out, options, io);
  }
  const format = parseFormat(opts.format);
  if (paths.length === 0)
    throw new UsageError("summarize needs at least one PATH (a file, a folder, or - for stdin)");
  const { articles, warnings } = await readArticles(paths, { stdin: io.stdin });
  for (const w of warnings) report(io.stderr, `warning: ${w}`);
  if (articles.length === 1)
    report(
      io.stderr,
      `warning: only one article (${articles[0].origin ?? articles[0].id}); summarizing it alone`,
    );
  const roundup = summarize(articles, options);
  if (roundup.sentences.length === 0) {
    report(io.stderr, `${paths.join(", ")}: no sentence fit for a summary (too short, or no full sentences)`);
    return 1;
  }
  io.stdout.write(formatRoundupSafely(roundup, format));
  return 0;
}

async function batch(input: string, out: string, options: SummarizeOptions, io: Io): Promise<number> {
  // Count lines first so the progress bar knows its total; clusters are then streamed one at a time.
  // Blank lines are not counted: an empty or blank file has nothing to summarize, and no output is written.
  let total = 0;
  for await (const _ of readClusterLines(input)) total++;
  if (total === 0)
    throw new InputError(input, "has no clusters (the file is empty or blank); nothing to summarize");
  const progress = createProgress("summarize", total, io.stderr);
  let failed = 0;
  let written = 0;
  await writeOutput(
    out,
    async (write) => {
      for await (const { line, cluster, error } of readClusterLines(input)) {
        progress.tick();
        if (error || !cluster) {
          failed++;
          report(io.stderr, error?.message ?? `${input} line ${line}: unreadable`);
          continue;
        }
        const roundup = summarize(clusterToArticles(cluster, `${input} line ${line}`), options);
        const row = {
          id: cluster.id,
          summary: roundup.paragraphs.join("\n"),
          sentences: roundup.sentences.map((s) => ({ text: s.text, citations: s.citations })),
        };
        await write(`${JSON.stringify(row)}\n`);
        written++;
      }
    },
    io,
  );
  progress.stop();
  report(io.stderr, `wrote ${written} roundups to ${out}${failed ? `; ${failed} lines failed` : ""}`);
  return failed ? 1 : 0;
}
