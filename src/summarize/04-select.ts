import type { ClusterFeatures } from "./02-features.ts";
import type { ConceptScores } from "./03-score.ts";

/** Weight of the position prior against concept coverage, in units of a mean concept's weight. */
export const PRIOR_WEIGHT = 2.0;
/** Cost exponent: gain is divided by words^r; r < 1 keeps long informative sentences in play (Lin & Bilmes 2010). */
export const LENGTH_EXPONENT = 0.6;
/** A candidate whose concepts are already this much covered says the same thing again: never taken. */
export const REDUNDANCY_MAX = 0.55;
/** How far back a dependent sentence may pull its antecedents in. */
const MAX_CHAIN = 3;

export interface SelectOptions {
  words: number;
  overflow: boolean;
}

/**
 * Greedy budgeted maximum coverage (Gillick & Favre 2009 objective; greedy with cost scaling as in
 * Lin & Bilmes 2010, lazy evaluation since gains only shrink). A sentence that opens with a pronoun
 * or connective is a unit with the sentences it leans on. Returns selected sentence indices.
 */
export function selectSentences(f: ClusterFeatures, sc: ConceptScores, options: SelectOptions): number[] {
  const units = buildUnits(f);
  const covered = new Uint8Array(sc.weight.length);
  const chosen = new Set<number>();
  let used = 0;

  const evaluate = (unit: number[]): { gain: number; cost: number; redundant: boolean } => {
    let gain = 0;
    let cost = 0;
    let concepts = 0;
    let already = 0;
    const seen = new Set<number>();
    for (const i of unit) {
      if (chosen.has(i)) continue;
      const s = f.sentences[i];
      cost += s.words;
      gain += PRIOR_WEIGHT * sc.meanWeight * sc.prior[i];
      for (const c of s.concepts) {
        concepts++;
        if (covered[c]) {
          already++;
          continue;
        }
        if (seen.has(c)) continue;
        seen.add(c);
        gain += sc.weight[c];
      }
    }
    return { gain, cost, redundant: concepts > 0 && already / concepts > REDUNDANCY_MAX };
  };

  // Max-heap of [score, unit index]; scores are upper bounds refreshed lazily.
  const heap: Array<[number, number]> = [];
  units.forEach((u, k) => {
    const { gain, cost } = evaluate(u);
    if (cost > 0) heap.push([gain / cost ** LENGTH_EXPONENT, k]);
  });
  heapify(heap);
  const order: number[] = [];
  while (heap.length > 0) {
    const [bound, k] = heap[0];
    const unit = units[k];
    const { gain, cost, redundant } = evaluate(unit);
    const fits = used + cost <= options.words || (options.overflow && used < options.words);
    if (cost === 0 || redundant || !fits) {
      pop(heap);
      continue;
    }
    const score = gain / cost ** LENGTH_EXPONENT;
    if (score < bound - 1e-12) {
      heap[0] = [score, k];
      siftDown(heap, 0);
      continue;
    }
    pop(heap);
    for (const i of unit) {
      if (chosen.has(i)) continue;
      chosen.add(i);
      order.push(i);
      used += f.sentences[i].words;
      for (const c of f.sentences[i].concepts) covered[c] = 1;
    }
    if (used >= options.words) break;
  }
  return order;
}

/** Each eligible sentence, with the chain of sentences before it that it needs. */
function buildUnits(f: ClusterFeatures): number[][] {
  const units: number[][] = [];
  f.sentences.forEach((s, i) => {
    if (!s.eligible) return;
    const unit = [i];
    let cur = s;
    while (cur.dependent && unit.length < MAX_CHAIN) {
      if (cur.previous === undefined) break;
      const prev = f.sentences[cur.previous];
      if (!prev.eligible) break;
      unit.unshift(cur.previous);
      cur = prev;
    }
    if (cur.dependent) return; // leans on something we cannot show
    units.push(unit);
  });
  return units;
}

// A small binary max-heap ordered by score, ties broken by lower unit index (determinism).
function better(a: [number, number], b: [number, number]): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] < b[1]);
}
function siftDown(h: Array<[number, number]>, i: number): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < h.length && better(h[l], h[m])) m = l;
    if (r < h.length && better(h[r], h[m])) m = r;
    if (m === i) return;
    [h[i], h[m]] = [h[m], h[i]];
    i = m;
  }
}
function heapify(h: Array<[number, number]>): void {
  for (let i = (h.length >> 1) - 1; i >= 0; i--) siftDown(h, i);
}
function pop(h: Array<[number, number]>): void {
  const last = h.pop()!;
  if (h.length > 0) {
    h[0] = last;
    siftDown(h, 0);
  }
}
