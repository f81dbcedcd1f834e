import { bcubed } from "../../cluster/bcubed.ts";
import { StoryClusterer, type StoryClustererOptions, type StoryDoc } from "../../cluster/story-clusterer.ts";
import { normalizeDate } from "../../ingest/dates.ts";
import { MAX_INPUT_BYTES } from "../../ingest/limits.ts";
import { STDIN, STDIN_ORIGIN } from "../../ingest/read.ts";
import { InputError } from "../../model/errors.ts";
import type { Io } from "../shared/io.ts";
import { readLines } from "./lines.ts";
import { writeOutput } from "./output.ts";
import { createProgress, type Progress } from "./progress.ts";
import { report as say } from "./terminal.ts";

export interface ClusterCommandOptions {
  out?: string;
  eval?: boolean;
  /** The clusterer's options, for callers in code (tests); the command line uses the defaults. */
  clusterer?: StoryClustererOptions;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** One good input line: the article and its gold story and topic, if given. */
interface Row {
  doc: StoryDoc;
  gold: { story?: string; topic?: string };
}

/**
 * `roundup cluster IN.jsonl [--out OUT.jsonl] [--eval]`: assigns each article (one JSON line
 * `{"id","text","title"?,"date"?,"source"?,"story"?,"topic"?}`, in arrival order) to a story and a topic
 * with the online clusterer and writes `{"id","story","topic"}` per article, in input order, with stories
 * and topics as they stand at the end (an article whose story was later merged into another gets the
 * surviving id; a story whose topic merged, the surviving topic). A bad line is reported with its number
 * and skipped (exit 1 at the end). `--eval` scores each level with B-cubed against the lines' gold field:
 * stories against `"story"`, topics against `"topic"` (each over the lines that have it). Returns the
 * exit code.
 */
export async function clusterCommand(input: string, opts: ClusterCommandOptions, io: Io): Promise<number> {
  const clusterer = new StoryClusterer(opts.clusterer);
  const rows: Row[] = [];
  const firstLine = new Map<string, number>();
  let failed = 0;
  let merges = 0;
  // A progress bar when the stories go to a file (stdout stays clean otherwise); the lines are counted
  // first, so only for a file, not for standard input.
  let progress: Progress | undefined;
  if (opts.out && input !== STDIN) {
    let total = 0;
    for await (const _ of readLines(input, io)) total++;
    progress = createProgress("cluster", total, io.stderr);
  }

  for await (const { line, text } of readLines(input, io)) {
    progress?.tick();
    const where = `${input === STDIN ? STDIN_ORIGIN : input} line ${line}`;
    try {
      const row = parseRow(text, where);
      const seen = firstLine.get(row.doc.id);
      if (seen !== undefined)
        throw new InputError(where, `duplicate id "${row.doc.id}" (first on line ${seen})`);
      firstLine.set(row.doc.id, line);
      const result = clusterer.add(row.doc);
      merges += result.merged.length;
      // The desk's second look, article by article: a story that drifted over two events is split.
      clusterer.recluster({ stories: [result.story] });
      rows.push(row);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failed++;
      say(io.stderr, error.message);
    }
  }

  progress?.stop();
  // Nothing to cluster: exit 1 (as the README promises), and no output file.
  if (rows.length === 0) {
    if (failed === 0)
      say(io.stderr, `${input === STDIN ? STDIN_ORIGIN : input}: has no articles (it is empty or blank)`);
    return 1;
  }
  // Nothing is archived here, and a merge moves every article of the lost story (and every story of the
  // lost topic): an article's story and topic now are its final ones.
  const storyOf = (id: string): string => clusterer.storyOfArticle(id)!;
  const topicOf = (id: string): string => clusterer.topicOfArticle(id)!;
  const lines = rows.map(
    (r) => `${JSON.stringify({ id: r.doc.id, story: storyOf(r.doc.id), topic: topicOf(r.doc.id) })}\n`,
  );
  if (opts.out) {
    await writeOutput(
      opts.out,
      async (write) => {
        for (const l of lines) await write(l);
      },
      io,
    );
  } else {
    for (const l of lines) io.stdout.write(l);
  }
  const stories = new Set(rows.map((r) => storyOf(r.doc.id))).size;
  const report = opts.out ? io.stdout : io.stderr;
  if (opts.out)
    say(
      io.stderr,
      `${rows.length} articles in ${stories} stories (${merges} merges) written to ${opts.out}` +
        `${failed ? `; ${failed} lines failed` : ""}`,
    );

  if (opts.eval) {
    const levels = [
      { field: "story", plural: "stories", label: "B-cubed", of: storyOf },
      { field: "topic", plural: "topics", label: "B-cubed of topics", of: topicOf },
    ] as const;
    let scored = 0;
    for (const level of levels) {
      const gold = new Map<string, string>();
      for (const r of rows) {
        const g = r.gold[level.field];
        if (g !== undefined) gold.set(r.doc.id, g);
      }
      if (gold.size === 0) continue;
      scored++;
      const predicted = new Map([...gold.keys()].map((id) => [id, level.of(id)]));
      const score = bcubed(predicted, gold);
      const missing = rows.length - gold.size;
      const count = new Set(rows.map((r) => level.of(r.doc.id))).size;
      report.write(
        `${level.label} over ${gold.size} articles (${new Set(gold.values()).size} gold ${level.plural}, ${count} predicted)` +
          `${missing ? `, ${missing} without "${level.field}" left out` : ""}:\n` +
          `precision ${score.precision.toFixed(4)}  recall ${score.recall.toFixed(4)}  F1 ${score.f1.toFixed(4)}\n`,
      );
    }
    if (scored === 0) {
      say(io.stderr, `${input}: --eval needs a "story" or "topic" field on the input lines; none has one`);
      return 1;
    }
  }
  return failed ? 1 : 0;
}

/** One input line as an article, or InputError naming the line and the bad field. */
function parseRow(text: string, where: string): Row {
  if (text.length > MAX_INPUT_BYTES)
    throw new InputError(where, `is longer than ${MAX_INPUT_BYTES} characters`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(where, "is not valid JSON");
  }
  if (!isObject(value)) throw new InputError(where, 'must be an object with "id" and "text"');
  const id = typeof value.id === "number" ? String(value.id) : value.id;
  if (typeof id !== "string" || id.trim() === "")
    throw new InputError(where, '"id" must be a non-empty string');
  if (typeof value.text !== "string") throw new InputError(where, '"text" must be a string');
  const doc: StoryDoc = { id, text: value.text };
  for (const field of ["title", "source"] as const) {
    const v = optional(value[field], field, where);
    if (v !== undefined) doc[field] = v;
  }
  const date = optional(value.date, "date", where);
  if (date !== undefined) {
    const iso = normalizeDate(date);
    if (iso === undefined) throw new InputError(where, `"date" is not a date I can read: "${date}"`);
    doc.date = iso;
  }
  const gold: Row["gold"] = {};
  for (const field of ["story", "topic"] as const) {
    const v = optional(value[field], field, where);
    if (v !== undefined) gold[field] = v;
  }
  return { doc, gold };
}

function optional(value: unknown, field: string, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw new InputError(where, `"${field}" must be a string`);
}
