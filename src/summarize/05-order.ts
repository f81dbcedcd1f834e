import type { ClusterFeatures } from "./02-features.ts";

/**
 * Orders selected sentences so the story reads in its own logic: runs of consecutive sentences
 * from one article stay together (an antecedent right before the sentence that leans on it), and
 * runs go by their position in their article (leads first); among runs at the same position the one
 * selected first (the more central) goes first.
 */
export function orderSentences(f: ClusterFeatures, selected: readonly number[]): number[][] {
  const rank = new Map(selected.map((i, k) => [i, k]));
  const sorted = [...selected].sort((a, b) => a - b); // global index = article order, then position
  const runs: number[][] = [];
  for (const i of sorted) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last !== undefined && f.sentences[i].previous === last) run.push(i);
    else runs.push([i]);
  }
  const best = (run: number[]) => Math.min(...run.map((i) => rank.get(i)!));
  return runs.sort((a, b) => f.sentences[a[0]].pos - f.sentences[b[0]].pos || best(a) - best(b));
}
