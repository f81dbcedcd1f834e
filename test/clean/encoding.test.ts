import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodingEdits, repairMojibake } from "../../src/clean/01-encoding.ts";
import { applyEdits, fromOriginal, toOriginalSpan } from "../../src/clean/mapped.ts";

describe("mojibake repair", () => {
  const repaired: Array<[string, string, string]> = [
    [
      "Mac Roman, name",
      "Secretary-General Ant√≥nio Ferreira spoke",
      "Secretary-General António Ferreira spoke",
    ],
    ["Mac Roman, two letters", "Jos√© Mu√±oz of Vessington", "José Muñoz of Vessington"],
    ["Mac Roman, cedilla", "Fran√ßoise Delacroix", "Françoise Delacroix"],
    ["Windows-1252, apostrophe", "The mayor donâ€™t agree", "The mayor don’t agree"],
    ["Windows-1252, quotes", "She said â€œwe will rebuildâ€\u009d today", "She said “we will rebuild” today"],
    ["Windows-1252, e-acute", "the cafÃ© on Marlow Street", "the café on Marlow Street"],
    ["Windows-1252, capital", "Ã‰cole Vessington reopened", "École Vessington reopened"],
    ["Windows-1252, dash", "the dam â€” built in 1931 â€” held", "the dam — built in 1931 — held"],
    ["Latin-1, C1 bytes", "it wasn\u00e2\u0080\u0099t over", "it wasn’t over"],
    ["pound sign", "a Â£5 toll", "a £5 toll"],
    ["possessive", "the councilâ€™s vote", "the council’s vote"],
    ["double mojibake", "itÃ¢â‚¬â„¢s", "it’s"],
    ["German umlaut", "ZÃ¼rich officials", "Zürich officials"],
  ];
  for (const [name, input, expected] of repaired) {
    it(`repairs ${name}: ${JSON.stringify(input)}`, () => {
      assert.equal(repairMojibake(input), expected);
    });
  }

  const untouched: Array<[string, string]> = [
    ["Portuguese capitals", "SÃO PAULO and CORAÇÃO"],
    ["Portuguese lower case", "São Paulo, Guimarães"],
    ["square root", "√π ≈ 1.77 and 2√π"],
    ["root of two", "The √2 is irrational"],
    ["French circumflex", "le château près du lac, Â bientôt"],
    ["curly quotes", "“quoted” and ‘single’ — dash…"],
    ["Portuguese closing quote", 'the sign read "CORAÇÃ”'],
    ["Cyrillic", "Привет, Вессингтон"],
    ["CJK and emoji", "日本語 😀 ok"],
    ["accented words", "naïve Crème brûlée, Œuvre, €100"],
  ];
  for (const [name, input] of untouched) {
    it(`leaves correct text alone: ${name}`, () => {
      assert.equal(repairMojibake(input), input);
    });
  }

  it("keeps offsets: the repaired letter maps to both mojibake chars", () => {
    const original = "Ant√≥nio said";
    const m = applyEdits(fromOriginal(original), encodingEdits(original));
    assert.equal(m.text, "António said");
    const span = toOriginalSpan(m, 0, 7);
    assert.equal(original.slice(span.start, span.end), "Ant√≥nio");
  });
});
