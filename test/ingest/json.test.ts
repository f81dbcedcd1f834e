import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import iconv from "iconv-lite";
import { type ClusterLine, clusterToArticles, readClusterLines } from "../../src/ingest/index.ts";
import { parseClusterJson } from "../../src/ingest/json.ts";
import { articleId } from "../../src/model/ids.ts";
import type { Cluster } from "../../src/model/types.ts";
import { fixture, rejectsInput, tempDir, throwsInput } from "./helpers.ts";

async function collect(lines: AsyncGenerator<ClusterLine>): Promise<ClusterLine[]> {
  const all: ClusterLine[] = [];
  for await (const line of lines) all.push(line);
  return all;
}

/** Each line as "N: cluster id" or "N: error message", for compact assertions. */
const summary = (lines: ClusterLine[]): string[] =>
  lines.map(({ line, cluster, error }) => `${line}: ${error ? error.message : cluster?.id}`);

describe("readClusterLines", () => {
  it("streams the fixture's clusters with their line numbers, skipping blank lines", async () => {
    const path = fixture("json", "clusters.jsonl");
    const lines = await collect(readClusterLines(path));
    assert.deepEqual(summary(lines), ["1: marrowby-lifeboat", "3: line-3", "4: empty-doc"]);
    assert.deepEqual(lines[0].cluster?.references, ["The Marrowby lifeboat helped two yachts."]);
    assert.deepEqual(lines[1].cluster?.documents, [
      {
        text: "A single article on its own line: the Wrenford bakery sold out of hot cross buns by nine.",
        title: "Bakery sells out",
      },
    ]);
  });

  it("reports each bad line by its number and goes on", async (t) => {
    const path = join(await tempDir(t), "batch.jsonl");
    const good = JSON.stringify({ id: "ok", documents: [{ text: "Fine." }] });
    await writeFile(
      path,
      [
        good,
        "{bad json",
        "",
        "[1, 2]",
        '{"id": "none", "documents": []}',
        '{"documents": [{"title": "no text"}]}',
        '{"documents": "nope"}',
        '{"documents": [{"text": "x", "title": {"a": 1}}]}',
        '{"documents": [{"text": "x"}], "references": [1]}',
        '{"documents": [{"text": "x"}], "query": "q"}',
        good,
      ].join("\n"),
    );
    const lines = await collect(readClusterLines(path));
    assert.deepEqual(summary(lines), [
      "1: ok",
      `2: ${path} line 2: is not valid JSON`,
      `4: ${path} line 4: is not a cluster or an article (expected an object with "documents" or "text")`,
      `5: ${path} line 5: has no documents`,
      `6: ${path} line 6: document 1: "text" must be a string`,
      `7: ${path} line 7: "documents" must be an array`,
      `8: ${path} line 8: document 1: "title" must be a string`,
      `9: ${path} line 9: "references" must be an array of strings`,
      `10: ${path} line 10: "query" must be an object`,
      "11: ok",
    ]);
    assert.equal(lines[1].error?.input, `${path} line 2`);
  });

  it("skips a line over the limit without holding it, and reads the next", async (t) => {
    const path = join(await tempDir(t), "long.jsonl");
    const long = JSON.stringify({ id: "long", documents: [{ text: "x".repeat(300) }] });
    await writeFile(
      path,
      `{"id":"a","documents":[{"text":"A."}]}\n${long}\n{"id":"b","documents":[{"text":"B."}]}`,
    );
    const lines = await collect(readClusterLines(path, { maxLineBytes: 100 }));
    assert.deepEqual(summary(lines), [
      "1: a",
      `2: ${path} line 2: is ${long.length} bytes, larger than the 100 bytes limit`,
      "3: b",
    ]);
  });

  it("handles CRLF line endings, a byte order mark, and no final newline", async (t) => {
    const path = join(await tempDir(t), "crlf.jsonl");
    await writeFile(
      path,
      '\uFEFF{"id":"a","documents":[{"text":"A."}]}\r\n\r\n{"id":"b","documents":[{"text":"B."}]}',
    );
    assert.deepEqual(summary(await collect(readClusterLines(path))), ["1: a", "3: b"]);
  });

  it("decodes a Latin-1 line rather than failing", async (t) => {
    const path = join(await tempDir(t), "latin.jsonl");
    await writeFile(path, iconv.encode('{"id":"fr","documents":[{"text":"Fête à Orvel"}]}\n', "latin1"));
    const [line] = await collect(readClusterLines(path));
    assert.equal(line.cluster?.documents[0].text, "Fête à Orvel");
  });

  it("throws InputError for a missing file", async () => {
    const path = fixture("json", "missing.jsonl");
    await rejectsInput(collect(readClusterLines(path)), `${path}: no such file or directory`);
  });
});

describe("clusterToArticles", () => {
  const cluster: Cluster = {
    id: "c1",
    documents: [
      {
        text: "Same text.",
        title: " Title ",
        date: "1999-07-07 08:30:27",
        source: "Valley Courier",
        docno: "VC1",
      },
      {
        text: "Same text.",
        title: " Title ",
        date: "1999-07-07 08:30:27",
        source: "Valley Courier",
        docno: "VC1",
      },
      { text: "   " },
      { text: "Other text.", date: "not a date", url: "https://example.test/other" },
      { text: "Same text." },
    ],
  };

  it("maps fields, normalises dates, drops blank documents, sets origin", () => {
    const articles = clusterToArticles(cluster, "x.jsonl line 1");
    const base = articleId({ text: "Same text." });
    assert.deepEqual(articles, [
      {
        id: base,
        text: "Same text.",
        title: "Title",
        source: "Valley Courier",
        published: "1999-07-07T08:30:27",
        origin: "x.jsonl line 1",
      },
      {
        id: `${base}-2`,
        text: "Same text.",
        title: "Title",
        source: "Valley Courier",
        published: "1999-07-07T08:30:27",
        origin: "x.jsonl line 1",
      },
      {
        id: articleId({ text: "Other text.", url: "https://example.test/other" }),
        text: "Other text.",
        url: "https://example.test/other",
        origin: "x.jsonl line 1",
      },
      { id: `${base}-3`, text: "Same text.", origin: "x.jsonl line 1" },
    ]);
  });

  it("is deterministic", () => {
    assert.equal(
      JSON.stringify(clusterToArticles(cluster, "o")),
      JSON.stringify(clusterToArticles(structuredClone(cluster), "o")),
    );
  });
});

describe("parseClusterJson", () => {
  it("reads one cluster, with references and query", () => {
    const [{ cluster, origin }] = parseClusterJson(
      '{"id": 7, "documents": [{"text": "T", "docno": 123}], "references": ["r"], "query": {"title": "q", "narrative": null}}',
      "c.json",
    );
    assert.equal(origin, "c.json");
    assert.deepEqual(cluster, {
      id: "7",
      documents: [{ text: "T", docno: "123" }],
      references: ["r"],
      query: { title: "q" },
    });
  });

  it("reads an array of clusters, each with its item number", () => {
    const entries = parseClusterJson(
      '[{"documents": [{"text": "A"}]}, {"id": "b", "documents": [{"text": "B"}]}]',
      "a.json",
    );
    assert.deepEqual(
      entries.map(({ cluster, origin }) => [cluster.id, origin]),
      [
        ["item-1", "a.json item 1"],
        ["b", "a.json item 2"],
      ],
    );
  });

  it("reads an array of documents as one cluster named after the file", () => {
    const [{ cluster }] = parseClusterJson('[{"text": "A"}, {"text": "B", "source": "S"}]', "dir/story.json");
    assert.deepEqual(cluster, { id: "story", documents: [{ text: "A" }, { text: "B", source: "S" }] });
  });

  it("names the bad item", () => {
    throwsInput(
      () => parseClusterJson('[{"text": "A"}, {"title": "B"}]', "d.json"),
      'd.json: item 2: "text" must be a string',
    );
    throwsInput(() => parseClusterJson("[]", "e.json"), "e.json: is an empty array");
    throwsInput(
      () => parseClusterJson('"text"', "s.json"),
      's.json: is not a cluster or an article (expected an object with "documents" or "text")',
    );
  });
});

describe("readClusterLines: binary files", () => {
  it("refuses a binary file once, before reading any line", async (t) => {
    const path = join(await tempDir(t), "image.jsonl");
    const bytes = Buffer.alloc(5000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 256; // NULs and newlines throughout
    await writeFile(path, bytes);
    await rejectsInput(collect(readClusterLines(path)), `${path}: is a binary file, not JSON Lines`);
  });

  it("still reads text with a stray control character on a line", async (t) => {
    const path = join(await tempDir(t), "ok.jsonl");
    await writeFile(path, `${JSON.stringify({ id: "a", documents: [{ text: "Bell\u0007 rang." }] })}\n`);
    assert.deepEqual(summary(await collect(readClusterLines(path))), ["1: a"]);
  });
});
