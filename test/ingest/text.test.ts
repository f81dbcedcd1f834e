import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { markdownToDraft, textToDraft } from "../../src/ingest/text.ts";

describe("textToDraft", () => {
  it("keeps plain text exactly, headline lines included", () => {
    const text = "HEADLINE\n\n  Indented *not markdown* [x](y)\n";
    assert.deepEqual(textToDraft(text, "a.txt"), { text, origin: "a.txt" });
  });
});

describe("markdownToDraft", () => {
  const text = (markdown: string): string => markdownToDraft(markdown, "a.md").text;

  it("drops heading marks, emphasis, link targets, images, code marks and rules", () => {
    assert.equal(
      text("## Title ##\n\nSome **bold**, *soft* and __strong__ `code`."),
      "Title\n\nSome bold, soft and strong code.",
    );
    assert.equal(
      text('See [the report](https://x.example/r "Report") ![chart](c.png) now.'),
      "See the report  now.",
    );
    assert.equal(
      text("Setext title\n============\n\nBody\n\n---\n\nMore"),
      "Setext title\n\n\nBody\n\n\n\nMore",
    );
    assert.equal(text("> quoted line\n> second"), "quoted line\nsecond");
  });

  it("leaves arithmetic, snake_case and lone marks alone", () => {
    assert.equal(
      text("2 * 3 * 4 = 24 and snake_case_name and a * b"),
      "2 * 3 * 4 = 24 and snake_case_name and a * b",
    );
  });

  it("reads flat front matter; unknown keys and bad dates are ignored", () => {
    const draft = markdownToDraft(
      "---\ntitle: 'Quoted title'\ndate: someday\nlayout: post\n---\nBody.",
      "a.md",
    );
    assert.deepEqual(draft, { text: "Body.", title: "Quoted title", origin: "a.md" });
  });

  it("keeps a '---' block that never closes as text", () => {
    assert.equal(text("---\nnot front matter"), "\nnot front matter");
  });
});
