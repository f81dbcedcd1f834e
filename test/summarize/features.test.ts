// Features: concepts, exact and near copies, wire-copy groups, the pair index; the model file.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Article } from "../../src/model/types.ts";
import { prepareArticles } from "../../src/summarize/01-prepare.ts";
import { computeFeatures, wireCopyGroups } from "../../src/summarize/02-features.ts";
import { scoreConcepts } from "../../src/summarize/03-score.ts";
import { PairIndex } from "../../src/summarize/pairs.ts";
import { DEFAULT_PARAMS, MODEL } from "../../src/summarize/params.ts";

const article = (id: string, text: string): Article => ({ id, text });

describe("computeFeatures", () => {
  const wire =
    "The harbor office closed the north pier on Monday after inspectors found cracks in two of its pillars. Repairs are expected to take until the end of the summer season. The office said ferries to the outer islands would use the old ferry terminal in the meantime.";
  const f = computeFeatures(
    prepareArticles([
      article("a", wire),
      article("b", `${wire} The closure affects about forty fishing boats that moor at the pier.`),
      article(
        "c",
        "The harbor office closed the north pier on Monday after inspectors found cracks in two of its pilings. Local fishermen said they would move to the south quay for now. Several of them said the closure came at the worst possible time, just before the herring season opens in the bay.",
      ),
    ]),
  );

  test("a wire copy republished with an extra paragraph is one source group", () => {
    assert.equal(f.groupOf[0], f.groupOf[1]);
    assert.notEqual(f.groupOf[0], f.groupOf[2]);
    assert.equal(f.groupCount, 2);
  });

  test("exact and near copies of a sentence are marked as copies, and never eligible", () => {
    const copies = f.sentences.filter((s) => s.copyOf !== undefined);
    // b's three wire sentences (exact) and c's first sentence ("pilings" for "pillars": near).
    assert.equal(copies.length, 4);
    for (const s of copies) {
      assert.equal(s.eligible, false);
      assert.ok(s.copyOf! < f.sentences.indexOf(s));
    }
  });

  test("a concept's document frequency counts source groups, wire copies once", () => {
    const scores = scoreConcepts(f, {
      ...DEFAULT_PARAMS.whole,
      earlyBonus: 0,
      singleSourceFactor: 1,
      minDfShare: 0,
    });
    // "north pier" is in all three articles but only two groups: weight 2 (1 per group).
    const v = f.vocabulary;
    const [north, pier] = v.tokenIds("north pier");
    let c = -1;
    for (let k = 0; k < f.conceptCount; k++)
      if (f.conceptFirst[k] === north && f.conceptSecond[k] === pier) c = k;
    assert.ok(c >= 0);
    assert.equal(scores.weight[c], 2);
  });

  test("concept ends are word counts into the sentence", () => {
    const s = f.sentences[0];
    assert.equal(s.concepts.length, s.conceptEnds.length);
    assert.ok(
      s.conceptEnds.every((e, k) => e >= 2 && e <= s.words && (k === 0 || e >= s.conceptEnds[k - 1])),
    );
  });
});

test("wireCopyGroups: shared 5-word shingles join articles, transitively", () => {
  const a = Array.from({ length: 40 }, (_, i) => i);
  const b = [...a.slice(0, 30), 100, 101, 102];
  const c = [...a.slice(10, 40), 200];
  const d = Array.from({ length: 40 }, (_, i) => 300 + i);
  const { groupOf, groupCount } = wireCopyGroups([a, b, c, d]);
  assert.deepEqual(groupOf, [0, 0, 0, 1]);
  assert.equal(groupCount, 2);
});

test("PairIndex stores and finds pairs across growth", () => {
  const index = new PairIndex();
  for (let a = 0; a < 300; a++) for (let b = 0; b < 20; b++) index.set(a, b * 7, a * 20 + b);
  for (let a = 0; a < 300; a++) for (let b = 0; b < 20; b++) assert.equal(index.get(a, b * 7), a * 20 + b);
  assert.equal(index.get(5, 1), -1);
  assert.equal(index.get(300, 0), -1);
});

test("the shipped model names its training data, command and folds, and sets every parameter", () => {
  assert.equal(MODEL.training.command, "npm run train");
  assert.ok(MODEL.training.data.length >= 3);
  for (const d of MODEL.training.data) assert.match(d.sha256, /^[0-9a-f]{64}$/);
  assert.equal(MODEL.training.foldParams.length, MODEL.training.folds);
  for (const key of Object.keys(MODEL.training.start))
    for (const regime of ["whole", "cut"] as const)
      assert.ok(key in DEFAULT_PARAMS[regime], `parameter ${key} missing from the ${regime} model`);
});
