// Golden fixtures: test/fixtures/<slug>/{input/, options.json, expected.json}. Same input → byte-identical
// roundup JSON. After an intended change, regenerate with UPDATE_GOLDEN=1 and read the diff.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { readArticles } from "../../src/ingest/index.ts";
import { formatJson } from "../../src/summarize/format.ts";
import { summarize } from "../../src/summarize/index.ts";

const root = fileURLToPath(new URL("../fixtures/", import.meta.url));

for (const slug of readdirSync(root).sort()) {
  test(`golden fixture ${slug}`, async () => {
    const dir = join(root, slug);
    // options.json: summarize options, plus "input" (a folder relative to the repo root) to reuse an example.
    const { input, ...options } = JSON.parse(readFileSync(join(dir, "options.json"), "utf8")) as {
      words: number;
      input?: string;
    };
    // Relative paths keep `origin` in expected.json the same on every machine (tests run from the repo root).
    const { articles } = await readArticles([input ?? relative(process.cwd(), join(dir, "input"))]);
    const actual = formatJson(summarize(articles, options));
    const expectedPath = join(dir, "expected.json");
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedPath, actual);
    assert.equal(actual, readFileSync(expectedPath, "utf8"));
  });
}
