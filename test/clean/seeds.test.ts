import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { cleanArticle, toOriginalSpan } from "../../src/clean/index.ts";

/** ../shared beside the repository root (test/clean/ → repo root → ..). Read in place, never copied. */
const SEEDS = fileURLToPath(new URL("../../../shared/seeds/", import.meta.url));

function seed(prefix: string): string {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix) && f.endsWith(".txt"));
  assert.ok(name !== undefined, `no ${prefix}*.txt in ${SEEDS}`);
  return readFileSync(`${SEEDS}${name}`, "utf8");
}

describe("the seed articles", () => {
  it("cleans 001: boilerplate, doubled title, outlet", () => {
    const original = seed("001_");
    const cleaned = cleanArticle(original);
    assert.ok(!cleaned.text.includes("Follow Israel Hayom"));
    assert.ok(!cleaned.text.includes("Subscribe"));
    assert.ok(!cleaned.text.includes("President President"));
    assert.ok(cleaned.text.includes("Ukrainian President Volodymyr Zelenskyy said"));
    assert.equal(cleaned.outlet, "Israel Hayom");
    const reasons = cleaned.removed.map((r) => r.reason);
    assert.ok(
      reasons.includes("social") && reasons.includes("newsletter") && reasons.includes("doubled-word"),
    );
  });

  it("cleans 002: mojibake, headline, dateline", () => {
    const original = seed("002_");
    const cleaned = cleanArticle(original);
    assert.ok(!cleaned.text.includes("√"));
    assert.ok(cleaned.text.includes("António Guterres"));
    assert.equal(cleaned.headline, "Despite Talks, Attacks Broaden and Devastation Mounts");
    assert.equal(cleaned.dateline?.place, "London");
    assert.ok(cleaned.dateline !== undefined);
    assert.equal(original.slice(cleaned.dateline.span.start, cleaned.dateline.span.end), "LONDON -");
    assert.ok(cleaned.text.startsWith("Diplomatic activity quickened"));
  });

  it("maps every cleaned line of both seeds back to its original source", () => {
    for (const prefix of ["001_", "002_"]) {
      const original = seed(prefix);
      const cleaned = cleanArticle(original);
      let at = 0;
      for (const line of cleaned.text.split("\n")) {
        if (line.length > 0 && !line.includes("António")) {
          const span = toOriginalSpan(cleaned, at, at + line.length);
          assert.equal(
            original.slice(span.start, span.end).replace("President President", "President"),
            line,
          );
        }
        at += line.length + 1;
      }
    }
  });
});
