/**
 * Headline: pages and feeds often put the title on the first line of the body. It is not a sentence
 * of the story, so it is taken out of the text (and kept as `headline`).
 */
import type { Span } from "../model/types.ts";
import { wordCount } from "./03-boilerplate.ts";

/** Longest first line taken for a headline without a title to compare with; news headlines run 5–15 words. */
export const MAX_HEADLINE_WORDS = 20;
/** A one-word first line is a section label or a widget, not a headline. */
export const MIN_HEADLINE_WORDS = 2;

/** Sentence-final punctuation (a headline has none); closing quotes and brackets are looked through. */
// Linear: a run of closers is only scanned from the one punctuation mark before it.
const FINAL_PUNCTUATION = /[.!?:;,…]["')\]]*$/;
const HAS_LETTER = /\p{L}/u;

/**
 * The span of the first line if it looks like a headline: no final punctuation, `MIN_HEADLINE_WORDS`
 * to `MAX_HEADLINE_WORDS` words, and more text after it. Undefined otherwise.
 */
export function detectHeadline(text: string): Span | undefined {
  const span = firstLine(text);
  if (span === undefined) return undefined;
  const line = text.slice(span.start, span.end);
  const words = wordCount(line);
  if (words < MIN_HEADLINE_WORDS || words > MAX_HEADLINE_WORDS) return undefined;
  if (FINAL_PUNCTUATION.test(line) || !HAS_LETTER.test(line)) return undefined;
  return span;
}

/** The first non-blank line (trimmed) if text follows it, so a one-line text is never all headline. */
export function firstLine(text: string): Span | undefined {
  let start = 0;
  while (start < text.length && (text[start] === "\n" || text[start] === " ")) start++;
  const newline = text.indexOf("\n", start);
  if (newline < 0 || text.slice(newline).trim().length === 0) return undefined;
  let end = newline;
  while (end > start && text[end - 1] === " ") end--;
  return end > start ? { start, end } : undefined;
}

/** Lower-cased, straight-quoted, single-spaced, without trailing punctuation: for comparing a title with a line. */
export function normalizeTitle(title: string): string {
  const normalized = title
    .normalize("NFKC")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
  return withoutTrailingPunctuation(normalized).toLowerCase();
}

const TRAILING = /[\s.!?:;,…]/;

/**
 * `text.replace(/[\s.!?:;,…]+$/, "")`, scanning back from the end: the regex retries from every char of a
 * long run of punctuation that does not reach the end ("....x"), which is quadratic.
 */
function withoutTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && TRAILING.test(text[end - 1])) end--;
  return text.slice(0, end);
}
