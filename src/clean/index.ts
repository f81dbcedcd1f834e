/**
 * Cleaning: original article text → text fit for sentence splitting, with every cleaned char mapped
 * back to the original (see mapped.ts), so citations always point into the text a reader sees.
 * Steps run in the order below; each returns edits in the current text's coordinates.
 */
import { UsageError } from "../model/errors.ts";
import type { Span } from "../model/types.ts";
import { encodingEdits, MAX_REPAIR_ROUNDS } from "./01-encoding.ts";
import { blankLineEdits, invisibleEdits, spacingEdits } from "./02-whitespace.ts";
import { boilerplateEdits, findBoilerplate } from "./03-boilerplate.ts";
import { doubledWordEdits } from "./04-doubled-words.ts";
import { detectHeadline, firstLine, normalizeTitle } from "./05-headline.ts";
import { detectDateline } from "./06-dateline.ts";
import { readOutlet } from "./07-outlet.ts";
import { applyEdits, type Edit, fromOriginal, type MappedText, toOriginalSpan } from "./mapped.ts";

export { repairMojibake } from "./01-encoding.ts";
export type { BoilerplateReason } from "./03-boilerplate.ts";
export { classifyLine, findBoilerplate, withoutBoilerplate } from "./03-boilerplate.ts";
export { doubledWordEdits } from "./04-doubled-words.ts";
export { detectHeadline, usableHeadline } from "./05-headline.ts";
export { type Dateline, detectDateline } from "./06-dateline.ts";
export { inferOutlet, textCredit } from "./07-outlet.ts";
export { applyEdits, type Edit, fromOriginal, type MappedText, toOriginalSpan } from "./mapped.ts";
export { canonicalOutlet } from "./outlets.ts";

/** An original range that cleaning dropped, and why ("social", "caption", "headline", "doubled-word" …). */
export type RemovedSpan = Span & { reason: string };

export interface CleanedArticle extends MappedText {
  /** Text of the detected headline (removed from `text`). */
  headline?: string;
  /** The dateline (removed from `text`); `span` is in the original text. */
  dateline?: { place: string; outlet?: string; span: Span };
  /** Inferred outlet, if any (see 07-outlet.ts for the rule). */
  outlet?: string;
  /** The outlet an in-text credit names (dateline, byline, "… contributed to this report"), if any. */
  credit?: string;
  /** The site its boilerplate names ("Follow The Daily Planet on Facebook, Twitter…"): the page's publisher. */
  site?: string;
  /** Original spans dropped, with why, in original order. Spacing and quote normalisation are not listed. */
  removed: RemovedSpan[];
}

export interface CleanOptions {
  /** The article's title from metadata: a first line equal to it (normalised) is the headline. */
  title?: string;
}

/** How many leading paragraphs may hold the dateline (captions or a deck can precede it). */
export const DATELINE_SEARCH_PARAGRAPHS = 3;

/** Clean an article's original text. Pure: same input, same output. */
export function cleanArticle(original: string, options: CleanOptions = {}): CleanedArticle {
  if (typeof original !== "string") {
    throw new UsageError(
      `cleanArticle: expected the article text as a string, instead found ${typeof original}`,
    );
  }
  const removed: RemovedSpan[] = [];
  let m = fromOriginal(original);

  // 1. Repair mojibake first: every later pattern expects real characters ("Ant√≥nio" is one word).
  for (let round = 0; round < MAX_REPAIR_ROUNDS; round++) {
    const edits = encodingEdits(m.text);
    if (edits.length === 0) break;
    m = applyEdits(m, edits);
  }
  // 2. Invisible chars, then spacing and quotes: the line patterns below assume "\n" breaks, single spaces, straight quotes.
  m = applyEdits(m, invisibleEdits(m.text));
  m = applyEdits(m, spacingEdits(m.text));

  // 3. Read the outlet now: the site's boilerplate and the closing credits are the evidence, and they are about to go.
  const { credit, outlet, site } = readOutlet(m.text);

  // 4. A first line equal to the given title is the headline even if it would look like boilerplate.
  let headline: string | undefined;
  const titleSpan = titleLine(m.text, options.title);
  if (titleSpan !== undefined) {
    headline = m.text.slice(titleSpan.start, titleSpan.end);
    m = removeRange(m, titleSpan, "headline", removed, true);
  }

  // 5. Boilerplate lines (and trailing wire credits) go, each with its reason.
  const hits = findBoilerplate(m.text);
  for (const h of hits) removed.push({ ...toOriginalSpan(m, h.start, h.end), reason: h.reason });
  m = applyEdits(m, boilerplateEdits(m.text, hits));

  // 6. Doubled words ("President President"), now that widgets cannot create false neighbours.
  const doubled = doubledWordEdits(m.text);
  for (const e of doubled) removed.push({ ...toOriginalSpan(m, e.start, e.end - 1), reason: "doubled-word" });
  m = applyEdits(m, doubled);

  // 7. Headline by shape, once boilerplate no longer sits on the first line.
  if (headline === undefined) {
    const span = detectHeadline(m.text);
    if (span !== undefined) {
      headline = m.text.slice(span.start, span.end);
      m = removeRange(m, span, "headline", removed, true);
    }
  }

  // 8. Dateline at the head of the story: not part of the first sentence.
  let dateline: CleanedArticle["dateline"];
  let paragraphStart = 0;
  for (let p = 0; p < DATELINE_SEARCH_PARAGRAPHS && paragraphStart < m.text.length; ) {
    const lineEnd = indexOrEnd(m.text, "\n", paragraphStart);
    const line = m.text.slice(paragraphStart, lineEnd);
    if (line.length > 0) {
      const found = detectDateline(line);
      if (found !== undefined) {
        const stripped = line.slice(0, found.length).trimEnd().length;
        const span = toOriginalSpan(m, paragraphStart, paragraphStart + stripped);
        dateline = { place: found.place, span };
        if (found.outlet !== undefined) dateline.outlet = found.outlet;
        removed.push({ ...span, reason: "dateline" });
        m = applyEdits(m, [{ start: paragraphStart, end: paragraphStart + found.length, replacement: "" }]);
        break;
      }
      p++;
    }
    paragraphStart = lineEnd + 1;
  }

  // 9. Tidy the blank lines that removals left behind.
  m = applyEdits(m, blankLineEdits(m.text));

  removed.sort((a, b) => a.start - b.start || a.end - b.end);
  const cleaned: CleanedArticle = { text: m.text, map: m.map, ends: m.ends, removed };
  if (headline !== undefined) cleaned.headline = headline;
  if (dateline !== undefined) cleaned.dateline = dateline;
  if (outlet !== undefined) cleaned.outlet = outlet;
  if (credit !== undefined) cleaned.credit = credit;
  if (site !== undefined) cleaned.site = site;
  return cleaned;
}

/** The first line's span if it equals the title (both normalised). */
function titleLine(text: string, title: string | undefined): Span | undefined {
  if (title === undefined || title.trim().length === 0) return undefined;
  const span = firstLine(text);
  if (span === undefined) return undefined;
  return normalizeTitle(text.slice(span.start, span.end)) === normalizeTitle(title) ? span : undefined;
}

/** Drop a range (and, for a whole line, its newline), recording it as removed. */
function removeRange(
  m: MappedText,
  span: Span,
  reason: string,
  removed: RemovedSpan[],
  wholeLine: boolean,
): MappedText {
  removed.push({ ...toOriginalSpan(m, span.start, span.end), reason });
  let end = span.end;
  if (wholeLine) {
    const lineEnd = indexOrEnd(m.text, "\n", span.end);
    end = lineEnd < m.text.length ? lineEnd + 1 : lineEnd;
  }
  const edit: Edit = {
    start: wholeLine ? lineStartOf(m.text, span.start) : span.start,
    end,
    replacement: "",
  };
  return applyEdits(m, [edit]);
}

function indexOrEnd(text: string, needle: string, from: number): number {
  const i = text.indexOf(needle, from);
  return i < 0 ? text.length : i;
}

function lineStartOf(text: string, index: number): number {
  return text.lastIndexOf("\n", index - 1) + 1;
}
