/**
 * Headline: pages and feeds often put the title on the first line of the body. It is not a sentence
 * of the story, so it is taken out of the text (and kept as `headline`). That line, or a title from
 * metadata, may still be page furniture (a byline, "Article Excerpt", a caption): `usableHeadline`
 * says whether it can head a roundup.
 */
import type { Span } from "../model/types.ts";
import { wordCount } from "./03-boilerplate.ts";
import { isKnownOutlet } from "./outlets.ts";

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

/** Most words in a usable headline: a news headline runs 5–15 words; a longer "title" is a caption or a deck. */
export const MAX_USABLE_HEADLINE_WORDS = 25;
/** Longest title looked at (chars): anything longer is not a headline, and no pattern below ever sees more. */
const MAX_HEADLINE_CHARS = 300;

/** Why a title cannot be a roundup's headline: what it is instead. */
export type HeadlineProblem =
  | "empty"
  | "length"
  | "byline"
  | "reprint"
  | "teaser"
  | "caption"
  | "email"
  | "link"
  | "timestamp"
  | "site-name"
  | "section-label"
  | "sentence";

// Every pattern below sees at most MAX_HEADLINE_CHARS, and each is anchored or a fixed phrase with
// bounded gaps, so none can backtrack far.
/** "By Jane Doe, Staff Writer", "/ Source: TODAY By A. Pawlowski", "… by MMFA Staff". */
const BYLINE_START = /^[^\p{L}\p{N}]*(?:Source: [^,]{1,40}? )?By \p{Lu}/u;
const BYLINE_STAFF =
  /\b[Bb]y \p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,3},? (?:Staff|Writer|Reporter|Correspondent|Editor|Contributor)\b/u;
const STAFF_WRITER = /^(?:\p{Lu}[\p{L}.'’-]* ){0,3}(?:Staff|Senior|Associated Press) (?:Writer|Reporter)s?$/u;
/** "Dow Jones Reprints: …", "This copy is for your personal, non-commercial use only.", "All rights reserved". */
const REPRINT =
  /\bReprints?:|\bthis copy is for your personal\b|\bnon-commercial use only\b|\ball rights reserved\b|^(?:©|\([Cc]\) |[Cc]opyright\b)|\bdistribution and use of this material\b/i;
/** A media or section label, on its own or opening a teaser: "Story highlights …", "Watch: …", "Article Excerpt". */
const TEASER_PREFIX =
  /^(?:Story highlights|Photos?|Watch|Video|Videos|Listen|Audio|Gallery|Slideshow)\b(?:\s*[:|–—-]|\s+\p{Lu}|$)|^CLOSE\s/u;
const TEASER_ALONE =
  /^(?:Article Excerpt|Excerpt|Breaking News|Breaking|Opinion|Editorial|Analysis|Commentary|Live|Live Updates|Update|Updated|Exclusive|Advertisement|Related|Related Stories|Read More|Top Stories|Most Popular|Trending|Sponsored|Featured|Newsletter|Share|Print|E-?mail|Comments|Recommended|News|Local|World|Politics|Sports|Business|Home)$/i;
/** Page furniture: "Please enable JavaScript to watch this video". */
const WIDGET =
  /\b(?:enable|turn on) JavaScript\b|\bwatch this video\b|\byour browser\b|\bcookies?\b.*\baccept\b/i;
/** A photo caption or its credit: "(Photo: …)", "AP Photo/…", "file photo", "[Photo/Lanzhou Evening News]". */
const CAPTION =
  /[([](?:AP |Reuters |AFP )?Photo\b|\bPhoto\s*\/|\bAP Photo\b|\bfile photo\b|\bGetty Images\b|\bPressphoto\b|\bphoto (?:credit|courtesy|by)\b|\bPhotograph:|\(pictured\)/i;
const BRACKETED = /^[([].*[)\]]$/;
/** "Message: * A friend wanted you to see this item from …", "E-mail this to a friend". */
const EMAIL =
  /^Message:|\ba friend (?:wanted|thought|has sent)\b|^(?:e-?mail|send|share) (?:this|it) (?:to a friend|story|article)\b/i;
const LINK = /https?:\/\/|\bwww\.\w/i;
/** A clock time or a video length: "10:54 am ET", "9:04 PM ET", "| 02:51". */
const TIMESTAMP =
  /\b\d{1,2}:\d{2}(?::\d{2})? ?(?:[AaPp]\.?[Mm]\.?|ET|EST|EDT|CT|CST|PT|PST|GMT|UTC|BST)(?![\p{L}])|\|\s*\d{1,2}:\d{2}\b/u;
/** A site's name: "CNN.com", "www.example.org". */
const DOMAIN = /^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|co\.uk|news|tv)$/i;
const SITE_WORD =
  /^(?:News|Times|Post|Herald|Journal|Gazette|Tribune|Chronicle|Online|Daily|Ledger|Courier|Press|Telegraph|Observer|Dispatch|Review|Star|Sun|Mail|Globe|Wire|Radio|Television|TV)$/;
/** A place and a credit and nothing else: "NEW YORK (CNNMoney)". */
const DATELINE_ONLY = /^\p{Lu}[\p{Lu} .,'’-]*\([^()]{1,40}\)$/u;
/** A lower-case section word before the headline: "moms Classroom 'terror' adopted …". */
const SECTION_PREFIX = /^\p{Ll}+ \p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTERS = /\p{L}.*\p{L}/u;
/** Ends like a sentence (a caption does; a headline does not): a word's last letters, or a digit, then a period. */
const SENTENCE_END = /(?:\p{Ll}{2}|\d)\.["'’”]?$/u;

/**
 * What makes `title` unusable as a roundup headline, or undefined if it is usable. Refused: bylines,
 * reprint notices, teaser and section labels, photo captions, e-mail-a-friend lines, links, timestamps,
 * a site's name alone (`outlets` are the article's known outlet names), all-caps labels, and anything
 * that ends like a sentence or runs past `MAX_USABLE_HEADLINE_WORDS`.
 */
export function headlineProblem(
  title: string | undefined,
  outlets: readonly (string | undefined)[] = [],
): HeadlineProblem | undefined {
  if (title === undefined) return "empty";
  if (title.length > MAX_HEADLINE_CHARS) return "length";
  const t = title.normalize("NFKC").replace(/\s+/g, " ").trim();
  if (!LETTERS.test(t)) return "empty";
  const words = wordCount(t);
  if (words > MAX_USABLE_HEADLINE_WORDS) return "length";
  if (EMAIL.test(t)) return "email";
  if (LINK.test(t)) return "link";
  if (REPRINT.test(t)) return "reprint";
  if (BYLINE_START.test(t) || BYLINE_STAFF.test(t) || STAFF_WRITER.test(t)) return "byline";
  if (TEASER_PREFIX.test(t) || TEASER_ALONE.test(t) || WIDGET.test(t)) return "teaser";
  if (CAPTION.test(t) || BRACKETED.test(t)) return "caption";
  if (TIMESTAMP.test(t)) return "timestamp";
  if (isSiteName(t, outlets)) return "site-name";
  if (!LOWER.test(t) || DATELINE_ONLY.test(t) || SECTION_PREFIX.test(t)) return "section-label";
  if (words < MIN_HEADLINE_WORDS) return "teaser";
  if (SENTENCE_END.test(t)) return "sentence";
  return undefined;
}

/** Whether a text (of any length) carries a photo caption's marks: "(Photo: …)", "AP Photo/…", "file photo". */
export function isCaption(text: string): boolean {
  return CAPTION.test(text);
}

/** Whether `title` can head a roundup (see `headlineProblem`). */
export function usableHeadline(
  title: string | undefined,
  outlets: readonly (string | undefined)[] = [],
): title is string {
  return headlineProblem(title, outlets) === undefined;
}

/** The title is an outlet's name: one of `outlets`, a known outlet, a domain, or "The X News"-shaped. */
function isSiteName(title: string, outlets: readonly (string | undefined)[]): boolean {
  const key = normalizeTitle(title).replace(/^the /, "");
  if (outlets.some((o) => o !== undefined && normalizeTitle(o).replace(/^the /, "") === key)) return true;
  if (isKnownOutlet(title) || DOMAIN.test(title)) return true;
  const words = title.split(" ");
  return (
    words.length <= 4 &&
    words.every((w) => /^\p{Lu}/u.test(w)) &&
    SITE_WORD.test(words[words.length - 1]) &&
    (words.length <= 3 || words[0] === "The")
  );
}
