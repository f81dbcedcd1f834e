import type { ClusterFeatures } from "./02-features.ts";

/**
 * Orders selected sentences so the story reads in its own logic: runs of consecutive sentences
 * from one article stay together (an antecedent right before the sentence that leans on it), and
 * runs go by their position in their article (leads first), then by article order.
 */
export function orderSentences(f: ClusterFeatures, selected: readonly number[]): number[][] {
  const sorted = [...selected].sort((a, b) => a - b); // global index = article order, then position
  const runs: number[][] = [];
  for (const i of sorted) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last !== undefined && f.sentences[i].previous === last) run.push(i);
    else runs.push([i]);
  }
  // The run holding the top-ranked sentence opens the roundup: it is what the cluster is about.
  const first = selected[0];
  return runs.sort((a, b) => {
    const aTop = a.includes(first) ? 0 : 1;
    const bTop = b.includes(first) ? 0 : 1;
    if (aTop !== bTop) return aTop - bTop;
    const pa = f.sentences[a[0]].pos;
    const pb = f.sentences[b[0]].pos;
    if (pa !== pb) return pa - pb;
    return a[0] - b[0];
  });
}
