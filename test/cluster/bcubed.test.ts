import assert from "node:assert/strict";
import { test } from "node:test";
import { bcubed } from "../../src/cluster/index.ts";

const map = (o: Record<string, string>) => new Map(Object.entries(o));
const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

// Worked by hand: per item, precision = |cluster ∩ class| / |cluster|, recall = |cluster ∩ class| / |class|.
const CASES: {
  name: string;
  gold: Record<string, string>;
  predicted: Record<string, string>;
  expected: { precision: number; recall: number; f1: number };
}[] = [
  {
    name: "one class split, the rest mixed",
    gold: { a: "X", b: "X", c: "X", d: "Y", e: "Y" },
    predicted: { a: "1", b: "1", c: "2", d: "2", e: "2" },
    // P: 1, 1, 1/3, 2/3, 2/3 → 11/15; R: 2/3, 2/3, 1/3, 1, 1 → 11/15
    expected: { precision: 11 / 15, recall: 11 / 15, f1: 11 / 15 },
  },
  {
    name: "everything in one cluster",
    gold: { a: "X", b: "X", c: "Y" },
    predicted: { a: "1", b: "1", c: "1" },
    // P: 2/3, 2/3, 1/3 → 5/9; R: 1; F = 2·(5/9) / (14/9) = 5/7
    expected: { precision: 5 / 9, recall: 1, f1: 5 / 7 },
  },
  {
    name: "every item alone",
    gold: { a: "X", b: "X", c: "Y" },
    predicted: { a: "1", b: "2", c: "3" },
    // P: 1; R: 1/2, 1/2, 1 → 2/3; F = 0.8
    expected: { precision: 1, recall: 2 / 3, f1: 0.8 },
  },
  {
    name: "perfect, whatever the cluster names",
    gold: { a: "X", b: "X", c: "Y" },
    predicted: { a: "q", b: "q", c: "r" },
    expected: { precision: 1, recall: 1, f1: 1 },
  },
];

for (const c of CASES) {
  test(`bcubed: ${c.name}`, () => {
    const r = bcubed(map(c.predicted), map(c.gold));
    close(r.precision, c.expected.precision);
    close(r.recall, c.expected.recall);
    close(r.f1, c.expected.f1);
  });
}

test("bcubed: scores gold's items; a missing prediction or empty gold throws", () => {
  const r = bcubed(map({ a: "1", b: "1", z: "9" }), map({ a: "X", b: "X" }));
  assert.deepEqual(r, { precision: 1, recall: 1, f1: 1 });
  assert.throws(
    () => bcubed(map({ a: "1" }), map({ a: "X", b: "X" })),
    /bcubed: item "b" has no predicted cluster/,
  );
  assert.throws(() => bcubed(new Map(), new Map()), /bcubed: gold is empty/);
});
