import assert from "node:assert/strict";
import { mkdir, open, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import iconv from "iconv-lite";
import { MAX_INPUT_BYTES, readArticles } from "../../src/ingest/index.ts";
import { articleId } from "../../src/model/ids.ts";
import { fixture, rejectsInput, tempDir } from "./helpers.ts";

const stdin = (text: string | Uint8Array): Readable =>
  Readable.from([typeof text === "string" ? Buffer.from(text) : text]);

const PARAGRAPH =
  "The Lowmarsh parish council met on Tuesday evening to discuss the new footbridge over the river, and members argued for two hours about its cost.";

describe("readArticles: formats", () => {
  it("reads plain text as is, with its path as origin", async () => {
    const path = fixture("text", "plain.txt");
    const { articles, warnings } = await readArticles([path]);
    assert.equal(articles.length, 1);
    assert.equal(articles[0].origin, path);
    assert.ok(articles[0].text.startsWith("Gullstone harbour reopens after winter dredging\n\nGULLSTONE - "));
    assert.equal(articles[0].title, undefined);
    assert.match(articles[0].id, /^a-[0-9a-f]{16}$/);
    assert.deepEqual(warnings, []);
  });

  it("reads Markdown without its syntax, front matter as metadata", async () => {
    const [article] = (await readArticles([fixture("text", "article.md")])).articles;
    assert.equal(
      article.text,
      [
        "Orchard growers celebrate a record harvest",
        "Growers in the Wren valley picked more apples this autumn than in any year since records began, according to the growers' association.",
        '"We ran out of crates in the second week," said association chair Mirela Costa.',
        "",
        "What comes next",
        "The association will meet in November to discuss a shared cold store, using surplus funds from the harvest fair.\n",
      ].join("\n\n"),
    );
    assert.equal(article.title, "Orchard growers celebrate a record harvest");
    assert.equal(article.published, "2030-10-03");
    assert.equal(article.author, "Benedikt Amara");
    assert.equal(article.source, "Valley Courier");
    assert.equal(article.url, "https://valleycourier.example/orchards");
  });

  it("reads HTML through Readability; the canonical url gives the id", async () => {
    const path = fixture("html", "news-opengraph-jsonld.html");
    const [article] = (await readArticles([path])).articles;
    assert.equal(article.source, "The Harbor Ledger");
    assert.equal(article.origin, path);
    assert.equal(
      article.id,
      articleId({ text: "", url: "https://harborledger.example/2031/05/marrowby-tidal-bridge" }),
    );
    assert.equal(article.text.split("\n\n").length, 6);
  });

  it("reads every JSON shape and JSON Lines, with origins naming the line or item", async () => {
    const paths = [
      "article.json",
      "cluster.json",
      "clusters-array.json",
      "documents-array.json",
      "clusters.jsonl",
    ];
    const { articles, warnings } = await readArticles(paths.map((name) => fixture("json", name)));
    const origins = articles.map((article) => article.origin?.replace(`${fixture("json")}/`, ""));
    assert.deepEqual(origins, [
      "article.json",
      "cluster.json",
      "cluster.json",
      "clusters-array.json item 1",
      "clusters-array.json item 2",
      "documents-array.json",
      "documents-array.json",
      "clusters.jsonl line 1",
      "clusters.jsonl line 1",
      "clusters.jsonl line 1",
      "clusters.jsonl line 3",
      "clusters.jsonl line 4",
    ]);
    assert.deepEqual(warnings, [`${fixture("json", "clusters.jsonl")} line 4: document 1 skipped (no text)`]);
    assert.equal(new Set(articles.map((article) => article.id)).size, articles.length);
    const sandbags = articles[2];
    assert.equal(sandbags.published, "2031-02-13T09:15:00");
    assert.equal(sandbags.source, "Tidewater Wire");
    assert.equal(sandbags.url, "https://tidewaterwire.example/lowmarsh-sandbags");
  });

  it("makes ids distinct across inputs, in input order", async () => {
    const path = fixture("text", "plain.txt");
    const { articles } = await readArticles([path, path]);
    assert.equal(articles[1].id, `${articles[0].id}-2`);
  });

  it("gives byte-identical output on every run", async () => {
    const inputs = [fixture("corpus"), fixture("json"), fixture("html", "tables.html")];
    const first = JSON.stringify(await readArticles(inputs));
    assert.equal(JSON.stringify(await readArticles(inputs)), first);
  });

  it("sniffs a file without a telling extension: HTML, JSON or text", async (t) => {
    const dir = await tempDir(t);
    await writeFile(join(dir, "page"), `<html><body><p>${PARAGRAPH}</p><p>${PARAGRAPH}</p></body></html>`);
    await writeFile(join(dir, "data.out"), JSON.stringify({ text: "From JSON." }));
    await writeFile(join(dir, "notes.log"), "Plain notes.");
    const { articles } = await readArticles(["page", "data.out", "notes.log"].map((name) => join(dir, name)));
    assert.deepEqual(
      articles.map((article) => article.text),
      [`${PARAGRAPH}\n\n${PARAGRAPH}`, "From JSON.", "Plain notes."],
    );
  });

  it("reads JSON Lines saved as .json line by line", async (t) => {
    const path = join(await tempDir(t), "lines.json");
    await writeFile(path, '{"text": "One."}\n{"text": "Two."}\n');
    const { articles } = await readArticles([path]);
    assert.deepEqual(
      articles.map((article) => [article.text, article.origin]),
      [
        ["One.", `${path} line 1`],
        ["Two.", `${path} line 2`],
      ],
    );
  });

  it("decodes a Latin-1 text file", async (t) => {
    const path = join(await tempDir(t), "latin1.txt");
    const text = "À Saint-Orvel, la fête du pain a réuni des élèves et leurs maîtres près de l'église.";
    await writeFile(path, iconv.encode(text, "latin1"));
    assert.equal((await readArticles([path])).articles[0].text, text);
  });
});

describe("readArticles: directories", () => {
  it("walks recursively in path order, skipping hidden files and unknown types with warnings", async () => {
    const dir = fixture("corpus");
    const { articles, warnings } = await readArticles([dir]);
    assert.deepEqual(
      articles.map((article) => article.origin),
      ["README", "a-story.txt", "b/c/page.html", "b/nested.md"].map((name) => join(dir, name)),
    );
    assert.deepEqual(warnings, [
      `${join(dir, ".cache")}: skipped (hidden)`,
      `${join(dir, ".hidden.txt")}: skipped (hidden)`,
      `${join(dir, "notes.csv")}: skipped (unknown file type)`,
    ]);
  });

  it("skips a binary file without an extension with a warning", async (t) => {
    const dir = await tempDir(t);
    await writeFile(join(dir, "story.txt"), "A story.");
    await writeFile(join(dir, "program"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]));
    const { articles, warnings } = await readArticles([dir]);
    assert.equal(articles.length, 1);
    assert.deepEqual(warnings, [`${join(dir, "program")}: skipped (binary file)`]);
  });

  it("refuses a directory with no readable articles", async (t) => {
    const dir = await tempDir(t);
    await mkdir(join(dir, "empty"));
    await writeFile(join(dir, "image.png"), "not really");
    await rejectsInput(readArticles([dir]), `${dir}: has no readable articles`);
  });
});

describe("readArticles: stdin", () => {
  it("sniffs HTML, JSON, JSON Lines and text, with origin stdin", async () => {
    const html = `<html><body><article><p>${PARAGRAPH}</p><p>${PARAGRAPH}</p></article></body></html>`;
    const cases: Array<[string, string[], string[]]> = [
      [html, [`${PARAGRAPH}\n\n${PARAGRAPH}`], ["stdin"]],
      ['{"id": "c", "documents": [{"text": "A."}, {"text": "B."}]}', ["A.", "B."], ["stdin", "stdin"]],
      ['[{"text": "A."}]', ["A."], ["stdin"]],
      ['{"text": "A."}\n\n{"text": "B."}', ["A.", "B."], ["stdin line 1", "stdin line 3"]],
      ["Just words.\n", ["Just words.\n"], ["stdin"]],
    ];
    for (const [input, texts, origins] of cases) {
      const { articles } = await readArticles(["-"], { stdin: stdin(input) });
      assert.deepEqual(
        articles.map((article) => article.text),
        texts,
      );
      assert.deepEqual(
        articles.map((article) => article.origin),
        origins,
      );
    }
  });

  it("refuses empty stdin, stdin named twice, and stdin over the limit", async () => {
    await rejectsInput(readArticles(["-"], { stdin: stdin("") }), "stdin: is empty");
    await rejectsInput(readArticles(["-", "-"], { stdin: stdin("text") }), "stdin: is named more than once");
    await rejectsInput(
      readArticles(["-"], { stdin: stdin("x".repeat(2048)), maxBytes: 1024 }),
      "stdin: is larger than the 1 KB limit",
    );
  });

  it("reports a bad JSON line on stdin by its number", async () => {
    await rejectsInput(
      readArticles(["-"], { stdin: stdin('{"text": "A."}\n{oops\n') }),
      "stdin line 2: is not valid JSON",
    );
  });
});

describe("readArticles: bad input", () => {
  it("missing path", async () => {
    const path = fixture("no-such-file.txt");
    await rejectsInput(readArticles([path]), `${path}: no such file or directory`);
  });

  it("a path through a file", async () => {
    const path = join(fixture("text", "plain.txt"), "child.txt");
    await rejectsInput(readArticles([path]), `${path}: no such file or directory`);
  });

  it("empty and whitespace-only files", async (t) => {
    const dir = await tempDir(t);
    for (const [name, content] of [
      ["empty.txt", ""],
      ["blank.md", "\n  \n"],
      ["empty.html", ""],
      ["empty.jsonl", ""],
      ["blank.jsonl", "\n\n"],
    ]) {
      await writeFile(join(dir, name), content);
      await rejectsInput(readArticles([join(dir, name)]), `${join(dir, name)}: is empty`);
    }
  });

  it("Markdown with nothing but front matter", async (t) => {
    const path = join(await tempDir(t), "meta.md");
    await writeFile(path, "---\ntitle: Only metadata\n---\n");
    await rejectsInput(readArticles([path]), `${path}: has no article text`);
  });

  it("binary file with a text extension", async (t) => {
    const path = join(await tempDir(t), "photo.txt");
    await writeFile(path, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]));
    await rejectsInput(readArticles([path]), `${path}: looks like a binary file, not text`);
  });

  it("a 200 MB file is refused before it is read", async (t) => {
    const path = join(await tempDir(t), "huge.txt");
    await (await open(path, "w")).close();
    const handle = await open(path, "r+");
    await handle.truncate(200 * 1024 * 1024); // sparse: no 200 MB written
    await handle.close();
    const started = performance.now();
    await rejectsInput(readArticles([path]), `${path}: is 200.0 MB, larger than the 20 MB limit`);
    assert.ok(performance.now() - started < 1000, "the file must not be read");
    assert.equal(MAX_INPUT_BYTES, 20 * 1024 * 1024);
  });

  it("the limit applies to JSON Lines files too, and can be changed", async (t) => {
    const dir = await tempDir(t);
    const path = join(dir, "big.jsonl");
    await writeFile(path, `${JSON.stringify({ text: "x".repeat(3000) })}\n`);
    await rejectsInput(
      readArticles([path], { maxBytes: 2048 }),
      `${path}: is 2.9 KB, larger than the 2 KB limit`,
    );
    const small = join(dir, "small.txt");
    await writeFile(small, "tiny");
    await rejectsInput(
      readArticles([small], { maxBytes: 3 }),
      `${small}: is 4 bytes, larger than the 3 bytes limit`,
    );
  });

  it("HTML with no article", async () => {
    const path = fixture("html", "only-links.html");
    await rejectsInput(readArticles([path]), `${path}: has no article text (HTML page without an article)`);
  });

  it("a malformed JSON line is reported by its number", async (t) => {
    const path = join(await tempDir(t), "bad.jsonl");
    await writeFile(path, '{"text": "Fine."}\n{"text": "Broken\n');
    await rejectsInput(readArticles([path]), `${path} line 2: is not valid JSON`);
  });

  it("malformed .json", async (t) => {
    const path = join(await tempDir(t), "bad.json");
    await writeFile(path, '{\n  "documents": [\n');
    await rejectsInput(readArticles([path]), `${path}: is not valid JSON`);
  });

  it("one bad file among several fails the whole read, naming that file", async () => {
    const missing = fixture("text", "missing.md");
    await rejectsInput(
      readArticles([fixture("text", "plain.txt"), missing, fixture("json", "article.json")]),
      `${missing}: no such file or directory`,
    );
  });
});
