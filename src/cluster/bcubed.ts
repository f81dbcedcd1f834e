/**
 * B-cubed precision, recall and F1 of a clustering against gold classes (Bagga & Baldwin 1998; shown by
 * Amigó et al. 2009 to be the one common clustering metric meeting all four of their constraints).
 * Per item: precision = |its cluster ∩ its class| / |its cluster|, recall = … / |its class|; both
 * averaged over items; F1 is the harmonic mean of the two averages.
 */

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * @param predicted - item → predicted cluster id
 * @param gold - item → gold class id; the items scored are gold's, and each must have a prediction
 */
export function bcubed(predicted: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): BCubed {
  if (gold.size === 0) throw new Error("bcubed: gold is empty");
  const clusterSize = new Map<string, number>();
  const classSize = new Map<string, number>();
  const both = new Map<string, number>();
  for (const [item, cls] of gold) {
    const cluster = predicted.get(item);
    if (cluster === undefined) throw new Error(`bcubed: item "${item}" has no predicted cluster`);
    clusterSize.set(cluster, (clusterSize.get(cluster) ?? 0) + 1);
    classSize.set(cls, (classSize.get(cls) ?? 0) + 1);
    const key = `${cluster}\u0000${cls}`;
    both.set(key, (both.get(key) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  for (const [item, cls] of gold) {
    const cluster = predicted.get(item)!;
    const n = both.get(`${cluster}\u0000${cls}`)!;
    p += n / clusterSize.get(cluster)!;
    r += n / classSize.get(cls)!;
  }
  const precision = p / gold.size;
  const recall = r / gold.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
