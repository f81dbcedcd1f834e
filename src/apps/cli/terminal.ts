/**
 * The CLI's text output edge: everything it prints as text (roundups, story lists, tables, messages)
 * goes through here, so text from the input (titles, outlets, ids, file names) can neither drive the
 * terminal (OSC window titles, clear screen, forged links) nor forge an output line. Control characters
 * are shown as escapes ("\x1b", "\n"), always, not only on a terminal: output saved to a file and `cat`
 * later is as safe. JSON output is not passed through here: JSON.stringify escapes control characters
 * already, and `--format json` stays the library's bytes.
 */
import type { Roundup, SourceRef } from "../../model/types.ts";
import { formatRoundup, type OutputFormat } from "../../summarize/format.ts";
import { escapeControlChars } from "../../util/control-chars.ts";

/** A single-line field (a title, an id, a file name): every control character escaped, newlines too. */
export function oneLine(text: string): string {
  return escapeControlChars(text);
}

/** Multi-line text: line breaks kept, every other control character escaped. */
export function terminalSafe(text: string): string {
  return escapeControlChars(text, { keepNewlines: true });
}

/** `roundup: MESSAGE` as one line on the stream (errors, warnings, reports). */
export { report } from "../shared/io.ts";

/**
 * A roundup rendered for reading: JSON as the library makes it; text and Markdown with the one-line
 * fields (headline, dateline, source outlets, titles, urls, origins) each kept on their line, and the
 * body's sentences free of control characters.
 */
export function formatRoundupSafely(roundup: Roundup, format: OutputFormat): string {
  if (format === "json") return formatRoundup(roundup, format);
  const safe: Roundup = {
    ...roundup,
    ...(roundup.headline !== undefined ? { headline: oneLine(roundup.headline) } : {}),
    ...(roundup.dateline !== undefined ? { dateline: oneLine(roundup.dateline) } : {}),
    paragraphs: roundup.paragraphs.map(terminalSafe),
    sentences: roundup.sentences.map((s) => ({ ...s, text: terminalSafe(s.text) })),
    sources: roundup.sources.map(safeSource),
  };
  return terminalSafe(formatRoundup(safe, format));
}

function safeSource(source: SourceRef): SourceRef {
  const safe: SourceRef = { ...source, articleId: oneLine(source.articleId) };
  for (const field of ["outlet", "title", "url", "published", "origin"] as const) {
    const value = source[field];
    if (value !== undefined) safe[field] = oneLine(value);
  }
  return safe;
}
