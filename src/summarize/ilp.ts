// Exact budgeted concept coverage (the ILP of Gillick & Favre 2009) by depth-first branch and bound.
import type { ClusterFeatures } from "./02-features.ts";

export interface CoverageProblem {
  f: ClusterFeatures;
  /** Weight of each concept id (0: not a concept worth covering). */
  weight: Float64Array;
  /** What each sentence is worth besides its concepts (the position prior). */
  bonus: Float64Array;
  /** Candidates, best first: each a list of sentence indices that stand together. */
  candidates: readonly (readonly number[])[];
  /** Word budget; with `overflow` the last candidate may run past it and counts up to the cut. */
  words: number;
  overflow: boolean;
  /** A candidate whose concepts are more than this share covered already is not added. */
  redundancyMax: number;
  /** Nodes to visit before settling for the best summary found. */
  maxNodes: number;
  /** The best summary known (e.g. greedy's) and its value, to prune against. */
  incumbent: { value: number; sentences: readonly number[] };
}

/**
 * Maximises Σ weight of covered concepts + Σ bonus of chosen sentences under the budget. Candidates
 * are branched on in the given order; the bound is the fractional knapsack of the remaining
 * candidates' marginal gains (valid because coverage is submodular; with overflow the last candidate
 * is valued by its part before the cut, which the fraction approximates). Marginal gains are kept up
 * to date incrementally through concept → candidate postings, so a node costs O(candidates).
 * Returns the sentences in selection order (with overflow, the one the cut falls in last).
 */
export function solveCoverage(p: CoverageProblem): number[] {
  const { f, weight, bonus, candidates: cands, words, overflow } = p;
  const K = cands.length;
  // Local ids for the concepts and sentences the candidates touch.
  const conceptLocal = new Map<number, number>();
  const conceptWeight: number[] = [];
  const sentenceLocal = new Map<number, number>();
  const sentenceIds: number[] = [];
  const candConcepts: number[][] = [];
  const candSentences: number[][] = [];
  for (const unit of cands) {
    const concepts = new Set<number>();
    const local: number[] = [];
    for (const i of unit) {
      let s = sentenceLocal.get(i);
      if (s === undefined) {
        s = sentenceIds.length;
        sentenceLocal.set(i, s);
        sentenceIds.push(i);
      }
      local.push(s);
      for (const c of f.sentences[i].concepts) {
        if (weight[c] <= 0) continue;
        let l = conceptLocal.get(c);
        if (l === undefined) {
          l = conceptWeight.length;
          conceptLocal.set(c, l);
          conceptWeight.push(weight[c]);
        }
        concepts.add(l);
      }
    }
    candConcepts.push([...concepts]);
    candSentences.push(local);
  }
  const M = conceptWeight.length;
  const S = sentenceIds.length;
  const postings: number[][] = Array.from({ length: M }, () => []);
  const owners: number[][] = Array.from({ length: S }, () => []);
  // Each sentence's weighted concepts (local ids) and where in the sentence each is complete.
  const sentConcepts: number[][] = [];
  const sentEnds: number[][] = [];
  for (const i of sentenceIds) {
    const { concepts, conceptEnds } = f.sentences[i];
    const local: number[] = [];
    const ends: number[] = [];
    for (let j = 0; j < concepts.length; j++) {
      const l = conceptLocal.get(concepts[j]);
      if (l === undefined) continue;
      local.push(l);
      ends.push(conceptEnds[j]);
    }
    sentConcepts.push(local);
    sentEnds.push(ends);
  }
  const gain = new Float64Array(K);
  const extra = new Float64Array(K);
  const cost = new Float64Array(K);
  const nCovered = new Int32Array(K);
  for (let k = 0; k < K; k++) {
    for (const l of candConcepts[k]) {
      postings[l].push(k);
      gain[k] += conceptWeight[l];
    }
    for (const s of candSentences[k]) {
      owners[s].push(k);
      cost[k] += f.sentences[sentenceIds[s]].words;
      extra[k] += bonus[sentenceIds[s]];
    }
  }
  const covered = new Int32Array(M);
  const chosen = new Uint8Array(S);
  let used = 0;
  let value = 0;

  const take = (s: number, sign: 1 | -1): void => {
    const i = sentenceIds[s];
    const n = f.sentences[i].words;
    chosen[s] = sign > 0 ? 1 : 0;
    used += sign * n;
    for (const k of owners[s]) {
      cost[k] -= sign * n;
      extra[k] -= sign * bonus[i];
    }
    for (const l of sentConcepts[s]) {
      covered[l] += sign;
      if ((sign > 0 && covered[l] === 1) || (sign < 0 && covered[l] === 0))
        for (const k of postings[l]) {
          gain[k] -= sign * conceptWeight[l];
          nCovered[k] += sign;
        }
    }
  };

  /** Value of a candidate that runs past the budget: its concepts and bonus before the cut. */
  const seen = new Int32Array(M);
  let stamp = 0;
  const prefixGain = (k: number): number => {
    let left = words - used;
    let g = 0;
    stamp++;
    for (const s of candSentences[k]) {
      if (chosen[s]) continue;
      if (left <= 0) break;
      const i = sentenceIds[s];
      const sf = f.sentences[i];
      const whole = sf.words <= left;
      g += bonus[i] * (whole ? 1 : left / sf.words);
      const local = sentConcepts[s];
      const ends = sentEnds[s];
      for (let j = 0; j < local.length; j++) {
        const l = local[j];
        if (covered[l] > 0 || seen[l] === stamp || (!whole && ends[j] > left)) continue;
        seen[l] = stamp;
        g += conceptWeight[l];
      }
      left -= sf.words;
    }
    return g;
  };

  const admissible = (k: number): boolean =>
    cost[k] > 0 &&
    gain[k] > 0 &&
    !(candConcepts[k].length > 0 && nCovered[k] / candConcepts[k].length > p.redundancyMax);

  const density = new Float64Array(K);
  const picked = new Uint8Array(K);
  const bound = (start: number): number => {
    const room = words - used;
    let open = 0;
    for (let k = start; k < K; k++) {
      picked[k] = 0;
      density[k] = -1;
      if (!admissible(k) || (!overflow && cost[k] > room)) continue;
      density[k] = (gain[k] + extra[k]) / cost[k];
      open++;
    }
    let cap = room;
    let total = 0;
    while (cap > 0 && open > 0) {
      let best = -1;
      for (let k = start; k < K; k++)
        if (!picked[k] && density[k] >= 0 && (best < 0 || density[k] > density[best])) best = k;
      if (best < 0) break;
      picked[best] = 1;
      open--;
      const take = Math.min(cap, cost[best]);
      total += density[best] * take;
      cap -= take;
    }
    return value + total;
  };

  let bestValue = p.incumbent.value;
  let best: readonly number[] = p.incumbent.sentences;
  const path: number[] = [];
  let nodes = 0;
  const search = (start: number): void => {
    nodes++;
    if (value > bestValue + 1e-9) {
      bestValue = value;
      best = path.map((s) => sentenceIds[s]);
    }
    if (used >= words || bound(start) <= bestValue + 1e-9) return;
    for (let k = start; k < K && nodes < p.maxNodes; k++) {
      if (!admissible(k)) continue;
      const last = cost[k] + used > words;
      if (last && !overflow) continue;
      const g = last ? prefixGain(k) : gain[k] + extra[k];
      if (g <= 0) continue;
      const added: number[] = [];
      for (const s of candSentences[k])
        if (!chosen[s]) {
          take(s, 1);
          added.push(s);
          path.push(s);
        }
      value += g;
      search(k + 1);
      value -= g;
      for (let j = added.length - 1; j >= 0; j--) {
        take(added[j], -1);
        path.pop();
      }
    }
  };
  search(0);
  return [...best];
}
