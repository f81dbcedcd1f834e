// End to end on the canonical seed cluster (read in place from ../shared): the roundup must be clean,
// within budget, about the talks, and cite a real source span for every sentence.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { repairMojibake } from "../../src/clean/index.ts";
import { clusterToArticles, readClusterLines } from "../../src/ingest/index.ts";
import type { Article } from "../../src/model/types.ts";
import { summarize } from "../../src/summarize/index.ts";
import { countWords } from "../../src/text/tokens.ts";
import { normalize, saysWhatSourceSays } from "./citations.ts";

const seedPath = fileURLToPath(new URL("../../../shared/seeds/seed-cluster.jsonl", import.meta.url));

async function seedArticles(): Promise<Article[]> {
  for await (const { cluster, error } of readClusterLines(seedPath)) {
    if (error) throw error;
    if (cluster) return clusterToArticles(cluster, "seed");
  }
  throw new Error("seed cluster file has no cluster");
}

test("seed cluster roundup is clean, in budget, on topic and fully cited", {
  skip: !existsSync(seedPath),
}, async () => {
  const articles = await seedArticles();
  const r = summarize(articles, { words: 250 });
  const body = r.paragraphs.join("\n");
  assert.ok(r.sentences.length >= 4, `expected several sentences, got ${r.sentences.length}`);
  assert.ok(countWords(body) <= 250, `over budget: ${countWords(body)} words`);
  assert.ok(countWords(body) >= 150, `far under budget: ${countWords(body)} words`);
  for (const junk of [
    "Follow Israel Hayom",
    "Subscribe",
    "newsletter",
    "√",
    "â€",
    "Ã",
    "President President",
  ])
    assert.ok(!body.includes(junk), `roundup contains ${JSON.stringify(junk)}`);
  assert.ok(!/Clearview|VKontakte|Ton-That/.test(body), "the appended Clearview AI wire item won");
  assert.match(body, /talks|negotiat/i);
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const s of r.sentences) {
    assert.ok(s.citations.length >= 1, `uncited sentence: ${s.text}`);
    for (const c of s.citations) {
      const a = byId.get(c.articleId);
      assert.ok(a, `citation of unknown article ${c.articleId}`);
      assert.ok(c.start >= 0 && c.end <= a.text.length && c.start < c.end);
      // The cited original text says what the sentence says (attribution, a dropped connective, a full
      // name on first mention and cleaning aside).
      const cited = repairMojibake(a.text.slice(c.start, c.end));
      const cluster = repairMojibake(articles.map((x) => x.text).join("\n"));
      assert.ok(
        saysWhatSourceSays(s.text, cited, cluster),
        `citation mismatch:\n${s.text}\n${normalize(cited)}`,
      );
    }
    assert.ok(!/^(He|She|They|It|This|But|And|However)\b/.test(s.text) || r.sentences.indexOf(s) > 0);
  }
});
