// Focus (src/summarize/focus.ts): the focus's own words, query expansion over the cluster's words, and a
// focus on a minor aspect bringing its sentence into the roundup while the lead fact stays. Fictional text.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Article } from "../../src/model/types.ts";
import { prepareArticles } from "../../src/summarize/01-prepare.ts";
import { computeFeatures } from "../../src/summarize/02-features.ts";
import { FOCUS_MIN_COSINE, focusRelevance } from "../../src/summarize/focus.ts";
import { summarize } from "../../src/summarize/index.ts";
import type { WordVectors } from "../../src/text/embeddings.ts";

const article = (id: string, source: string, text: string): Article => ({ id, source, text });

/** The Tarvel Bridge closure, as three made-up outlets covered it; only one mentions the ferry timetable. */
const BRIDGE: Article[] = [
  article(
    "a",
    "Kestrel Wire",
    `The Tarvel Bridge was closed to all traffic on Monday after inspectors found cracks in two of its steel supports, the Dunmore roads agency said.
Engineers will spend at least three weeks examining the supports before deciding whether the bridge can reopen.
About 40,000 vehicles cross the Tarvel Bridge on a normal weekday.
Drivers were told to use the Harl Road crossing, which adds about 25 minutes to the trip.
The agency said the cracks were found during a routine inspection of the bridge.`,
  ),
  article(
    "b",
    "Dunmore Courier",
    `Inspectors found cracks in two steel supports of the Tarvel Bridge, and the Dunmore roads agency closed the bridge to all traffic on Monday.
The agency said engineers would examine the supports for at least three weeks.
Drivers face a detour of about 25 minutes through the Harl Road crossing.
With the Tarvel Bridge closed, the river ferry will carry drivers every 15 minutes instead of hourly, and the roads agency said ferry fares will be waived while the bridge supports are examined.
Local shop owners said they feared a long closure would keep customers away.`,
  ),
  article(
    "c",
    "Valley Post",
    `The Tarvel Bridge closed on Monday after cracks were found in two of its steel supports during a routine inspection, the roads agency said.
About 40,000 vehicles use the bridge each weekday, and drivers were sent to the Harl Road crossing instead.
Engineers expect to examine the supports for at least three weeks.
The bridge opened in 1971 and was last repaired in 2009.`,
  ),
];

const LEAD = /Tarvel Bridge (was )?closed|closed the bridge/;
const FERRY = /river ferry will carry drivers every 15 minutes/;

describe("focus", () => {
  // In the whole-sentence regime the position prior outweighs the fitted boost in a three-source cluster;
  // the sentence that answers the focus is taken outright (focusSentence).
  test("a focus on a minor aspect brings its sentence in, and the lead fact stays", () => {
    const plain = summarize(BRIDGE, { words: 60, attribute: false }).sentences.map((s) => s.text);
    const focused = summarize(BRIDGE, {
      words: 60,
      attribute: false,
      focus: "What happens to the ferry timetable and fares?",
    }).sentences.map((s) => s.text);
    assert.ok(!plain.some((s) => FERRY.test(s)), `without the focus: ${plain.join(" | ")}`);
    assert.ok(
      focused.some((s) => FERRY.test(s)),
      `with the focus the ferry sentence is in: ${focused.join(" | ")}`,
    );
    assert.ok(
      focused.some((s) => LEAD.test(s)),
      `the lead fact stays: ${focused.join(" | ")}`,
    );
  });

  test("a focus of instruction words only, or blank, changes nothing", () => {
    const plain = summarize(BRIDGE, { words: 60 });
    assert.deepEqual(summarize(BRIDGE, { words: 60, focus: "Describe and discuss the details." }), plain);
    assert.deepEqual(summarize(BRIDGE, { words: 60, focus: "  " }), plain);
  });

  test("the focus's own stems are 1, instruction words and stopwords 0; without vectors nothing else", () => {
    const f = computeFeatures(prepareArticles(BRIDGE));
    const rel = focusRelevance(f, "Describe the ferry fares", { focusNeighbours: 30, focusExpansion: 0.5 });
    assert.ok(rel);
    const v = f.vocabulary;
    const [ferry, fare, describe, the] = v.tokenIds("ferry fares describe the");
    assert.equal(rel[ferry], 1);
    assert.equal(rel[fare], 1);
    assert.equal(rel[describe] ?? 0, 0);
    assert.equal(rel[the] ?? 0, 0);
    assert.equal([...rel].filter((x) => x > 0).length, 2, "only the focus's own stems without word vectors");
  });

  test("query expansion: the cluster's nearest words join at focusExpansion × cosine, above the floor only", () => {
    // Made-up 2-d vectors: "ferry" along x; "crossing" at cosine 0.8, "shop" at 0.3 (below the floor).
    const table: Record<string, number[]> = {
      ferry: [1, 0],
      crossing: [0.8, 0.6],
      shop: [0.3, Math.sqrt(1 - 0.09)],
    };
    const words = Object.keys(table);
    const vectors: WordVectors = {
      dim: 2,
      size: words.length,
      index: (w) => words.indexOf(w.toLowerCase()),
      vectorAt: (i) => Float32Array.from(table[words[i]]),
      average: () => undefined,
    };
    const f = computeFeatures(prepareArticles(BRIDGE));
    const rel = focusRelevance(f, "ferry", { focusNeighbours: 30, focusExpansion: 0.5 }, vectors);
    assert.ok(rel);
    const [ferry, crossing, shop] = f.vocabulary.tokenIds("ferry crossing shop");
    assert.equal(rel[ferry], 1);
    assert.ok(Math.abs(rel[crossing] - 0.5 * 0.8) < 1e-6, `crossing: ${rel[crossing]}`);
    assert.ok(0.3 < FOCUS_MIN_COSINE);
    assert.equal(rel[shop], 0);
    const none = focusRelevance(f, "ferry", { focusNeighbours: 0, focusExpansion: 0.5 }, vectors);
    assert.equal(none?.[crossing], 0, "no neighbours: no expansion");
  });

  test("hostile focus text: time grows linearly with its length", () => {
    const time = (n: number) => {
      const focus = "ferry, fares; ".repeat(Math.ceil(n / 14)).slice(0, n);
      const t = performance.now();
      summarize(BRIDGE, { words: 60, focus });
      return performance.now() - t;
    };
    time(2_000); // warm-up
    const [t8, t32] = [time(8_000), time(32_000)];
    assert.ok(t32 < 50 || t32 / Math.max(t8, 1) < 8, `8k: ${t8.toFixed(1)} ms, 32k: ${t32.toFixed(1)} ms`);
    assert.ok(t32 < 1_500, `32k: ${t32.toFixed(1)} ms`);
  });
});
