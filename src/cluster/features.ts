/**
 * Article → sparse TF-IDF vector over two kinds of feature, with document frequencies updated as the
 * stream goes (each article is weighted by the IDF of the stream so far, itself included):
 *
 * - content: Porter stems of the words, stopwords and bare numbers dropped; title words count twice;
 * - names: capitalised words not opening a sentence ("Gerardo Hernandez", "TSA"), lower-cased, each word
 *   and the whole run — a cheap stand-in for named entities, which carry most of a story's identity.
 *
 * Weight = (1 + ln tf) · ln((N + prior + 1) / df), names × `nameWeight`; the `maxFeatures` heaviest are kept and
 * the vector is scaled to unit length. Layout: parallel arrays `ids` (feature ids, heaviest first) and
 * `weights`. Feature ids are even for stems and odd for names; name runs are hashed (see RUN_BUCKETS).
 */
import { hash32 } from "../dedupe/hash.ts";
import { porterStem } from "../text/porter.ts";
import { STOPWORDS } from "../text/stopwords.ts";

export interface FeatureOptions {
  /** Multiplier of name features against content words. Default {@link DEFAULT_NAME_WEIGHT}. */
  nameWeight?: number;
  /** Features kept per article. Default {@link DEFAULT_MAX_FEATURES}. */
  maxFeatures?: number;
  /** Times a title word counts. Default {@link DEFAULT_TITLE_COUNT}. */
  titleCount?: number;
  /** Empty documents the IDF pretends to have seen first. Default {@link DEFAULT_IDF_PRIOR}. */
  idfPrior?: number;
}

/**
 * Names weigh as much as content words. Since a name's words are also content words, a shared name counts
 * about twice; 0.5 and 1.5 both tuned worse on the dev stream (bench/DESK.md).
 */
export const DEFAULT_NAME_WEIGHT = 1;
/** 100 features carry almost all of an article's cosine mass and bound the cost of one comparison. */
export const DEFAULT_MAX_FEATURES = 100;
/** A title word counts as two body words. */
export const DEFAULT_TITLE_COUNT = 2;
/**
 * IDF = ln((N + prior + 1) / df): the stream is taken to start with `prior` documents sharing no word. With
 * no prior, the first few articles of a stream make every shared word look common (N = 2, df = 2: IDF 0.4)
 * and two reports of one story do not meet; the prior fades as N grows. On the tuning half of the dev
 * stream (mean F1, three orders): 0 → 0.866, 10 → 0.863, 30 → 0.857, 100 → 0.848; 10 is the cold-start fix
 * that costs least.
 */
export const DEFAULT_IDF_PRIOR = 10;

export interface SparseVector {
  ids: number[];
  weights: number[];
}

/** Raw counts of an article's features, before weighting. */
export type FeatureCounts = Map<number, number>;

/** A capitalised word: an upper-case letter then letters (McDonald, O'Neil), or an acronym (TSA, U.N). */
const CAPITALISED = /^\p{Lu}[\p{L}'’-]*$/u;
const DIGITS = /^\p{N}+$/u;

export class FeatureSpace {
  private readonly nameWeight: number;
  private readonly maxFeatures: number;
  private readonly titleCount: number;
  private readonly idfPrior: number;
  /**
   * Word as written → what it is (a cache: stemming and the tests run once per distinct word), by the
   * word's 32-bit hash: an open-addressed table (linear probing, at most half full) of
   * hashes and indexes into `infos` plus one, 0 for an empty slot. Typed arrays, not a Map: no string is
   * made, no number boxed and no object visited per token.
   */
  private slotHash = new Int32Array(1 << 16);
  private slotInfo = new Int32Array(1 << 16);
  /** Each slot's word as a span of `pool`, which holds the characters of every known word end to end. */
  private slotStart = new Int32Array(1 << 16);
  private slotLength = new Int32Array(1 << 16);
  private pool = new Uint16Array(1 << 16);
  private poolEnd = 0;
  private readonly infos: WordInfo[] = [];
  /** lower-cased word → feature id of its stem, or -1 for a word that is no feature. */
  private readonly wordIds = new Map<string, number>();
  private readonly stemIds = new Map<string, number>();
  private readonly nameIds = new Map<string, number>();
  /** Document frequency by feature id (stems and single names). */
  private df: Uint32Array = new Uint32Array(1024);
  /** Document frequency of hashed name runs. */
  private readonly runDf = new Uint32Array(RUN_BUCKETS);
  /** Articles counted into the document frequencies. */
  documents = 0;
  /**
   * Scratch counts of the article being counted, by feature id (runs by bucket), and the ids touched in
   * first-seen order: an array slot per token instead of a Map look-up, emptied after each article.
   */
  private scratch: Uint32Array = new Uint32Array(1024);
  private readonly runScratch = new Uint32Array(RUN_BUCKETS);
  private readonly touched: number[] = [];

  constructor(options: FeatureOptions = {}) {
    this.nameWeight = options.nameWeight ?? DEFAULT_NAME_WEIGHT;
    this.maxFeatures = options.maxFeatures ?? DEFAULT_MAX_FEATURES;
    this.titleCount = options.titleCount ?? DEFAULT_TITLE_COUNT;
    this.idfPrior = options.idfPrior ?? DEFAULT_IDF_PRIOR;
    if (!(this.idfPrior >= 0)) throw new Error(`FeatureSpace: idfPrior must be ≥ 0, not ${this.idfPrior}`);
    if (!(this.nameWeight >= 0))
      throw new Error(`FeatureSpace: nameWeight must be ≥ 0, not ${this.nameWeight}`);
    if (!Number.isInteger(this.maxFeatures) || this.maxFeatures < 1)
      throw new Error(`FeatureSpace: maxFeatures must be a positive whole number, not ${this.maxFeatures}`);
  }

  /** Feature counts of an article: body, then title words counted `titleCount` times. */
  count(text: string, title?: string): FeatureCounts {
    this.countInto(text, 1);
    if (title) this.countInto(title, this.titleCount);
    // The Map in first-seen order, as adding to it token by token made it; the scratch is left empty.
    const counts: FeatureCounts = new Map();
    const touched = this.touched;
    for (let k = 0; k < touched.length; k++) {
      const id = touched[k];
      if (id >= RUN_BASE) {
        const b = (id - RUN_BASE) >>> 1;
        counts.set(id, this.runScratch[b]);
        this.runScratch[b] = 0;
      } else {
        counts.set(id, this.scratch[id]);
        this.scratch[id] = 0;
      }
    }
    touched.length = 0;
    return counts;
  }

  /** Adds an article's features to the document frequencies. */
  observe(counts: FeatureCounts): void {
    this.documents++;
    for (const id of counts.keys()) {
      if (id >= RUN_BASE) {
        this.runDf[(id - RUN_BASE) >>> 1]++;
        continue;
      }
      if (id >= this.df.length) {
        const grown = new Uint32Array(Math.max(id + 1, this.df.length * 2));
        grown.set(this.df);
        this.df = grown;
      }
      this.df[id]++;
    }
  }

  /** IDF of a feature: ln((N + prior + 1) / df), df at least 1. */
  idf(id: number): number {
    const df = id >= RUN_BASE ? this.runDf[(id - RUN_BASE) >>> 1] : id < this.df.length ? this.df[id] : 0;
    return Math.log((this.documents + this.idfPrior + 1) / Math.max(1, df));
  }

  /** Unit TF-IDF vector of counts, the heaviest `maxFeatures` features, heaviest first (ties by id). */
  vector(counts: FeatureCounts): SparseVector {
    const entries: [number, number][] = [];
    for (const [id, tf] of counts) {
      let w = (1 + Math.log(tf)) * this.idf(id);
      if ((id & 1) === 1) w *= this.nameWeight;
      if (w > 0) entries.push([id, w]);
    }
    entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    if (entries.length > this.maxFeatures) entries.length = this.maxFeatures;
    let norm = 0;
    for (const [, w] of entries) norm += w * w;
    norm = Math.sqrt(norm);
    return { ids: entries.map((e) => e[0]), weights: entries.map((e) => e[1] / (norm || 1)) };
  }

  private countInto(text: string, by: number): void {
    let runWords: string[] = [];
    let sentenceStart = true;
    let gap = GAP_SPACE;
    const flush = () => {
      if (runWords.length > 1) this.add(runId(runWords.join(" ")), by);
      runWords = [];
    };
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!isWordChar(c, text, i)) {
        // What lies between two words decides sentence starts and name runs (see GAP_*).
        if (c === 46 || c === 33 || c === 63 || c === 10) gap = GAP_SENTENCE;
        else if (gap === GAP_SPACE && !SPACE_LIKE.has(c)) gap = GAP_BREAK;
        i++;
        continue;
      }
      // A word: letters and digits, then perhaps an apostrophe and letters ("don't", "Brandt's").
      const start = i;
      let h = 0x811c9dc5;
      for (; i < n && isWordChar(text.charCodeAt(i), text, i); i++)
        h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
      const q = text.charCodeAt(i);
      if ((q === 39 || q === 0x2019) && i + 1 < n && isLetter(text.charCodeAt(i + 1), text, i + 1)) {
        h = Math.imul(h ^ q, 0x01000193);
        for (i++; i < n && isLetter(text.charCodeAt(i), text, i); i++)
          h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
      }
      if (gap !== GAP_SPACE) flush();
      if (gap === GAP_SENTENCE) sentenceStart = true;
      gap = GAP_SPACE;
      // "&amp;", DUC's "&QL;": markup entities are not words.
      if (start > 0 && text.charCodeAt(start - 1) === 38 && text.charCodeAt(i) === 59) continue;
      // Known words are found by their hash without making a string (checked in place against the text).
      const info = this.lookUp(text, start, i, h | 0);
      if (info.stem >= 0) this.add(info.stem, by);
      if (info.name < 0) flush();
      else if (!sentenceStart || runWords.length > 0 || info.acronym) {
        runWords.push(info.lower);
        this.add(info.name, by);
      } else {
        // A capitalised sentence opener may start a name run ("Gerardo Hernandez said"), not be one alone.
        runWords.push(info.lower);
      }
      sentenceStart = false;
    }
    flush();
  }

  /** The word text[start, end) with hash `h`, found in the table or added to it. */
  private lookUp(text: string, start: number, end: number, h: number): WordInfo {
    const mask = this.slotHash.length - 1;
    const len = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = this.slotInfo[s];
      if (at === 0) break;
      // The word's characters are compared in the pool (one typed array), not through its string.
      if (
        this.slotHash[s] === h &&
        this.slotLength[s] === len &&
        this.inPool(text, start, len, this.slotStart[s])
      )
        return this.infos[at - 1];
    }
    const info = this.wordInfo(flatCopy(text.slice(start, end)));
    this.infos.push(info);
    if (this.infos.length * 2 > this.slotHash.length) this.growTable();
    if (this.poolEnd + len > this.pool.length) {
      const grown = new Uint16Array(Math.max(this.poolEnd + len, this.pool.length * 2));
      grown.set(this.pool);
      this.pool = grown;
    }
    for (let k = 0; k < len; k++) this.pool[this.poolEnd + k] = text.charCodeAt(start + k);
    this.place(h, this.infos.length, this.poolEnd, len);
    this.poolEnd += len;
    return info;
  }

  /** Whether text[start, start + len) equals the pool's characters from `from`. */
  private inPool(text: string, start: number, len: number, from: number): boolean {
    const pool = this.pool;
    for (let k = 0; k < len; k++) if (text.charCodeAt(start + k) !== pool[from + k]) return false;
    return true;
  }

  private place(h: number, at: number, from: number, len: number): void {
    const mask = this.slotHash.length - 1;
    let s = h & mask;
    while (this.slotInfo[s] !== 0) s = (s + 1) & mask;
    this.slotHash[s] = h;
    this.slotInfo[s] = at;
    this.slotStart[s] = from;
    this.slotLength[s] = len;
  }

  private growTable(): void {
    const [hashes, ats, starts, lengths] = [this.slotHash, this.slotInfo, this.slotStart, this.slotLength];
    const size = hashes.length * 2;
    this.slotHash = new Int32Array(size);
    this.slotInfo = new Int32Array(size);
    this.slotStart = new Int32Array(size);
    this.slotLength = new Int32Array(size);
    for (let s = 0; s < ats.length; s++)
      if (ats[s] !== 0) this.place(hashes[s], ats[s], starts[s], lengths[s]);
  }

  /** What a word (in its case) is: its stem feature, its name feature if it is capitalised, … */
  private wordInfo(word: string): WordInfo {
    const lower = word.toLowerCase();
    const capitalised = CAPITALISED.test(word) && !STOPWORDS.has(lower);
    return {
      stem: this.wordId(lower),
      name: capitalised ? this.nameId(lower) : -1,
      lower,
      acronym: capitalised && isAcronym(word),
    };
  }

  private add(id: number, by: number): void {
    if (id >= RUN_BASE) {
      const b = (id - RUN_BASE) >>> 1;
      if (this.runScratch[b] === 0) this.touched.push(id);
      this.runScratch[b] += by;
      return;
    }
    if (id >= this.scratch.length) {
      const grown = new Uint32Array(Math.max(id + 1, this.scratch.length * 2));
      grown.set(this.scratch);
      this.scratch = grown;
    }
    if (this.scratch[id] === 0) this.touched.push(id);
    this.scratch[id] += by;
  }

  private wordId(lower: string): number {
    let id = this.wordIds.get(lower);
    if (id === undefined) {
      if (STOPWORDS.has(lower) || lower.length < 2 || DIGITS.test(lower)) id = -1;
      else {
        const plain = lower.replace(/['’].*$/, "");
        const stem = /^[a-z]+$/.test(plain) ? porterStem(plain) : plain;
        id = this.stemIds.get(stem);
        if (id === undefined) {
          id = this.stemIds.size * 2;
          this.stemIds.set(stem, id);
        }
      }
      this.wordIds.set(lower, id);
    }
    return id;
  }

  private nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.nameIds.size * 2 + 1;
      this.nameIds.set(name, id);
    }
    return id;
  }
}

/**
 * Name runs ("gerardo hernandez") are hashed into a fixed number of buckets instead of given ids: new
 * runs keep coming in a long stream, and hashing keeps the vocabulary bounded (Weinberger et al. 2009,
 * feature hashing). Run ids are odd (names) and above every stem or single-name id.
 */
const RUN_BUCKETS = 1 << 20;
const RUN_BASE = 2 ** 30 + 1;

function runId(run: string): number {
  return RUN_BASE + 2 * (hash32(run) & (RUN_BUCKETS - 1));
}

interface WordInfo {
  /** Stem feature id, or -1 (stopword, number, one letter). */
  stem: number;
  /** Name feature id when capitalised (and not a stopword), else -1. */
  name: number;
  lower: string;
  acronym: boolean;
}

/** Between two words: only spaces and joiners (a name run may go on) … */
const GAP_SPACE = 0;
/** … a break (quote, colon, bracket, dash: a name run ends) … */
const GAP_BREAK = 1;
/** … or a sentence end (. ! ? or a line break: the next word opens a sentence). */
const GAP_SENTENCE = 2;

/** Separators that keep a name run going: space, tab, CR, hyphen, apostrophes, ampersand. */
const SPACE_LIKE: ReadonlySet<number> = new Set([32, 9, 13, 45, 39, 0x2019, 38]);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const LETTER = /^\p{L}$/u;

/** A letter or digit (letters outside the Basic Multilingual Plane, as surrogate pairs, are not). */
function isWordChar(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return LETTER_OR_DIGIT.test(text[i]);
}

function isLetter(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return LETTER.test(text[i]);
}

/**
 * A copy of a short string that does not keep its source alive: V8 makes a slice of 13+ characters a view
 * into the whole article, and a cached word would then hold every article it first appeared in.
 */
function flatCopy(s: string): string {
  return ` ${s}`.slice(1);
}

function isAcronym(word: string): boolean {
  return word.length >= 2 && word === word.toUpperCase() && /\p{Lu}/u.test(word);
}
