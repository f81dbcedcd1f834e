import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import {
  countsToPrf,
  encodeTokens,
  ngramCounts,
  ngramHits,
  type Prf,
  parseRougeFlags,
  prepareReferences,
  rouge,
  rougeMetricNames,
  rougeTokens,
  roundLikePrintf5,
  scorePrepared,
  scorePreparedCounts,
} from "../../src/evaluate/rouge.ts";
import { createRng } from "../../src/evaluate/stats.ts";

interface Vector {
  case: string;
  flagset: string;
  rouge_flags: string;
  candidate: string[];
  references: string[][];
  scores: Record<string, Prf>;
}

// Conformance vectors scored by the official ROUGE-1.5.5.pl, read in place from shared/.
const VECTORS_URL = new URL("../../../shared/rouge/vectors.jsonl", import.meta.url);
const vectors: Vector[] = readFileSync(VECTORS_URL, "utf8")
  .split("\n")
  .filter((line) => line.trim().length > 0)
  .map((line) => JSON.parse(line) as Vector);

const DUC2004 = "-n 4 -m -2 4 -u -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a";

describe("ROUGE-1.5.5 conformance vectors", () => {
  test("the vector file has the 440 cases the README describes", () => {
    assert.equal(vectors.length, 440);
  });

  test("every case, metric, R/P/F matches the official script", () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const v of vectors) {
      const got = rouge(v.candidate, v.references, parseRougeFlags(v.rouge_flags));
      assert.deepEqual(
        Object.keys(got).sort(),
        Object.keys(v.scores).sort(),
        `${v.case} [${v.flagset}] metrics`,
      );
      for (const [metric, expected] of Object.entries(v.scores)) {
        for (const k of ["R", "P", "F"] as const) {
          compared++;
          if (got[metric][k] !== expected[k]) {
            mismatches.push(
              `${v.case} [${v.flagset}] ${metric} ${k}: expected ${expected[k]}, got ${got[metric][k]}`,
            );
          }
        }
      }
    }
    assert.ok(compared > 440 * 12);
    assert.deepEqual(mismatches.slice(0, 30), [], `${mismatches.length} mismatches`);
  });

  test("scoring many candidates against prepared references gives the same scores", () => {
    for (const v of vectors.filter((_, i) => i % 7 === 0)) {
      const options = parseRougeFlags(v.rouge_flags);
      const prepared = prepareReferences(v.references, options);
      assert.deepEqual(
        scorePrepared(v.candidate, prepared),
        rouge(v.candidate, v.references, options),
        v.case,
      );
      // Reusing the prepared set (and its stem cache) changes nothing.
      assert.deepEqual(scorePrepared(v.candidate, prepared), v.scores, v.case);
    }
  });
});

describe("speed (recorded, not asserted tightly)", () => {
  test("score all 440 vectors", (t) => {
    const start = performance.now();
    for (const v of vectors) rouge(v.candidate, v.references, parseRougeFlags(v.rouge_flags));
    const ms = performance.now() - start;
    t.diagnostic(`440 vectors scored in ${ms.toFixed(0)} ms`);
    assert.ok(ms < 30_000);
  });

  test("100 synthetic 250-word candidates against 4 references of 250 words", (t) => {
    const words = vectors.flatMap((v) => v.references.flat().join(" ").split(/\s+/));
    const rng = createRng(7);
    const summary = (length: number): string[] => {
      const sentences: string[] = [];
      for (let done = 0; done < length; ) {
        const n = Math.min(length - done, 12 + Math.floor(rng() * 20));
        const sentence: string[] = [];
        for (let i = 0; i < n; i++) sentence.push(words[Math.floor(rng() * words.length)]);
        sentences.push(sentence.join(" "));
        done += n;
      }
      return sentences;
    };
    const clusters = Array.from({ length: 100 }, () => ({
      candidate: summary(250),
      references: [summary(250), summary(250), summary(250), summary(250)],
    }));
    const options = parseRougeFlags("-n 4 -m -2 4 -u -l 250 -f A -p 0.5");
    const start = performance.now();
    for (const c of clusters) rouge(c.candidate, c.references, options);
    const ms = performance.now() - start;
    t.diagnostic(`100 clusters (ROUGE-1..4, L, SU4, stemmed) scored in ${ms.toFixed(0)} ms`);
    assert.ok(ms < 30_000);
  });
});

describe("parseRougeFlags", () => {
  test("reads the vector flag sets", () => {
    assert.deepEqual(parseRougeFlags(DUC2004), {
      maxN: 4,
      lcs: true,
      stem: true,
      skipGap: 4,
      skipUnigrams: true,
      limitWords: 100,
      scoring: "A",
      alpha: 0.5,
    });
    assert.deepEqual(parseRougeFlags("-n 2 -m -2 4 -u -b 665 -c 95 -r 1000 -f A -p 0.5 -t 0 -a"), {
      maxN: 2,
      lcs: true,
      stem: true,
      skipGap: 4,
      skipUnigrams: true,
      limitBytes: 665,
      scoring: "A",
      alpha: 0.5,
    });
  });

  test("accepts Getopt-style bundling and attached values", () => {
    assert.deepEqual(parseRougeFlags("-mu -n4 -24 -x"), {
      maxN: 4,
      lcs: false,
      stem: true,
      skipUnigrams: true,
      skipGap: 4,
    });
  });

  test("-x leaves ROUGE-L out; -2 without -u is ROUGE-S; a negative gap is unlimited", () => {
    assert.deepEqual(rougeMetricNames(parseRougeFlags("-n 2 -x -2 4 -u")), [
      "ROUGE-1",
      "ROUGE-2",
      "ROUGE-SU4",
    ]);
    assert.deepEqual(rougeMetricNames(parseRougeFlags("-n 1 -2 4")), ["ROUGE-1", "ROUGE-L", "ROUGE-S4"]);
    assert.deepEqual(rougeMetricNames(parseRougeFlags("-2 -1 -u")), ["ROUGE-L", "ROUGE-SU*"]);
    const scores = rouge(["a b c"], [["a b c"]], parseRougeFlags("-n 1 -x"));
    assert.deepEqual(Object.keys(scores), ["ROUGE-1"]);
  });

  test("errors name the bad flag or value", () => {
    assert.throws(() => parseRougeFlags("-n 2 -z"), /flag "-z" needs a value/);
    assert.throws(() => parseRougeFlags("-n 2 -q"), /unknown flag "-q" in "-n 2 -q"/);
    assert.throws(() => parseRougeFlags("-n two"), /-n needs an integer, got "two"/);
    assert.throws(() => parseRougeFlags("-p 1.5"), /-p needs a number within \[0, 1\], got "1.5"/);
    assert.throws(() => parseRougeFlags("-l 100 -b 665"), /not both/);
    assert.throws(() => parseRougeFlags("-s"), /"-s" is not supported/);
    assert.throws(() => parseRougeFlags("-t 1"), /"-t 1"/);
    assert.throws(() => parseRougeFlags("-n 2 config.xml"), /unexpected argument "config.xml"/);
  });
});

describe("tokenization", () => {
  test("lower-cases ASCII and splits on everything but [a-z0-9]", () => {
    assert.deepEqual(rougeTokens("The cease-fire began at 9 a.m., 2,500 fled."), [
      "the",
      "cease",
      "fire",
      "began",
      "at",
      "9",
      "a",
      "m",
      "2",
      "500",
      "fled",
    ]);
    // Non-ASCII letters are separators, as bytes >= 0x80 are for the script.
    assert.deepEqual(rougeTokens("ANTÓNIO Guterres’ “café”"), ["ant", "nio", "guterres", "caf"]);
  });

  test("stems only tokens longer than 3 characters, WordNet exceptions first", () => {
    assert.deepEqual(rougeTokens("Talks were held; was sees lives children", true), [
      "talk",
      "be",
      "hold",
      "was",
      "see",
      "life",
      "child",
    ]);
  });

  test("ngramCounts counts space-joined n-grams", () => {
    assert.deepEqual(
      [...ngramCounts(["a", "b", "a", "b"], 2)],
      [
        ["a b", 2],
        ["b a", 1],
      ],
    );
  });
});

describe("scoring details", () => {
  test("F comes from the rounded R and P", () => {
    // R = 5/17, P = 5/18: F from the exact values would be 0.28571.
    assert.deepEqual(countsToPrf({ hit: 5, reference: 17, candidate: 18 }), {
      R: 0.29412,
      P: 0.27778,
      F: 0.28572,
    });
    assert.deepEqual(countsToPrf({ hit: 0, reference: 0, candidate: 0 }), { R: 0, P: 0, F: 0 });
  });

  test("rounding is printf's: exact binary value, ties to even", () => {
    assert.equal(roundLikePrintf5(1 / 64), 0.01562); // 0.015625 exactly
    assert.equal(roundLikePrintf5(3 / 64), 0.04688); // 0.046875 exactly
    assert.equal(roundLikePrintf5(1 / 3), 0.33333);
    assert.equal(roundLikePrintf5(2 / 3), 0.66667);
    assert.equal(roundLikePrintf5(1), 1);
  });

  test("-f A pools counts: P divides by the candidate count once per reference", () => {
    const counts = scorePreparedCounts(["a b c d"], prepareReferences([["a b"], ["c x y"]], { maxN: 1 }));
    assert.deepEqual(counts["ROUGE-1"], { hit: 3, reference: 5, candidate: 8 });
  });

  test("-f B keeps the best-matching reference", () => {
    const scores = rouge(["a b c d"], [["a b"], ["c x y"]], { maxN: 1, lcs: false, scoring: "B" });
    assert.deepEqual(scores["ROUGE-1"], { R: 1, P: 0.5, F: 0.66667 });
  });

  test("SU counts the unigram of every token but the last", () => {
    const counts = scorePreparedCounts(
      ["a b c"],
      prepareReferences([["a b c"]], { maxN: 0, skipGap: 4, skipUnigrams: true }),
    );
    // unigrams a, b (not c) + skip-bigrams ab, ac, bc
    assert.deepEqual(counts["ROUGE-SU4"], { hit: 5, reference: 5, candidate: 5 });
  });

  test("-l counts whitespace words before punctuation is removed, on both sides", () => {
    // "-" is a word for the cut (then dropped as a token): 3 words keep "a - b".
    const counts = scorePreparedCounts(
      ["a - b c"],
      prepareReferences([["a b c d"]], { maxN: 1, limitWords: 3 }),
    );
    assert.deepEqual(counts["ROUGE-1"], { hit: 2, reference: 3, candidate: 2 });
  });

  test("-b counts bytes without the spaces between sentences; ROUGE-L keeps uncut sentences", () => {
    const prepared = prepareReferences([["aaaa bbbb", "cccc dddd"]], { maxN: 1, limitBytes: 12 });
    // n-gram reading: "aaaa bbbb" (9 bytes) + first 3 bytes of the next line "ccc".
    const counts = scorePreparedCounts(["aaaa bbbb cccc dddd"], prepared);
    assert.deepEqual(counts["ROUGE-1"], { hit: 2, reference: 3, candidate: 3 });
    // ROUGE-L units come from the uncut lines (the script never advances its byte count there).
    assert.deepEqual(counts["ROUGE-L"], { hit: 2, reference: 4, candidate: 3 });
  });

  test("ROUGE-L is the union LCS over sentences, clipped by unigram counts", () => {
    const counts = scorePreparedCounts(
      ["w1 w2 w6 w7 w8", "w1 w3 w8 w9 w5"],
      prepareReferences([["w1 w2 w3 w4 w5"]], { maxN: 1 }),
    );
    // Lin 2004, section 3.2 example: union LCS of r with c1 and c2 is w1 w2 w3 w5.
    assert.deepEqual(counts["ROUGE-L"], { hit: 4, reference: 5, candidate: 10 });
  });

  test("no reference and bad options are errors that name the value", () => {
    assert.throws(() => rouge(["a"], []), /at least one reference/);
    assert.throws(() => rouge(["a"], [["a"]], { maxN: -1 }), /maxN must be a non-negative integer, got -1/);
    assert.throws(() => rouge(["a"], [["a"]], { alpha: 2 }), /alpha must be within \[0, 1\], got 2/);
  });
});

describe("oracle helpers", () => {
  test("ngramHits agrees with the ROUGE-2 counts of the full scorer", () => {
    for (const v of vectors.filter((x) => x.flagset === "plain").slice(0, 20)) {
      const prepared = prepareReferences(v.references, parseRougeFlags(v.rouge_flags));
      const tokens = encodeTokens(prepared, v.candidate.join("\n"));
      assert.deepEqual(
        ngramHits(prepared, tokens, 2),
        scorePreparedCounts(v.candidate, prepared)["ROUGE-2"],
        v.case,
      );
      assert.deepEqual(
        ngramHits(prepared, tokens, 1),
        scorePreparedCounts(v.candidate, prepared)["ROUGE-1"],
        v.case,
      );
    }
  });

  test("encodeTokens marks words no reference has with -1", () => {
    const prepared = prepareReferences([["Talks ended."]], { stem: true });
    assert.deepEqual([...encodeTokens(prepared, "talks resumed; talk ended")], [0, -1, 0, 1]);
    assert.throws(() => ngramHits(prepared, [0, 1], 3), /n must be an integer within \[1, 2\], got 3/);
  });
});
