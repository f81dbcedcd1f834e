/**
 * Small statistics for evaluation reports: a seeded PRNG, median, percentiles and a percentile
 * bootstrap confidence interval of the mean (Efron & Tibshirani 1993, ch. 13). Deterministic for a
 * given seed, so reports are reproducible.
 */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** Number of bootstrap resamples when none is given (ROUGE-1.5.5 `-r` default). */
export const DEFAULT_BOOTSTRAP_SAMPLES = 1000;
/** Two-sided confidence level when none is given (ROUGE-1.5.5 `-c 95`). */
export const DEFAULT_CONFIDENCE = 0.95;
/** PRNG seed when none is given. */
export const DEFAULT_SEED = 1;

/**
 * mulberry32 (Tommy Ettinger, 2017): a 32-bit-state generator, fast and good enough for resampling.
 * @param seed - any number; it is reduced to an unsigned 32-bit integer.
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new Error(`createRng: seed must be a finite number, got ${seed}`);
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkValues(fn: string, values: readonly number[]): void {
  if (values.length === 0) throw new Error(`${fn}: values must not be empty`);
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) throw new Error(`${fn}: values[${i}] is NaN`);
  }
}

function sortedCopy(values: readonly number[]): number[] {
  // Float64Array sorts numerically (Array.prototype.sort would compare strings).
  return Array.from(Float64Array.from(values).sort());
}

/** Percentile of already sorted values, linear interpolation between closest ranks (R type 7). */
function percentileOfSorted(sorted: readonly number[], p: number): number {
  const pos = (sorted.length - 1) * (p / 100);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * The `p`-th percentile (0-100) with linear interpolation between closest ranks (Hyndman & Fan
 * type 7, the default of R and NumPy).
 */
export function percentile(values: readonly number[], p: number): number {
  checkValues("percentile", values);
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile: p must be within [0, 100], got ${p}`);
  return percentileOfSorted(sortedCopy(values), p);
}

/** The median (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  checkValues("median", values);
  return percentileOfSorted(sortedCopy(values), 50);
}

/** Options of {@link bootstrapCI}. */
export interface BootstrapOptions {
  /** Number of resamples (default {@link DEFAULT_BOOTSTRAP_SAMPLES}). */
  samples?: number;
  /** Two-sided confidence level in (0, 1) (default {@link DEFAULT_CONFIDENCE}). */
  confidence?: number;
  /** PRNG seed (default {@link DEFAULT_SEED}). */
  seed?: number;
}

/** A mean with its confidence interval. */
export interface ConfidenceInterval {
  mean: number;
  low: number;
  high: number;
}

/**
 * Percentile bootstrap confidence interval of the mean: resample `values` with replacement
 * `samples` times, and take the (1-confidence)/2 and (1+confidence)/2 percentiles of the resampled
 * means. `mean` is the mean of the original values.
 */
export function bootstrapCI(values: readonly number[], options: BootstrapOptions = {}): ConfidenceInterval {
  checkValues("bootstrapCI", values);
  const samples = options.samples ?? DEFAULT_BOOTSTRAP_SAMPLES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(samples) || samples < 1) {
    throw new Error(`bootstrapCI: samples must be a positive integer, got ${samples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new Error(`bootstrapCI: confidence must be within (0, 1), got ${confidence}`);
  }
  const n = values.length;
  let total = 0;
  for (const v of values) total += v;
  const rng = createRng(seed);
  const means = new Float64Array(samples);
  for (let s = 0; s < samples; s++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(rng() * n)];
    means[s] = sum / n;
  }
  means.sort();
  const sorted = Array.from(means);
  return {
    mean: total / n,
    low: percentileOfSorted(sorted, ((1 - confidence) / 2) * 100),
    high: percentileOfSorted(sorted, ((1 + confidence) / 2) * 100),
  };
}
