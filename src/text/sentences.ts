/**
 * Sentence boundaries for news text.
 *
 * The recipe: split the text into paragraphs by its line structure, find the stretches no sentence may
 * end in (asides in parentheses, quotations continued by their attribution), then decide every full stop,
 * question mark, exclamation mark and ellipsis with our rules for news abbreviations, initials, times,
 * datelines and quotations, leaving what they do not settle to sbd (Tessmore's sentence boundary detection).
 *
 * The main rules, in the order they apply to a candidate boundary:
 * - inside parentheses, or inside a quotation that its attribution continues (`"A. B," she said.`), no
 *   sentence ends; a quotation closed by its own full stop (`"A. B." The crowd cheered.`) splits as usual;
 * - a next word in lower case, or a dash ("--", "_", "—"), continues the sentence;
 * - titles (Mr., Sen., Gen., vs.) never end one; "No.", "p.", "Vol." and months do not before a number;
 *   "a.m."/"p.m." do not before a weekday or time zone;
 * - U.S., D.C., Inc., Jr., state abbreviations and initials end one only before a typical sentence opener
 *   ("The", "He", "But", ...) or a new quotation, so "the U.S. Treasury" stays whole and "the U.S. The" splits;
 * - "?" and "!" end one unless an attribution follows (`"Why?" Smith asked.`);
 * - a parenthesis without final punctuation after a full stop ("(AP)", "(Photo: ...)") stays with the
 *   sentence before it;
 * - anything else ending in "." before a capital splits; before a number, sbd decides.
 *
 * Data layout: sentences are half-open `[start, end)` spans of UTF-16 offsets into the text, trimmed of
 * white space, in order, never overlapping, and together covering every non-space character.
 */
import type { Span } from "../model/types.ts";
import { splitParagraphs } from "./sentences/01-paragraphs.ts";
import { enclosedRanges } from "./sentences/02-enclosures.ts";
import { splitParagraph } from "./sentences/04-boundaries.ts";

export { MAX_ENCLOSED_CHARS } from "./sentences/02-enclosures.ts";

/** Sentence spans of `text`, in order; each span trimmed of surrounding whitespace; spans never overlap; together they cover every non-whitespace character. */
export function splitSentences(text: string): Span[] {
  return splitSentencesWithParagraphs(text).map(({ start, end }) => ({ start, end }));
}

/**
 * Same, with the paragraph number (0-based) of each span: paragraphs are separated by blank lines, and by
 * single newlines too when the line before ends a sentence (news text often has one paragraph per line).
 */
export function splitSentencesWithParagraphs(text: string): Array<Span & { paragraph: number }> {
  if (typeof text !== "string") {
    throw new TypeError(`splitSentences: expected text as a string instead found "${typeof text}"`);
  }
  const out: Array<Span & { paragraph: number }> = [];
  // Step 1: paragraphs, from blank lines and lines that end a sentence.
  const paragraphs = splitParagraphs(text);
  for (let paragraph = 0; paragraph < paragraphs.length; paragraph++) {
    const span = paragraphs[paragraph];
    // Step 2: where no sentence may end (asides in parentheses, attributed quotations).
    const enclosed = enclosedRanges(text, span);
    // Steps 3-4: our rules decide each candidate boundary; sbd is asked only where they leave it open.
    for (const sentence of splitParagraph(text, span, enclosed)) out.push({ ...sentence, paragraph });
  }
  return out;
}
