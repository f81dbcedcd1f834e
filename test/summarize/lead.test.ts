// Lead with the news (lead.ts): the main source, its raised prior, and its lead opening the roundup.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ClusterFeatures, SentenceFeatures } from "../../src/summarize/02-features.ts";
import type { ConceptScores } from "../../src/summarize/03-score.ts";
import { mainSource, newsLeadLayout, raiseMainSource } from "../../src/summarize/lead.ts";

/** Sentences given as (doc, words, concepts), positions counted per doc; every concept weighs 1. */
function cluster(sentences: Array<[number, number, number[]]>, groupCount = 2): ClusterFeatures {
  const pos = new Map<number, number>();
  return {
    groupCount,
    groupOf: Array.from({ length: groupCount }, (_, g) => g),
    sentences: sentences.map(([doc, words, concepts]) => {
      const p = pos.get(doc) ?? 0;
      pos.set(doc, p + 1);
      return {
        doc,
        pos: p,
        words,
        concepts,
        eligible: true,
        dependent: false,
      } as unknown as SentenceFeatures;
    }),
  } as unknown as ClusterFeatures;
}

const scores = (f: ClusterFeatures): ConceptScores => ({
  weight: new Float64Array(20).fill(1),
  prior: new Float64Array(f.sentences.length).fill(1),
  meanWeight: 1,
});

const ON = { leadSourceBoost: 2, leadSourceShortness: 0, leadSourceMaxGroups: 2, minWords: 6 };

// Article 0 opens with a long scene-setter (2 concepts in 40 words), article 1 with a dense lead.
const f = cluster([
  [0, 40, [1, 2]],
  [0, 10, [3]],
  [1, 10, [1, 2, 3, 4]],
  [1, 10, [5]],
]);

test("the main source is the article whose lead carries the most weight per word", () => {
  assert.deepEqual(mainSource(f, scores(f), ON, 250), { doc: 1, lead: 2 });
});

test("its sentences' position prior is raised by 1 + leadSourceBoost, the others' kept", () => {
  const raised = raiseMainSource(f, scores(f), { doc: 1, lead: 2 }, ON);
  assert.deepEqual([...raised.prior], [1, 1, 3, 3]);
});

test("a lead longer than the budget or past the opening sentences does not count", () => {
  assert.equal(mainSource(f, scores(f), ON, 9), undefined); // no article has a lead that fits
});

test("off with boost 0, with one source, or with more sources than leadSourceMaxGroups", () => {
  assert.equal(mainSource(f, scores(f), { ...ON, leadSourceBoost: 0 }, 250), undefined);
  const one = cluster([[0, 10, [1, 2]]], 1);
  assert.equal(mainSource(one, scores(one), ON, 250), undefined);
  const three = cluster(
    f.sentences.map((s) => [s.doc, s.words, s.concepts]),
    3,
  );
  assert.equal(mainSource(three, scores(three), ON, 250), undefined);
});

test("shortness favours the article written in short sentences", () => {
  const g = cluster([
    [0, 20, [1, 2, 3]],
    [0, 60, [6]],
    [1, 20, [1, 2]],
    [1, 8, [7]],
  ]);
  assert.equal(mainSource(g, scores(g), ON, 250)?.doc, 0);
  assert.equal(mainSource(g, scores(g), { ...ON, leadSourceShortness: 1 }, 250)?.doc, 1);
});

test("the one-edition layout opens with the lead, forced in when the selection lacks it", () => {
  assert.equal(newsLeadLayout(f, { doc: 1, lead: 2 }, [0, 2]).forced, false);
  const layout = newsLeadLayout(f, { doc: 1, lead: 2 }, [0, 1]);
  assert.equal(layout.forced, true);
  assert.equal(layout.lead, 2);
  assert.ok(layout.news(0));
});
