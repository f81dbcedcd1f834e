// End to end on a fictional cluster written to trip every readability rule (./readable: a wire story,
// a local paper with a byline, a teaser, a split quotation and a second wire item behind a dateline, and
// a feature with a "He" that has no antecedent): at every length the roundup must read like an editor's.
// Written for the test; the events, places, people and outlets are fictional.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { readArticles } from "../../src/ingest/index.ts";
import type { Citation } from "../../src/model/types.ts";
import { prepareArticles } from "../../src/summarize/01-prepare.ts";
import { computeFeatures } from "../../src/summarize/02-features.ts";
import { isEligible, openerOf } from "../../src/summarize/form.ts";
import { summarize } from "../../src/summarize/index.ts";
import { quotedRanges } from "../../src/summarize/names.ts";
import { countWords } from "../../src/text/tokens.ts";
import { saysWhatSourceSays } from "./citations.ts";

const dir = fileURLToPath(new URL("./readable/", import.meta.url));
const { articles } = await readArticles([dir]);
const prepared = prepareArticles(articles);
const clusterText = articles.map((a) => a.text).join("\n");

/** The cited source sentence: its article index and position there. */
function sourceOf(c: Citation): { doc: number; pos: number } {
  const doc = prepared.findIndex((a) => a.article.id === c.articleId);
  const pos = prepared[doc].sentences.findIndex((s) => s.start === c.start && s.end === c.end);
  assert.ok(pos >= 0, `citation ${JSON.stringify(c)} is not a whole source sentence`);
  return { doc, pos };
}

test("features judge a sentence's form with the sentence before it (form.ts, sentenceForm)", () => {
  const f = computeFeatures(prepared);
  const form = (text: string) => {
    const s = f.sentences.find((x) => x.sentence.text.startsWith(text));
    assert.ok(s, text);
    return { eligible: s.eligible, dependent: s.dependent };
  };
  // No person in the sentence before: unresolved, never selected.
  assert.deepEqual(form("He said the inspection had found no faults"), { eligible: false, dependent: true });
  // A minister in the sentence before: selected with it.
  assert.deepEqual(form("He said the results would be published"), { eligible: true, dependent: true });
  // A connective that can go: stands alone.
  assert.deepEqual(form("But residents of the harbor district"), { eligible: true, dependent: false });
});

test("the helper accepts the documented edits and nothing else", () => {
  const cited = "But Ms. Holt said the sirens sounded late.";
  assert.ok(
    saysWhatSourceSays("Edda Holt said the sirens sounded late, the AP reports.", cited, clusterText),
  );
  assert.ok(saysWhatSourceSays("Ms. Holt said the sirens sounded late.", cited, clusterText));
  assert.ok(!saysWhatSourceSays("Edda Holt said the sirens sounded early.", cited, clusterText));
  assert.ok(!saysWhatSourceSays("Nurse Holt said the sirens sounded late.", cited, clusterText));
});

for (const words of [40, 60, 90, 120, 180, 250]) {
  describe(`roundup of ${words} words`, () => {
    const r = summarize(articles, { words });
    const body = r.paragraphs.join(" ");
    const sources = r.sentences.map((s) => sourceOf(s.citations[0]));
    /** The roundup sentence right before sentence k is the one before it in its own article. */
    const followsItsOwn = (k: number) =>
      k > 0 && sources[k - 1].doc === sources[k].doc && sources[k - 1].pos === sources[k].pos - 1;

    test("has sentences, within budget", () => {
      assert.ok(r.sentences.length > 0);
      assert.ok(countWords(body) <= words, `${countWords(body)} words`);
    });

    test("no sentence leans on one the reader has not just read", () => {
      r.sentences.forEach((s, k) => {
        const opener = openerOf(s.text);
        if (opener.kind === "free") return;
        assert.ok(followsItsOwn(k), `dangling ${opener.kind}: ${s.text}`);
      });
    });

    test("no byline, caption, teaser, half quotation or second wire item", () => {
      for (const s of r.sentences) assert.ok(isEligible(s.text, countWords(s.text)), s.text);
      for (const junk of [
        "By Sanna Berg",
        "bigger question is simpler",
        "Share this",
        "Subscribe",
        "OSTERBY",
      ])
        assert.ok(!body.includes(junk), `roundup contains ${JSON.stringify(junk)}`);
    });

    test("a person is named in full before an honorific or a bare surname", () => {
      for (const [full, short] of [
        ["Edda Holt", /Ms\. Holt/],
        ["Aksel Brandvik", /Mr\. Brandvik/],
        ["Marta Lindgren", /\bLindgren\b/],
        ["Ines Moreau", /Dr\. Moreau/],
      ] as const) {
        const first = short.exec(body);
        if (first === null) continue;
        const named = body.indexOf(full);
        assert.ok(named >= 0 && named < first.index, `"${first[0]}" before "${full}" in: ${body}`);
      }
    });

    test("every sentence says what its whole cited source sentence says", () => {
      r.sentences.forEach((s, k) => {
        const c = s.citations[0];
        const a = articles.find((x) => x.id === c.articleId)!;
        assert.ok(saysWhatSourceSays(s.text, a.text.slice(c.start, c.end), clusterText), s.text);
        assert.equal(sources[k].doc >= 0, true);
      });
    });

    test("attributions: known outlets only, at most one each, never on a sentence with its own source", () => {
      const credited = r.sentences.flatMap((s) => /, (?:the )?([\w ]+) reports\.$/.exec(s.text)?.[1] ?? []);
      assert.deepEqual([...new Set(credited)], credited);
      for (const name of credited) assert.ok(["Northwire", "Ravensholm Courier"].includes(name), name);
      for (const s of r.sentences) {
        if (!/ reports\.$/.test(s.text)) continue;
        assert.ok(!/\bsaid in a statement to\b|," said /.test(s.text), s.text);
      }
    });

    test("quotations are whole", () => {
      for (const s of r.sentences) {
        const marks = s.text.match(/"/g)?.length ?? 0;
        assert.equal(marks % 2, 0, s.text);
        for (const [a, b] of quotedRanges(s.text)) assert.ok(s.text[b - 1] === '"', s.text.slice(a, b));
      }
    });

    test("a 'He' with no person before it never stands in a roundup", () => {
      assert.ok(!body.includes("He said the inspection had found no faults"), body);
    });
  });
}
