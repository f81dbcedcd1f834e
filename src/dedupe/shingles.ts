/**
 * Text → the evidence dedupe compares: normalised words, an exact-copy key, and the set of word
 * shingles (Broder 1997: "On the resemblance and containment of documents") as 32-bit hashes.
 *
 * Normalisation makes republished wire copy look like the original: boilerplate lines a site wraps
 * around it (share buttons, newsletter pitches, "Advertisement") are dropped with the cleaner's own
 * line classifier, and words are lower-cased runs of letters and digits, so punctuation, quotes and
 * spacing differences vanish.
 */
import { classifyLine } from "../clean/index.ts";
import { words } from "../text/tokens.ts";
import { fmix32, hashSequence } from "./hash.ts";

/** Words per shingle. 5 is long enough that distinct articles on one story rarely share one by chance. */
export const DEFAULT_SHINGLE_WORDS = 5;

export interface ShingleOptions {
  /** Words per shingle. Default {@link DEFAULT_SHINGLE_WORDS}. */
  shingleWords?: number;
  /** Drop boilerplate lines before comparing (the cleaner's `classifyLine`). Default true. */
  stripBoilerplate?: boolean;
}

export interface Fingerprint {
  /** 53-bit hash of the normalised word sequence: equal for copies that differ only in layout. */
  exactKey: number;
  /** Number of words after normalisation. */
  wordCount: number;
  /** Distinct shingle hashes, ascending. Empty when the text has fewer words than a shingle. */
  shingles: Uint32Array;
}

/** Normalised words of a text, boilerplate lines dropped unless told not to. */
export function normalizedWords(text: string, stripBoilerplate = true): string[] {
  if (!stripBoilerplate) return words(text);
  const out: string[] = [];
  forEachKeptLine(text, true, (start, end) => {
    for (const w of words(text.slice(start, end))) out.push(w);
  });
  return out;
}

/**
 * Hashes of the normalised words of a text, in order: FNV-1a of each lower-cased run of letters and digits
 * (the words `words()` gives, read without making strings), boilerplate lines dropped unless told not to.
 * Letters outside the Basic Multilingual Plane (stored as surrogate pairs) end a word.
 */
export function wordHashes(text: string, stripBoilerplate = true): number[] {
  const out: number[] = [];
  forEachKeptLine(text, stripBoilerplate, (start, end) => hashWords(text, start, end, out));
  return out;
}

/** Calls `keep(start, end)` for each line of the text that is not boilerplate (each line, unless `strip`). */
function forEachKeptLine(text: string, strip: boolean, keep: (start: number, end: number) => void): void {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    // A line of over 600 characters is taken for prose without asking the classifier (most rules stop
    // far below that; the longest, at 120 words, could just pass it).
    if (!strip || end - start > 600 || classifyLine(text.slice(start, end)) === undefined) keep(start, end);
    start = end + 1;
  }
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

function hashWords(text: string, from: number, to: number, out: number[]): void {
  let h = 0;
  let inWord = false;
  for (let i = from; i < to; i++) {
    let c = text.charCodeAt(i);
    let isWord: boolean;
    if (c < 128) {
      if (c >= 65 && c <= 90) {
        c += 32;
        isWord = true;
      } else isWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    } else {
      const ch = text[i];
      isWord = LETTER_OR_DIGIT.test(ch);
      if (isWord) c = ch.toLowerCase().charCodeAt(0);
    }
    if (isWord) {
      if (!inWord) {
        h = 0x811c9dc5;
        inWord = true;
      }
      h = Math.imul(h ^ c, 0x01000193);
    } else if (inWord) {
      out.push(fmix32(h));
      inWord = false;
    }
  }
  if (inWord) out.push(fmix32(h));
}

/** Fingerprint of a text: exact key and distinct shingle hashes. */
export function fingerprint(text: string, options: ShingleOptions = {}): Fingerprint {
  const k = options.shingleWords ?? DEFAULT_SHINGLE_WORDS;
  if (!Number.isInteger(k) || k < 1 || k > 16)
    throw new Error(`fingerprint: shingleWords must be a whole number from 1 to 16, not ${k}`);
  const wh = wordHashes(text, options.stripBoilerplate ?? true);
  const exactKey = hashSequence(wh);
  const n = wh.length - k + 1;
  if (n <= 0) return { exactKey, wordCount: wh.length, shingles: new Uint32Array(0) };
  // All shingle hashes, sorted, then the distinct ones (a typed array: no boxed numbers, no hash set).
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x9747b28c;
    for (let j = 0; j < k; j++) {
      h = Math.imul(h ^ wh[i + j], 0x9e3779b1);
      h = (h << 13) | (h >>> 19);
    }
    all[i] = fmix32(h);
  }
  all.sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i];
  return { exactKey, wordCount: wh.length, shingles: all.slice(0, distinct) };
}
