/**
 * Step 1: paragraphs from line structure. A blank line always separates paragraphs. A single newline
 * separates them too when the line before ends a sentence, or when it has no final punctuation at all and
 * the next line does not continue it (a headline, a caption, a list item: news text often has one paragraph
 * per line). A line that stops mid-sentence (next line starts lower-case, or the line ends with a comma, a
 * title like "Sen." or a word like "the") is joined to the next one.
 */
import type { Span } from "../../model/types.ts";
import { DANGLING_WORDS } from "./lexicon.ts";
import { isEllipsis, isSpaceCode, parseEnding, parseOpening } from "./shape.ts";

/** A line that starts a list item: "- ", "* ", "• ", "1. ", "2) ". */
const LIST_ITEM = /^(?:[-*•–—]|\d{1,3}[.)])$/;

/** Paragraph spans of `text`, in order, each trimmed of surrounding white space. */
export function splitParagraphs(text: string): Span[] {
  const paragraphs: Span[] = [];
  let current: Span | undefined;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let s = lineStart;
    let e = lineEnd;
    while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
    while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
    if (s === e) {
      if (current) paragraphs.push(current);
      current = undefined;
    } else if (current && continuesOnNextLine(text, current.end, s, e)) {
      current.end = e;
    } else {
      if (current) paragraphs.push(current);
      current = { start: s, end: e };
    }
    lineStart = lineEnd + 1;
  }
  if (current) paragraphs.push(current);
  return paragraphs;
}

/** Whether the line ending at `prevEnd` runs on into the (trimmed) line `[start, end)`. */
function continuesOnNextLine(text: string, prevEnd: number, start: number, end: number): boolean {
  let lastStart = prevEnd;
  while (lastStart > 0 && !isSpaceCode(text.charCodeAt(lastStart - 1))) lastStart--;
  const last = text.slice(lastStart, prevEnd);
  let firstEnd = start;
  while (firstEnd < end && !isSpaceCode(text.charCodeAt(firstEnd))) firstEnd++;
  const first = text.slice(start, firstEnd);
  if (LIST_ITEM.test(first)) return false;
  const next = parseOpening(first);
  const ending = parseEnding(last);
  if (!ending) {
    // No final punctuation: a wrapped line if the next one goes on in lower case or this one cannot stop here.
    return next.first === "lower" || last.endsWith(",") || DANGLING_WORDS.has(last);
  }
  if (ending.kind === "never-final" && ending.punct === ".") return true;
  if (next.first === "digit" && (ending.kind === "number-prefix" || ending.kind === "month")) return true;
  // "the U.S.\nmilitary", "he paused...\nand": an abbreviation or ellipsis the next line continues.
  if (next.first === "lower") {
    return (
      isEllipsis(ending) || (ending.punct === "." && ending.kind !== "plain" && ending.kind !== "number")
    );
  }
  return false;
}
