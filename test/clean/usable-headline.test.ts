// `usableHeadline` / `headlineProblem` (src/clean/05-headline.ts): what may head a roundup. The junk
// shapes are those seen on real pages, written here with fictional names.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { headlineProblem, isCaption, usableHeadline } from "../../src/clean/05-headline.ts";

describe("headlineProblem", () => {
  const table: Array<[string, ReturnType<typeof headlineProblem>]> = [
    ["Ferry Fire Puts Hybrid Fleet Under Scrutiny", undefined],
    ["Thousands flee as Orlen Valley fire spreads", undefined],
    ["Why the Vessel Bay Strike Matters to Estoria", undefined],
    ["Is the Marlow Dam Safe?", undefined],
    ["Estoria votes: what the new council means for the port", undefined],
    ["Man Killed By Falling Crane in Kestel", undefined],
    ["U.S. Storms Hit Kestel", undefined],
    // Bylines.
    ["By Jane Doe, Staff Writer", "byline"],
    ["By Jana Morrow", "byline"],
    ["By Jana Morrow/Estoria Money", "byline"],
    ["/ Source: KESTEL NOW By J. Morrow", "byline"],
    ["June 3, 2031 by Estoria Local Staff", "byline"],
    ["Associated Press Writer", "byline"],
    // Reprint notices.
    ["Dow Jones Reprints: This copy is for your personal, non-commercial use only.", "reprint"],
    ["This copy is for your personal, non-commercial use only", "reprint"],
    ["© 2031 The Estoria Local", "reprint"],
    // Teaser and section labels.
    ["Story highlights The ferry left port an hour late", "teaser"],
    ["Article Excerpt", "teaser"],
    ["Photo: The ferry at the quay", "teaser"],
    ["Watch: Ferry crew rescue passengers", "teaser"],
    ["Video", "teaser"],
    ["Breaking News", "teaser"],
    ["Opinion", "teaser"],
    ["CLOSE The mayor explains why the ferry was late. Kestel Now", "teaser"],
    ["Please enable JavaScript to watch this video", "teaser"],
    // Photo captions.
    ["The ferry Aurelia at the quay (Photo: Jana Morrow)", "caption"],
    ["Rescuers at the quay, AP Photo/Piet Arlo", "caption"],
    ["The ferry in a file photo from 2029", "caption"],
    ["A diver checks the mooring. [Photo/Kestel Evening News]", "caption"],
    ["(Estoria Press Photo Agency)", "caption"],
    // E-mail a friend, links.
    ["Message: * A friend wanted you to see this item from KESTEL.example: http://k.example/1", "email"],
    ["Read it at https://estoria.example/ferry", "link"],
    // Timestamps.
    ["Ferry crews rescue 212 9:04 PM ET Sun, 3 June 2031 | 02:51", "timestamp"],
    ["moms Ferry 'hero' honoured by town: 'He never gave up' June 3, 2031 at 2:54 PM ET", "timestamp"],
    // Site names and section labels.
    ["Estoria Local News", "site-name"],
    ["estoria.example.com", "site-name"],
    ["Reuters", "site-name"],
    ["FERRY DISASTER COVERAGE", "section-label"],
    ["KESTEL (Estoria Money)", "section-label"],
    ["news Ferry crews rescue 212 passengers", "section-label"],
    // Sentences and lengths.
    ["The ferry left port an hour late and sank near the harbour mouth.", "sentence"],
    [`${"word ".repeat(30)}`, "length"],
    ["", "empty"],
  ];
  for (const [title, expected] of table) {
    it(JSON.stringify(title.slice(0, 60)), () => {
      assert.equal(headlineProblem(title), expected);
      assert.equal(usableHeadline(title), expected === undefined);
    });
  }

  it("a title that is the article's own outlet is a site name", () => {
    assert.equal(headlineProblem("The Estoria Ledger", ["The Estoria Ledger"]), "site-name");
    assert.equal(headlineProblem("Estoria Ledger", ["The Estoria Ledger"]), "site-name");
    assert.equal(usableHeadline(undefined), false);
  });

  it("isCaption sees a caption's marks in a sentence of any length", () => {
    assert.equal(
      isCaption("Divers check the mooring at Kestel in this file photo taken June 3, 2031."),
      true,
    );
    assert.equal(isCaption("Divers checked the mooring at Kestel on Thursday."), false);
  });
});
