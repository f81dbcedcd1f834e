/**
 * Step 4: sentence boundaries inside one paragraph.
 *
 * Candidates are the ends of whitespace-separated tokens that end in . ? ! or … (closing quotes and
 * brackets may follow), plus run-on tokens such as "said.Then". Each candidate is decided by our rules
 * first (abbreviations, initials, times, quotations, parentheses); the few cases they leave open (mostly a
 * full stop before a number) take sbd's decision.
 */
import type { Span } from "../../model/types.ts";
import { MAX_ENCLOSED_CHARS } from "./02-enclosures.ts";
import { sbdSentenceStarts } from "./03-sbd.ts";
import { ING_NAMES, SENTENCE_STARTERS, SPEECH_VERBS, TIME_CONTINUATIONS } from "./lexicon.ts";
import {
  type Ending,
  hasQuote,
  isEllipsis,
  isSpaceCode,
  isTerminal,
  isUpper,
  type Opening,
  parseEnding,
  parseOpening,
} from "./shape.ts";

/**
 * A lower-case word glued to the capitalised start of the next sentence: "preserved.Then". Linear: a start
 * must follow a non-letter, so each run of letters (and the punctuation after it) is read from one start.
 */
const RUN_ON = /(?<!\p{L})\p{Ll}{2,}[.!?]+["”’')\]]*(?=\p{Lu}\p{Ll})/gu;
/** Roman numerals after "Vol.", "No." and the like ("Vol. II"); a lone "I" is more often the pronoun. */
const ROMAN = /^(?:[IVXLC]{2,}|[VXLC])$/;
/** A token of nothing but final punctuation and closers: "…", ". . ." in pieces, ".''". */
const TRAILING_PUNCTUATION = /^[.?!…]+["”’'»)\]]*$/;
/** A word too long to be an unlisted abbreviation. */
const LONG_WORD = /\p{L}{4,}$/u;
/** Quotation marks and brackets alone. */
const STRAY_MARKS = /^["“”‘’'`»)\]]+$/;
/** A question-and-answer or list label. */
const LABEL = /^(?:[A-Za-z]|\d{1,3}|[ivx]{1,4})[.)]$/;
/** A clock time before "a.m." or "p.m.". */
const CLOCK = /^\d{1,2}(?::\d\d)?$/;
/** How many capitalised words (a name, a title) may stand between a quotation and its verb of saying. */
const MAX_NAME_WORDS = 4;

/** What the rules look at in one paragraph. */
interface Paragraph {
  text: string;
  span: Span;
  starts: number[];
  ends: number[];
  enclosed: Span[];
  /** sbd's sentence starts, computed only if a rule asks for them. */
  sbd: () => Set<number>;
}

/** Sentence spans of one paragraph (trimmed, in order, covering all its tokens); `enclosed` from step 2. */
export function splitParagraph(text: string, span: Span, enclosed: Span[]): Span[] {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = span.start; i < span.end; ) {
    while (i < span.end && isSpaceCode(text.charCodeAt(i))) i++;
    if (i >= span.end) break;
    starts.push(i);
    while (i < span.end && !isSpaceCode(text.charCodeAt(i))) i++;
    ends.push(i);
  }
  let sbd: Set<number> | undefined;
  const para: Paragraph = {
    text,
    span,
    starts,
    ends,
    enclosed,
    sbd: () => {
      sbd ??= sbdSentenceStarts(text, span);
      return sbd;
    },
  };

  const boundaries: number[] = [];
  for (let t = 0; t < starts.length; t++) {
    const token = text.slice(starts[t], ends[t]);
    for (const at of runOnBoundaries(token, starts[t])) {
      if (!isEnclosed(para, at)) boundaries.push(at);
    }
    if (t + 1 === starts.length) break;
    const ending = parseEnding(token);
    if (!ending) continue;
    const opensSentence = t === 0 || boundaries[boundaries.length - 1] === ends[t - 1];
    const at = decide(para, t, ending, opensSentence);
    if (at < 0) continue;
    boundaries.push(at);
    // A boundary moved past a trailing "(AP)" skips the tokens of the parenthesis.
    while (t + 1 < ends.length && ends[t] < at) t++;
  }
  return toSpans(text, span, boundaries);
}

/** Boundaries inside a token where a lower-case word runs into a capitalised one without a space. */
function runOnBoundaries(token: string, offset: number): number[] {
  if (token.length < 5 || token.includes("://") || token.includes("www.") || token.includes("@")) return [];
  let inner = false;
  for (let i = 0; i < token.length - 1; i++) {
    if (isTerminal(token[i])) inner = true;
  }
  if (!inner) return [];
  return Array.from(token.matchAll(RUN_ON), (m) => offset + m.index + m[0].length);
}

/** The boundary after token `t` (its end, or the end of a parenthesis that follows it), or -1 for none. */
function decide(para: Paragraph, t: number, ending: Ending, opensSentence: boolean): number {
  const at = para.ends[t];
  if (isEnclosed(para, at)) return -1;
  const nextToken = tokenAt(para, t + 1);
  // ". . ." written with spaces, or a trailing "…" after the full stop: the punctuation stays together.
  if (TRAILING_PUNCTUATION.test(nextToken)) return -1;
  // A stray closing mark at the end of the paragraph belongs to the sentence before it.
  if (t + 2 === para.starts.length && STRAY_MARKS.test(nextToken)) return -1;
  // A label that opens a sentence ("Q.", "A.", "2.", "11:44 A.M.") heads what follows.
  if (opensSentence && LABEL.test(tokenAt(para, t))) return -1;
  if (t === 1 && ending.kind === "time" && CLOCK.test(tokenAt(para, 0))) return -1;
  const next = parseOpening(nextToken);
  if (next.first === "lower" || next.first === "dash") return -1;
  if (ending.kind === "never-final" && ending.punct === ".") return -1;
  if (next.opener.includes("(")) return decideBeforeParenthesis(para, t, ending, next);
  return endsBefore(para, ending, next, t + 1) ? at : -1;
}

/**
 * A parenthesis after a full stop: one holding sentences of its own ("(It is unclear what that schedule
 * is.)") is decided by its first word; a credit or aside without final punctuation ("(AP)", "(Associated
 * Press)") belongs to the sentence before, and the boundary, if any, moves to after it.
 */
function decideBeforeParenthesis(para: Paragraph, t: number, ending: Ending, next: Opening): number {
  const { text } = para;
  const open = text.indexOf("(", para.starts[t + 1]);
  const limit = Math.min(para.span.end, open + MAX_ENCLOSED_CHARS);
  let close = -1;
  let depth = 0;
  let sentenceInside = false;
  for (let i = open; i < limit; i++) {
    const ch = text[i];
    if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) {
      close = i;
      break;
    } else if (isTerminal(ch)) {
      sentenceInside = true;
      break;
    }
  }
  if (close < 0 || sentenceInside) return endsBefore(para, ending, next, t + 1) ? para.ends[t] : -1;
  let k = t + 1;
  while (para.ends[k] <= close) k++;
  if (k + 1 >= para.starts.length) return -1;
  const after = parseOpening(tokenAt(para, k + 1));
  if (after.first === "lower" || after.first === "dash") return -1;
  return endsBefore(para, ending, after, k + 1) ? para.ends[k] : -1;
}

/** Whether a sentence that reached `ending` stops before the token `n`, which begins as `next`. */
function endsBefore(para: Paragraph, ending: Ending, next: Opening, n: number): boolean {
  const quoted = hasQuote(ending.closers);
  if (ending.punct.includes("?") || ending.punct.includes("!")) {
    // `"Why?" Smith asked.` keeps the attribution with the question.
    return !(quoted && next.first === "upper" && attributionFollows(para, n, false));
  }
  if (isEllipsis(ending)) return next.first === "upper";
  switch (ending.kind) {
    case "never-final":
      return false;
    case "number-prefix":
      if (next.first === "digit" || next.opener === "#" || ROMAN.test(next.word)) return false;
      return startsSentenceAfterAbbreviation(para, next, n);
    case "month":
      if (next.first === "digit") return false;
      return startsSentenceAfterAbbreviation(para, next, n);
    case "time":
      if (next.first !== "upper") return false;
      return !TIME_CONTINUATIONS.has(next.word);
    case "maybe-final":
      return startsSentenceAfterAbbreviation(para, next, n);
    case "letter":
      return sbdSplits(para, n);
    default:
      if (next.first === "upper") return !(quoted && attributionFollows(para, n, true));
      // sbd reads any capitalised word before a number as an abbreviation ("Internet. 1984 ..."); ours are listed.
      if (next.first === "digit" && ending.kind === "plain" && LONG_WORD.test(ending.word)) return true;
      return sbdSplits(para, n);
  }
}

/** After "U.S.", "Inc." or "Jr.": only a typical sentence opener or a new quotation starts a sentence. */
function startsSentenceAfterAbbreviation(para: Paragraph, next: Opening, n: number): boolean {
  if (next.first !== "upper") return false;
  if (SENTENCE_STARTERS.has(next.word) || hasQuote(next.opener)) return true;
  // A participle opening a clause ("Moving swiftly, ..."); "U.S. Swimming officials" is a name.
  if (next.word.length < 6 || !next.word.endsWith("ing") || ING_NAMES.has(next.word)) return false;
  if (tokenAt(para, n).endsWith(",")) return true;
  return n + 1 < para.starts.length && parseOpening(tokenAt(para, n + 1)).first === "lower";
}

/**
 * Whether tokens from `n` are an attribution: up to a few capitalised words and then a verb of saying
 * (`Smith asked`, `Sen. Jane Doe said.`). After a full stop the verb must also end the clause (`Smith said.`).
 */
function attributionFollows(para: Paragraph, n: number, verbMustEnd: boolean): boolean {
  for (let k = n; k < para.starts.length && k <= n + MAX_NAME_WORDS; k++) {
    const token = tokenAt(para, k);
    const word = token.replace(/[.,;:]+$/, "");
    if (SPEECH_VERBS.has(word)) return !verbMustEnd || word.length < token.length;
    // A comma or colon after a capitalised word ends the name: what follows is no attribution.
    if (!isUpper(token[0]) || /[,;:]$/.test(token)) return false;
  }
  return false;
}

function sbdSplits(para: Paragraph, n: number): boolean {
  return para.sbd().has(para.starts[n]);
}

function tokenAt(para: Paragraph, k: number): string {
  return para.text.slice(para.starts[k], para.ends[k]);
}

/** Binary search of the enclosed ranges. */
function isEnclosed(para: Paragraph, at: number): boolean {
  const ranges = para.enclosed;
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].end <= at) lo = mid + 1;
    else if (ranges[mid].start > at) hi = mid - 1;
    else return true;
  }
  return false;
}

/** Sentence spans from boundary offsets: each sentence ends at a boundary and starts at the next non-space. */
function toSpans(text: string, span: Span, boundaries: number[]): Span[] {
  const spans: Span[] = [];
  let start = span.start;
  for (const at of boundaries) {
    if (at <= start) continue;
    spans.push({ start, end: at });
    start = at;
    while (start < span.end && isSpaceCode(text.charCodeAt(start))) start++;
  }
  if (start < span.end) spans.push({ start, end: span.end });
  return spans;
}
