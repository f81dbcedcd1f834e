/**
 * The cluster format (../shared/README.md): one cluster per JSON Lines line,
 * `{"id", "documents": [{"text", "title"?, "date"?, "docno"?, "source"?, "url"?}], "references"?, "query"?}`.
 * A line may also be a single article `{"text", …}`. A `.json` file may hold one cluster, an array of
 * clusters, an array of documents, or one article.
 *
 * Validation is strict on shape (a message names the bad field) and lenient on optional fields: `null`
 * counts as absent and numbers are read as strings (DUC docnos and dates sometimes are numbers).
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { basename, extname } from "node:path";
import { InputError } from "../model/errors.ts";
import type { Article, Cluster, ClusterDocument } from "../model/types.ts";
import { normalizeDate } from "./dates.ts";
import { isProbablyBinary } from "./decode.ts";
import { type ArticleDraft, dropUndefined, uniqueIds } from "./drafts.ts";
import { MAX_INPUT_BYTES, SNIFF_BYTES, tooLargeProblem } from "./limits.ts";
import { checkedSize, fsError } from "./read.ts";

/** One line of a JSON Lines file: its 1-based number and a cluster, or the error that line has. */
export interface ClusterLine {
  line: number;
  cluster?: Cluster;
  error?: InputError;
}

/** Options of {@link readClusterLines}. */
export interface ClusterLineOptions {
  /** Longest line read, in bytes; a longer one is reported as an error and skipped. Default MAX_INPUT_BYTES. */
  maxLineBytes?: number;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const DOCUMENT_STRING_FIELDS = ["title", "date", "docno", "source", "url"] as const;

/** An optional string field: absent, `null`, a string, or a number read as a string. */
function optionalString(value: unknown, field: string, where: string, input: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw new InputError(input, `${where}"${field}" must be a string`);
}

function toDocument(value: unknown, where: string, input: string): ClusterDocument {
  if (!isObject(value)) throw new InputError(input, `${where}must be an object with "text"`);
  if (typeof value.text !== "string") throw new InputError(input, `${where}"text" must be a string`);
  const document: ClusterDocument = { text: value.text };
  for (const field of DOCUMENT_STRING_FIELDS) {
    const text = optionalString(value[field], field, where, input);
    if (text !== undefined) document[field] = text;
  }
  return document;
}

function toQuery(value: unknown, input: string): Cluster["query"] {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new InputError(input, '"query" must be an object');
  return dropUndefined({
    title: optionalString(value.title, "title", "query ", input),
    narrative: optionalString(value.narrative, "narrative", "query ", input),
  });
}

function toReferences(value: unknown, input: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new InputError(input, '"references" must be an array of strings');
  }
  return value;
}

/**
 * A parsed JSON value as a cluster: a cluster object, or a single article (wrapped in a cluster with
 * `defaultId`). Throws InputError naming the bad field.
 */
export function toCluster(value: unknown, input: string, defaultId: string): Cluster {
  if (isObject(value) && "documents" in value) {
    if (!Array.isArray(value.documents)) throw new InputError(input, '"documents" must be an array');
    if (value.documents.length === 0) throw new InputError(input, "has no documents");
    const id = optionalString(value.id, "id", "", input) ?? defaultId;
    const documents = value.documents.map((item, index) =>
      toDocument(item, `document ${index + 1}: `, input),
    );
    return dropUndefined({
      id,
      documents,
      references: toReferences(value.references, input),
      query: toQuery(value.query, input),
      topic: optionalString(value.topic, "topic", "", input),
      subset: optionalString(value.subset, "subset", "", input),
    });
  }
  if (isObject(value) && "text" in value) {
    return { id: defaultId, documents: [toDocument(value, "", input)] };
  }
  throw new InputError(
    input,
    'is not a cluster or an article (expected an object with "documents" or "text")',
  );
}

/** The problem of text that does not parse as JSON. */
export const INVALID_JSON = "is not valid JSON";

function parseJson(text: string, input: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(input, INVALID_JSON);
  }
}

/** One JSON Lines line as a cluster; a single-article line becomes a cluster `line-N`. Throws InputError. */
export function parseClusterLine(text: string, input: string, line: number): Cluster {
  return toCluster(parseJson(text, input), input, `line-${line}`);
}

/** A file's name without its extension: the id of a cluster that has none. */
function stem(path: string): string {
  return basename(path, extname(path)) || "cluster";
}

/** A cluster read from a `.json` text, with the input it is reported as ("x.json" or "x.json item 2"). */
export interface ClusterEntry {
  cluster: Cluster;
  origin: string;
}

/**
 * A whole `.json` text as clusters: one cluster, an array of clusters, an array of documents (one
 * cluster named after the file), or one article. Throws InputError naming the input (and the item).
 */
export function parseClusterJson(text: string, input: string): ClusterEntry[] {
  const value = parseJson(text, input);
  if (!Array.isArray(value)) return [{ cluster: toCluster(value, input, stem(input)), origin: input }];
  if (value.length === 0) throw new InputError(input, "is an empty array");
  if (value.every((item) => isObject(item) && !("documents" in item))) {
    const documents = value.map((item, index) => toDocument(item, `item ${index + 1}: `, input));
    return [{ cluster: { id: stem(input), documents }, origin: input }];
  }
  return value.map((item, index) => {
    const origin = `${input} item ${index + 1}`;
    return { cluster: toCluster(item, origin, `item-${index + 1}`), origin };
  });
}

/** JSON Lines text (stdin) as clusters with their line numbers; errors are reported per line. */
export function parseClusterLinesText(text: string, input: string): ClusterLine[] {
  const lines: ClusterLine[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    try {
      lines.push({ line, cluster: parseClusterLine(raw, `${input} line ${line}`, line) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      lines.push({ line, error });
    }
  });
  return lines;
}

/** The problem of a file given as JSON Lines that holds binary data. */
export const BINARY_JSON_LINES = "is a binary file, not JSON Lines";

/**
 * Throws InputError `path: is a binary file, not JSON Lines` when the file's first bytes look binary
 * (by {@link isProbablyBinary}): one message for the file instead of one "not valid JSON" per line.
 */
export async function refuseBinaryFile(path: string): Promise<void> {
  let head: Buffer;
  try {
    const handle = await open(path, "r");
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fsError(path, error);
  }
  if (isProbablyBinary(head)) throw new InputError(path, BINARY_JSON_LINES);
}

const NEWLINE = 0x0a;
/** A line's bytes as text: UTF-8 as JSON requires, else Windows-1252 rather than failing. */
function decodeLine(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/**
 * Stream a JSON Lines file of clusters line by line, so a batch job can report a bad line by its number
 * and go on. Blank lines are skipped. A line that is not valid JSON or not a cluster yields
 * `{ line, error }` with an InputError for "path line N"; so does a line longer than `maxLineBytes`,
 * which is skipped without being held in memory. A missing or unreadable file, and a binary one (see
 * {@link refuseBinaryFile}), throws InputError.
 */
export async function* readClusterLines(
  path: string,
  options: ClusterLineOptions = {},
): AsyncGenerator<ClusterLine> {
  const maxLineBytes = options.maxLineBytes ?? MAX_INPUT_BYTES;
  await checkedSize(path, Number.POSITIVE_INFINITY);
  await refuseBinaryFile(path);
  let line = 0;
  let parts: Buffer[] = [];
  let length = 0;
  let oversize = 0;

  const finish = (): ClusterLine | undefined => {
    line++;
    const input = `${path} line ${line}`;
    const bytes = Buffer.concat(parts, length);
    const size = oversize;
    parts = [];
    length = 0;
    oversize = 0;
    if (size > 0) return { line, error: new InputError(input, tooLargeProblem(size, maxLineBytes)) };
    let text = decodeLine(bytes);
    if (line === 1) text = text.replace(/^\uFEFF/, "");
    if (text.trim() === "") return undefined;
    try {
      return { line, cluster: parseClusterLine(text, input, line) };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { line, error };
    }
  };

  const stream = createReadStream(path);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        append(chunk.subarray(start, end));
        const result = finish();
        if (result) yield result;
        start = end + 1;
      }
      append(chunk.subarray(start));
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(path, `could not be read (${reason})`);
  } finally {
    stream.destroy();
  }
  if (length > 0 || oversize > 0) {
    const result = finish();
    if (result) yield result;
  }

  /** Add bytes to the current line, or only count them once the line is over the limit. */
  function append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (oversize > 0 || length + bytes.length > maxLineBytes) {
      oversize = (oversize || length) + bytes.length;
      parts = [];
      length = 0;
      return;
    }
    parts.push(bytes);
    length += bytes.length;
  }
}

/**
 * A cluster's documents as article drafts (see {@link clusterToArticles}); a warning is added for each
 * document left out for blank text.
 */
export function clusterDrafts(cluster: Cluster, origin: string, warnings?: string[]): ArticleDraft[] {
  const drafts: ArticleDraft[] = [];
  cluster.documents.forEach((document, index) => {
    if (document.text.trim() === "") {
      warnings?.push(`${origin}: document ${index + 1} skipped (no text)`);
      return;
    }
    drafts.push(
      dropUndefined({
        text: document.text,
        title: document.title?.trim() || undefined,
        source: document.source?.trim() || undefined,
        url: document.url?.trim() || undefined,
        published: normalizeDate(document.date),
        origin,
      }),
    );
  });
  return drafts;
}

/**
 * A cluster's documents as articles: `published` from `date` (normalised to ISO 8601; dropped when it
 * cannot be read), `source`, `title` and `url` copied, every article's `origin` set to `origin`.
 * Documents with blank text are left out (nothing to summarize). Ids come from `articleId` and are made
 * distinct: a second document with the same text and url gets "-2", a third "-3", in document order.
 */
export function clusterToArticles(cluster: Cluster, origin: string): Article[] {
  return uniqueIds(clusterDrafts(cluster, origin));
}
