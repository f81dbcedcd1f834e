/**
 * NearDuplicateIndex: finds, for an arriving article, an earlier article it is a copy of.
 *
 * 1. Exact copies: same normalised words (boilerplate lines dropped) → same 53-bit key.
 * 2. Near copies: one-permutation MinHash signatures of 5-word shingles, banded for LSH
 *    (Indyk & Motwani 1998; Broder 1997) so only articles sharing a band are compared: with 64 bands
 *    of 2 rows, a pair with Jaccard 0.3 shares a band with probability 0.998, one with 0.02 with 0.025.
 * 3. Candidates are verified on the estimated overlap coefficient |A∩B| / min(|A|, |B|), not on
 *    Jaccard: a copy cut short (wire copy republished without its last paragraphs) sits wholly inside
 *    the original, which Jaccard punishes and the overlap coefficient does not. A size-ratio floor keeps
 *    a short item that quotes one paragraph of a long article from counting as its copy.
 *
 * Memory is bounded: at most `capacity` articles are kept (the oldest go first), about 0.6 kB each
 * (signature + band entries); `remove(id)` drops one (the story clusterer removes archived articles).
 */
import { fmix32 } from "./hash.ts";
import { DEFAULT_SIGNATURE_BINS, estimateJaccard, overlapFromJaccard, signature } from "./minhash.ts";
import { fingerprint, type ShingleOptions } from "./shingles.ts";

/**
 * Estimated overlap coefficient from which a pair is a copy. On the labeled dev set (bench/DESK.md) no
 * two distinct same-story articles score above 0.55 (shared quotes, a common wire paragraph), while
 * altered copies (boilerplate, dropped, reordered or cut paragraphs, new headline) almost all score
 * above 0.65; 0.5–0.8 sweeps all gave precision ≥ 0.999, recall fell above 0.7.
 */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.6;
/**
 * Smallest size ratio (shingles of the smaller / of the larger) for a near copy: a copy keeps at least a
 * fifth of the original. Below it, a short item quoting one paragraph of a long article is not its copy.
 */
export const DEFAULT_MIN_SIZE_RATIO = 0.2;
/** Rows per LSH band; bands = bins / rows. */
export const DEFAULT_BAND_ROWS = 2;
/** Articles kept when no capacity is given. */
export const DEFAULT_CAPACITY = 50_000;
/** Fewer shingles than this and only exact copies are detected: too little text to call a near copy. */
export const MIN_SHINGLES = 8;

export interface NearDuplicateOptions extends ShingleOptions {
  /** Overlap coefficient from which an article is a copy. Default {@link DEFAULT_DUPLICATE_THRESHOLD}. */
  threshold?: number;
  /** Size-ratio floor for near copies. Default {@link DEFAULT_MIN_SIZE_RATIO}. */
  minSizeRatio?: number;
  /** MinHash bins (a power of two). Default 128. */
  bins?: number;
  /** Rows per LSH band. Default {@link DEFAULT_BAND_ROWS}. */
  bandRows?: number;
  /** Most articles kept; the oldest are dropped beyond it. Default {@link DEFAULT_CAPACITY}. */
  capacity?: number;
}

export interface DuplicateMatch {
  /** The earlier article this one copies (the most similar; ties go to the earliest). */
  duplicateOf?: string;
  /** Estimated overlap coefficient with it (1 for an exact copy). */
  similarity?: number;
}

interface Entry {
  id: string;
  slot: number;
  exactKey: number;
  /** Distinct shingles. */
  size: number;
  words: number;
  sig: Uint32Array | undefined;
}

export class NearDuplicateIndex {
  private readonly threshold: number;
  private readonly minSizeRatio: number;
  private readonly bins: number;
  private readonly rows: number;
  private readonly capacity: number;
  private readonly shingleOptions: ShingleOptions;
  /** id → entry, in insertion order (the first is the oldest). */
  private readonly entries = new Map<string, Entry>();
  private readonly bySlot = new Map<number, Entry>();
  /** exact key → slots with that key, oldest first. */
  private readonly exact = new Map<number, number | number[]>();
  /** band key (band index in the top bits) → slots. */
  private readonly buckets = new Map<number, number | number[]>();
  private nextSlot = 0;

  constructor(options: NearDuplicateOptions = {}) {
    this.threshold = options.threshold ?? DEFAULT_DUPLICATE_THRESHOLD;
    this.minSizeRatio = options.minSizeRatio ?? DEFAULT_MIN_SIZE_RATIO;
    this.bins = options.bins ?? DEFAULT_SIGNATURE_BINS;
    this.rows = options.bandRows ?? DEFAULT_BAND_ROWS;
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
    this.shingleOptions = {
      ...(options.shingleWords !== undefined ? { shingleWords: options.shingleWords } : {}),
      ...(options.stripBoilerplate !== undefined ? { stripBoilerplate: options.stripBoilerplate } : {}),
    };
    if (!(this.threshold > 0 && this.threshold <= 1))
      throw new Error(`NearDuplicateIndex: threshold must be in (0, 1], not ${this.threshold}`);
    if (!(this.minSizeRatio >= 0 && this.minSizeRatio <= 1))
      throw new Error(`NearDuplicateIndex: minSizeRatio must be in [0, 1], not ${this.minSizeRatio}`);
    if (
      !Number.isInteger(this.rows) ||
      this.rows < 1 ||
      this.bins % this.rows !== 0 ||
      this.bins / this.rows > 256
    )
      throw new Error(
        `NearDuplicateIndex: bandRows must divide bins (${this.bins}) into at most 256 bands, not ${this.rows}`,
      );
    if (!Number.isInteger(this.capacity) || this.capacity < 1)
      throw new Error(`NearDuplicateIndex: capacity must be a positive whole number, not ${this.capacity}`);
  }

  /** Articles currently kept. */
  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The earlier article `text` copies, if any, without adding it. */
  query(text: string): DuplicateMatch {
    return this.match(this.prepare(text));
  }

  /** Adds an article and returns the earlier article it copies, if any. Throws on an id already kept. */
  add(id: string, text: string): DuplicateMatch {
    if (typeof id !== "string" || id.length === 0)
      throw new Error(`NearDuplicateIndex: id must be a non-empty string, instead found ${typeof id}`);
    if (this.entries.has(id)) throw new Error(`NearDuplicateIndex: duplicate id "${id}"`);
    const prepared = this.prepare(text);
    const found = this.match(prepared);
    const entry: Entry = { id, slot: this.nextSlot++, ...prepared };
    this.insert(entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.remove(oldest);
    }
    return found;
  }

  /** Forgets an article. Returns whether it was kept. */
  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    this.entries.delete(id);
    this.bySlot.delete(entry.slot);
    detach(this.exact, entry.exactKey, entry.slot);
    if (entry.sig !== undefined)
      for (const key of this.bandKeys(entry.sig)) detach(this.buckets, key, entry.slot);
    return true;
  }

  private prepare(text: string): Omit<Entry, "id" | "slot"> {
    if (typeof text !== "string")
      throw new Error(
        `NearDuplicateIndex: expected the article text as a string, instead found ${typeof text}`,
      );
    const fp = fingerprint(text, this.shingleOptions);
    const sig = fp.shingles.length >= MIN_SHINGLES ? signature(fp.shingles, this.bins) : undefined;
    return { exactKey: fp.exactKey, size: fp.shingles.length, words: fp.wordCount, sig };
  }

  private match(p: Omit<Entry, "id" | "slot">): DuplicateMatch {
    const exact = this.exact.get(p.exactKey);
    if (exact !== undefined && p.words > 0) {
      const slot = typeof exact === "number" ? exact : exact[0];
      return { duplicateOf: this.bySlot.get(slot)!.id, similarity: 1 };
    }
    if (p.sig === undefined) return {};
    const seen = new Set<number>();
    let best: Entry | undefined;
    let bestScore = -1;
    for (const key of this.bandKeys(p.sig)) {
      const bucket = this.buckets.get(key);
      if (bucket === undefined) continue;
      for (const slot of typeof bucket === "number" ? [bucket] : bucket) {
        if (seen.has(slot)) continue;
        seen.add(slot);
        const other = this.bySlot.get(slot)!;
        const small = Math.min(p.size, other.size);
        const large = Math.max(p.size, other.size);
        if (small < this.minSizeRatio * large) continue;
        const score = overlapFromJaccard(estimateJaccard(p.sig, other.sig!), p.size, other.size);
        if (score > bestScore || (score === bestScore && best !== undefined && slot < best.slot)) {
          best = other;
          bestScore = score;
        }
      }
    }
    if (best === undefined || bestScore < this.threshold) return {};
    return { duplicateOf: best.id, similarity: round4(bestScore) };
  }

  private insert(entry: Entry): void {
    this.entries.set(entry.id, entry);
    this.bySlot.set(entry.slot, entry);
    attach(this.exact, entry.exactKey, entry.slot);
    if (entry.sig !== undefined)
      for (const key of this.bandKeys(entry.sig)) attach(this.buckets, key, entry.slot);
  }

  /** One key per band: the band index in the top 8 bits, a 22-bit hash of its rows below (a small integer). */
  private bandKeys(sig: Uint32Array): number[] {
    const bands = this.bins / this.rows;
    const keys = new Array<number>(bands);
    for (let b = 0; b < bands; b++) {
      let h = b;
      for (let r = 0; r < this.rows; r++) h = Math.imul(h ^ sig[b * this.rows + r], 0x9e3779b1) ^ (h >>> 15);
      keys[b] = b * 0x400000 + (fmix32(h) >>> 10);
    }
    return keys;
  }
}

function attach(map: Map<number, number | number[]>, key: number, slot: number): void {
  const cur = map.get(key);
  if (cur === undefined) map.set(key, slot);
  else if (typeof cur === "number") map.set(key, [cur, slot]);
  else cur.push(slot);
}

function detach(map: Map<number, number | number[]>, key: number, slot: number): void {
  const cur = map.get(key);
  if (cur === undefined) return;
  if (typeof cur === "number") {
    if (cur === slot) map.delete(key);
    return;
  }
  const i = cur.indexOf(slot);
  if (i >= 0) cur.splice(i, 1);
  if (cur.length === 1) map.set(key, cur[0]);
  else if (cur.length === 0) map.delete(key);
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
