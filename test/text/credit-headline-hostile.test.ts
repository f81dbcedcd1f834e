// Guard for the credit patterns (src/clean/07-outlet.ts), the headline checks (src/clean/05-headline.ts)
// and the extractive headline (src/summarize/headline.ts): (near) linear time on hostile inputs built at
// 2k, 8k and 32k characters, as in hostile-inputs.test.ts. Each family aims at one of their patterns
// (a credit's bounded gaps, a sign-off's dashes, a byline's names, runs of punctuation at a word's end).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { headlineProblem, isCaption } from "../../src/clean/05-headline.ts";
import { readOutlet, textCredit } from "../../src/clean/07-outlet.ts";
import { extractiveHeadline } from "../../src/summarize/headline.ts";

const SIZES = [2_000, 8_000, 32_000] as const;
/** Under this many ms at 32k a call is fast whatever its growth. */
const FLOOR_MS = 50;
/** Largest allowed time(32k) / time(8k): linear is 4, quadratic 16. */
const MAX_RATIO = 8;
const CAP_MS = 1_500;

const fill = (unit: string, n: number): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const run = (head: string, unit: string, tail: string, n: number): string =>
  head + fill(unit, n - head.length - tail.length) + tail;

/** Hostile families: name → input of `n` characters. All written here; none is real text. */
const FAMILIES: Record<string, (n: number) => string> = {
  "reported reported (no wire, no period)": (n) => fill(", Reuters reported on x", n),
  "wire names without a verb": (n) => fill(" the Associated Press", n),
  "contributed, no wire": (n) => run("", "a and ", " contributed to this report", n),
  "Associated Press … never contributed": (n) => run("Associated Press ", "a ", "x", n),
  "dashes before wire names": (n) => fill(" — AP — AFP", n),
  "reporting by …; … (no editing)": (n) => run("(Reporting by ", "a; ", "x", n),
  "By A, By A, (bylines)": (n) => fill("By A, ", n),
  "by Name Name … (no staff)": (n) => fill("by Jana Morrow ", n),
  "clock-like digits": (n) => fill("12:34 ", n),
  "(Photo (Photo": (n) => fill("(Photo ", n),
  "commas ending words": (n) => fill("word, ", n),
  "quotes and commas": (n) => fill('"a," ', n),
  "one long word": (n) => fill("a", n),
  "dots and semicolons": (n) => fill(".;,", n),
  "open parentheses": (n) => fill("( a ", n),
  "dash pairs": (n) => fill(" — a", n),
  "after after after": (n) => fill("after ", n),
  "said said said": (n) => fill("said ", n),
  "who who who": (n) => fill(", who ", n),
  "words, one line": (n) => fill("harbour ", n),
  "lines of words": (n) => fill("The harbour closed on Friday, police said.\n", n),
};

const TARGETS: Record<string, (text: string) => unknown> = {
  textCredit: (text) => textCredit(text),
  "textCredit, one line per word": (text) => textCredit(text.replace(/ /g, "\n")),
  readOutlet: (text) => readOutlet(text),
  headlineProblem: (text) => headlineProblem(text),
  "headlineProblem, 300 chars": (text) => headlineProblem(text.slice(0, 300)),
  isCaption: (text) => isCaption(text),
  extractiveHeadline: (text) => extractiveHeadline(text),
  "extractiveHeadline of a sentence": (text) =>
    extractiveHeadline(`After the storm, ${text} the ferry sank.`),
};

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

/** Why `fn` is too slow on the family, or undefined when it is (near) linear. */
function slowness(fn: (text: string) => unknown, build: (n: number) => string): string | undefined {
  const inputs = SIZES.map((n) => build(n));
  for (const [i, input] of inputs.entries()) assert.equal(input.length, SIZES[i]);
  const times: number[] = [];
  for (const input of inputs) {
    const t = timeOnce(fn, input);
    times.push(t);
    if (t > CAP_MS) return `${t.toFixed(0)} ms on ${input.length} chars (cap ${CAP_MS} ms)`;
  }
  if (times[2] < FLOOR_MS) return undefined;
  const small = Math.min(times[1], best(fn, inputs[1], 2));
  const large = Math.min(times[2], best(fn, inputs[2], 2));
  if (large > CAP_MS) return `${large.toFixed(0)} ms on 32k chars (cap ${CAP_MS} ms)`;
  if (large < FLOOR_MS) return undefined;
  const ratio = large / Math.max(small, 1);
  if (ratio >= MAX_RATIO)
    return `${small.toFixed(1)} ms at 8k → ${large.toFixed(1)} ms at 32k (×${ratio.toFixed(1)}, limit ×${MAX_RATIO})`;
  return undefined;
}

describe("credit and headline patterns take linear time on hostile inputs", () => {
  for (const [target, fn] of Object.entries(TARGETS)) {
    test(target, () => {
      const slow: string[] = [];
      for (const [family, build] of Object.entries(FAMILIES)) {
        const why = slowness(fn, build);
        if (why !== undefined) slow.push(`${family}: ${why}`);
      }
      assert.deepEqual(slow, [], `${target} is super-linear on:\n${slow.join("\n")}`);
    });
  }
});
