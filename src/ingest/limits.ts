/**
 * Limits of the ingest stage, and how sizes are written in messages.
 */

/** Bytes in a megabyte as messages count them (MiB, like `ls -lh` and `du -h`). */
const MEGABYTE = 1024 * 1024;
const KILOBYTE = 1024;

/**
 * Largest input read into memory, in bytes: 20 MB. Checked with `fs.stat` before a file is read, so a
 * wrong path to a video or a database dump is refused without reading it.
 *
 * Why 20 MB: a news article is 5–50 KB of text, and a saved web page with its inline scripts and styles
 * rarely passes 5 MB; the largest evaluation file (DUC 2006, 50 clusters × 25 documents as JSONL) is about
 * 5 MB. `readArticles` holds every article in memory at once, so a bigger input is almost always a mistake.
 * Batch jobs over larger JSONL files stream them with `readClusterLines`, where the limit applies per line.
 * Callers can raise it with the `maxBytes` option.
 */
export const MAX_INPUT_BYTES = 20 * MEGABYTE;

/**
 * How many leading bytes binary detection and charset prescanning look at: 8 KB, enough to see past a
 * file header or an HTML `<head>` full of scripts, small enough to cost nothing.
 */
export const SNIFF_BYTES = 8 * KILOBYTE;

/** A size in messages: "200.0 MB", "3.5 KB", "12 bytes". */
export function formatSize(bytes: number): string {
  if (bytes >= MEGABYTE) return `${(bytes / MEGABYTE).toFixed(1)} MB`;
  if (bytes >= KILOBYTE) return `${(bytes / KILOBYTE).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** A limit in messages, without a useless ".0": "20 MB", "1.5 KB", "100 bytes". */
export function formatLimit(bytes: number): string {
  const trim = (value: number): string => String(Number(value.toFixed(1)));
  if (bytes >= MEGABYTE) return `${trim(bytes / MEGABYTE)} MB`;
  if (bytes >= KILOBYTE) return `${trim(bytes / KILOBYTE)} KB`;
  return `${bytes} bytes`;
}

/** The problem text for an input over the limit: "is 200.0 MB, larger than the 20 MB limit". */
export function tooLargeProblem(size: number, limit: number): string {
  return `is ${formatSize(size)}, larger than the ${formatLimit(limit)} limit`;
}
