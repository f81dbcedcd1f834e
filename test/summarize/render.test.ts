import assert from "node:assert/strict";
import { test } from "node:test";
import { attribute, outletPhrase } from "../../src/summarize/06-render.ts";

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
