import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bootstrapCI, createRng, median, percentile } from "../../src/evaluate/stats.ts";

describe("createRng", () => {
  test("is deterministic per seed and stays in [0, 1)", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 1000 }, () => a());
    const seqB = Array.from({ length: 1000 }, () => b());
    const seqC = Array.from({ length: 1000 }, () => c());
    assert.deepEqual(seqA, seqB);
    assert.notDeepEqual(seqA, seqC);
    for (const x of seqA) assert.ok(x >= 0 && x < 1);
    const mean = seqA.reduce((s, x) => s + x, 0) / seqA.length;
    assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
  });

  test("rejects a non-finite seed", () => {
    assert.throws(() => createRng(Number.NaN), /seed must be a finite number, got NaN/);
  });
});

describe("median and percentile", () => {
  const cases: [values: number[], p: number, expected: number][] = [
    [[5], 50, 5],
    [[3, 1, 2], 50, 2],
    [[4, 1, 3, 2], 50, 2.5],
    [[1, 2, 3, 4, 5], 0, 1],
    [[1, 2, 3, 4, 5], 100, 5],
    [[1, 2, 3, 4, 5], 25, 2],
    [[10, 20], 90, 19],
    [[-1, 100, 2], 50, 2], // numeric, not string, order
  ];
  for (const [values, p, expected] of cases) {
    test(`percentile(${JSON.stringify(values)}, ${p}) = ${expected}`, () => {
      assert.equal(percentile(values, p), expected);
    });
  }

  test("median is the 50th percentile and does not reorder its input", () => {
    const values = [9, 1, 5, 3];
    assert.equal(median(values), 4);
    assert.deepEqual(values, [9, 1, 5, 3]);
  });

  test("errors name the bad value", () => {
    assert.throws(() => median([]), /median: values must not be empty/);
    assert.throws(() => percentile([1, 2], 101), /p must be within \[0, 100\], got 101/);
    assert.throws(() => percentile([1, Number.NaN], 50), /values\[1\] is NaN/);
  });
});

describe("bootstrapCI", () => {
  test("a constant sample has a zero-width interval", () => {
    assert.deepEqual(bootstrapCI([0.3, 0.3, 0.3]), { mean: 0.3, low: 0.3, high: 0.3 });
  });

  test("is deterministic for a seed and brackets the mean", () => {
    const rng = createRng(5);
    const values = Array.from({ length: 200 }, () => rng());
    const a = bootstrapCI(values, { seed: 9 });
    const b = bootstrapCI(values, { seed: 9 });
    assert.deepEqual(a, b);
    assert.ok(a.low < a.mean && a.mean < a.high, JSON.stringify(a));
    // Uniform(0,1): sd ≈ 0.289, standard error of the mean ≈ 0.0204, 95% half-width ≈ 0.04.
    const half = (a.high - a.low) / 2;
    assert.ok(half > 0.03 && half < 0.05, `half-width ${half}`);
  });

  test("a wider confidence gives a wider interval", () => {
    const values = [0.1, 0.4, 0.35, 0.8, 0.2, 0.55, 0.6, 0.05];
    const narrow = bootstrapCI(values, { confidence: 0.5, samples: 2000, seed: 3 });
    const wide = bootstrapCI(values, { confidence: 0.99, samples: 2000, seed: 3 });
    assert.ok(wide.low < narrow.low && narrow.high < wide.high);
    assert.equal(narrow.mean, wide.mean);
  });

  test("errors name the bad option", () => {
    assert.throws(() => bootstrapCI([1], { samples: 0 }), /samples must be a positive integer, got 0/);
    assert.throws(() => bootstrapCI([1], { confidence: 1 }), /confidence must be within \(0, 1\), got 1/);
    assert.throws(() => bootstrapCI([]), /bootstrapCI: values must not be empty/);
  });
});
