/**
 * Ingest: bytes → Article drafts. The edge of Roundup that touches the file system and stdin.
 *
 * `readArticles(inputs)` reads files, directories and "-" (stdin):
 * 1. directories are walked recursively, files sorted by path; hidden files and unknown types are
 *    skipped with a warning (read.ts);
 * 2. each file's size is checked with `fs.stat` before it is read (limits.ts);
 * 3. bytes are decoded: BOM, HTML meta charset, UTF-8, else detected (decode.ts);
 * 4. the format (by extension, else sniffed) picks the reader: text/Markdown (text.ts), HTML through
 *    Readability (html.ts), cluster JSON / JSON Lines (json.ts);
 * 5. ids are assigned over all articles at once, so they are distinct (drafts.ts).
 *
 * Errors: any bad input (a missing path, an empty or binary file, a file over the limit, HTML without
 * an article, a malformed JSON line, a directory with nothing readable) throws an InputError naming it,
 * and the whole read stops: one bad file among several fails the read, and the CLI reports it. Batch
 * jobs that must go on past bad lines use `readClusterLines`, which reports each bad line and continues.
 */
import { InputError } from "../model/errors.ts";
import type { Article } from "../model/types.ts";
import { decodeBytes, isProbablyBinary, startsWithAngleBracket } from "./decode.ts";
import { type ArticleDraft, idAllocator } from "./drafts.ts";
import { type Format, formatOfPath, sniffFormat } from "./formats.ts";
import { htmlToDraft } from "./html.ts";
import {
  clusterDrafts,
  INVALID_JSON,
  parseClusterJson,
  parseClusterLinesText,
  readClusterLines,
} from "./json.ts";
import { MAX_INPUT_BYTES } from "./limits.ts";
import {
  checkedSize,
  isDirectory,
  listDirectory,
  readFileBytes,
  readStreamBytes,
  STDIN,
  STDIN_ORIGIN,
} from "./read.ts";
import { markdownToDraft, textToDraft } from "./text.ts";

export { normalizeDate } from "./dates.ts";
export { type DecodeOptions, decodeBytes } from "./decode.ts";
export {
  articleFromItem,
  backoffDelay,
  DEFAULT_POLL_INTERVAL_MS,
  type FeedItem,
  FULL_TEXT_CHARS,
  isDue,
  MAX_BACKOFF_MS,
  type ParsedFeed,
  type PollOptions,
  type PollResult,
  parseFeed,
  pollFeed,
  readFeedList,
} from "./feeds.ts";
export {
  type AddressClass,
  addressProblem,
  canonicalUrl,
  classifyAddress,
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  FetchError,
  type FetchErrorKind,
  type FetchResponse,
  fetchArticle,
  type SafeFetchOptions,
  safeFetch,
} from "./fetch.ts";
export { FORMAT_BY_EXTENSION, type Format } from "./formats.ts";
export { type ClusterLine, type ClusterLineOptions, clusterToArticles, readClusterLines } from "./json.ts";
export { MAX_INPUT_BYTES } from "./limits.ts";

export { STDIN, STDIN_ORIGIN };

/** The problem of an input that decodes but holds no article (only blank documents, only front matter). */
const NO_TEXT = "has no article text";

/** Options of {@link readArticles}. */
export interface ReadOptions {
  /** Largest input in bytes, per file (and per line of a JSON Lines file). Default {@link MAX_INPUT_BYTES}. */
  maxBytes?: number;
  /** The stream "-" reads. Default `process.stdin`. */
  stdin?: NodeJS.ReadableStream;
}

/** What {@link readArticles} returns: the articles in input order, and what was skipped. */
export interface ReadResult {
  articles: Article[];
  /** One line per skipped file or document: "path: skipped (reason)". */
  warnings: string[];
}

/** Where one read is going: the limit, the warnings collected so far, and the error policy. */
interface ReadContext {
  maxBytes: number;
  warnings: string[];
  /** Yield a bad input (a file, a JSON line) as an error batch and go on, instead of throwing. */
  keepGoing: boolean;
}

/**
 * Read articles from files, directories and "-" (stdin). Every article has `origin`: the path,
 * "stdin", "path line N" (JSON Lines) or "path item N" (a JSON array of clusters). Throws InputError
 * on the first bad input (see the module comment).
 */
export async function readArticles(inputs: string[], options: ReadOptions = {}): Promise<ReadResult> {
  const articles: Article[] = [];
  const warnings: string[] = [];
  for await (const batch of readArticleBatches(inputs, options)) {
    articles.push(...batch.articles);
    warnings.push(...batch.warnings);
  }
  return { articles, warnings };
}

/** Options of {@link readArticleBatches}. */
export interface BatchReadOptions extends ReadOptions {
  /**
   * Report a bad input (a file, a JSON line, an empty folder) as a batch with `error` and read on,
   * instead of throwing on the first one. Default false.
   */
  keepGoing?: boolean;
}

/** One input's articles: a file, one line of a JSON Lines file, or stdin. */
export interface ArticleBatch {
  /** The input: a path, "stdin", or "path line N". */
  origin: string;
  articles: Article[];
  /** Files skipped and documents without text, since the previous batch. */
  warnings: string[];
  /** With `keepGoing`: why this input gave no articles (it is not read further). */
  error?: InputError;
}

/**
 * `readArticles` as a stream: one batch per file (per line for JSON Lines), in input order, with the
 * same ids, so memory is bounded by the largest file, not by the run. Ids stay distinct over the run.
 */
export async function* readArticleBatches(
  inputs: string[],
  options: BatchReadOptions = {},
): AsyncGenerator<ArticleBatch> {
  const context: ReadContext = {
    maxBytes: options.maxBytes ?? MAX_INPUT_BYTES,
    warnings: [],
    keepGoing: options.keepGoing ?? false,
  };
  const assign = idAllocator();
  const batch = ({ origin, drafts, error }: Drafts): ArticleBatch => {
    const warnings = context.warnings.splice(0);
    return { origin, articles: assign(drafts), warnings, ...(error ? { error } : {}) };
  };
  let stdinRead = false;
  for (const input of inputs) {
    const origin = input === STDIN ? STDIN_ORIGIN : input;
    try {
      if (input === STDIN) {
        if (stdinRead) throw new InputError(STDIN_ORIGIN, "is named more than once");
        stdinRead = true;
        yield batch({ origin, drafts: await readStdin(options.stdin ?? process.stdin, context) });
      } else if (await isDirectory(input)) {
        for await (const part of readDirectory(input, context)) yield batch(part);
      } else {
        for await (const part of readFileDrafts(input, formatOfPath(input), context)) yield batch(part);
      }
    } catch (error) {
      if (!(context.keepGoing && error instanceof InputError)) throw error;
      yield batch({ origin, drafts: [], error });
    }
  }
}

/** The drafts of one place (a file, a JSON line), or, with `keepGoing`, why it has none. */
interface Drafts {
  origin: string;
  drafts: ArticleDraft[];
  error?: InputError;
}

async function readStdin(stream: NodeJS.ReadableStream, context: ReadContext): Promise<ArticleDraft[]> {
  const bytes = await readStreamBytes(stream, STDIN_ORIGIN, context.maxBytes);
  const text = decodeBytes(bytes, STDIN_ORIGIN, { warnings: context.warnings });
  return textDrafts(text, sniffFormat(text), STDIN_ORIGIN, context);
}

/** A directory's files, one at a time; with `keepGoing` a bad file is an error batch and the walk goes on. */
async function* readDirectory(directory: string, context: ReadContext): AsyncGenerator<Drafts> {
  let found = 0;
  for (const file of await listDirectory(directory, context.warnings)) {
    try {
      for await (const part of readFileDrafts(file.path, file.format, context, { skipBinary: true })) {
        found += part.error ? 1 : part.drafts.length;
        yield part;
      }
    } catch (error) {
      if (!(context.keepGoing && error instanceof InputError)) throw error;
      found++; // a bad file is reported on its own; the folder is not also "empty"
      yield { origin: file.path, drafts: [], error };
    }
  }
  if (found === 0) throw new InputError(directory, "has no readable articles");
}

/**
 * One file's drafts. `format` is from the extension: `null` (none) or `undefined` (unknown) means
 * sniff the content. With `skipBinary` (files found in a directory), a binary file without an
 * extension is skipped with a warning instead of failing the read.
 */
async function* readFileDrafts(
  path: string,
  format: Format | null | undefined,
  context: ReadContext,
  { skipBinary = false } = {},
): AsyncGenerator<Drafts> {
  if (format === "jsonl") {
    yield* readJsonLines(path, context);
    return;
  }
  const bytes = await readFileBytes(path, context.maxBytes);
  if (skipBinary && !format && bytes.length > 0 && isProbablyBinary(bytes)) {
    context.warnings.push(`${path}: skipped (binary file)`);
    return;
  }
  const html = format === "html" || (!format && startsWithAngleBracket(bytes));
  const text = decodeBytes(bytes, path, { html, warnings: context.warnings });
  const drafts = textDrafts(text, format ?? sniffFormat(text), path, context);
  if (drafts.length === 0) throw new InputError(path, NO_TEXT);
  yield { origin: path, drafts };
}

/**
 * A JSON Lines file, streamed a line at a time. The first bad line stops the read, unless `keepGoing`:
 * then it is reported under "path line N" and the next lines are read.
 */
async function* readJsonLines(path: string, context: ReadContext): AsyncGenerator<Drafts> {
  await checkedSize(path, context.maxBytes);
  let lines = 0;
  let found = 0;
  for await (const { line, cluster, error } of readClusterLines(path, { maxLineBytes: context.maxBytes })) {
    lines++;
    const where = `${path} line ${line}`;
    if (error) {
      if (!context.keepGoing) throw error;
      found++;
      yield { origin: where, drafts: [], error };
    } else if (cluster) {
      const drafts = clusterDrafts(cluster, where, context.warnings);
      found += drafts.length;
      yield { origin: where, drafts };
    }
  }
  if (lines === 0) throw new InputError(path, "is empty");
  if (found === 0) throw new InputError(path, NO_TEXT);
}

/** Decoded text in a known format as drafts. */
function textDrafts(text: string, format: Format, origin: string, context: ReadContext): ArticleDraft[] {
  switch (format) {
    case "text":
      return [textToDraft(text, origin)];
    case "markdown": {
      const draft = markdownToDraft(text, origin);
      if (draft.text.trim() === "") throw new InputError(origin, NO_TEXT);
      return [draft];
    }
    case "html":
      return [htmlToDraft(text, origin)];
    case "json":
      return jsonDrafts(text, origin, context);
    case "jsonl":
      return jsonLinesDrafts(text, origin, context);
  }
}

/**
 * A JSON text's drafts. JSON Lines saved as ".json" (or piped to stdin) is accepted: when the whole
 * text is not JSON but its first line is an object, it is read line by line.
 */
function jsonDrafts(text: string, origin: string, context: ReadContext): ArticleDraft[] {
  try {
    return parseClusterJson(text, origin).flatMap(({ cluster, origin: where }) =>
      clusterDrafts(cluster, where, context.warnings),
    );
  } catch (error) {
    const invalid = error instanceof InputError && error.message === `${origin}: ${INVALID_JSON}`;
    if (invalid && firstLineIsJson(text)) {
      return jsonLinesDrafts(text, origin, context);
    }
    throw error;
  }
}

function firstLineIsJson(text: string): boolean {
  const first = text.split("\n").find((line) => line.trim() !== "");
  if (!first?.trimStart().startsWith("{")) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}

function jsonLinesDrafts(text: string, origin: string, context: ReadContext): ArticleDraft[] {
  const drafts: ArticleDraft[] = [];
  for (const { line, cluster, error } of parseClusterLinesText(text, origin)) {
    if (error) throw error;
    if (cluster) drafts.push(...clusterDrafts(cluster, `${origin} line ${line}`, context.warnings));
  }
  return drafts;
}
