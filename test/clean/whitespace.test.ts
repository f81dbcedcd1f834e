import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { blankLineEdits, invisibleEdits, spacingEdits } from "../../src/clean/02-whitespace.ts";
import { applyEdits, fromOriginal } from "../../src/clean/mapped.ts";

function normalize(text: string): string {
  let m = applyEdits(fromOriginal(text), invisibleEdits(text));
  m = applyEdits(m, spacingEdits(m.text));
  return applyEdits(m, blankLineEdits(m.text)).text;
}

describe("whitespace and quotes", () => {
  const table: Array<[string, string, string]> = [
    ["NBSP and thin space", "Gov.\u00A0Varga met\u2009residents", "Gov. Varga met residents"],
    ["zero-width chars", "Vess\u200Bington\uFEFF dam", "Vessington dam"],
    ["soft hyphen", "reser\u00ADvoir", "reservoir"],
    ["space runs and tabs", "the  river\t\trose", "the river rose"],
    ["trailing and leading spaces", "  First line.  \n\tSecond line. ", "First line.\nSecond line."],
    ["CRLF and CR", "One.\r\nTwo.\rThree.", "One.\nTwo.\nThree."],
    ["DUC quotes", "``We held,'' she said.", '"We held," she said.'],
    ["DUC nested close", "``He said `go home.'''", '"He said `go home.\'"'],
    ["curly double quotes", "“The levee held,” he said.", '"The levee held," he said.'],
    ["curly apostrophes", "the town’s ‘best’ day", "the town's 'best' day"],
    [
      "dashes kept",
      "the flood -- and the rain _ and more — passed",
      "the flood -- and the rain _ and more — passed",
    ],
    ["blank lines collapsed", "\n\nOne.\n\n\n\nTwo.\n\n", "One.\n\nTwo."],
    ["wire codes", "&UR; Vessington &LR; &QL;\nBody.", "Vessington\nBody."],
    ["private-use icons", "Share \uF611 this", "Share this"],
  ];
  for (const [name, input, expected] of table) {
    it(name, () => {
      assert.equal(normalize(input), expected);
    });
  }
});
