import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { doubledWordEdits } from "../../src/clean/04-doubled-words.ts";
import { applyEdits, fromOriginal } from "../../src/clean/mapped.ts";

const undouble = (text: string): string => applyEdits(fromOriginal(text), doubledWordEdits(text)).text;

describe("doubled words", () => {
  const table: Array<[string, string]> = [
    ["Marlovian President President Ana Kell spoke", "Marlovian President Ana Kell spoke"],
    ["the the river rose", "the river rose"],
    ["a report of of damage", "a report of damage"],
    ["Governor Governor Varga", "Governor Varga"],
    ["Mr. Mr. Hale", "Mr. Hale"],
    ["Vessington Vessington council", "Vessington council"],
    ["she had had enough", "she had had enough"],
    ["he said that that was final", "he said that that was final"],
    ["what it is is a disaster", "what it is is a disaster"],
    ["they gave in in the end", "they gave in in the end"],
    ["a holiday in Bora Bora and Walla Walla", "a holiday in Bora Bora and Walla Walla"],
    ["no no no, she said", "no no no, she said"],
    ["scores of 10 10 and 9", "scores of 10 10 and 9"],
    ["The the", "The the"],
    ["Boutros Boutros-Ghali visited", "Boutros Boutros-Ghali visited"],
    ["the\nthe line break", "the\nthe line break"],
    ["Sirhan Sirhan was moved", "Sirhan Sirhan was moved"],
  ];
  for (const [input, expected] of table) {
    it(JSON.stringify(input), () => {
      assert.equal(undouble(input), expected);
    });
  }
});
