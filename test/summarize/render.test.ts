import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { readArticles } from "../../src/ingest/index.ts";
import { prepareArticles } from "../../src/summarize/01-prepare.ts";
import { computeFeatures } from "../../src/summarize/02-features.ts";
import { attribute, namesItsSource, outletPhrase, renderRoundup } from "../../src/summarize/06-render.ts";
import { countWords } from "../../src/text/tokens.ts";

test("outlets Newser names with 'the'", () => {
  assert.equal(outletPhrase("AP"), "the AP");
  assert.equal(outletPhrase("Reuters"), "Reuters");
  assert.equal(outletPhrase("The Coastal Ledger"), "the Coastal Ledger");
  assert.equal(outletPhrase("New York Times"), "the New York Times");
});

test("attribution goes on a plain statement, never on one that already names its source", () => {
  assert.equal(
    attribute("The talks ended without a breakthrough after several hours.", "AP"),
    "The talks ended without a breakthrough after several hours, the AP reports.",
  );
  for (const done of [
    "All 212 passengers were rescued Thursday, the Norland Coast Guard said.",
    "The fire is under control, according to the fire service.",
    "The mayor resigned, the Gazette reported.",
    'She said the city was "ready."',
    "Is the bridge safe?",
    "The bridge closed at 5 p.m.",
  ])
    assert.equal(attribute(done, "AP"), undefined, done);
});

describe("namesItsSource", () => {
  const cases: Array<[string, boolean]> = [
    ["All 40 passengers were rescued, the coast guard said Thursday.", true],
    ['"It was chaos," said Anders Brekke, 41, a trucker from Brask.', true],
    ['"It was chaos," Brekke told reporters at the pier.', true],
    ["The pier will reopen in May, the harbor office said in a statement to Northwire.", true],
    ["Mayor Tove Brask told the Brask Gazette that the pier would reopen.", true],
    ["The toll could not be verified by Reuters.", true],
    ["The pier will reopen in May, according to a statement from the harbor office.", true],
    ["Harbor officials said the pier will reopen in May after repairs.", false],
    ["The storm destroyed the pier, which had stood since 1911.", false],
    ['The mayor called the repairs "urgent" and asked for state money.', false],
    ["The Brask Gazette first reported the closure.", true], // an outlet of the cluster
  ];
  for (const [text, expected] of cases)
    test(text, () => assert.equal(namesItsSource(text, ["The Brask Gazette"]), expected));
});

// Render on hand-picked runs over the fictional chlorine-leak cluster in ./readable: what render does
// with a sentence does not depend on what selection would pick.
describe("render edits on a fixed selection", async () => {
  const dir = fileURLToPath(new URL("./readable/", import.meta.url));
  const { articles } = await readArticles([dir]);
  const prepared = prepareArticles(articles);
  const f = computeFeatures(prepared);
  const at = (doc: number, text: string): number => {
    const i = f.sentences.findIndex((s) => s.doc === doc && s.sentence.text.startsWith(text));
    assert.ok(i >= 0, `no sentence "${text}" in article ${doc}`);
    return i;
  };
  const northwire = prepared.findIndex((a) => a.outlet === "Northwire");
  const courier = prepared.findIndex((a) => a.outlet === "The Ravensholm Courier");
  const herald = prepared.findIndex((a) => a.headline?.startsWith("What went wrong"));

  test("a connective goes unless its sentence before is right before it", () => {
    const alone = renderRoundup(prepared, f, [[at(northwire, "But residents")]], { attribute: false });
    assert.equal(
      alone.sentences[0].text,
      "Residents of the harbor district said the warning sirens sounded late.",
    );
    const withBefore = renderRoundup(
      prepared,
      f,
      [[at(northwire, "He said the results"), at(northwire, "But residents")]],
      { attribute: false },
    );
    assert.match(withBefore.sentences[1].text, /^But residents/);
  });

  test("first mentions get the full name the cluster writes; later ones stay", () => {
    const r = renderRoundup(
      prepared,
      f,
      [[at(northwire, "Ms. Holt")], [at(courier, "Mr. Brandvik")], [at(herald, "Lindgren, who")]],
      { attribute: false },
    );
    assert.deepEqual(
      r.sentences.map((s) => s.text.split(",")[0]),
      ["Edda Holt", "Aksel Brandvik", "Marta Lindgren"],
    );
    const later = renderRoundup(
      prepared,
      f,
      [[at(northwire, "Plant director Marta Lindgren")], [at(herald, "Lindgren, who")]],
      { attribute: false },
    );
    assert.match(later.sentences[1].text, /^Lindgren, who/);
  });

  test("a name stays as written where the full name would break the word budget", () => {
    const runs = [[at(northwire, "Ms. Holt")], [at(herald, "Lindgren, who")]];
    const full = renderRoundup(prepared, f, runs, { attribute: false });
    const tight = renderRoundup(prepared, f, runs, { attribute: false, words: full.words - 1 });
    assert.match(tight.sentences[0].text, /^Edda Holt/);
    assert.match(tight.sentences[1].text, /^Lindgren, who/);
    assert.ok(tight.words <= full.words - 1);
  });

  test("attribution skips sentences that name their source and never invents an outlet", () => {
    const r = renderRoundup(
      prepared,
      f,
      [
        [at(northwire, "The evacuation order")], // "…said in a statement to Northwire."
        [at(courier, '"We were already coughing')], // a quotation with its speaker
        [at(northwire, "Environment Minister")],
        [at(courier, "The district has no")],
        [at(herald, "Kessler Chemicals employs")], // no known outlet
      ],
      { attribute: true },
    );
    assert.deepEqual(
      r.sentences.map((s) => / reports\.$/.test(s.text)),
      [false, false, true, true, false],
    );
    assert.match(r.sentences[2].text, /, Northwire reports\.$/);
    assert.match(r.sentences[3].text, /, the Ravensholm Courier reports\.$/);
  });

  test("citations cover the whole source sentence, whatever the edits", () => {
    const runs = [[at(northwire, "But residents")], [at(northwire, "Ms. Holt")]];
    const r = renderRoundup(prepared, f, runs, { attribute: true });
    runs.flat().forEach((i, k) => {
      const s = f.sentences[i].sentence;
      assert.deepEqual(r.sentences[k].citations, [{ articleId: s.articleId, start: s.start, end: s.end }]);
    });
    assert.equal(r.words, countWords(r.paragraphs.join(" ")));
  });

  test("the dateline is the lead sentence's article's own", () => {
    const fromHerald = renderRoundup(prepared, f, [[at(herald, "Kessler Chemicals employs")]], {
      attribute: false,
    });
    assert.equal(fromHerald.dateline, undefined);
    const fromWire = renderRoundup(prepared, f, [[at(northwire, "Environment Minister")]], {
      attribute: false,
    });
    assert.equal(fromWire.dateline, "Ravensholm, Valmark");
  });
});
