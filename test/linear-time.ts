// The one linear-time check for hostile-input tests: a function run on a family of inputs built at 2k, 8k
// and 32k characters must stay near linear. Robust on a busy machine: a call passes at once when the 32k
// run is under the floor; only otherwise are both sizes measured again (best of 3) before the ratio and
// cap are asserted. Sizes run smallest first and stop at the first call over the cap, so a cubic pattern
// fails in seconds, not hours.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

export const SIZES = [2_000, 8_000, 32_000] as const;
/** Under this many ms at 32k a call is fast whatever its growth (timer and GC noise dominate). */
export const FLOOR_MS = 50;
/** Largest allowed time(32k) / time(8k): linear is 4, quadratic 16. */
export const MAX_RATIO = 8;
/** Largest time of one call on 32k characters. */
export const CAP_MS = 1_500;

/** `unit` repeated to exactly `n` characters. */
export const fill = (unit: string, n: number): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** `head`, then `unit` repeated, then `tail`: `n` characters in all. */
export const run = (head: string, unit: string, tail: string, n: number): string =>
  head + fill(unit, n - head.length - tail.length) + tail;

function timeOnce(fn: (text: string) => unknown, text: string): number {
  const start = performance.now();
  fn(text);
  return performance.now() - start;
}

function best(fn: (text: string) => unknown, text: string, runs: number): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) min = Math.min(min, timeOnce(fn, text));
  return min;
}

/**
 * Why `fn` is too slow on the family `build` makes (`build(n)` is `n` characters long), or undefined when
 * it is (near) linear. `exactLength: false` allows builders whose output is only about `n` long.
 */
export function slowness(
  fn: (text: string) => unknown,
  build: (n: number) => string,
  { exactLength = true } = {},
): string | undefined {
  const inputs = SIZES.map((n) => build(n));
  if (exactLength) for (const [i, input] of inputs.entries()) assert.equal(input.length, SIZES[i]);
  const times: number[] = [];
  for (const input of inputs) {
    const t = timeOnce(fn, input);
    times.push(t);
    if (t > CAP_MS) return `${t.toFixed(0)} ms on ${input.length} chars (cap ${CAP_MS} ms)`;
  }
  if (times[2] < FLOOR_MS) return undefined;
  // Suspicious or just noisy: measure both sizes again and keep the best of three.
  const small = Math.min(times[1], best(fn, inputs[1], 2));
  const large = Math.min(times[2], best(fn, inputs[2], 2));
  if (large > CAP_MS) return `${large.toFixed(0)} ms on 32k chars (cap ${CAP_MS} ms)`;
  if (large < FLOOR_MS) return undefined;
  const ratio = large / Math.max(small, 1);
  if (ratio >= MAX_RATIO)
    return `${small.toFixed(1)} ms at 8k → ${large.toFixed(1)} ms at 32k (×${ratio.toFixed(1)}, limit ×${MAX_RATIO})`;
  return undefined;
}

/**
 * One test per target: every family of hostile inputs must run (near) linearly through it; the failure
 * lists each family it is super-linear on.
 */
export function describeLinear(
  title: string,
  targets: Record<string, (text: string) => unknown>,
  families: Record<string, (n: number) => string>,
): void {
  describe(title, () => {
    for (const [target, fn] of Object.entries(targets)) {
      test(target, () => {
        const slow: string[] = [];
        for (const [family, build] of Object.entries(families)) {
          const why = slowness(fn, build);
          if (why !== undefined) slow.push(`${family}: ${why}`);
        }
        assert.deepEqual(slow, [], `${target} is super-linear on:\n${slow.join("\n")}`);
      });
    }
  });
}
