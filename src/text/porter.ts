/**
 * The Porter suffix-stripping stemmer (Porter 1980, "An algorithm for suffix stripping", Program 14(3)),
 * in the two forms that matter for evaluation:
 *
 * - `"rouge155"` (the default): the `stem` routine inside ROUGE-1.5.5.pl. That is
 *   Porter's own reference Perl release (step 2 uses BLI→BLE and adds LOGI→LOG) with Chin-Yew Lin's
 *   2004 change to step 4: MENT and ENT are taken out of the step-4 suffix list and tried afterwards
 *   as separate, cumulative rules, so e.g. "governmental" → "govern" and "agreement" → "agreem".
 * - `"porter1980"`: the rules as printed in the 1980 paper (ABLI→ABLE, no LOGI, one longest-suffix
 *   step 4).
 *
 * ROUGE-1.5.5's `-m` also looks every word up in WordNet's exception lists first: that is
 * {@link rougeMorphStem}, and {@link createStemmer}'s default.
 *
 * Input is expected to be a lower-case ASCII word (ROUGE lower-cases and keeps only `[a-z0-9]`);
 * words shorter than 3 characters are returned unchanged, as in Porter's implementations.
 */

import { WORDNET_EXCEPTIONS } from "./wordnet-exceptions.ts";

/** Which rule set {@link porterStem} applies. */
export type PorterVariant = "rouge155" | "porter1980";

/** The variant used when none is given: the one ROUGE-1.5.5 scores with. */
export const DEFAULT_PORTER_VARIANT: PorterVariant = "rouge155";

// Measure m of [C](VC)^m[V] (Porter 1980, section 2): a consonant is any letter but a e i o u,
// and y counts as a vowel after the first letter of a consonant run (Porter's reference Perl).
// Linear: anchored, and a run given back always leaves a char the next run cannot start with.
const CONS_RUN = "[^aeiou][^aeiouy]*";
const VOWEL_RUN = "[aeiouy][aeiou]*";
const M_GT_0 = new RegExp(`^(?:${CONS_RUN})?${VOWEL_RUN}${CONS_RUN}`);
const M_EQ_1 = new RegExp(`^(?:${CONS_RUN})?${VOWEL_RUN}${CONS_RUN}(?:${VOWEL_RUN})?$`);
const M_GT_1 = new RegExp(`^(?:${CONS_RUN})?${VOWEL_RUN}${CONS_RUN}${VOWEL_RUN}${CONS_RUN}`);
const HAS_VOWEL = new RegExp(`^(?:${CONS_RUN})?[aeiouy]`);
// *o: the stem is consonant-vowel-consonant, the last consonant not w, x or y (applied with m=1).
const ENDS_CVC = new RegExp(`^${CONS_RUN}[aeiouy][^aeiouwxy]$`);
// *d: a double consonant other than l, s, z (step 1b). Linear: the backreference is one char.
const DOUBLE_CONS = /([^aeiouylsz])\1$/;

type SuffixRules = ReadonlyArray<readonly [suffix: string, replacement: string]>;

// Step 2 (m>0), Porter 1980; the reference release replaced ABLI by BLI and added LOGI.
const STEP2_PAPER: SuffixRules = [
  ["ational", "ate"],
  ["tional", "tion"],
  ["enci", "ence"],
  ["anci", "ance"],
  ["izer", "ize"],
  ["abli", "able"],
  ["alli", "al"],
  ["entli", "ent"],
  ["eli", "e"],
  ["ousli", "ous"],
  ["ization", "ize"],
  ["ation", "ate"],
  ["ator", "ate"],
  ["alism", "al"],
  ["iveness", "ive"],
  ["fulness", "ful"],
  ["ousness", "ous"],
  ["aliti", "al"],
  ["iviti", "ive"],
  ["biliti", "ble"],
];
const STEP2_ROUGE: SuffixRules = [
  ...STEP2_PAPER.filter(([s]) => s !== "abli"),
  ["bli", "ble"],
  ["logi", "log"],
];

// Step 3 (m>0), Porter 1980.
const STEP3: SuffixRules = [
  ["icate", "ic"],
  ["ative", ""],
  ["alize", "al"],
  ["iciti", "ic"],
  ["ical", "ic"],
  ["ful", ""],
  ["ness", ""],
];

// Step 4 (m>1), Porter 1980; ION is handled separately (needs a preceding s or t).
const STEP4_PAPER: readonly string[] = [
  "al",
  "ance",
  "ence",
  "er",
  "ic",
  "able",
  "ible",
  "ant",
  "ement",
  "ment",
  "ent",
  "ou",
  "ism",
  "ate",
  "iti",
  "ous",
  "ive",
  "ize",
];
// ROUGE-1.5.5 (CYL, 02/14/2004): MENT and ENT leave the list and are tried afterwards.
const STEP4_ROUGE: readonly string[] = STEP4_PAPER.filter((s) => s !== "ment" && s !== "ent");

/** The longest rule whose suffix ends `word` (the rule Porter's steps 2-4 consider), if any. */
function longestRule(word: string, rules: SuffixRules): readonly [string, string] | undefined {
  let best: readonly [string, string] | undefined;
  for (const rule of rules) {
    if (word.endsWith(rule[0]) && (best === undefined || rule[0].length > best[0].length)) best = rule;
  }
  return best;
}

function longestSuffix(word: string, suffixes: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const s of suffixes) {
    if (word.endsWith(s) && (best === undefined || s.length > best.length)) best = s;
  }
  return best;
}

/** Replace the longest matching suffix of `rules` when the remaining stem has m>0 (steps 2 and 3). */
function replaceIfMeasured(word: string, rules: SuffixRules): string {
  const rule = longestRule(word, rules);
  if (rule === undefined) return word;
  const stem = word.slice(0, word.length - rule[0].length);
  return M_GT_0.test(stem) ? stem + rule[1] : word;
}

/** Drop `suffix` from `word` when the stem left has m>1 (step 4). */
function dropIfM2(word: string, suffix: string): string {
  const stem = word.slice(0, word.length - suffix.length);
  return M_GT_1.test(stem) ? stem : word;
}

function step1(word: string): string {
  let w = word;
  // Step 1a: SSES → SS, IES → I, SS → SS, S → ∅.
  if (w.endsWith("sses") || w.endsWith("ies")) w = w.slice(0, -2);
  else if (w.length >= 2 && w.endsWith("s") && w[w.length - 2] !== "s") w = w.slice(0, -1);
  // Step 1b: (m>0) EED → EE; (*v*) ED → ∅; (*v*) ING → ∅, then tidy the stem.
  if (w.endsWith("eed")) {
    if (M_GT_0.test(w.slice(0, -3))) w = w.slice(0, -1);
  } else {
    const suffix = w.endsWith("ed") ? 2 : w.endsWith("ing") ? 3 : 0;
    const stem = w.slice(0, w.length - suffix);
    if (suffix > 0 && HAS_VOWEL.test(stem)) {
      w = stem;
      if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) w += "e";
      else if (DOUBLE_CONS.test(w)) w = w.slice(0, -1);
      else if (ENDS_CVC.test(w)) w += "e";
    }
  }
  // Step 1c: (*v*) Y → I.
  if (w.endsWith("y") && HAS_VOWEL.test(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  return w;
}

function step4(word: string, variant: PorterVariant): string {
  let w = word;
  if (variant === "porter1980") {
    const suffix = longestSuffix(w, STEP4_PAPER);
    if (suffix !== undefined) return dropIfM2(w, suffix);
    // (m>1 and (*S or *T)) ION → ∅
    if (w.endsWith("sion") || w.endsWith("tion")) return dropIfM2(w, "ion");
    return w;
  }
  // ROUGE-1.5.5: the reduced list, then MENT, then ENT or else (s|t)ION, each on the result so far.
  const suffix = longestSuffix(w, STEP4_ROUGE);
  if (suffix !== undefined) w = dropIfM2(w, suffix);
  if (w.endsWith("ment")) w = dropIfM2(w, "ment");
  if (w.endsWith("ent")) w = dropIfM2(w, "ent");
  else if (w.endsWith("sion") || w.endsWith("tion")) w = dropIfM2(w, "ion");
  return w;
}

function step5(word: string): string {
  let w = word;
  // Step 5a: (m>1) E → ∅; (m=1 and not *o) E → ∅.
  if (w.endsWith("e")) {
    const stem = w.slice(0, -1);
    if (M_GT_1.test(stem) || (M_EQ_1.test(stem) && !ENDS_CVC.test(stem))) w = stem;
  }
  // Step 5b: (m>1 and *d and *L) → single letter.
  if (w.endsWith("ll") && M_GT_1.test(w)) w = w.slice(0, -1);
  return w;
}

/**
 * Stem one lower-case word with the Porter (1980) algorithm.
 *
 * @param word - a lower-case word; words of fewer than 3 characters come back unchanged.
 * @param variant - `"rouge155"` (default) reproduces ROUGE-1.5.5's `-m`; `"porter1980"` follows the paper.
 */
export function porterStem(word: string, variant: PorterVariant = DEFAULT_PORTER_VARIANT): string {
  if (word.length < 3) return word;
  // An initial y is a consonant: upper-case it so no pattern takes it for a vowel (Porter's reference code).
  const initialY = word[0] === "y";
  let w = initialY ? `Y${word.slice(1)}` : word;
  w = step1(w);
  w = replaceIfMeasured(w, variant === "rouge155" ? STEP2_ROUGE : STEP2_PAPER);
  w = replaceIfMeasured(w, STEP3);
  w = step4(w, variant);
  w = step5(w);
  return initialY ? `y${w.slice(1)}` : w;
}

/** A stemming function (memoized when it comes from {@link createStemmer}). */
export type Stemmer = (word: string) => string;

/** What {@link createStemmer} stems like. */
export type StemmerKind = "rouge155" | "porter1980";

/**
 * ROUGE-1.5.5's `MorphStem`, what `-m` applies to every token longer than 3 characters: a word in
 * the WordNet exception lists becomes its listed base form, unstemmed ("were" → "be",
 * "left" → "leave", "lives" → "life", "better" → "well"); any other word is Porter-stemmed with the
 * `"rouge155"` variant.
 */
export function rougeMorphStem(word: string): string {
  return WORDNET_EXCEPTIONS.get(word) ?? porterStem(word, "rouge155");
}

/**
 * A memoized stemmer. `"rouge155"` (default) is {@link rougeMorphStem}, exactly ROUGE-1.5.5's `-m`;
 * `"porter1980"` is {@link porterStem} with the paper's rules. The cache lives in the returned
 * closure (one per scorer or vocabulary), so nothing is shared between callers; it grows with the
 * distinct words seen.
 */
export function createStemmer(kind: StemmerKind = "rouge155"): Stemmer {
  const stem = kind === "rouge155" ? rougeMorphStem : (word: string) => porterStem(word, "porter1980");
  const cache = new Map<string, string>();
  return (word: string): string => {
    let result = cache.get(word);
    if (result === undefined) {
      result = stem(word);
      cache.set(word, result);
    }
    return result;
  };
}
