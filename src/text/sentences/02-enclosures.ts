/**
 * Step 2: stretches of a paragraph inside which no sentence ends.
 *
 * - Parentheses: "(It is unclear. Nobody knows.)" stays whole, so an aside is never cut in two.
 * - Attributed quotations: a quotation whose closing mark follows a comma (`"We are ready. We have been for
 *   weeks," she said.`) or is followed by a lower-case word (`"Is it over? Are we done?" he asked.`) is
 *   grammatically continued by its attribution, so the sentences inside it and the attribution make one
 *   sentence. A quotation that closes with its own full stop (`"We will win." The crowd cheered.`) is not
 *   protected, and the sentences inside it split as usual.
 *
 * Quotation marks pair within the paragraph only (a quote running on into the next paragraph has no closing
 * mark and protects nothing); double marks (" “ ” `` '') and single marks (‘ ’ ') pair separately.
 */
import type { Span } from "../../model/types.ts";
import { isLower, isSpaceCode } from "./shape.ts";

/** Longest parenthesis or attributed quotation, in UTF-16 units, that is kept in one sentence (about four sentences). */
export const MAX_ENCLOSED_CHARS = 600;

/** Characters after which a straight quotation mark opens a quotation. */
const BEFORE_OPENING = "([{—–-/:";

/** Sorted, non-overlapping ranges `[start, end)`: a sentence boundary at `p` is suppressed when `start <= p < end`. */
export function enclosedRanges(text: string, paragraph: Span): Span[] {
  const ranges: Span[] = [];
  const parens: number[] = [];
  // Open quotation per family: index of the opening mark, or -1.
  let openDouble = -1;
  let openSingle = -1;
  for (let i = paragraph.start; i < paragraph.end; i++) {
    const ch = text[i];
    if (ch === "(") {
      parens.push(i);
    } else if (ch === ")") {
      const open = parens.pop();
      if (open !== undefined) addRange(ranges, open, i + 1);
    } else if (ch === "“" || ch === "„" || ch === "«" || (ch === "`" && text[i + 1] === "`")) {
      openDouble = i;
      if (ch === "`") i++;
    } else if (ch === "”" || ch === "»" || (ch === "'" && text[i + 1] === "'")) {
      if (openDouble >= 0 && isAttributed(text, i, ch === "'" ? 2 : 1, paragraph.end)) {
        addRange(ranges, openDouble, i + (ch === "'" ? 2 : 1));
      }
      openDouble = -1;
      if (ch === "'") i++;
    } else if (ch === '"') {
      if (opensQuotation(text, i, paragraph.start)) {
        openDouble = i;
      } else {
        if (openDouble >= 0 && isAttributed(text, i, 1, paragraph.end)) addRange(ranges, openDouble, i + 1);
        openDouble = -1;
      }
    } else if (ch === "‘" || (ch === "'" && opensQuotation(text, i, paragraph.start))) {
      openSingle = i;
    } else if (ch === "’" || ch === "'") {
      // Only a mark right after punctuation closes a single quotation; otherwise it is an apostrophe.
      if (openSingle >= 0 && ",.?!".includes(text[i - 1]) && isAttributed(text, i, 1, paragraph.end)) {
        addRange(ranges, openSingle, i + 1);
        openSingle = -1;
      }
    }
  }
  return mergeRanges(ranges);
}

/** A straight quotation mark opens when it starts a word: after white space or an opening bracket or dash. */
function opensQuotation(text: string, i: number, start: number): boolean {
  if (i + 1 >= text.length || isSpaceCode(text.charCodeAt(i + 1))) return false;
  return i === start || isSpaceCode(text.charCodeAt(i - 1)) || BEFORE_OPENING.includes(text[i - 1]);
}

/** Whether the quotation closing at `i` (mark `width` long) is continued by an attribution. */
function isAttributed(text: string, i: number, width: number, end: number): boolean {
  const before = text[i - 1];
  if (before === ",") return true;
  if (before !== "." && before !== "?" && before !== "!" && before !== "…") return false;
  let j = i + width;
  while (j < end && isSpaceCode(text.charCodeAt(j))) j++;
  return j < end && isLower(text[j]);
}

function addRange(ranges: Span[], open: number, close: number): void {
  if (close - open <= MAX_ENCLOSED_CHARS) ranges.push({ start: open + 1, end: close });
}

function mergeRanges(ranges: Span[]): Span[] {
  ranges.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}
