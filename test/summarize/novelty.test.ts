import assert from "node:assert/strict";
import { test } from "node:test";
import type { Article } from "../../src/model/types.ts";
import { prepareArticles } from "../../src/summarize/01-prepare.ts";
import { computeFeatures } from "../../src/summarize/02-features.ts";
import { scoreConcepts } from "../../src/summarize/03-score.ts";
import { summarize } from "../../src/summarize/index.ts";
import { noveltyStage, readProfile } from "../../src/summarize/novelty.ts";
import { defaultParams } from "../../src/summarize/params.ts";

// A fictional story: the Kessock Weir on the river Odle cracks (day one), then an update two days on.
const earlier: Article = {
  id: "odle-1",
  source: "Valley Daily News",
  text: [
    "Engineers closed the Kessock Weir on the river Odle on Monday after a long crack opened across its eastern spillway.",
    "About 400 residents of Lower Kessock were told to leave their homes as a precaution, the Odle River Authority said.",
    "The weir, built in 1931, holds back the Kessock reservoir above the village.",
    "Authority director Mira Halden said the crack was being watched around the clock.",
  ].join(" "),
};
const update: Article = {
  id: "odle-2",
  source: "Meridian Press",
  text: [
    "Engineers closed the Kessock Weir on the river Odle on Monday after a long crack opened across its eastern spillway.",
    "Divers found on Wednesday that the crack reaches the weir's foundations, and the authority began lowering the Kessock reservoir by two metres.",
    "Residents of Lower Kessock will not be allowed home before the end of the month, director Mira Halden said.",
    "The Odle River Authority has asked the national dam inspectorate to review every weir on the river.",
  ].join(" "),
};
const updateCluster: Article[] = [
  update,
  {
    id: "odle-3",
    source: "The Coastal Ledger",
    text: [
      "Engineers closed the Kessock Weir on the river Odle on Monday after a long crack opened across its eastern spillway, and about 400 residents were told to leave.",
      "On Wednesday divers found that the crack reaches the foundations of the weir, and the reservoir is being lowered by two metres.",
      "The national dam inspectorate will review every weir on the Odle, the authority said.",
    ].join(" "),
  },
];

const texts = (r: ReturnType<typeof summarize>) => r.sentences.map((s) => s.text).join(" ");

test("with the earlier article read, the update roundup leaves out what it said and tells the new facts", () => {
  const options = { words: 40, overflow: true, attribute: false };
  const plain = texts(summarize(updateCluster, options));
  const aware = texts(summarize(updateCluster, { ...options, read: [earlier] }));
  // Unaware, the roundup opens with the day-one lead every source repeats.
  assert.match(plain, /crack opened across its eastern spillway/);
  // Aware, it restates none of it and leads with the divers' finding.
  assert.doesNotMatch(aware, /eastern spillway/);
  assert.match(aware, /foundations/);
});

test("read absent or empty gives byte-identical output to no option", () => {
  for (const options of [{}, { words: 40, overflow: true }, { words: 60, focus: "weir inspection" }]) {
    const base = JSON.stringify(summarize(updateCluster, options));
    assert.equal(JSON.stringify(summarize(updateCluster, { ...options, read: [] })), base);
    assert.equal(JSON.stringify(summarize(updateCluster, { ...options, read: undefined })), base);
  }
});

test("the novelty stage is pure, and leaves out restatements and sentences off the read story", () => {
  const prepared = prepareArticles(updateCluster);
  const f = computeFeatures(prepared);
  const p = defaultParams(true);
  const scores = scoreConcepts(f, p);
  const eligible = f.sentences.map((s) => s.eligible);
  const weights = Array.from(scores.weight);
  const unrelated: Article = {
    id: "other",
    text: "The Harlow Bay ferry Aurelia returned to service after new batteries were fitted. Passengers welcomed the quieter crossing.",
  };
  const out = noveltyStage(f, scores, [unrelated], p);
  assert.deepEqual(Array.from(scores.weight), weights);
  assert.deepEqual(
    f.sentences.map((s) => s.eligible),
    eligible,
  );
  // The weights stay (the discount is off by default); read on another story, every sentence is off it.
  assert.equal(out.scores, scores);
  assert.ok(out.selectable.sentences.every((s) => !s.eligible));
  const restated = noveltyStage(f, scores, [earlier], { ...p, readTopicShare: 0 });
  const lead = f.sentences.findIndex((s) => /eastern spillway\.$/.test(s.sentence.text));
  assert.equal(restated.selectable.sentences[lead].eligible, false);
  assert.equal(f.sentences[lead].eligible, true);
});

test("readProfile counts the read articles carrying each concept", () => {
  const f = computeFeatures(prepareArticles(updateCluster));
  const profile = readProfile(f, [earlier, earlier]);
  const max = Math.max(...profile.carry);
  assert.equal(max, 2);
  assert.equal(profile.sentences.length, 8);
});

test("a discount below 1 lowers the weight of concepts the reader has seen, per article", () => {
  const f = computeFeatures(prepareArticles(updateCluster));
  const p = defaultParams(true);
  const scores = scoreConcepts(f, p);
  const profile = readProfile(f, [earlier]);
  const out = noveltyStage(f, scores, [earlier], { readDiscount: 0.5, readCopyMax: 1, readTopicShare: 0 });
  for (let c = 0; c < f.conceptCount; c++)
    assert.equal(out.scores.weight[c], scores.weight[c] * 0.5 ** profile.carry[c]);
  assert.equal(out.selectable, f);
});
