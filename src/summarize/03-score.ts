import type { ClusterFeatures } from "./02-features.ts";
import { conceptRelevance } from "./focus.ts";
import type { SummarizerParams } from "./params.ts";

export interface ConceptScores {
  /** Weight of each concept id. */
  weight: Float64Array;
  /** Position prior of each sentence, 1 for a lead sentence, falling with position. */
  prior: Float64Array;
  /** Mean weight of a concept that occurs anywhere: the scale of the prior term. */
  meanWeight: number;
}

export type ScoreParams = Pick<
  SummarizerParams,
  "earlyBonus" | "earlyDecay" | "minDfShare" | "singleSourceFactor" | "focusBoost" | "crossSource"
>;

/**
 * Concept weights as in Gillick & Favre (2009): a bigram is worth the number of sources carrying it
 * (wire copies count once), raised when it appears early in a source and by its relevance to the focus
 * (focus.ts: 0..1 per stem, the focus's own words and their nearest neighbours in the cluster);
 * in a large cluster a bigram too few sources carry counts for nothing (ICSISumm's document-frequency cut).
 */
export function scoreConcepts(
  f: ClusterFeatures,
  p: ScoreParams,
  focusRelevance?: Float64Array,
): ConceptScores {
  const weight = new Float64Array(f.conceptCount);
  const singleFactor = f.groupCount >= 3 && p.crossSource ? p.singleSourceFactor : 1;
  const minDf = p.crossSource ? Math.max(1, Math.floor(p.minDfShare * f.groupCount + 1e-9)) : 1;
  const focus = focusRelevance ? conceptRelevance(f, focusRelevance) : undefined;
  // Early bonus by position, computed once per position.
  const early: number[] = [];
  let total = 0;
  for (let c = 0; c < f.conceptCount; c++) {
    const from = f.groupStart[c];
    const to = f.groupStart[c + 1];
    const df = to - from;
    if (df < minDf) continue;
    let w = 0;
    for (let k = from; k < to; k++) {
      const pos = f.groupPos[k];
      let e = early[pos];
      if (e === undefined) {
        e = 1 + p.earlyBonus * Math.exp(-pos / p.earlyDecay);
        early[pos] = e;
      }
      // Without cross-source weighting a concept counts once, at its best position.
      w = p.crossSource ? w + e : Math.max(w, e);
    }
    if (df === 1) w *= singleFactor;
    if (focus) w *= 1 + p.focusBoost * focus[c];
    weight[c] = w;
    total += w;
  }
  const prior = new Float64Array(f.sentences.length);
  for (let i = 0; i < f.sentences.length; i++) prior[i] = Math.exp(-f.sentences[i].pos / p.earlyDecay);
  return { weight, prior, meanWeight: weight.length ? total / weight.length : 0 };
}
