import { WIRE_COPY_OVERLAP, wireCopyGroups } from "../dedupe/copy-groups.ts";
import type { Sentence } from "../model/types.ts";
import { countWords, Vocabulary } from "../text/tokens.ts";
import type { PreparedArticle } from "./01-prepare.ts";
import { sentenceForm } from "./form.ts";
import { PairIndex } from "./pairs.ts";
import { setsUp } from "./readable.ts";

// Wire-copy groups are the dedupe stage's (one engine for desk and summarizer); re-exported for callers.
export { WIRE_COPY_OVERLAP, wireCopyGroups };

/** Per-sentence features. Sentence indexes ("global") are into `ClusterFeatures.sentences`. */
export interface SentenceFeatures {
  sentence: Sentence;
  /** Article index in the cluster. */
  doc: number;
  /** Sentence position in its article (0 = lead). */
  pos: number;
  words: number;
  /** Unique concept ids (content bigrams of stems), in order of first occurrence. */
  concepts: number[];
  /**
   * For each concept, how far into the sentence (in words) it is complete: a cut after that many
   * words keeps it. What an overflowing last sentence still contributes under a word cut.
   */
  conceptEnds: number[];
  /** Opens with a pronoun or connective that needs the sentence before it. */
  dependent: boolean;
  /** `dependent` and `eligible` under a word cut, when they differ (form.ts, `sentenceForm`). */
  cut?: { dependent: boolean; eligible: boolean };
  /**
   * Sets up what the sentence after it delivers ("Critics say the response was slow."): taken only with
   * that sentence (readable.ts, `setsUp`).
   */
  setup?: boolean;
  /** Can stand in a summary (length, form, not a copy of an earlier sentence). */
  eligible: boolean;
  /** Global index of the sentence before it in the same article, if any. */
  previous?: number;
  /** Global index of the earlier sentence this one repeats (exactly or nearly: a wire copy), if any. */
  copyOf?: number;
}

/**
 * Layout: concepts are ids 0..conceptCount-1; concept c is the stem bigram
 * (conceptFirst[c], conceptSecond[c]). The source groups carrying c, each with c's earliest sentence
 * position in that group, are groupPos[groupStart[c] .. groupStart[c + 1]) (so c's document frequency
 * over groups is groupStart[c + 1] - groupStart[c]).
 */
export interface ClusterFeatures {
  vocabulary: Vocabulary;
  sentences: SentenceFeatures[];
  /** Source group of each article: wire copies of one text share a group. */
  groupOf: number[];
  groupCount: number;
  conceptCount: number;
  conceptFirst: Int32Array;
  conceptSecond: Int32Array;
  groupStart: Int32Array;
  groupPos: Int32Array;
}

/** Share of concepts two sentences must share (Jaccard) to count as copies of one sentence. */
export const SENTENCE_COPY_OVERLAP = 0.8;

/** Tokens, concepts, copies and wire-copy groups for a cluster. Linear in the size of the cluster. */
export function computeFeatures(articles: readonly PreparedArticle[]): ClusterFeatures {
  const vocabulary = new Vocabulary();
  const sentences: SentenceFeatures[] = [];
  const docTokens: number[][] = [];
  const conceptIds = new PairIndex();
  const firsts: number[] = [];
  const seconds: number[] = [];
  // Exact copies: sentences with the same token sequence (hash, then compared).
  const byHash = new Map<number, number>();
  const sentenceTokens: number[][] = [];
  const conceptStamp: number[] = [];

  for (const a of articles) {
    const all: number[] = [];
    let previous: number | undefined;
    for (const s of a.sentences) {
      const index = sentences.length;
      const tokens = vocabulary.tokenIds(s.text);
      for (const t of tokens) all.push(t);
      const words = countWords(s.text);
      // Tokens and whitespace words differ a little ("U.S.", "don't"): scale token positions to words.
      const scale = tokens.length > 0 ? words / tokens.length : 1;
      const concepts: number[] = [];
      const conceptEnds: number[] = [];
      for (let i = 0; i + 1 < tokens.length; i++) {
        const t = tokens[i];
        const u = tokens[i + 1];
        if (vocabulary.stop[t] && vocabulary.stop[u]) continue;
        let id = conceptIds.get(t, u);
        if (id < 0) {
          id = firsts.length;
          conceptIds.set(t, u, id);
          firsts.push(t);
          seconds.push(u);
          conceptStamp.push(-1);
        }
        if (conceptStamp[id] === index) continue;
        conceptStamp[id] = index;
        concepts.push(id);
        conceptEnds.push(Math.ceil((i + 2) * scale));
      }
      const h = sequenceHash(tokens);
      const same = byHash.get(h);
      const copyOf = same !== undefined && equal(sentenceTokens[same], tokens) ? same : undefined;
      if (same === undefined) byHash.set(h, index);
      sentenceTokens.push(tokens);
      // Eligible: length and form, and a "he"/"she" opener finds its person in the sentence before.
      const form = sentenceForm(
        s.text,
        words,
        previous === undefined ? undefined : sentences[previous].sentence.text,
      );
      sentences.push({
        sentence: s,
        doc: a.index,
        pos: s.index,
        words,
        concepts,
        conceptEnds,
        dependent: form.dependent,
        ...(form.cut
          ? { cut: { dependent: form.cut.dependent, eligible: copyOf === undefined && form.cut.eligible } }
          : {}),
        ...(setsUp(s.text, words) ? { setup: true } : {}),
        eligible: copyOf === undefined && form.eligible,
        previous,
        ...(copyOf !== undefined ? { copyOf } : {}),
      });
      previous = index;
    }
    docTokens.push(all);
  }
  markNearCopies(sentences);

  const { groupOf, groupCount } = wireCopyGroups(docTokens);
  markOffTopic(sentences, sentenceTokens, vocabulary.stop, groupOf, groupCount);
  // Earliest position of each concept in each group, then laid out by concept.
  const earliest = new PairIndex();
  const pairConcept: number[] = [];
  const pairPos: number[] = [];
  for (const f of sentences) {
    const g = groupOf[f.doc];
    for (const c of f.concepts) {
      const k = earliest.get(c, g);
      if (k < 0) {
        earliest.set(c, g, pairPos.length);
        pairConcept.push(c);
        pairPos.push(f.pos);
      } else if (f.pos < pairPos[k]) pairPos[k] = f.pos;
    }
  }
  const conceptCount = firsts.length;
  const groupStart = new Int32Array(conceptCount + 1);
  for (const c of pairConcept) groupStart[c + 1]++;
  for (let c = 0; c < conceptCount; c++) groupStart[c + 1] += groupStart[c];
  const fill = groupStart.slice(0, conceptCount);
  const groupPos = new Int32Array(pairPos.length);
  pairConcept.forEach((c, k) => {
    groupPos[fill[c]++] = pairPos[k];
  });
  return {
    vocabulary,
    sentences,
    groupOf,
    groupCount,
    conceptCount,
    conceptFirst: Int32Array.from(firsts),
    conceptSecond: Int32Array.from(seconds),
    groupStart,
    groupPos,
  };
}

/**
 * Sentences that repeat an earlier one with small edits (wire copy lightly rewritten) are marked
 * ineligible: min-hash buckets over concepts (Broder 1997), so only likely copies are compared.
 */
function markNearCopies(sentences: SentenceFeatures[]): void {
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    if (s.copyOf !== undefined || s.concepts.length < 4) continue;
    let copy: number | undefined;
    const keys: number[] = [];
    for (let h = 0; h < 3; h++) {
      let min = 0xffffffff;
      for (const c of s.concepts) {
        const v = mix(c, h);
        if (v < min) min = v;
      }
      keys.push(((min >>> 2) << 2) | h);
    }
    let mine: Set<number> | undefined; // s's concepts as a set, made once and only if a bucket is shared
    for (const key of keys) {
      const list = buckets.get(key);
      if (!list) continue;
      mine ??= new Set(s.concepts);
      for (const j of list)
        if (copy === undefined && jaccard(mine, sentences[j].concepts) >= SENTENCE_COPY_OVERLAP) copy = j;
    }
    if (copy !== undefined) {
      s.copyOf = copy;
      s.eligible = false;
      if (s.cut) s.cut.eligible = false;
      continue;
    }
    for (const key of keys) {
      const list = buckets.get(key);
      if (!list) buckets.set(key, [i]);
      else if (list.length < 8) list.push(i);
    }
  }
}

/** A 32-bit integer hash of x under seed h (deterministic). */
function mix(x: number, h: number): number {
  let v = Math.imul(x ^ Math.imul(0x9e3779b9, h + 1), 0x85ebca6b);
  v ^= v >>> 13;
  v = Math.imul(v, 0xc2b2ae35);
  v ^= v >>> 16;
  return v >>> 0;
}

/** Jaccard similarity of a set and a list of distinct values. */
function jaccard(a: ReadonlySet<number>, b: readonly number[]): number {
  let both = 0;
  for (const x of b) if (a.has(x)) both++;
  return both / (a.size + b.length - both);
}

function sequenceHash(tokens: readonly number[]): number {
  let h = 0x811c9dc5 ^ tokens.length;
  for (const t of tokens) h = Math.imul(h ^ t, 0x01000193);
  return h >>> 1;
}

function equal(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Share of a sentence's content words that some other source must also use, or it is off the story. */
export const OFF_TOPIC_SUPPORT = 0.2;
/** …and well below what its own article's sentences typically share (a whole article may be loosely related). */
export const OFF_TOPIC_RELATIVE = 0.35;
/** Sentences with fewer content words than this are not judged (too little evidence). */
const OFF_TOPIC_MIN_CONTENT = 5;

/**
 * An unrelated item appended to one article (a wire brief on another subject, a promo) shares almost
 * no content words with the other sources: such sentences cannot stand in the roundup. Linear: one
 * pass to record which groups use each stem, one to score sentences.
 */
function markOffTopic(
  sentences: SentenceFeatures[],
  tokens: readonly number[][],
  stop: readonly boolean[],
  groupOf: readonly number[],
  groupCount: number,
): void {
  if (groupCount < 2) return;
  const content = tokens.map((ts) => [...new Set(ts.filter((t) => !stop[t]))]);
  const firstGroup = new Map<number, number>();
  const shared = new Set<number>();
  sentences.forEach((s, i) => {
    const g = groupOf[s.doc];
    for (const t of content[i]) {
      const seen = firstGroup.get(t);
      if (seen === undefined) firstGroup.set(t, g);
      else if (seen !== g) shared.add(t);
    }
  });
  const support = sentences.map((_, i) => {
    const mine = content[i];
    if (mine.length < OFF_TOPIC_MIN_CONTENT) return -1;
    let n = 0;
    for (const t of mine) if (shared.has(t)) n++;
    return n / mine.length;
  });
  const byDoc = new Map<number, number[]>();
  sentences.forEach((s, i) => {
    if (support[i] < 0) return;
    const list = byDoc.get(s.doc);
    if (list) list.push(support[i]);
    else byDoc.set(s.doc, [support[i]]);
  });
  const typical = new Map([...byDoc].map(([d, v]) => [d, v.sort((a, b) => a - b)[v.length >> 1]]));
  sentences.forEach((s, i) => {
    if ((!s.eligible && !s.cut?.eligible) || support[i] < 0) return;
    if (support[i] < OFF_TOPIC_SUPPORT && support[i] < OFF_TOPIC_RELATIVE * (typical.get(s.doc) ?? 0)) {
      s.eligible = false;
      if (s.cut) s.cut.eligible = false;
    }
  });
}

/** The features as a word-cut summary sees them: each sentence's `cut` form in place of its own. */
export function cutForm(f: ClusterFeatures): ClusterFeatures {
  if (!f.sentences.some((s) => s.cut)) return f;
  return { ...f, sentences: f.sentences.map((s) => (s.cut ? { ...s, ...s.cut } : s)) };
}

/** Concept → indices of the items (sentences) carrying it, in order: which others say the same thing. */
export function conceptIndex(items: readonly { concepts: readonly number[] }[]): Map<number, number[]> {
  const index = new Map<number, number[]>();
  items.forEach((item, i) => {
    for (const c of item.concepts) {
      const list = index.get(c);
      if (list) list.push(i);
      else index.set(c, [i]);
    }
  });
  return index;
}
