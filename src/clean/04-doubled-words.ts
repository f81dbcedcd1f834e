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

/** A word token, a single space, the same token, and no word character or hyphen right after. */
const DOUBLED = /(?<![\p{L}\p{N}'-])([\p{L}][\p{L}'.]*) \1(?![\p{L}\p{N}'-])/gu;

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
  for (const m of text.matchAll(DOUBLED)) {
    const word = m[1];
    if (!isSlip(word)) continue;
    // Drop "word " (the first copy and the space), keeping the second copy's own offsets.
    edits.push({ start: m.index, end: m.index + word.length + 1, replacement: "" });
  }
  return edits;
}
