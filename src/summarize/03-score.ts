import type { ClusterFeatures } from "./02-features.ts";

/** Weight bonus for a concept that a source carries in its opening sentences (news puts the key facts first). */
export const EARLY_BONUS = 1.0;
/** Sentence position at which the early bonus has fallen to 1/e. */
export const EARLY_DECAY = 4;
/** With three or more sources, a concept only one source carries is mostly that source's colour. */
export const SINGLE_SOURCE_FACTOR = 0.35;
/** How much the focus (a query) raises concepts that share a word with it. */
export const FOCUS_BOOST = 2.0;

export interface ConceptScores {
  /** Weight of each concept id. */
  weight: Float64Array;
  /** Position prior of each sentence, 1 for a lead sentence, falling with position. */
  prior: Float64Array;
  /** Mean weight of a concept that occurs anywhere: the scale of the prior term. */
  meanWeight: number;
}

/**
 * Concept weights as in Gillick & Favre (2009): a bigram is worth the number of sources carrying it
 * (wire copies count once), raised when it appears early in a source and when it touches the focus.
 */
export function scoreConcepts(f: ClusterFeatures, focusStems?: ReadonlySet<number>): ConceptScores {
  const weight = new Float64Array(f.conceptGroups.size);
  const singleFactor = f.groupCount >= 3 ? SINGLE_SOURCE_FACTOR : 1;
  const focusOf = conceptFocus(f, focusStems);
  let total = 0;
  for (const [c, groups] of f.conceptGroups) {
    let w = 0;
    for (const pos of groups.values()) w += 1 + EARLY_BONUS * Math.exp(-pos / EARLY_DECAY);
    if (groups.size === 1) w *= singleFactor;
    if (focusOf.has(c)) w *= 1 + FOCUS_BOOST;
    weight[c] = w;
    total += w;
  }
  const prior = new Float64Array(f.sentences.length);
  for (let i = 0; i < f.sentences.length; i++) prior[i] = Math.exp(-f.sentences[i].pos / EARLY_DECAY);
  return { weight, prior, meanWeight: weight.length ? total / weight.length : 0 };
}

/** Concepts containing a content stem of the focus. */
function conceptFocus(f: ClusterFeatures, focusStems?: ReadonlySet<number>): Set<number> {
  const out = new Set<number>();
  if (!focusStems || focusStems.size === 0) return out;
  f.conceptTokens.forEach(([t, u], c) => {
    if (focusStems.has(t) || focusStems.has(u)) out.add(c);
  });
  return out;
}
