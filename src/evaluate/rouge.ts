/**
 * ROUGE (Lin 2004, "ROUGE: A Package for Automatic Evaluation of Summaries") reimplemented to
 * reproduce the official ROUGE-1.5.5.pl script digit for digit: ROUGE-N, summary-level ROUGE-L and
 * ROUGE-S/SU, with its tokenization, `-l`/`-b` cuts, Porter stemming (`-m`), `-f A|B` and `-p`.
 *
 * Behaviour of ROUGE-1.5.5 reproduced here on purpose (each one changes scores):
 * - Text is read one sentence per line; ASCII letters are lower-cased, every byte that is not
 *   `[a-z0-9]` separates tokens (so "cease-fire" is two tokens and "António" is "ant" + "nio").
 * - `-l N` keeps the first N whitespace-separated words (counted before punctuation is removed) of
 *   the candidate and of every reference; `-b N` keeps the first N bytes, where the byte count
 *   leaves out the spaces joining sentences.
 * - For ROUGE-L the `-b` cut is buggy in the script: the running byte count is never advanced, so
 *   every sentence shorter than N bytes is kept. The LCS units, and the reference length R divides
 *   by, therefore come from (nearly) uncut text, while the clipping unigram counts and P's
 *   denominator come from the cut text.
 * - With `-m`, only tokens longer than 3 characters are stemmed, and a token found in WordNet's
 *   exception lists becomes its base form instead of being Porter-stemmed ("were" → "be"); see
 *   `rougeMorphStem` in porter.ts.
 * - ROUGE-SU counts the unigram of every token except the last one.
 * - R and P are rounded to 5 decimals first and F is computed from the rounded R and P; rounding is
 *   C `printf("%.5f")` (exact binary value, ties to even).
 * - `-f A` pools counts over references: R = Σ hits / Σ reference counts and
 *   P = Σ hits / (number of references × candidate count).
 * - ROUGE-L is the union LCS of each reference sentence against all candidate sentences, with
 *   the script's tie-breaking when several LCSs exist, clipped by unigram counts.
 * - The script prints the mean of 1000 bootstrap resamples; for a single evaluation every resample
 *   is that evaluation, so the printed value is the per-evaluation score computed here.
 */

import { createStemmer, type Stemmer } from "../text/porter.ts";

/** Options, named after the ROUGE-1.5.5.pl flags they mirror. */
export interface RougeOptions {
  /** `-n`: compute ROUGE-1 … ROUGE-maxN (0 for none). Default {@link ROUGE_DEFAULTS}.maxN = 2. */
  maxN?: number;
  /** `-m`: stem tokens longer than 3 characters as the script does (WordNet exceptions, then Porter). Default false. */
  stem?: boolean;
  /** `-l`: keep only the first N whitespace-separated words of every summary (0 = no cut). */
  limitWords?: number;
  /** `-b`: keep only the first N bytes of every summary (0 = no cut). Exclusive with `limitWords`. */
  limitBytes?: number;
  /** `-2`: compute skip-bigrams with at most this many words in between (< 0: no limit). Default: none. */
  skipGap?: number;
  /** `-u`: add unigrams to skip-bigrams (ROUGE-SU). Ignored without `skipGap`, as in the script. */
  skipUnigrams?: boolean;
  /** `-p`: F = PR / ((1-alpha)P + alpha R); 0.5 weighs R and P equally. Default 0.5. */
  alpha?: number;
  /** Compute ROUGE-L (`-x` turns it off). Default true. */
  lcs?: boolean;
  /**
   * `-f`: "A" pools counts over references (default); "B" keeps the best-matching reference
   * (implemented from the script's source; the conformance vectors only cover "A").
   */
  scoring?: "A" | "B";
}

/** Every option with its value filled in. */
export interface ResolvedRougeOptions {
  readonly maxN: number;
  readonly stem: boolean;
  readonly limitWords: number;
  readonly limitBytes: number;
  readonly skipGap: number | undefined;
  readonly skipUnigrams: boolean;
  readonly alpha: number;
  readonly lcs: boolean;
  readonly scoring: "A" | "B";
}

/** The defaults of {@link RougeOptions}. */
export const ROUGE_DEFAULTS: ResolvedRougeOptions = Object.freeze({
  maxN: 2,
  stem: false,
  limitWords: 0,
  limitBytes: 0,
  skipGap: undefined,
  skipUnigrams: false,
  alpha: 0.5,
  lcs: true,
  scoring: "A",
});

/** Recall, precision and F-measure, each rounded to 5 decimals as the script prints them. */
export interface Prf {
  R: number;
  P: number;
  F: number;
}

/** Scores by metric name: "ROUGE-1" … "ROUGE-N", "ROUGE-L", "ROUGE-SU4" / "ROUGE-S4" / "ROUGE-SU*". */
export type RougeScores = Record<string, Prf>;

/** The counts behind one metric's score. */
export interface RougeCounts {
  /** Clipped matches (summed over references with `-f A`). */
  hit: number;
  /** Reference n-grams (or LCS reference length): R's denominator. */
  reference: number;
  /** Candidate n-grams, once per reference with `-f A`: P's denominator. */
  candidate: number;
}

// ---------------------------------------------------------------------------------------------
// Options and flags

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`rouge: ${name} must be a non-negative integer, got ${value}`);
  }
}

/** Fill in defaults and check values. */
function resolveRougeOptions(options: RougeOptions = {}): ResolvedRougeOptions {
  const o: ResolvedRougeOptions = {
    maxN: options.maxN ?? ROUGE_DEFAULTS.maxN,
    stem: options.stem ?? ROUGE_DEFAULTS.stem,
    limitWords: options.limitWords ?? ROUGE_DEFAULTS.limitWords,
    limitBytes: options.limitBytes ?? ROUGE_DEFAULTS.limitBytes,
    skipGap: options.skipGap ?? ROUGE_DEFAULTS.skipGap,
    skipUnigrams: options.skipUnigrams ?? ROUGE_DEFAULTS.skipUnigrams,
    alpha: options.alpha ?? ROUGE_DEFAULTS.alpha,
    lcs: options.lcs ?? ROUGE_DEFAULTS.lcs,
    scoring: options.scoring ?? ROUGE_DEFAULTS.scoring,
  };
  checkCount("maxN", o.maxN);
  checkCount("limitWords", o.limitWords);
  checkCount("limitBytes", o.limitBytes);
  if (o.limitWords > 0 && o.limitBytes > 0) {
    throw new Error(
      `rouge: give limitWords or limitBytes, not both (got ${o.limitWords} words and ${o.limitBytes} bytes)`,
    );
  }
  if (o.skipGap !== undefined && !Number.isInteger(o.skipGap)) {
    throw new Error(`rouge: skipGap must be an integer, got ${o.skipGap}`);
  }
  if (!(o.alpha >= 0 && o.alpha <= 1)) throw new Error(`rouge: alpha must be within [0, 1], got ${o.alpha}`);
  if (o.scoring !== "A" && o.scoring !== "B") {
    throw new Error(`rouge: scoring must be "A" or "B", got "${String(o.scoring)}"`);
  }
  return o;
}

// Flags that take a value (Getopt::Std spec of ROUGE-1.5.5: 'ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:').
const FLAGS_WITH_VALUE = new Set(["b", "c", "e", "f", "l", "n", "p", "t", "r", "2", "3", "w", "z"]);
const FLAGS_WITHOUT_VALUE = new Set(["a", "h", "H", "d", "m", "M", "s", "u", "U", "v", "x"]);

function parseInteger(flag: string, value: string, flags: string): number {
  if (!/^[+-]?\d+$/.test(value))
    throw new Error(`rouge: -${flag} needs an integer, got "${value}" in "${flags}"`);
  return Number(value);
}

/**
 * Parse a ROUGE-1.5.5.pl command line (options only), e.g. `"-n 4 -m -2 4 -u -l 100 -f A -p 0.5"`.
 * Options that only affect confidence intervals, input handling or output (`-a -c -d -e -r -v -z`,
 * `-t 0`) are accepted and ignored; `-x` turns ROUGE-L off. Options that change scores in ways not
 * implemented (`-s -w -3 -U -M`, `-t 1|2`) and anything unknown are rejected with an error.
 * Without `-n` no ROUGE-N is computed, as in the script.
 */
export function parseRougeFlags(flags: string): RougeOptions {
  const args = flags.split(/\s+/).filter((a) => a.length > 0);
  const options: RougeOptions = { maxN: 0, lcs: true };
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (!arg.startsWith("-") || arg.length < 2) {
      throw new Error(`rouge: unexpected argument "${arg}" in "${flags}" (only options are parsed)`);
    }
    // Getopt::Std bundling: "-mu" is "-m -u"; "-n4" is "-n 4".
    for (let c = 1; c < arg.length; c++) {
      const flag = arg[c];
      if (FLAGS_WITHOUT_VALUE.has(flag)) {
        switch (flag) {
          case "m":
            options.stem = true;
            break;
          case "u":
            options.skipUnigrams = true;
            break;
          case "x":
            options.lcs = false;
            break;
          case "a":
          case "d":
          case "v":
            break;
          default:
            throw new Error(`rouge: flag "-${flag}" is not supported (in "${flags}")`);
        }
        continue;
      }
      if (!FLAGS_WITH_VALUE.has(flag)) throw new Error(`rouge: unknown flag "-${flag}" in "${flags}"`);
      let value = arg.slice(c + 1);
      if (value === "") {
        k++;
        if (k >= args.length) throw new Error(`rouge: flag "-${flag}" needs a value in "${flags}"`);
        value = args[k];
      }
      switch (flag) {
        case "n":
          options.maxN = parseInteger(flag, value, flags);
          break;
        case "l":
          options.limitWords = parseInteger(flag, value, flags);
          break;
        case "b":
          options.limitBytes = parseInteger(flag, value, flags);
          break;
        case "2":
          options.skipGap = parseInteger(flag, value, flags);
          break;
        case "p": {
          const alpha = Number(value);
          if (value.trim() === "" || !(alpha >= 0 && alpha <= 1)) {
            throw new Error(`rouge: -p needs a number within [0, 1], got "${value}" in "${flags}"`);
          }
          options.alpha = alpha;
          break;
        }
        case "f":
          if (value !== "A" && value !== "B")
            throw new Error(`rouge: -f needs A or B, got "${value}" in "${flags}"`);
          options.scoring = value;
          break;
        case "t":
          if (parseInteger(flag, value, flags) !== 0) {
            throw new Error(`rouge: "-t ${value}" (token-level averaging) is not supported (in "${flags}")`);
          }
          break;
        case "c":
        case "r":
        case "e":
        case "z":
          break;
        default:
          throw new Error(`rouge: flag "-${flag}" is not supported (in "${flags}")`);
      }
      break; // the rest of this argument was the value
    }
  }
  // Validate the combination now, so a bad flag string fails here and not at scoring time.
  resolveRougeOptions(options);
  return options;
}

/** The metric names {@link rouge} reports for these options, in the script's order. */
export function rougeMetricNames(options: RougeOptions = {}): string[] {
  const o = resolveRougeOptions(options);
  const names: string[] = [];
  for (let n = 1; n <= o.maxN; n++) names.push(`ROUGE-${n}`);
  if (o.lcs) names.push("ROUGE-L");
  const skip = skipMetricName(o);
  if (skip !== undefined) names.push(skip);
  return names;
}

function skipMetricName(o: ResolvedRougeOptions): string | undefined {
  if (o.skipGap === undefined) return undefined;
  const gap = o.skipGap < 0 ? "*" : String(o.skipGap);
  return o.skipUnigrams ? `ROUGE-SU${gap}` : `ROUGE-S${gap}`;
}

// ---------------------------------------------------------------------------------------------
// Reading and tokenization (ROUGE-1.5.5 readText, readText_LCS, createNGram)

// Perl's \s on a byte string: space, \t, \n, \v, \f, \r.
const PERL_SPACE_RUN = /[ \t\n\v\f\r]+/;
// What survives `s/[^A-Za-z0-9\-]/ /g` and the `^[a-z0-9\$]` token filter: runs of ASCII letters/digits.
const TOKEN = /[A-Za-z0-9]+/g;

/** Lines as the script reads a sentence-per-line file: split at "\n", empty lines skipped. */
function fileLines(sentences: readonly string[]): string[] {
  const lines: string[] = [];
  for (const sentence of sentences) {
    for (const line of sentence.split("\n")) if (line.length > 0) lines.push(line);
  }
  return lines;
}

/** Perl `split(/\s+/, $s)`: a leading empty field is kept, trailing empty fields are dropped. */
function perlSplitWords(line: string): string[] {
  const fields = line.split(PERL_SPACE_RUN);
  while (fields.length > 0 && fields[fields.length - 1] === "") fields.pop();
  return fields;
}

/** Bytes of `s` in UTF-8. */
function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The longest prefix of `s` within `limit` UTF-8 bytes. A character cut in the middle is dropped:
 * its bytes would only have become token separators.
 */
function utf8Prefix(s: string, limit: number): string {
  let bytes = 0;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    let size = 3;
    let units = 1;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        size = 4;
        units = 2;
      }
    }
    if (bytes + size > limit) break;
    bytes += size;
    i += units;
  }
  return s.slice(0, i);
}

/** `-l`: whole lines while fewer than `limit` words are used, then the first words of the next (readText). */
function cutWords(lines: readonly string[], limit: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const line of lines) {
    const words = perlSplitWords(line);
    if (used + words.length < limit) {
      out.push(line);
      used += words.length;
    } else {
      out.push(words.slice(0, limit - used).join(" "));
      break;
    }
  }
  return out;
}

/**
 * `-b`: whole lines while fewer than `limit` bytes are used, then the first bytes of the next.
 * `advance` false reproduces readText_LCS, which never advances its byte count.
 */
function cutBytes(lines: readonly string[], limit: number, advance: boolean): string[] {
  const out: string[] = [];
  let used = 0;
  for (const line of lines) {
    const size = utf8Length(line);
    if (used + size < limit) {
      out.push(line);
      if (advance) used += size;
    } else {
      out.push(utf8Prefix(line, limit - used));
      break;
    }
  }
  return out;
}

/**
 * ROUGE tokens of a text: ASCII letters lower-cased, anything but `[a-z0-9]` separating tokens, and
 * with `stem`, tokens longer than 3 characters stemmed as ROUGE-1.5.5 `-m` does (WordNet
 * exceptions, then Porter). No `-l`/`-b` cut is applied. Pass a {@link Stemmer} from
 * `createStemmer()` to reuse its cache across calls. This is the scorer's one tokenizer.
 */
export function rougeTokens(text: string, stem: boolean | Stemmer = false): string[] {
  const stemmer = stem === true ? createStemmer() : stem === false ? undefined : stem;
  const out: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const word = match[0].toLowerCase();
    out.push(stemmer !== undefined && word.length > 3 ? stemmer(word) : word);
  }
  return out;
}

/** Counts of the n-grams (space-joined) of a token list; simple string-keyed helper. */
export function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  if (!Number.isInteger(n) || n < 1) throw new Error(`ngramCounts: n must be a positive integer, got ${n}`);
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(" ");
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Integer coding

// n-gram ids are built pairwise: id(w1..wk) = pair(id(w1..wk-1), id(wk)), so every id is a small integer.
const MAX_IDS = 2 ** 30;

/** Token and n-gram ids of one set of references. Candidates are looked up, never added. */
class Vocabulary {
  private readonly words = new Map<string, number>();
  /** pairs[a].get(b) = id of the sequence (a, b); small-integer keys keep the maps fast. */
  private readonly pairs: (Map<number, number> | undefined)[] = [];
  private size = 0;
  readonly stemmer: Stemmer | undefined;

  constructor(stem: boolean) {
    this.stemmer = stem ? createStemmer() : undefined;
  }

  private next(): number {
    if (this.size >= MAX_IDS) throw new Error(`rouge: more than ${MAX_IDS} distinct n-grams`);
    return this.size++;
  }

  /** Id of a word, or -1 when it is unknown and `grow` is false. */
  word(word: string, grow: boolean): number {
    let id = this.words.get(word);
    if (id === undefined) {
      if (!grow) return -1;
      id = this.next();
      this.words.set(word, id);
    }
    return id;
  }

  /** Id of the sequence (a, b), or -1 when unknown (or a part is unknown) and `grow` is false. */
  pair(a: number, b: number, grow: boolean): number {
    if (a < 0 || b < 0) return -1;
    let byB = this.pairs[a];
    let id = byB?.get(b);
    if (id === undefined) {
      if (!grow) return -1;
      id = this.next();
      if (byB === undefined) {
        // Fill holes so the array stays packed.
        while (this.pairs.length < a) this.pairs.push(undefined);
        byB = new Map<number, number>();
        this.pairs[a] = byB;
      }
      byB.set(b, id);
    }
    return id;
  }

  /** Token ids of one line ({@link rougeTokens}), -1 for unknown words when not growing. */
  encodeLine(line: string, grow: boolean): Int32Array {
    const words = rougeTokens(line, this.stemmer ?? false);
    const ids = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) ids[i] = this.word(words[i], grow);
    return ids;
  }
}

/** A gram → count map and the number of grams counted (the script's `_cn_`). */
interface GramCounts {
  counts: Map<number, number>;
  total: number;
}

function bump(counts: Map<number, number>, id: number): void {
  if (id >= 0) counts.set(id, (counts.get(id) ?? 0) + 1);
}

/** ROUGE-1 … ROUGE-maxN counts (createNGram); index 0 holds unigrams. */
function countNgrams(tokens: Int32Array, maxN: number, vocab: Vocabulary, grow: boolean): GramCounts[] {
  const out: GramCounts[] = [];
  let grams: Int32Array = tokens;
  for (let n = 1; n <= maxN; n++) {
    if (n > 1) {
      const next = new Int32Array(Math.max(0, grams.length - 1));
      for (let i = 0; i < next.length; i++) next[i] = vocab.pair(grams[i], tokens[i + n - 1], grow);
      grams = next;
    }
    const counts = new Map<number, number>();
    for (let i = 0; i < grams.length; i++) bump(counts, grams[i]);
    out.push({ counts, total: grams.length });
  }
  return out;
}

/** Skip-bigram counts (createSkipBigram): with unigrams, every token but the last is counted too. */
function countSkipBigrams(
  tokens: Int32Array,
  gap: number,
  unigrams: boolean,
  vocab: Vocabulary,
  grow: boolean,
): GramCounts {
  const counts = new Map<number, number>();
  let total = 0;
  const last = tokens.length - 1;
  for (let i = 0; i < last; i++) {
    if (unigrams) {
      total++;
      bump(counts, tokens[i]);
    }
    const end = gap < 0 ? last : Math.min(last, i + gap + 1);
    for (let j = i + 1; j <= end; j++) {
      total++;
      bump(counts, vocab.pair(tokens[i], tokens[j], grow));
    }
  }
  return { counts, total };
}

/** One summary as the metrics see it. */
interface EncodedSummary {
  /** Unigram … maxN-gram counts of the cut text (at least unigrams, which also clip ROUGE-L). */
  readonly ngrams: readonly GramCounts[];
  /** Skip-bigram counts, when skip-bigrams are on. */
  readonly skip: GramCounts | undefined;
  /** Token ids per sentence of the ROUGE-L reading. */
  readonly units: readonly Int32Array[];
}

function concat(parts: readonly Int32Array[]): Int32Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Int32Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function encodeSummary(
  sentences: readonly string[],
  o: ResolvedRougeOptions,
  vocab: Vocabulary,
  grow: boolean,
): EncodedSummary {
  const lines = fileLines(sentences);
  let ngramLines: string[] = lines;
  let lcsLines: string[] = lines;
  if (o.limitWords > 0) {
    ngramLines = cutWords(lines, o.limitWords);
    lcsLines = ngramLines;
  } else if (o.limitBytes > 0) {
    ngramLines = cutBytes(lines, o.limitBytes, true);
    lcsLines = cutBytes(lines, o.limitBytes, false);
  }
  const ngramUnits = ngramLines.map((line) => vocab.encodeLine(line, grow));
  const units = !o.lcs
    ? []
    : lcsLines === ngramLines
      ? ngramUnits
      : lcsLines.map((line) => vocab.encodeLine(line, grow));
  const tokens = concat(ngramUnits);
  const ngrams = countNgrams(tokens, Math.max(1, o.maxN), vocab, grow);
  const skip =
    o.skipGap === undefined ? undefined : countSkipBigrams(tokens, o.skipGap, o.skipUnigrams, vocab, grow);
  return { ngrams, skip, units };
}

// ---------------------------------------------------------------------------------------------
// Matching

/** Σ_g min(candidate(g), reference(g)) (ngramScore / skipBigramScore clipping). */
function clippedHits(candidate: Map<number, number>, reference: Map<number, number>): number {
  let hits = 0;
  if (candidate.size <= reference.size) {
    for (const [id, c] of candidate) {
      const r = reference.get(id);
      if (r !== undefined) hits += Math.min(c, r);
    }
  } else {
    for (const [id, r] of reference) {
      const c = candidate.get(id);
      if (c !== undefined) hits += Math.min(c, r);
    }
  }
  return hits;
}

/** Reusable dynamic-programming table. */
interface Scratch {
  table: Int32Array;
}

/**
 * Mark in `mask` the reference positions of the LCS of `ref` and `cand`, choosing among equal
 * LCSs as the script's lcs_inner/markLCS do (diagonal on a match, else up when c[i-1][j] ≥ c[i][j-1]).
 */
function markLcs(ref: Int32Array, cand: Int32Array, mask: Uint8Array, scratch: Scratch): void {
  const m = ref.length;
  const n = cand.length;
  if (m === 0 || n === 0) return;
  const width = n + 1;
  const size = (m + 1) * width;
  if (scratch.table.length < size) scratch.table = new Int32Array(Math.max(size, scratch.table.length * 2));
  const c = scratch.table;
  c.fill(0, 0, width);
  for (let i = 1; i <= m; i++) {
    const row = i * width;
    const up = row - width;
    const token = ref[i - 1];
    c[row] = 0;
    let left = 0; // c[i][j-1]
    let diagonal = 0; // c[i-1][j-1]
    for (let j = 1; j <= n; j++) {
      const above = c[up + j];
      const value = token === cand[j - 1] ? diagonal + 1 : Math.max(above, left);
      c[row + j] = value;
      diagonal = above;
      left = value;
    }
  }
  let i = m;
  let j = n;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === cand[j - 1]) {
      i--;
      j--;
      mask[i] = 1;
    } else if (c[(i - 1) * width + j] >= c[i * width + j - 1]) i--;
    else j--;
  }
}

/**
 * Summary-level union-LCS hits of one reference (the script's `lcs`): each reference sentence is
 * matched against every candidate sentence, the union of LCS positions counts, clipped so no token
 * is used more often than it occurs in the reference and in the candidate.
 */
function lcsHits(ref: EncodedSummary, cand: EncodedSummary, scratch: Scratch): { hit: number; base: number } {
  const refUnigrams = ref.ngrams[0].counts;
  const candUnigrams = cand.ngrams[0].counts;
  const used = new Map<number, number>();
  let hit = 0;
  let base = 0;
  for (const unit of ref.units) {
    base += unit.length;
    if (unit.length === 0) continue;
    const mask = new Uint8Array(unit.length);
    for (const candUnit of cand.units) markLcs(unit, candUnit, mask, scratch);
    for (let j = 0; j < unit.length; j++) {
      if (mask[j] === 0) continue;
      const token = unit[j];
      const u = used.get(token) ?? 0;
      if (u < (refUnigrams.get(token) ?? 0) && u < (candUnigrams.get(token) ?? 0)) {
        hit++;
        used.set(token, u + 1);
      }
    }
  }
  return { hit, base };
}

// ---------------------------------------------------------------------------------------------
// Scores

/** C `printf("%.5f", x)` as a number: the exact binary value rounded, exact ties to even. */
export function roundLikePrintf5(x: number): number {
  // x·10^5 ends in exactly .5 only when x = q/64 with q odd (10^5 = 2^5·5^5); there printf rounds to even.
  const q = x * 64;
  if (Number.isInteger(q) && q % 2 !== 0) {
    const scaled = x * 100000; // exact: q·1562.5
    const floor = Math.floor(scaled);
    return (floor % 2 === 0 ? floor : floor + 1) / 100000;
  }
  return Number(x.toFixed(5));
}

/** R, P and F from counts exactly as ROUGE-1.5.5 prints them (F from the rounded R and P). */
export function countsToPrf(counts: RougeCounts, alpha: number = ROUGE_DEFAULTS.alpha): Prf {
  const R = counts.reference !== 0 ? roundLikePrintf5(counts.hit / counts.reference) : 0;
  const P = counts.candidate !== 0 ? roundLikePrintf5(counts.hit / counts.candidate) : 0;
  const denominator = (1 - alpha) * P + alpha * R;
  const F = denominator > 0 ? roundLikePrintf5((P * R) / denominator) : 0;
  return { R, P, F };
}

/** References tokenized and counted once, for scoring many candidates against them. */
export interface PreparedReferences {
  readonly options: ResolvedRougeOptions;
  /** Number of references. */
  readonly count: number;
  /** @internal token and n-gram ids; candidates are looked up, not added. */
  readonly vocabulary: Vocabulary;
  /** @internal */
  readonly references: readonly EncodedSummary[];
}

/**
 * Tokenize, cut and count references once. Scoring with the result is read-only apart from the
 * stemmer's cache, so one prepared set can score thousands of candidates.
 */
export function prepareReferences(
  references: readonly (readonly string[])[],
  options: RougeOptions = {},
): PreparedReferences {
  const o = resolveRougeOptions(options);
  if (references.length === 0) throw new Error("rouge: at least one reference is needed, got 0");
  const vocabulary = new Vocabulary(o.stem);
  const encoded = references.map((ref) => encodeSummary(ref, o, vocabulary, true));
  return { options: o, count: references.length, vocabulary, references: encoded };
}

interface PerReference {
  hit: number;
  reference: number;
  candidate: number;
  /** What `-f B` compares. */
  score: number;
}

function combine(per: readonly PerReference[], scoring: "A" | "B"): RougeCounts {
  if (scoring === "A") {
    const total: RougeCounts = { hit: 0, reference: 0, candidate: 0 };
    for (const p of per) {
      total.hit += p.hit;
      total.reference += p.reference;
      total.candidate += p.candidate;
    }
    return total;
  }
  // -f B: the first reference with the strictly best score.
  let best: PerReference | undefined;
  for (const p of per) if (best === undefined || p.score > best.score) best = p;
  return best === undefined
    ? { hit: 0, reference: 0, candidate: 0 }
    : { hit: best.hit, reference: best.reference, candidate: best.candidate };
}

function gramEntry(hit: number, ref: GramCounts, cand: GramCounts): PerReference {
  // The script compares the per-reference recall as printed ("%07.5f"), or 0 without reference grams.
  const score = ref.total !== 0 ? roundLikePrintf5(hit / ref.total) : 0;
  return { hit, reference: ref.total, candidate: cand.total, score };
}

/** The counts behind every metric of a candidate against prepared references. */
export function scorePreparedCounts(
  candidate: readonly string[],
  prepared: PreparedReferences,
): Record<string, RougeCounts> {
  const o = prepared.options;
  const cand = encodeSummary(candidate, o, prepared.vocabulary, false);
  const out: Record<string, RougeCounts> = {};
  for (let n = 1; n <= o.maxN; n++) {
    const per = prepared.references.map((ref) =>
      gramEntry(
        clippedHits(cand.ngrams[n - 1].counts, ref.ngrams[n - 1].counts),
        ref.ngrams[n - 1],
        cand.ngrams[n - 1],
      ),
    );
    out[`ROUGE-${n}`] = combine(per, o.scoring);
  }
  if (o.lcs) {
    const scratch: Scratch = { table: new Int32Array(0) };
    const per = prepared.references.map((ref): PerReference => {
      const { hit, base } = lcsHits(ref, cand, scratch);
      return { hit, reference: base, candidate: cand.ngrams[0].total, score: base > 0 ? hit / base : 0 };
    });
    out["ROUGE-L"] = combine(per, o.scoring);
  }
  const skipName = skipMetricName(o);
  if (skipName !== undefined && cand.skip !== undefined) {
    const candSkip = cand.skip;
    const per = prepared.references.map((ref) => {
      const refSkip = ref.skip as GramCounts;
      return gramEntry(clippedHits(candSkip.counts, refSkip.counts), refSkip, candSkip);
    });
    out[skipName] = combine(per, o.scoring);
  }
  return out;
}

/** Score a candidate (one sentence per entry) against prepared references. */
export function scorePrepared(candidate: readonly string[], prepared: PreparedReferences): RougeScores {
  const counts = scorePreparedCounts(candidate, prepared);
  const scores: RougeScores = {};
  for (const [name, c] of Object.entries(counts)) scores[name] = countsToPrf(c, prepared.options.alpha);
  return scores;
}

/**
 * ROUGE scores of one candidate summary against one or more reference summaries, each given as a
 * list of sentences, exactly as ROUGE-1.5.5.pl reports them for a single evaluation.
 *
 * @example rouge(["A sentence."], [["Reference one."], ["Reference two."]], parseRougeFlags("-n 2 -m -2 4 -u -f A -p 0.5"))
 */
export function rouge(
  candidate: readonly string[],
  references: readonly (readonly string[])[],
  options: RougeOptions = {},
): RougeScores {
  return scorePrepared(candidate, prepareReferences(references, options));
}

// ---------------------------------------------------------------------------------------------
// Helpers for oracles that assemble candidates from pre-tokenized sentences

/**
 * Token ids of a text in the references' vocabulary (same tokenization and stemming as scoring, no
 * length cut); -1 marks a token that no reference contains.
 */
export function encodeTokens(prepared: PreparedReferences, text: string): Int32Array {
  return prepared.vocabulary.encodeLine(text, false);
}

/**
 * Clipped n-gram hits of a candidate token sequence (from {@link encodeTokens}) pooled over the
 * references as `-f A` does: ROUGE-n recall = hit / reference, precision = hit / candidate.
 * Needs `n ≤ prepared.options.maxN` (n = 1 always works).
 */
export function ngramHits(prepared: PreparedReferences, tokens: ArrayLike<number>, n: number): RougeCounts {
  checkN("ngramHits", prepared, n);
  return pooledHits(prepared, tokens, n)[n - 1];
}

/**
 * {@link ngramHits} for every n from 1 to `maxN` at once (index n − 1), counting the candidate's n-grams
 * once: for callers that need ROUGE-1 and ROUGE-2 of the same candidate.
 */
export function ngramHitsUpTo(
  prepared: PreparedReferences,
  tokens: ArrayLike<number>,
  maxN: number,
): RougeCounts[] {
  checkN("ngramHitsUpTo", prepared, maxN);
  return pooledHits(prepared, tokens, maxN);
}

function checkN(caller: string, prepared: PreparedReferences, n: number): void {
  const available = Math.max(1, prepared.options.maxN);
  if (!Number.isInteger(n) || n < 1 || n > available) {
    throw new Error(`${caller}: n must be an integer within [1, ${available}], got ${n}`);
  }
}

function pooledHits(prepared: PreparedReferences, tokens: ArrayLike<number>, maxN: number): RougeCounts[] {
  const ids = tokens instanceof Int32Array ? tokens : Int32Array.from(tokens);
  return countNgrams(ids, maxN, prepared.vocabulary, false).map((cand, i) => {
    const total: RougeCounts = { hit: 0, reference: 0, candidate: 0 };
    for (const ref of prepared.references) {
      total.hit += clippedHits(cand.counts, ref.ngrams[i].counts);
      total.reference += ref.ngrams[i].total;
      total.candidate += cand.total;
    }
    return total;
  });
}
