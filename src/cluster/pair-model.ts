/**
 * The story level's learned join decision: is this article part of that story? A logistic model over a
 * few kinds of evidence (Miranda et al. 2018, "Multilingual Clustering of Streaming News", learn such a
 * similarity over several TF-IDF spaces plus time), fitted by `npm run train:clusterer` on the
 * event-labelled development streams and stored in models/clusterer.json.
 *
 * 1. Content: cosine with the story centroid (the subject), and the best cosine with one of its recent
 *    articles (a follow-up often repeats one report closely while the centroid has drifted).
 * 2. Headline: cosine of the article's headline with the story's headlines, apart from the body, since
 *    two reports of one event share a headline's words more than a subject's.
 * 3. Names: the share of the article's name weight (IDF-weighted, so rare names count most) that the
 *    story also has.
 * 4. Time: each of 1–3 × 1 / (1 + gap / EVENT_TIME_SCALE_DAYS), gap the days between the article
 *    and the story's span; whether either is undated; and for short items the log gap on its own.
 * 5. Size: log of the story's articles (a big story's centroid is flatter, so its cosines run lower).
 * 6. Shortness: a headline-only item (a feed's title and a line) has few features; its cosines are
 *    noisier and time tells more, so the model may weigh the gap apart for it.
 */
import { existsSync, readFileSync } from "node:fs";

/** Features below which an article counts as short (a headline and a line): about 20 distinct words. */
export const SHORT_FEATURES = 20;

/** Evidence names, in the order of `PairModel.weights` (after the bias). */
export const PAIR_FEATURES = [
  "centroidTimed",
  "bestMemberTimed",
  "headlineTimed",
  "namesTimed",
  "undated",
  "logSize",
  "centroidXundated",
  "short",
  "logGapXshort",
] as const;

/**
 * The evidence added when word vectors are given: cosine of the article's mean GloVe vector (headline
 * and lead) with its story's, × the time factor. It matches headlines that share meaning, not words.
 */
export const EMBEDDING_FEATURE = "embeddingTimed";

/**
 * Days after which the time factor halves the content evidence. Fixed, not learned: the event-labelled
 * dev streams have no dated full articles (Multi-News is undated; the headline stream is titles), so a
 * learned gap weight would come from headlines alone. A week keeps a follow-up two days later close and
 * a same-subject event five weeks later far (test/cluster/two-levels.test.ts).
 */
export const EVENT_TIME_SCALE_DAYS = 7;

export interface PairModel {
  /** Bias first, then one weight per PAIR_FEATURES entry. */
  weights: number[];
  /** Probability from which the article joins its most probable story. */
  threshold: number;
}

/** One candidate story's evidence for the article, in PAIR_FEATURES order. */
export type PairFeatures = number[];

export function pairProbability(model: PairModel, f: PairFeatures): number {
  let z = model.weights[0];
  for (let i = 0; i < f.length; i++) z += model.weights[i + 1] * f[i];
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fits a logistic model by full-batch gradient descent with L2 (deterministic: same data, same weights).
 * Features are used as they are (all are O(1)); positives are weighted to balance the classes.
 */
export function fitPairModel(
  xs: readonly PairFeatures[],
  ys: readonly number[],
  options: { l2?: number; iterations?: number; rate?: number } = {},
): number[] {
  const l2 = options.l2 ?? 1e-3;
  const iterations = options.iterations ?? 3000;
  const rate = options.rate ?? 0.5;
  const d = (xs[0]?.length ?? PAIR_FEATURES.length) + 1;
  const w = new Array<number>(d).fill(0);
  const positives = ys.reduce((a, y) => a + y, 0);
  const wPos = positives > 0 ? (ys.length - positives) / positives : 1;
  const g = new Array<number>(d);
  for (let it = 0; it < iterations; it++) {
    g.fill(0);
    let total = 0;
    for (let n = 0; n < xs.length; n++) {
      const x = xs[n];
      let z = w[0];
      for (let i = 0; i < x.length; i++) z += w[i + 1] * x[i];
      const p = 1 / (1 + Math.exp(-z));
      const weight = ys[n] === 1 ? wPos : 1;
      const e = weight * (p - ys[n]);
      total += weight;
      g[0] += e;
      for (let i = 0; i < x.length; i++) g[i + 1] += e * x[i];
    }
    for (let i = 0; i < d; i++) w[i] -= rate * (g[i] / total + (i > 0 ? l2 * w[i] : 0));
  }
  return w;
}

const MODEL_PATH = new URL("../../models/clusterer.json", import.meta.url);

/** The evidence names of a model with or without word vectors. */
export const pairFeatureNames = (embedded: boolean): string[] =>
  embedded ? [...PAIR_FEATURES, EMBEDDING_FEATURE] : [...PAIR_FEATURES];

interface StoredModel {
  features: string[];
  weights: number[];
  threshold: number;
}

/**
 * The fitted model of models/clusterer.json for evidence with (`embedded`) or without word vectors, or
 * undefined when there is none (the cosine rule decides then).
 */
export function defaultPairModel(embedded = false): PairModel | undefined {
  if (stored === undefined) {
    stored = [];
    if (MODEL_PATH.protocol === "file:" && existsSync(MODEL_PATH)) {
      const json = JSON.parse(readFileSync(MODEL_PATH, "utf8")) as StoredModel & {
        withWordVectors?: StoredModel;
      };
      stored.push(json);
      if (json.withWordVectors) stored.push(json.withWordVectors);
    }
  }
  // A model fitted on other evidence than this code computes is not used.
  const names = pairFeatureNames(embedded).join();
  const m = stored.find((x) => x.features.join() === names);
  return m ? { weights: m.weights, threshold: m.threshold } : undefined;
}
let stored: StoredModel[] | undefined;
