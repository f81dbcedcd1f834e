/**
 * The plain baseline: single-pass clustering over TF-IDF vectors (the classic of Papka & Allan 1998).
 * IDF from the whole collection, stemmed words without stopwords, no names, no time, no merging: each
 * document joins the cluster whose centroid is most similar (cosine, every cluster compared) if that
 * reaches `threshold`, else starts one. Cluster ids are the id of the first document.
 */
import { Vocabulary } from "../text/tokens.ts";

export interface BaselineDoc {
  id: string;
  text: string;
  title?: string;
}

/**
 * Cosine from which a document joins a cluster. Tuned like the story clusterer, on the tuning half of the
 * dev stream (bench/DESK.md): 0.12 → 0.821, 0.14 → 0.836, 0.16 → 0.846, 0.18 → 0.840, 0.20 → 0.833.
 */
export const DEFAULT_BASELINE_THRESHOLD = 0.16;

/** Document id → cluster id, in input order. */
export function baselineCluster(
  docs: readonly BaselineDoc[],
  threshold = DEFAULT_BASELINE_THRESHOLD,
): Map<string, string> {
  if (!(threshold >= 0 && threshold <= 1))
    throw new Error(`baselineCluster: threshold must be in [0, 1], not ${threshold}`);
  const vocab = new Vocabulary();
  const counts = docs.map((d) => {
    const c = new Map<number, number>();
    for (const id of vocab.tokenIds(d.title ? `${d.title}\n${d.text}` : d.text))
      if (!vocab.stop[id]) c.set(id, (c.get(id) ?? 0) + 1);
    return c;
  });
  const df = new Map<number, number>();
  for (const c of counts) for (const id of c.keys()) df.set(id, (df.get(id) ?? 0) + 1);
  const n = docs.length;
  const clusters: { id: string; centroid: Map<number, number>; norm: number }[] = [];
  const out = new Map<string, string>();
  docs.forEach((doc, i) => {
    const v = new Map<number, number>();
    let norm = 0;
    for (const [id, tf] of counts[i]) {
      const w = (1 + Math.log(tf)) * Math.log((n + 1) / df.get(id)!);
      v.set(id, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [id, w] of v) v.set(id, w / norm);
    let best = -1;
    let bestScore = -1;
    clusters.forEach((c, k) => {
      let dot = 0;
      for (const [id, w] of v) dot += w * (c.centroid.get(id) ?? 0);
      const score = dot / (c.norm || 1);
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    });
    let cluster = clusters[best];
    if (cluster === undefined || bestScore < threshold) {
      cluster = { id: doc.id, centroid: new Map(), norm: 0 };
      clusters.push(cluster);
    }
    for (const [id, w] of v) cluster.centroid.set(id, (cluster.centroid.get(id) ?? 0) + w);
    let sq = 0;
    for (const w of cluster.centroid.values()) sq += w * w;
    cluster.norm = Math.sqrt(sq);
    out.set(doc.id, cluster.id);
  });
  return out;
}
