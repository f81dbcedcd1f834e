// Fixture test of issue 12: a feed's title is never an outlet. A fictional local feed ("Estoria Local
// News Feed") carries a wire story whose dateline credits "(Continental Wire Service)": the roundup
// credits the wire, and nothing anywhere names the feed's title as an outlet.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { articleFromItem, parseFeed } from "../../src/ingest/feeds.ts";
import { formatJson, formatMarkdown } from "../../src/summarize/format.ts";
import { summarize } from "../../src/summarize/index.ts";

const XML = readFileSync(new URL("./fixtures/feeds/estoria-local.rss", import.meta.url), "utf8");
const FEED_URL = "https://estorialocal.example/feed.rss";

describe("a feed's title is never an outlet", () => {
  it("items carry the feed's title as `feed`, and as `source` only the publisher they name themselves", async () => {
    const feed = await parseFeed(XML, FEED_URL);
    assert.equal(feed.title, "Estoria Local News Feed");
    assert.deepEqual(
      feed.items.map((item) => [item.feed, item.source]),
      [
        ["Estoria Local News Feed", undefined],
        ["Estoria Local News Feed", undefined],
        ["Estoria Local News Feed", "The Kestel Daily"],
        ["Estoria Local News Feed", "Vessel Bay Weekly"],
      ],
    );
  });

  it("an Atom entry's <source> names its publisher; a bare URL does not", async () => {
    const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Estoria Aggregated</title>
  <id>https://agg.example/</id>
  <entry>
    <title>Bridge reopens</title><id>https://agg.example/1</id><link href="https://agg.example/1"/>
    <source><title>The Kestel Daily</title><id>https://kesteldaily.example/</id></source>
  </entry>
  <entry>
    <title>Quay repairs</title><id>https://agg.example/2</id><link href="https://agg.example/2"/>
  </entry>
</feed>`;
    const feed = await parseFeed(atom, "https://agg.example/atom.xml");
    assert.deepEqual(
      feed.items.map((item) => [item.feed, item.source]),
      [
        ["Estoria Aggregated", "The Kestel Daily"],
        ["Estoria Aggregated", undefined],
      ],
    );
    const rss = `<rss version="2.0"><channel><title>Estoria Aggregated</title><item><title>Bridge</title><link>https://agg.example/3</link><source url="https://kesteldaily.example/rss">https://kesteldaily.example/</source></item></channel></rss>`;
    assert.equal((await parseFeed(rss, "https://agg.example/rss")).items[0].source, undefined);
  });

  it("the roundup credits the wire the dateline names, never the feed", async () => {
    const feed = await parseFeed(XML, FEED_URL);
    const articles = feed.items.flatMap((item) => articleFromItem(item) ?? []);
    assert.equal(articles.length, 2, "the two full-text items are articles");
    assert.ok(articles.every((a) => a.source === undefined));
    const roundup = summarize(articles, { words: 120 });
    const text = roundup.sentences.map((s) => s.text).join(" ");
    assert.match(text, /, Continental Wire Service reports\./);
    assert.ok(!formatJson(roundup).includes("Estoria Local"), "the feed's title appears nowhere");
    assert.ok(!formatMarkdown(roundup).includes("Estoria Local"));
    const wire = articles.find((a) => a.text.includes("(Continental Wire Service)"));
    assert.equal(roundup.sources.find((s) => s.articleId === wire?.id)?.outlet, "Continental Wire Service");
    // The site's own story names no outlet, so it is never attributed.
    const own = roundup.sources.find((s) => s.articleId !== wire?.id);
    if (own !== undefined) assert.equal(own.outlet, undefined);
    assert.equal(roundup.outletCount, 1);
  });
});
