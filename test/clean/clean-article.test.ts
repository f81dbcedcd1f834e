import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cleanArticle, toOriginalSpan } from "../../src/clean/index.ts";

/** A fictional article with the usual page furniture around it. */
const PAGE = [
  "Vessington Dam Holds as Marlow River Crests",
  "VESSINGTON, Marlovia (AP) — Engineers said the Vessington dam held overnight as the Marlow River crested at a record\u00A0height.",
  "Volunteers stack sandbags on Marlow Street on Tuesday. (Associated Press)",
  "Follow The Vessington Courier on Facebook, Twitter, and Instagram",
  "“We were lucky,” said Mayor Ilse Varga. “The the water stopped a foot short of the wall.”",
  "Advertisement",
  "",
  "",
  "",
  "Governor Governor Tomas Hale said repairs would begin Thursday.",
  "Subscribe to The Vessington Courier's daily newsletter and never miss our top stories!",
  "© 2024 The Vessington Courier",
].join("\n");

describe("cleanArticle", () => {
  const cleaned = cleanArticle(PAGE);

  it("returns the story text with paragraph breaks", () => {
    assert.equal(
      cleaned.text,
      [
        "Engineers said the Vessington dam held overnight as the Marlow River crested at a record height.",
        '"We were lucky," said Mayor Ilse Varga. "The the water stopped a foot short of the wall."',
        "",
        "Governor Tomas Hale said repairs would begin Thursday.",
      ].join("\n"),
    );
  });

  it("reports headline, dateline and outlet", () => {
    assert.equal(cleaned.headline, "Vessington Dam Holds as Marlow River Crests");
    assert.equal(cleaned.dateline?.place, "Vessington, Marlovia");
    assert.equal(cleaned.dateline?.outlet, "AP");
    // The wire credit wins over the republishing site's boilerplate.
    assert.equal(cleaned.outlet, "AP");
  });

  it("lists what it removed, in original order, with reasons", () => {
    assert.deepEqual(
      cleaned.removed.map((r) => [r.reason, PAGE.slice(r.start, r.end)]),
      [
        ["headline", "Vessington Dam Holds as Marlow River Crests"],
        ["dateline", "VESSINGTON, Marlovia (AP) —"],
        ["caption", "Volunteers stack sandbags on Marlow Street on Tuesday. (Associated Press)"],
        ["social", "Follow The Vessington Courier on Facebook, Twitter, and Instagram"],
        ["advertisement", "Advertisement"],
        ["doubled-word", "Governor"],
        [
          "newsletter",
          "Subscribe to The Vessington Courier's daily newsletter and never miss our top stories!",
        ],
        ["copyright", "© 2024 The Vessington Courier"],
      ],
    );
  });

  it("maps a cleaned sentence back to the exact original sentence, curly quotes and all", () => {
    const sentence = '"We were lucky," said Mayor Ilse Varga.';
    const start = cleaned.text.indexOf(sentence);
    const span = toOriginalSpan(cleaned, start, start + sentence.length);
    assert.equal(PAGE.slice(span.start, span.end), "“We were lucky,” said Mayor Ilse Varga.");
  });

  it("uses the given title to find the headline, even one shaped like a sentence", () => {
    const text = "Is the Vessington Dam Safe?\nEngineers say it is.";
    assert.equal(cleanArticle(text).headline, undefined);
    const titled = cleanArticle(text, { title: "Is the  Vessington dam safe?" });
    assert.equal(titled.headline, "Is the Vessington Dam Safe?");
    assert.equal(titled.text, "Engineers say it is.");
  });

  it("takes the site as outlet when there is no wire credit", () => {
    const text = "The dam held.\nFollow The Vessington Courier on Facebook, Twitter, and Instagram";
    assert.equal(cleanArticle(text).outlet, "The Vessington Courier");
  });

  it("is deterministic and leaves clean text unchanged", () => {
    const plain = "The river fell by noon.\n\nSchools reopen Thursday.";
    const a = cleanArticle(plain);
    assert.equal(a.text, plain);
    assert.deepEqual(a.removed, []);
    assert.deepEqual(cleanArticle(PAGE), cleaned);
  });

  it("drops a trailing wire credit but keeps its sentence", () => {
    const text = "Rescuers worked overnight, the ministry said. (Reuters)\nThe dam held.";
    const result = cleanArticle(text);
    assert.equal(result.text, "Rescuers worked overnight, the ministry said.\nThe dam held.");
    assert.deepEqual(
      result.removed.map((r) => [r.reason, text.slice(r.start, r.end)]),
      [["trailing-credit", "(Reuters)"]],
    );
  });

  it("handles empty text", () => {
    const empty = cleanArticle("");
    assert.equal(empty.text, "");
    assert.deepEqual([...empty.map], [0]);
  });

  it("names a non-string input", () => {
    assert.throws(() => cleanArticle(42 as unknown as string), {
      message: "cleanArticle: expected the article text as a string, instead found number",
    });
  });
});
