/**
 * Doubled words left by editing slips ("Ukrainian President President Volodymyr", "the the").
 *
 * Matching is case-sensitive on whole word tokens separated by one space (after `02-whitespace`),
 * never across a line break, and never on numbers ("10 10"). A doubled pair is dropped only when it
 * is a known slip, because many repeats are real language:
 * - lowercase: only function words that are never legitimately doubled ("the the", "of of");
 *   "had had", "that that", "is is" ("what it is is …"), "in in" ("gave in in the end"),
 *   "no no no", "very very" stay;
 * - capitalised: titles and function words ("President President", "The The"), and longer words
 *   (≥ `MIN_DOUBLED_NAME_LENGTH` letters) that are not known reduplicated names; short reduplicated
 *   names ("Bora Bora", "Walla Walla", "Pago Pago") stay.
 * The first copy (and its space) is removed, so the kept word maps to its own original offsets.
 */
import type { Edit } from "./mapped.ts";

/** Lowercase words whose doubling is always a slip. */
export const ALWAYS_DOUBLED_IN_ERROR: ReadonlySet<string> = new Set(
  "the a an of and or to for with from his her their its our your this these those will would be are were has have".split(
    " ",
  ),
);

/** Capitalised words whose doubling is a slip: titles and sentence-initial function words. */
export const DOUBLED_TITLES: ReadonlySet<string> = new Set(
  (
    "President Prime Minister Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Sen Sen. Senator Rep Rep. Representative Gov Gov. " +
    "Governor General Gen Gen. Secretary Chancellor King Queen Prince Princess Pope Judge Justice Chief Mayor " +
    "Officer Commissioner Director Chairman Ambassador Speaker Leader The A An And Of In To For With"
  ).split(" "),
);

/**
 * Capitalised words at least this long are taken as slips when doubled, unless listed below;
 * shorter ones are assumed to be reduplicated names ("Bora Bora", "Mahi Mahi", "Duran Duran").
 */
export const MIN_DOUBLED_NAME_LENGTH = 7;

/** Real names that repeat a word of `MIN_DOUBLED_NAME_LENGTH` letters or more. */
export const REDUPLICATED_NAMES: ReadonlySet<string> = new Set(["Humbert", "Sirhan", "Charlie"]);

/**
 * The former `/(?<![\p{L}\p{N}'-])([\p{L}][\p{L}'.]*) \1(?![\p{L}\p{N}'-])/gu`, matched by hand: that regex
 * was quadratic on "a.a.a.…" (every letter after a dot starts a token running to the end of the run).
 *
 * What it matched: a token is a letter then letters, apostrophes and dots; since the token is greedy and a
 * space must follow it, it always runs to the end of its run of [\p{L}'.]. It may start at the run's first
 * char (a letter not preceded by a digit or a hyphen) or at a letter after a dot inside the run ("x.the the").
 * The same token must follow after exactly one space, and then no letter, digit, apostrophe or hyphen: a dot
 * may follow ("the the." or "Mr Mr."). Matches do not overlap; the leftmost start of a run wins.
 */
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{N}$/u;

/** Code point at `i` as a string (two units for an astral char), or "" past the end. */
function charAt(text: string, i: number): string {
  const c = text.codePointAt(i);
  return c === undefined ? "" : String.fromCodePoint(c);
}

/** Code point ending just before `i` as a string, or "" at the start. */
function charBefore(text: string, i: number): string {
  if (i <= 0) return "";
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(i - 2, i);
  }
  return text[i - 1];
}

function isLetter(ch: string): boolean {
  if (ch.length === 0) return false;
  const c = ch.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return true;
  return c > 127 && LETTER.test(ch);
}

/** [\p{L}'.] */
function isTokenChar(ch: string): boolean {
  return ch === "'" || ch === "." || isLetter(ch);
}

/** [\p{L}\p{N}'-]: what may not touch a doubled pair on either side. */
function isWordChar(ch: string): boolean {
  if (ch === "'" || ch === "-" || isLetter(ch)) return true;
  if (ch.length === 0) return false;
  const c = ch.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c > 127 && DIGIT.test(ch));
}

/** End of the run of [\p{L}'.] starting at `i`. */
function runEnd(text: string, i: number): number {
  let j = i;
  for (let ch = charAt(text, j); ch !== "" && isTokenChar(ch); ch = charAt(text, j)) j += ch.length;
  return j;
}

/**
 * For every `k` in `[from, to)`: the length of the common prefix of `text.slice(k, to)` and `text.slice(at,
 * limit)` (the Z-algorithm on the second string, a separator, then the first), in linear time.
 */
function prefixMatches(text: string, from: number, to: number, at: number, limit: number): Int32Array {
  const m = limit - at;
  const n = m + 1 + (to - from);
  const code = (i: number): number =>
    i < m ? text.charCodeAt(at + i) : i === m ? -1 : text.charCodeAt(from + i - m - 1);
  const z = new Int32Array(n);
  let left = 0;
  let right = 0;
  for (let i = 1; i < n; i++) {
    let k = i < right ? Math.min(right - i, z[i - left]) : 0;
    while (i + k < n && code(k) === code(i + k)) k++;
    z[i] = k;
    if (i + k > right) {
      left = i;
      right = i + k;
    }
  }
  return z.subarray(m + 1);
}

interface Doubled {
  /** Start of the first copy. */
  index: number;
  word: string;
}

/** Every doubled pair, in order, as the regex above found them. */
function findDoubled(text: string): Doubled[] {
  const found: Doubled[] = [];
  let searchFrom = 0;
  let i = 0;
  while (i < text.length) {
    const ch = charAt(text, i);
    if (!isTokenChar(ch)) {
      i += ch.length;
      continue;
    }
    const start = i;
    const end = runEnd(text, start);
    i = end;
    // Candidate starts: the run's first char if it is a letter not after a digit or hyphen, and letters after a dot.
    const starts: number[] = [];
    for (let p = Math.max(start, searchFrom); p < end; ) {
      const c = charAt(text, p);
      const before = charBefore(text, p);
      if (isLetter(c) && (p === start ? !isWordChar(before) : before === ".")) starts.push(p);
      p += c.length;
    }
    if (starts.length === 0 || text[end] !== " ") continue;
    const next = end + 1;
    const nextEnd = runEnd(text, next);
    const nextLength = nextEnd - next;
    const fits = starts.filter((p) => end - p <= nextLength);
    if (fits.length === 0) continue;
    const common = fits.length === 1 ? undefined : prefixMatches(text, fits[0], end, next, nextEnd);
    for (const p of fits) {
      const length = end - p;
      const same =
        common === undefined ? text.startsWith(text.slice(p, end), next) : common[p - fits[0]] >= length;
      if (!same) continue;
      // The second copy may be followed by a dot, or end its run before anything but a digit or hyphen.
      const after = charAt(text, next + length);
      if (length < nextLength ? after !== "." : isWordChar(after)) continue;
      found.push({ index: p, word: text.slice(p, end) });
      searchFrom = next + length;
      break;
    }
  }
  return found;
}

function isSlip(word: string): boolean {
  const bare = word.replace(/\.$/, "");
  if (ALWAYS_DOUBLED_IN_ERROR.has(word)) return true;
  if (DOUBLED_TITLES.has(word) || DOUBLED_TITLES.has(bare)) return true;
  const capitalised = /^\p{Lu}\p{Ll}/u.test(word);
  return capitalised && bare.length >= MIN_DOUBLED_NAME_LENGTH && !REDUPLICATED_NAMES.has(bare);
}

/** Edits that drop the first copy of each doubled slip. */
export function doubledWordEdits(text: string): Edit[] {
  const edits: Edit[] = [];
  for (const { index, word } of findDoubled(text)) {
    if (!isSlip(word)) continue;
    // Drop "word " (the first copy and the space), keeping the second copy's own offsets.
    edits.push({ start: index, end: index + word.length + 1, replacement: "" });
  }
  return edits;
}
