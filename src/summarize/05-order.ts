import type { ClusterFeatures } from "./02-features.ts";

/**
 * Orders selected sentences so the story reads in its own logic: runs of consecutive sentences
 * from one article stay together (an antecedent right before the sentence that leans on it), and
 * runs go by their position in their article (leads first); among runs at the same position the one
 * selected first (the more central) goes first. With `lastCut`, the run holding the last selected
 * sentence (the one that runs past the budget) goes last, where a word cut falls.
 */
export function orderSentences(f: ClusterFeatures, selected: readonly number[], lastCut = false): number[][] {
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
  runs.sort((a, b) => f.sentences[a[0]].pos - f.sentences[b[0]].pos || best(a) - best(b));
  const cut = selected.at(-1);
  if (!lastCut || cut === undefined) return runs;
  const k = runs.findIndex((run) => run.includes(cut));
  return [...runs.slice(0, k), ...runs.slice(k + 1), runs[k]];
}
