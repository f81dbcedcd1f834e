// Offline reference for the clustering bench: average-link agglomerative clustering of a whole stream at
// once (every document seen before any decision, IDF from all of them), over the clusterer's own features
// with boilerplate stripped. Not a product path: it measures how much of the gap to the target comes from
// deciding online, one article at a time, and how much from the representation itself.
import { withoutBoilerplate } from "../src/clean/index.ts";
import { FeatureSpace } from "../src/cluster/features.ts";
import { disjointSets } from "../src/util/disjoint-sets.ts";

export interface OfflineDoc {
  id: string;
  text: string;
  title?: string;
}

/** One merge of the dendrogram: two clusters (by a member document's index) and their average similarity. */
export interface Merge {
  a: number;
  b: number;
  similarity: number;
}

/**
 * The average-link dendrogram of documents (Voorhees 1986), found with the nearest-neighbour chain
 * (Murtagh 1983): O(n²) time over a dense similarity matrix (n² doubles of memory: fine for a bench stream
 * of a few thousand documents). Similarity: cosine of the unit TF-IDF vectors.
 */
export function averageLinkDendrogram(docs: readonly OfflineDoc[]): Merge[] {
  const n = docs.length;
  const space = new FeatureSpace();
  const counts = docs.map((d) => space.count(withoutBoilerplate(d.text), d.title));
  for (const c of counts) space.observe(c);
  const vectors = counts.map((c) => space.vector(c));

  // Similarity matrix by an inverted index over features (only pairs sharing a feature are touched).
  const sim = new Float64Array(n * n);
  const postings = new Map<number, { doc: number; w: number }[]>();
  vectors.forEach((v, doc) => {
    for (let k = 0; k < v.ids.length; k++) {
      let list = postings.get(v.ids[k]);
      if (list === undefined) {
        list = [];
        postings.set(v.ids[k], list);
      }
      list.push({ doc, w: v.weights[k] });
    }
  });
  for (const list of postings.values())
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const add = list[x].w * list[y].w;
        sim[list[x].doc * n + list[y].doc] += add;
        sim[list[y].doc * n + list[x].doc] += add;
      }

  // Nearest-neighbour chain; a merged cluster lives on in the slot of its first member.
  const size = new Float64Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  let live = n;
  const chain: number[] = [];
  const merges: Merge[] = [];
  while (live > 1) {
    if (chain.length === 0) chain.push(active.indexOf(1));
    const a = chain[chain.length - 1];
    const previous = chain.length >= 2 ? chain[chain.length - 2] : -1;
    let best = previous;
    let bestSim = previous >= 0 ? sim[a * n + previous] : Number.NEGATIVE_INFINITY;
    for (let c = 0; c < n; c++) {
      if (!active[c] || c === a) continue;
      const s = sim[a * n + c];
      if (s > bestSim) {
        best = c;
        bestSim = s;
      }
    }
    if (best !== previous) {
      chain.push(best);
      continue;
    }
    // a and previous are each other's nearest: merge them (Lance–Williams update for average link).
    chain.length -= 2;
    const [keep, gone] = a < previous ? [a, previous] : [previous, a];
    merges.push({ a: keep, b: gone, similarity: bestSim });
    const sk = size[keep];
    const sg = size[gone];
    for (let c = 0; c < n; c++) {
      if (!active[c] || c === keep || c === gone) continue;
      const s = (sk * sim[keep * n + c] + sg * sim[gone * n + c]) / (sk + sg);
      sim[keep * n + c] = s;
      sim[c * n + keep] = s;
    }
    size[keep] = sk + sg;
    active[gone] = 0;
    live--;
  }
  return merges;
}

/**
 * The clusters of a dendrogram cut at `threshold`: documents joined by every merge of average similarity
 * ≥ threshold (average link is reducible, so such merges are closed under descent). Document id → cluster id
 * (the id of the cluster's first document).
 */
export function cutDendrogram(
  docs: readonly OfflineDoc[],
  merges: readonly Merge[],
  threshold: number,
): Map<string, string> {
  const { find, union } = disjointSets(docs.length);
  for (const m of merges) if (m.similarity >= threshold) union(m.a, m.b);
  return new Map(docs.map((d, i) => [d.id, docs[find(i)].id]));
}
