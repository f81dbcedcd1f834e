/**
 * Invisible characters, spacing and quotes.
 *
 * Quotes are normalised to straight ASCII (" and ') on purpose: outlets typeset the same words with
 * curly, straight or DUC-style (`` '') quotes, and matching, de-duplication and quote detection
 * downstream then see one form. The original typography is not lost: every cleaned range maps back
 * to the original text, which is what a reader is shown. Dashes ("--", "—", "–", AP's " _ ") are kept:
 * they are punctuation, not noise.
 */
import type { Edit } from "./mapped.ts";

/**
 * Removed outright: zero-width chars and soft hyphens (they split words invisibly), bidi marks,
 * private-use icon glyphs, and control chars other than newline and tab (C1 controls left over
 * after mojibake repair included), and the New York Times wire's typesetting codes ("&QL;", "&UR;") that
 * DUC texts carry. CR and CRLF become LF, Unicode line/paragraph separators too.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing stray control characters is the point.
  /&(?:UR|LR|QL|QC|QR|HT);|\r\n?|[\u2028\u2029]|[\u200B-\u200D\u2060\uFEFF\u00AD\u200E\u200F\u202A-\u202E\u2066-\u2069\uE000-\uF8FF\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]+/g;

/** Edits that remove invisible characters and turn every line break into "\n". */
export function invisibleEdits(text: string): Edit[] {
  const edits: Edit[] = [];
  for (const m of text.matchAll(INVISIBLE)) {
    const first = m[0][0];
    const lineBreak = first === "\r" || first === "\u2028" || first === "\u2029";
    edits.push({ start: m.index, end: m.index + m[0].length, replacement: lineBreak ? "\n" : "" });
  }
  return edits;
}

/**
 * Horizontal whitespace: tabs, NBSP, thin/figure/ideographic spaces. A run inside a line becomes one
 * space; a run at the start or end of a line is dropped (indentation carries no meaning in news text,
 * and line-anchored boilerplate patterns rely on it).
 */
const SPACE_RUN = /[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/y;
/** DUC closing quote doubled after a closing single quote ("... 'Go home.'''") keeps the order ' then ". */
const QUOTE_FORMS: ReadonlyArray<readonly [string, string]> = [
  ["'''", `'"`],
  ["``", '"'],
  ["''", '"'],
];
const CURLY_DOUBLE = new Set(["\u201C", "\u201D", "\u201E", "\u201F"]);
const CURLY_SINGLE = new Set(["\u2018", "\u2019", "\u201A", "\u201B"]);

/** Edits that normalise spacing and quotes (run after `invisibleEdits`, so line breaks are "\n"). */
export function spacingEdits(text: string): Edit[] {
  const edits: Edit[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text[i];
    SPACE_RUN.lastIndex = i;
    if (SPACE_RUN.test(text)) {
      const end = SPACE_RUN.lastIndex;
      const atLineStart = i === 0 || text[i - 1] === "\n";
      const atLineEnd = end === n || text[end] === "\n";
      if (atLineStart || atLineEnd) edits.push({ start: i, end, replacement: "" });
      else if (end - i > 1 || ch !== " ") edits.push({ start: i, end, replacement: " " });
      i = end;
      continue;
    }
    if (ch === "'" || ch === "`") {
      const form = QUOTE_FORMS.find(([from]) => text.startsWith(from, i));
      if (form !== undefined) {
        edits.push({ start: i, end: i + form[0].length, replacement: form[1] });
        i += form[0].length;
        continue;
      }
    } else if (CURLY_DOUBLE.has(ch)) edits.push({ start: i, end: i + 1, replacement: '"' });
    else if (CURLY_SINGLE.has(ch)) edits.push({ start: i, end: i + 1, replacement: "'" });
    i++;
  }
  return edits;
}

/** At most one blank line between paragraphs; none at the start or end of the text. */
const MAX_CONSECUTIVE_BREAKS = 2;

/** Edits that tidy the blank lines left behind by removals. */
export function blankLineEdits(text: string): Edit[] {
  const edits: Edit[] = [];
  let first = 0;
  while (first < text.length && text[first] === "\n") first++;
  if (first > 0) edits.push({ start: 0, end: first, replacement: "" });
  if (first === text.length) return edits;
  let last = text.length;
  while (text[last - 1] === "\n") last--;
  let i = first;
  while (i < last) {
    if (text[i] !== "\n") {
      i++;
      continue;
    }
    let end = i;
    while (text[end] === "\n") end++;
    if (end - i > MAX_CONSECUTIVE_BREAKS)
      edits.push({ start: i + MAX_CONSECUTIVE_BREAKS, end, replacement: "" });
    i = end;
  }
  if (last < text.length) edits.push({ start: last, end: text.length, replacement: "" });
  return edits;
}
