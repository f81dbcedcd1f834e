// Extractive headlines (src/summarize/headline.ts) and the roundup's headline choice (06-render.ts).
// Every sentence here is written for these tests about fictional events.
import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import { headlineProblem } from "../../src/clean/05-headline.ts";
import type { Article } from "../../src/model/types.ts";
import { extractiveHeadline, MAX_EXTRACTIVE_WORDS } from "../../src/summarize/headline.ts";
import { summarize } from "../../src/summarize/index.ts";

describe("extractiveHeadline", () => {
  const table: Array<[string, string | undefined]> = [
    // A short main clause stays whole, without its final period.
    ["The Vessel Bay ferry resumed service on Friday.", "The Vessel Bay ferry resumed service on Friday"],
    // Fronted phrases go.
    [
      "On Thursday, the Estoria council voted to close the old harbour bridge for repairs.",
      "The Estoria council voted to close the old harbour bridge for repairs",
    ],
    [
      "After a week of talks that ran late into the night, dock workers in Kestel agreed to end their strike.",
      "Dock workers in Kestel agreed to end their strike",
    ],
    [
      "Facing pressure from residents, the mayor of Kestel withdrew the plan to sell the old quay.",
      "The mayor of Kestel withdrew the plan to sell the old quay",
    ],
    // Trailing attributions go.
    [
      "Two fishermen were rescued from the Marlow estuary after their boat capsized, police said Thursday.",
      "Two fishermen were rescued from the Marlow estuary after their boat capsized",
    ],
    [
      "The harbour will stay closed until Monday, according to the Estoria port authority.",
      "The harbour will stay closed until Monday",
    ],
    // A leading "X said (that)" goes, unless a pronoun would then open the headline.
    [
      "Officials said Tuesday that the Vessel Bay bridge would reopen within a month.",
      "The Vessel Bay bridge would reopen within a month",
    ],
    [
      "The mayor said he would not seek a second term after the ferry inquiry.",
      "The mayor said he would not seek a second term after the ferry inquiry",
    ],
    // Relative clauses and ages after a comma go.
    [
      "Jana Morrow, who led the port authority for a decade, resigned on Monday.",
      "Jana Morrow resigned on Monday",
    ],
    ["Piet Arlo, 52, was named harbour master of Kestel.", "Piet Arlo was named harbour master of Kestel"],
    // Asides go.
    [
      "The Estoria Port Authority (EPA) closed the north quay to all traffic on Friday.",
      "The Estoria Port Authority closed the north quay to all traffic on Friday",
    ],
    // A long sentence is cut at a boundary, at most MAX_EXTRACTIVE_WORDS words, and never mid-phrase.
    [
      "All 212 passengers and crew were rescued Thursday after fire broke out aboard the ferry Aurelia in the mouth of Harlow Bay, the Norland Coast Guard said.",
      "All 212 passengers and crew were rescued Thursday",
    ],
    [
      "Police on Tuesday were investigating the killing of a well-known Kestel harbour pilot and former council member found dead near the quay.",
      "Police on Tuesday were investigating the killing",
    ],
    // A dateline's leftover dash and an opening connective go.
    [
      "- One in seven ferries on the Estoria coast now runs on batteries.",
      "One in seven ferries on the Estoria coast now runs on batteries",
    ],
    [
      "But the Kestel council has not yet decided on the harbour plan.",
      "The Kestel council has not yet decided on the harbour plan",
    ],
    // A photo caption is never a headline.
    ["Divers check the mooring at Kestel in this file photo taken June 3, 2031.", undefined],
    // Too little left.
    ["Officials declined.", undefined],
  ];
  for (const [sentence, expected] of table) {
    it(JSON.stringify(sentence.slice(0, 60)), () => {
      const headline = extractiveHeadline(sentence);
      assert.equal(headline, expected);
      if (headline !== undefined) {
        assert.ok(headline.split(" ").length <= MAX_EXTRACTIVE_WORDS + 2, headline);
        assert.equal(headlineProblem(headline), undefined);
      }
    });
  }

  it("never cuts inside a quotation", () => {
    const headline = extractiveHeadline(
      'The harbour master called the storm "the worst night this port has seen in living memory for sure" on Friday.',
    );
    assert.ok(headline !== undefined);
    assert.equal((headline.match(/"/g) ?? []).length % 2, 0, headline);
  });
});

const LEAD =
  "VESSEL BAY, Estoria (Continental Wire Service) — Dock workers in Vessel Bay ended a nine-day strike on Thursday after the port authority agreed to hire forty more crane operators.\n\n" +
  "The strike had held up more than sixty ships outside the harbour, the port authority said.\n\n" +
  "Union leader Ana Kell told members the deal was the best in a generation.\n\n" +
  "Cargo handling is expected to return to normal by Monday, shipping agents said.";
const SECOND =
  "Shipping agents in Vessel Bay said the queue of ships outside the harbour would clear by Monday.\n\n" +
  "The strike had held up more than sixty ships and cost exporters millions, traders said.\n\n" +
  "Union leader Ana Kell said the deal was the best in a generation for crane operators.";

test("no usable title anywhere: the headline is cut from the lead sentence and cited to it", () => {
  const articles: Article[] = [
    { id: "lead", text: LEAD, title: "By Jana Morrow, Staff Writer" },
    { id: "second", text: SECOND, title: "Article Excerpt" },
  ];
  const r = summarize(articles, { words: 80 });
  assert.ok(r.sentences.length > 0);
  assert.ok(r.headline !== undefined, "every roundup with a lead sentence gets a headline");
  assert.equal(headlineProblem(r.headline), undefined);
  assert.deepEqual(r.headlineCitations, r.sentences[0].citations);
  const [c] = r.headlineCitations ?? [];
  const source = articles.find((a) => a.id === c.articleId)?.text.slice(c.start, c.end) ?? "";
  // Every word of the headline is in the cited source sentence, in order.
  let from = 0;
  for (const word of r.headline.split(" ")) {
    const at = source.toLowerCase().indexOf(word.toLowerCase(), from);
    assert.ok(at >= 0, `"${word}" of "${r.headline}" is not in "${source}"`);
    from = at + word.length;
  }
});

test("the headline follows the lead: the lead article's usable title first, then a source's", () => {
  const withTitles = summarize(
    [
      { id: "lead", text: LEAD, title: "Vessel Bay dock strike ends after nine days" },
      { id: "second", text: SECOND, title: "Ships queue outside Vessel Bay" },
    ],
    { words: 80 },
  );
  const leadId = withTitles.sentences[0].citations[0].articleId;
  assert.equal(
    withTitles.headline,
    leadId === "lead" ? "Vessel Bay dock strike ends after nine days" : "Ships queue outside Vessel Bay",
  );
  assert.equal(withTitles.headlineCitations, undefined);

  const junkLead = summarize(
    [
      { id: "lead", text: LEAD, title: "Dow Jones Reprints: This copy is for your personal use" },
      { id: "second", text: SECOND, title: "Ships queue outside Vessel Bay" },
    ],
    { words: 80 },
  );
  if (junkLead.sources.some((s) => s.articleId === "second"))
    assert.equal(junkLead.headline, "Ships queue outside Vessel Bay");
});
