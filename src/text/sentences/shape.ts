/**
 * Character and word shapes the sentence rules look at: how a whitespace-separated token ends (word,
 * final punctuation, closing quotes or brackets) and how the next one begins.
 */
import { MAYBE_FINAL, MONTHS, NEVER_FINAL, NUMBER_PREFIXES } from "./lexicon.ts";

/** What the word before a full stop is, as far as ending a sentence goes. */
export type WordKind =
  /** A title or fixed prefix: never ends a sentence ("Mr.", "Sen.", "vs."). */
  | "never-final"
  /** "No.", "p.", "Vol.": does not end a sentence before a number. */
  | "number-prefix"
  /** "Feb.", "Sept.": does not end a sentence before a day or year. */
  | "month"
  /** "a.m." and "p.m.". */
  | "time"
  /** "U.S.", "Inc.", "Jr.", "Calif.", an initial "F.": ends a sentence only before a typical sentence opener. */
  | "maybe-final"
  /** A single lower-case letter ("a.", "x."): left to sbd. */
  | "letter"
  /** A number ("1999.", "$5.", "2.4.1."). */
  | "number"
  /** Any other word, or none (a lone "." or "…"). */
  | "plain";

/** The end of a token that may close a sentence: `(D-Mass.)` → word "D-Mass", punct ".", closers ")". */
export interface Ending {
  word: string;
  punct: string;
  closers: string;
  kind: WordKind;
}

/** How the next token begins: `("We` → opener `("`, first "upper", word "We". */
export interface Opening {
  opener: string;
  first: "lower" | "upper" | "digit" | "dash" | "other";
  /** The leading run of letters after the opener. */
  word: string;
}

const CLOSER_CHARS = "\"”’'»›)]}";
const OPENER_CHARS = "\"“‘'`«‹([{„";
const QUOTE_CHARS = "\"“”‘’'`«»‹›„";
const TERMINAL_CHARS = ".?!…";
const DASH_CHARS = "-–—_―";

/** Unicode white space, as `\s` sees it. */
export function isSpaceCode(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export function isLower(ch: string): boolean {
  return ch >= "a" && ch <= "z" ? true : ch > "\x7f" && /\p{Ll}/u.test(ch);
}

export function isUpper(ch: string): boolean {
  return ch >= "A" && ch <= "Z" ? true : ch > "\x7f" && /\p{Lu}/u.test(ch);
}

function isLetter(ch: string): boolean {
  return isLower(ch) || isUpper(ch) || (ch > "\x7f" && /\p{L}/u.test(ch));
}

export function isTerminal(ch: string): boolean {
  return TERMINAL_CHARS.includes(ch);
}

export function hasQuote(s: string): boolean {
  for (const ch of s) if (QUOTE_CHARS.includes(ch)) return true;
  return false;
}

/** Splits `token` into word, final punctuation and closers; `undefined` when it does not end in . ? ! or …. */
export function parseEnding(token: string): Ending | undefined {
  let i = token.length;
  while (i > 0 && CLOSER_CHARS.includes(token[i - 1])) i--;
  const closersAt = i;
  while (i > 0 && isTerminal(token[i - 1])) i--;
  if (i === closersAt) return undefined;
  const word = token.slice(0, i);
  return { word, punct: token.slice(i, closersAt), closers: token.slice(closersAt), kind: classify(word) };
}

/** How `token` begins, skipping opening quotes and brackets. */
export function parseOpening(token: string): Opening {
  let i = 0;
  while (i < token.length - 1 && OPENER_CHARS.includes(token[i])) i++;
  const opener = token.slice(0, i);
  const ch = token[i] ?? "";
  let first: Opening["first"] = "other";
  if (isLower(ch)) first = "lower";
  else if (isUpper(ch)) first = "upper";
  else if (ch >= "0" && ch <= "9") first = "digit";
  else if (DASH_CHARS.includes(ch)) first = "dash";
  let j = i;
  while (j < token.length && isLetter(token[j])) j++;
  return { opener, first, word: token.slice(i, j) };
}

/** The form of a word that the lexicon lists: without brackets or quotes, after the last hyphen ("D-Mass" → "Mass"). */
function lookupForm(word: string): string {
  let s = 0;
  let e = word.length;
  while (s < e && OPENER_CHARS.includes(word[s])) s++;
  while (e > s && CLOSER_CHARS.includes(word[e - 1])) e--;
  let form = word.slice(s, e);
  const cut = Math.max(form.lastIndexOf("-"), form.lastIndexOf("/"));
  if (cut >= 0 && cut < form.length - 1) form = form.slice(cut + 1);
  return form;
}

const NUMBER = /^[$€£¥#]?\d[\d.,:/%-]*$/;
const TIME = /^[ap]\.m$/i;
// Linear: anchored, and the dots fix where every repetition ends.
const DOTTED = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;
const ALL_CAPS = /^\p{Lu}{2,}$/u;

/** Classifies the word before a final ".", looking it up as written and, if all capitals, in title case. */
export function classify(word: string): WordKind {
  const form = lookupForm(word);
  if (form === "") return "plain";
  if (NUMBER.test(form)) return "number";
  if (TIME.test(form)) return "time";
  const kind = listedKind(form);
  if (kind) return kind;
  if (ALL_CAPS.test(form)) {
    const titled = listedKind(form[0] + form.slice(1).toLowerCase());
    if (titled) return titled;
  }
  if (DOTTED.test(form)) return "maybe-final";
  if (form.length === 1) {
    if (isUpper(form)) return "maybe-final";
    if (isLower(form)) return "letter";
  }
  return "plain";
}

function listedKind(form: string): WordKind | undefined {
  if (NEVER_FINAL.has(form)) return "never-final";
  if (NUMBER_PREFIXES.has(form)) return "number-prefix";
  if (MONTHS.has(form)) return "month";
  if (MAYBE_FINAL.has(form)) return "maybe-final";
  return undefined;
}

/** Whether `ending` is an ellipsis ("...", "…", ". . ." is handled token by token). */
export function isEllipsis(ending: Ending): boolean {
  return ending.punct.includes("…") || ending.punct.includes("..");
}
