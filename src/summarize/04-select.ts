import type { ClusterFeatures } from "./02-features.ts";
import type { ConceptScores } from "./03-score.ts";
import { solveCoverage } from "./ilp.ts";
import type { SummarizerParams } from "./params.ts";
import { type FactKey, factKey, sameFact } from "./readable.ts";

/** How far back a dependent sentence may pull its antecedents in. */
const MAX_CHAIN = 3;

export interface SelectOptions {
  words: number;
  overflow: boolean;
  /**
   * Nothing passed the form filters (a short page, captions, run-ons): consider every sentence of at
   * least this many words that fits, dependent or not.
   */
  fallbackWords?: number;
  /**
   * Sentences the summary must hold (a developing story's lead, developing.ts): taken first, then greedy
   * fills the rest of the budget around them (exact search, which could drop them, is skipped).
   */
  seed?: readonly number[];
}

export type SelectParams = Pick<
  SummarizerParams,
  | "method"
  | "priorWeight"
  | "lengthExponent"
  | "redundancyMax"
  | "minWords"
  | "searchCandidates"
  | "searchNodes"
>;

/** A candidate: a sentence with the chain of sentences before it that it leans on. */
interface Unit {
  sentences: number[];
}

/**
 * Budgeted maximum coverage (Gillick & Favre 2009 objective: weights of the concepts covered, plus a
 * position prior per sentence). A sentence that opens with a pronoun or connective is a unit with the
 * sentences it leans on. With `overflow` the last unit may run past the budget; only the part before
 * the cut counts, and it comes last in the returned order. Returns selected sentence indices in
 * selection order.
 */
export function selectSentences(
  f: ClusterFeatures,
  sc: ConceptScores,
  options: SelectOptions,
  p: SelectParams,
): number[] {
  const state = new Coverage(f, sc, p);
  const units =
    options.fallbackWords === undefined
      ? buildUnits(f, p.minWords)
      : fallbackUnits(f, options.fallbackWords, options.words);
  const greedy = selectGreedy(state, units, options, p);
  if (p.method === "greedy" || options.seed?.length) return greedy;
  return selectExact(state, units, options, p, greedy);
}

/** Covered concepts of a selection under construction, and the gain of adding a unit to it. */
class Coverage {
  readonly covered: Int32Array;
  readonly chosen = new Set<number>();
  used = 0;
  value = 0;
  private readonly priorScale: number;
  private readonly mark: Int32Array;
  private stamp = 0;

  constructor(
    readonly f: ClusterFeatures,
    readonly sc: ConceptScores,
    readonly p: SelectParams,
  ) {
    this.covered = new Int32Array(sc.weight.length);
    this.mark = new Int32Array(sc.weight.length);
    this.priorScale = p.priorWeight * sc.meanWeight;
  }

  /** Each sentence's fact key (readable.ts), made when first compared. */
  private readonly facts: Array<FactKey | undefined> = [];

  private factOf(i: number): FactKey {
    this.facts[i] ??= factKey(this.f.sentences[i].sentence.text, this.f.vocabulary);
    return this.facts[i];
  }

  /** The chosen sentence whose fact a sentence states again (same numbers or names, same words), if any. */
  restated(i: number): number | undefined {
    if (this.chosen.size === 0) return undefined;
    const key = this.factOf(i);
    for (const j of this.chosen) if (sameFact(key, this.factOf(j))) return j;
    return undefined;
  }

  /**
   * Gain and cost of adding a unit; `room` (words left before the cut) limits what an overflowing last
   * unit contributes. `redundant` when its concepts are mostly covered already, or when one of its
   * sentences states a fact a chosen one states.
   */
  evaluate(unit: Unit, room = Number.POSITIVE_INFINITY): { gain: number; cost: number; redundant: boolean } {
    const { f, sc } = this;
    let gain = 0;
    let cost = 0;
    let concepts = 0;
    let already = 0;
    const stamp = ++this.stamp;
    for (const i of unit.sentences) {
      if (this.chosen.has(i)) continue;
      const s = f.sentences[i];
      const left = room - cost;
      cost += s.words;
      if (left <= 0) continue;
      const whole = s.words <= left;
      gain += this.priorScale * sc.prior[i] * (whole ? 1 : left / s.words);
      const cs = s.concepts;
      for (let k = 0; k < cs.length; k++) {
        const c = cs[k];
        if (sc.weight[c] === 0) continue;
        concepts++;
        if (this.covered[c] > 0) {
          already++;
          continue;
        }
        if (this.mark[c] === stamp) continue;
        if (!whole && s.conceptEnds[k] > left) continue;
        this.mark[c] = stamp;
        gain += sc.weight[c];
      }
    }
    const redundant =
      (concepts > 0 && already / concepts > this.p.redundancyMax) ||
      unit.sentences.some((i) => !this.chosen.has(i) && this.restated(i) !== undefined);
    return { gain, cost, redundant };
  }

  add(unit: Unit, gain: number): number[] {
    const added: number[] = [];
    for (const i of unit.sentences) {
      if (this.chosen.has(i)) continue;
      this.chosen.add(i);
      added.push(i);
      this.used += this.f.sentences[i].words;
      for (const c of this.f.sentences[i].concepts) this.covered[c]++;
    }
    this.value += gain;
    return added;
  }

  /**
   * Takes a chosen sentence out again (its concepts uncovered). `value` is left as it was: only greedy
   * swaps remove, and the exact search recomputes the value of the greedy summary from scratch.
   */
  remove(i: number): void {
    if (!this.chosen.delete(i)) return;
    this.used -= this.f.sentences[i].words;
    for (const c of this.f.sentences[i].concepts) this.covered[c]--;
  }

  reset(): void {
    this.covered.fill(0);
    this.chosen.clear();
    this.used = 0;
    this.value = 0;
  }
}

/** May a unit costing `cost` words be added after `used` words? With overflow, while any room is left. */
function fits(used: number, cost: number, options: SelectOptions): boolean {
  return used + cost <= options.words || (options.overflow && used < options.words);
}

/**
 * Greedy with cost scaling (Lin & Bilmes 2010) and lazy evaluation (gains only shrink): repeatedly
 * take the unit with the best gain / words^r that fits and is not redundant.
 */
function selectGreedy(state: Coverage, units: Unit[], options: SelectOptions, p: SelectParams): number[] {
  state.reset();
  const order: number[] = [];
  if (options.seed?.length) {
    const seed = { sentences: [...options.seed] };
    order.push(...state.add(seed, state.evaluate(seed).gain));
  }
  const heap: Array<[number, number]> = [];
  units.forEach((u, k) => {
    const { gain, cost } = state.evaluate(u);
    if (cost > 0 && gain > 0) heap.push([gain / cost ** p.lengthExponent, k]);
  });
  heapify(heap);
  while (heap.length > 0) {
    const [bound, k] = heap[0];
    const unit = units[k];
    const room = options.words - state.used;
    const { gain, cost, redundant } = state.evaluate(
      unit,
      options.overflow ? room : Number.POSITIVE_INFINITY,
    );
    if (cost === 0 || gain <= 0 || redundant || !fits(state.used, cost, options)) {
      // Two sentences stating one fact: an article's lead (the news, not a recap) replaces a later one.
      const group =
        redundant && unit.sentences.length === 1 ? swappable(state, unit.sentences[0], options) : undefined;
      pop(heap);
      if (group === undefined) continue;
      const kept = [...order];
      for (const j of group) state.remove(j);
      order.splice(0, order.length, ...order.filter((j) => !group.includes(j)));
      const again = state.evaluate(unit);
      if (!again.redundant && again.gain > 0 && fits(state.used, again.cost, options)) {
        for (const i of state.add(unit, again.gain)) order.push(i);
        if (state.used >= options.words) break;
      } else {
        state.add({ sentences: group }, 0);
        order.splice(0, order.length, ...kept);
      }
      continue;
    }
    const score = gain / Math.min(cost, Math.max(room, 1)) ** p.lengthExponent;
    if (score < bound - 1e-12) {
      heap[0] = [score, k];
      siftDown(heap, 0);
      continue;
    }
    pop(heap);
    for (const i of state.add(unit, gain)) order.push(i);
    if (state.used >= options.words) break;
  }
  return order;
}

/**
 * The chosen sentences that sentence `i`, an article's lead, would replace: one that is no lead and states
 * the same fact (readable.ts, `sameFact`) and is not a seed nor the delivery of a chosen set-up, with the
 * chosen sentences that lean on it ("Eleven were treated…" after it).
 */
function swappable(state: Coverage, i: number, options: SelectOptions): number[] | undefined {
  const j = state.restated(i);
  if (j === undefined || options.seed?.includes(j)) return undefined;
  const { sentences } = state.f;
  const before = sentences[j].previous;
  if (sentences[i].pos !== 0 || sentences[j].pos === 0) return undefined;
  if (before !== undefined && sentences[before].setup && state.chosen.has(before)) return undefined;
  const group = [j];
  for (let k = j + 1; state.chosen.has(k) && sentences[k].previous === k - 1 && sentences[k].dependent; k++)
    group.push(k);
  return group;
}

/**
 * Exact search (branch and bound, ilp.ts) over the best candidates by standalone value per word,
 * started from the greedy summary.
 */
function selectExact(
  state: Coverage,
  units: Unit[],
  options: SelectOptions,
  p: SelectParams,
  greedy: number[],
): number[] {
  const { f, sc } = state;
  // Value of the greedy summary, computed as the search computes values.
  state.reset();
  for (const i of greedy) {
    const u = { sentences: [i] };
    const room = options.overflow ? options.words - state.used : Number.POSITIVE_INFINITY;
    state.add(u, state.evaluate(u, room).gain);
  }
  const incumbent = { value: state.value, sentences: greedy };
  state.reset();
  const candidates = units
    .map((u, k) => {
      const { gain, cost } = state.evaluate(u);
      return { u, k, gain, cost };
    })
    .filter((x) => x.gain > 0 && x.cost > 0)
    .sort((a, b) => b.gain / b.cost - a.gain / a.cost || a.k - b.k)
    .slice(0, p.searchCandidates)
    .map((x) => x.u.sentences);
  const bonus = new Float64Array(f.sentences.length);
  const scale = p.priorWeight * sc.meanWeight;
  for (let i = 0; i < bonus.length; i++) bonus[i] = scale * sc.prior[i];
  return solveCoverage({
    f,
    weight: sc.weight,
    bonus,
    candidates,
    words: options.words,
    overflow: options.overflow,
    redundancyMax: p.redundancyMax,
    maxNodes: p.searchNodes,
    incumbent,
  });
}

/** Each eligible sentence, with the chain of sentences before it that it needs. */
function buildUnits(f: ClusterFeatures, minWords: number): Unit[] {
  const units: Unit[] = [];
  f.sentences.forEach((s, i) => {
    if (!s.eligible || s.words < minWords) return;
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
    // A sentence that sets up the next one ("Critics say…") comes with it, or not at all.
    if (s.setup) {
      const next = f.sentences[i + 1];
      if (next?.previous !== i || !next.eligible) return;
      unit.push(i + 1);
    }
    units.push({ sentences: unit });
  });
  return units;
}

/** Every sentence long enough to read and short enough to fit, each on its own. */
function fallbackUnits(f: ClusterFeatures, minWords: number, budget: number): Unit[] {
  const units: Unit[] = [];
  f.sentences.forEach((s, i) => {
    if (s.words >= minWords && s.words <= budget) units.push({ sentences: [i] });
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
