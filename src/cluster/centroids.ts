/**
 * Clusters as summed TF-IDF centroids behind an inverted index: what the story level and the topic level
 * of the clusterer share (story-clusterer.ts).
 *
 * 1. A cluster's centroid is the sum of its members' unit vectors, pruned to its heaviest features, so a
 *    comparison costs at most `maxCentroid` lookups.
 * 2. Each cluster is listed under its `indexed` heaviest features; a query's heaviest features pull the
 *    clusters that share them with a partial dot product, so no scan over every cluster is needed.
 * 3. Scores are cosines × a time factor 1 / (1 + gap / timeScale) over the clusters' day spans (1 when
 *    either side is undated): the further apart in time, the more evidence two reports need to be one.
 */
import type { SparseVector } from "./features.ts";

export interface Centroid {
  id: string;
  /** Creation order: the older of two merging clusters survives; ties break towards it. */
  seq: number;
  centroid: Map<number, number>;
  norm: number;
  /** Features under which the cluster is in the inverted index. */
  indexed: number[];
  /** Vectors summed in the centroid. */
  members: number;
  /** Day span of its dated members (undated ones count as the stream's latest date when they came). */
  first: number;
  last: number;
  /** Lazy additions since the last re-index. */
  stale: number;
}

/** Lazy additions after which a cluster is pruned and re-indexed. */
const LAZY_REFRESH = 8;

export interface CentroidOptions {
  timeScaleDays: number;
  maxCentroidFeatures: number;
  indexedFeatures: number;
}

export class CentroidIndex<C extends Centroid> {
  readonly all = new Map<string, C>();
  /** Feature id → clusters indexed under it. */
  private readonly postings = new Map<number, Set<C>>();

  constructor(private readonly options: CentroidOptions) {}

  add(cluster: C): void {
    this.all.set(cluster.id, cluster);
  }

  /** Takes a cluster out (archived or merged away). */
  remove(cluster: C): void {
    for (const id of cluster.indexed) this.unlist(cluster, id);
    cluster.indexed = [];
    this.all.delete(cluster.id);
  }

  /**
   * Adds `weight` × a vector to a cluster's centroid (a negative weight takes it out again). With `lazy`,
   * the norm is updated exactly but the pruning and the inverted index only every LAZY_REFRESH additions
   * (a topic's heaviest features barely move with one more article); returns whether it re-indexed.
   */
  addVector(cluster: C, vector: SparseVector, weight = 1, lazy = false): boolean {
    let dotBefore = 0;
    for (let i = 0; i < vector.ids.length; i++) {
      const id = vector.ids[i];
      dotBefore += vector.weights[i] * (cluster.centroid.get(id) ?? 0);
      bump(cluster.centroid, id, weight * vector.weights[i]);
    }
    cluster.members += weight > 0 ? 1 : -1;
    // A small cluster is re-indexed every time: its heaviest features are still settling.
    if (
      lazy &&
      cluster.members > 2 * LAZY_REFRESH &&
      ++cluster.stale < LAZY_REFRESH &&
      cluster.centroid.size <= this.options.maxCentroidFeatures * 1.5
    ) {
      // |c + wv|² = |c|² + 2w c·v + w²|v|², v of unit length.
      cluster.norm = Math.sqrt(
        Math.max(0, cluster.norm * cluster.norm + 2 * weight * dotBefore + weight * weight),
      );
      return false;
    }
    this.refresh(cluster);
    return true;
  }

  /** Adds (or, with -1, takes away) another centroid: a story moving between topics, a merge. */
  addCentroid(cluster: C, other: Map<number, number>, members: number, sign: 1 | -1 = 1): void {
    for (const [id, w] of other) bump(cluster.centroid, id, sign * w);
    cluster.members += sign * members;
    this.refresh(cluster);
  }

  /** Widens a cluster's day span to cover `day` (skipped while the stream has no date at all). */
  static widen(cluster: Centroid, day: number): void {
    if (!Number.isFinite(day)) return;
    if (!Number.isFinite(cluster.first) || day < cluster.first) cluster.first = day;
    if (!Number.isFinite(cluster.last) || day > cluster.last) cluster.last = day;
  }

  /** Folds `lost` into `keep` (centroid, span); `lost` leaves the index. */
  fold(keep: C, lost: C): void {
    this.remove(lost);
    if (Number.isFinite(lost.first)) {
      CentroidIndex.widen(keep, lost.first);
      CentroidIndex.widen(keep, lost.last);
    }
    this.addCentroid(keep, lost.centroid, lost.members);
  }

  /** Candidates by partial dot product over the query's heaviest `queryFeatures`, scored exactly, best first. */
  score(
    vector: SparseVector,
    day: number | undefined,
    queryFeatures: number,
    k: number,
  ): { cluster: C; score: number }[] {
    const q = Math.min(queryFeatures, vector.ids.length);
    const scored: { cluster: C; score: number }[] = [];
    for (const cluster of this.shortlist(vector.ids, q, (i) => vector.weights[i], k)) {
      let dot = 0;
      for (let i = 0; i < vector.ids.length; i++)
        dot += vector.weights[i] * (cluster.centroid.get(vector.ids[i]) ?? 0);
      const factor = day === undefined ? 1 : this.spanFactor(day, day, cluster.first, cluster.last);
      scored.push({ cluster, score: (dot / (cluster.norm || 1)) * factor });
    }
    return scored.sort((a, b) => b.score - a.score || a.cluster.seq - b.cluster.seq);
  }

  /** Clusters sharing indexed features with a cluster's centroid, the best `k` by partial dot product. */
  neighbours(cluster: C, k: number): C[] {
    const ids = cluster.indexed;
    return this.shortlist(ids, ids.length, (i) => cluster.centroid.get(ids[i]) ?? 0, k, cluster);
  }

  /** Cosine of two centroids × the time factor of their spans. */
  similarity(a: C, b: C): number {
    const [small, large] = a.centroid.size <= b.centroid.size ? [a, b] : [b, a];
    let dot = 0;
    for (const [id, w] of small.centroid) dot += w * (large.centroid.get(id) ?? 0);
    return (dot / (a.norm * b.norm || 1)) * this.spanFactor(a.first, a.last, b.first, b.last);
  }

  /** The time factor of two day spans: 1 / (1 + gap / timeScale), 1 when either is undated. */
  private spanFactor(aFirst: number, aLast: number, bFirst: number, bLast: number): number {
    if (!Number.isFinite(aFirst) || !Number.isFinite(bFirst)) return 1;
    const gap = aLast < bFirst ? bFirst - aLast : bLast < aFirst ? aFirst - bLast : 0;
    return 1 / (1 + gap / this.options.timeScaleDays);
  }

  /**
   * Clusters listed under the first `count` features of `ids` (weighted by `weight(i)`), the best `k` by
   * partial dot product with their centroids (ties: the older first), `skip` left out.
   */
  private shortlist(
    ids: readonly number[],
    count: number,
    weight: (i: number) => number,
    k: number,
    skip?: C,
  ): C[] {
    const partial = new Map<C, number>();
    for (let i = 0; i < count; i++) {
      const clusters = this.postings.get(ids[i]);
      if (clusters === undefined) continue;
      const w = weight(i);
      for (const c of clusters) {
        if (c === skip) continue;
        partial.set(c, (partial.get(c) ?? 0) + (w * (c.centroid.get(ids[i]) ?? 0)) / (c.norm || 1));
      }
    }
    return [...partial]
      .sort((a, b) => b[1] - a[1] || a[0].seq - b[0].seq)
      .slice(0, k)
      .map(([c]) => c);
  }

  /** After a centroid changed: prune it, recompute its norm, re-index its top features. */
  private refresh(cluster: C): void {
    cluster.stale = 0;
    const c = cluster.centroid;
    const max = this.options.maxCentroidFeatures;
    // Prune in batches (past 1.5× the cap, back to the cap): one sort per many articles, not per article.
    if (c.size > max * 1.5) {
      const top = [...c].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      top.length = max;
      c.clear();
      for (const [id, w] of top) c.set(id, w);
    }
    let norm = 0;
    for (const w of c.values()) norm += w * w;
    cluster.norm = Math.sqrt(norm);
    const indexed = topIds(c, this.options.indexedFeatures);
    const keep = new Set(indexed);
    for (const id of cluster.indexed) if (!keep.has(id)) this.unlist(cluster, id);
    const had = new Set(cluster.indexed);
    for (const id of indexed) {
      if (had.has(id)) continue;
      let set = this.postings.get(id);
      if (set === undefined) {
        set = new Set();
        this.postings.set(id, set);
      }
      set.add(cluster);
    }
    cluster.indexed = indexed;
  }

  /** Takes a cluster off one feature's postings (and the list away when it empties). */
  private unlist(cluster: C, id: number): void {
    const set = this.postings.get(id);
    set?.delete(cluster);
    if (set?.size === 0) this.postings.delete(id);
  }
}

/** Adds to a centroid weight; a weight taken to (about) zero leaves the map. */
function bump(c: Map<number, number>, id: number, delta: number): void {
  const w = (c.get(id) ?? 0) + delta;
  if (w > 1e-9) c.set(id, w);
  else c.delete(id);
}

/** The k heaviest features of a centroid, heaviest first (ties by id), by insertion into a short list. */
function topIds(c: Map<number, number>, k: number): number[] {
  const ids: number[] = [];
  const ws: number[] = [];
  for (const [id, w] of c) {
    if (ids.length === k && (w < ws[k - 1] || (w === ws[k - 1] && id > ids[k - 1]))) continue;
    let i = ids.length === k ? k - 1 : ids.length;
    while (i > 0 && (ws[i - 1] < w || (ws[i - 1] === w && ids[i - 1] > id))) {
      if (i < k) {
        ids[i] = ids[i - 1];
        ws[i] = ws[i - 1];
      }
      i--;
    }
    ids[i] = id;
    ws[i] = w;
  }
  return ids;
}
