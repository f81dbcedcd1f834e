/**
 * Which reader handles an input: by file extension, else by the first character of its text.
 */
import { extname } from "node:path";

/** The input formats ingest reads. */
export type Format = "text" | "markdown" | "html" | "json" | "jsonl";

/** File extensions (lower case, with the dot) and their formats. Anything else is skipped in directories. */
export const FORMAT_BY_EXTENSION: Readonly<Record<string, Format>> = {
  ".txt": "text",
  ".text": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
  ".json": "json",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
};

/** The format a path's extension names; `null` for no extension, `undefined` for an unknown one. */
export function formatOfPath(path: string): Format | null | undefined {
  const extension = extname(path).toLowerCase();
  if (extension === "") return null;
  return FORMAT_BY_EXTENSION[extension];
}

/**
 * The format of text with no telling extension (stdin, a file without one): "<" → HTML, "{" or "[" →
 * JSON (the JSON reader falls back to JSON Lines), anything else → plain text.
 */
export function sniffFormat(text: string): Format {
  const first = text.trimStart()[0];
  if (first === "<") return "html";
  if (first === "{" || first === "[") return "json";
  return "text";
}
