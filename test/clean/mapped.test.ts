import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  applyEdits,
  type Edit,
  fromOriginal,
  type MappedText,
  toOriginalSpan,
} from "../../src/clean/mapped.ts";
import { createRng } from "../../src/evaluate/stats.ts";

// Seeded PRNG so the property tests are reproducible.
const prng = createRng;

/** Reference model: each current char carries its own [start, end) source range, edited naively. */
interface Model {
  text: string;
  sources: Array<[number, number]>;
  end: number;
}

function applyModel(m: Model, edits: Edit[]): Model {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let text = m.text;
  const sources = [...m.sources];
  for (const e of sorted) {
    const start = e.start < sources.length ? sources[e.start][0] : m.end;
    const end = e.end > e.start ? sources[e.end - 1][1] : start;
    text = text.slice(0, e.start) + e.replacement + text.slice(e.end);
    sources.splice(
      e.start,
      e.end - e.start,
      ...Array.from(e.replacement, () => [start, end] as [number, number]),
    );
  }
  return { text, sources, end: m.end };
}

function randomEdits(text: string, rand: () => number): Edit[] {
  const edits: Edit[] = [];
  let pos = 0;
  while (pos <= text.length) {
    pos += Math.floor(rand() * 6);
    if (pos > text.length) break;
    const length = Math.min(Math.floor(rand() * 4), text.length - pos);
    const replacement = "XYZ".slice(0, Math.floor(rand() * 3));
    if (length > 0 || replacement.length > 0) edits.push({ start: pos, end: pos + length, replacement });
    pos += length + 1;
  }
  return edits.reverse(); // any order is accepted
}

describe("mapped text", () => {
  it("starts as the identity", () => {
    const m = fromOriginal("abc");
    assert.deepEqual([...m.map], [0, 1, 2, 3]);
    assert.deepEqual([...m.ends], [1, 2, 3, 3]);
  });

  const table: Array<[string, Edit[], string, number[]]> = [
    [
      "hello world",
      [{ start: 5, end: 6, replacement: "" }],
      "helloworld",
      [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11],
    ],
    ["a''b", [{ start: 1, end: 3, replacement: '"' }], 'a"b', [0, 1, 3, 4]],
    ["ab", [{ start: 1, end: 1, replacement: "-" }], "a-b", [0, 1, 1, 2]],
    ["ab", [{ start: 2, end: 2, replacement: "!" }], "ab!", [0, 1, 2, 2]],
    ["x√≥y", [{ start: 1, end: 3, replacement: "ó" }], "xóy", [0, 1, 3, 4]],
  ];
  for (const [original, edits, text, map] of table) {
    it(`applies ${JSON.stringify(edits)} to ${JSON.stringify(original)}`, () => {
      const m = applyEdits(fromOriginal(original), edits);
      assert.equal(m.text, text);
      assert.deepEqual([...m.map], map);
    });
  }

  it("rejects overlapping edits, naming them", () => {
    assert.throws(
      () =>
        applyEdits(fromOriginal("abcdef"), [
          { start: 1, end: 4, replacement: "" },
          { start: 3, end: 5, replacement: "" },
        ]),
      { message: "applyEdits: edit [3, 5) is out of bounds or overlaps the previous one (text length 6)" },
    );
  });

  it("maps a replaced run back to all of its source, without the junk removed after it", () => {
    let m = fromOriginal("He said ''no.''\nSHARE\nNext.");
    m = applyEdits(m, [
      { start: 8, end: 10, replacement: '"' },
      { start: 13, end: 15, replacement: '"' },
    ]);
    m = applyEdits(m, [{ start: 13, end: 20, replacement: "" }]);
    assert.equal(m.text, 'He said "no."Next.');
    const span = toOriginalSpan(m, 0, 13);
    assert.equal("He said ''no.''\nSHARE\nNext.".slice(span.start, span.end), "He said ''no.''");
  });

  it("matches a reference model under random edits (property)", () => {
    const rand = prng(20260314);
    for (let trial = 0; trial < 300; trial++) {
      const length = Math.floor(rand() * 40);
      const original = Array.from({ length }, () => "abcdefgh "[Math.floor(rand() * 9)]).join("");
      let m: MappedText = fromOriginal(original);
      let model: Model = {
        text: original,
        sources: Array.from(original, (_, i) => [i, i + 1] as [number, number]),
        end: original.length,
      };
      const rounds = 1 + Math.floor(rand() * 4);
      for (let r = 0; r < rounds; r++) {
        const edits = randomEdits(m.text, rand);
        m = applyEdits(m, edits);
        model = applyModel(model, edits);
      }
      assert.equal(m.text, model.text);
      assert.equal(m.map.length, m.text.length + 1);
      assert.equal(m.map[m.text.length], original.length);
      for (let i = 0; i < m.text.length; i++) {
        assert.deepEqual([m.map[i], m.ends[i]], model.sources[i], `trial ${trial}, char ${i}`);
        // A kept (lowercase) char maps to the very original char it came from.
        if (m.text[i] !== "X" && m.text[i] !== "Y" && m.text[i] !== "Z") {
          assert.equal(original[m.map[i]], m.text[i]);
          assert.equal(m.ends[i], m.map[i] + 1);
        }
        if (i > 0) assert.ok(m.map[i] >= m.map[i - 1], "map is non-decreasing");
      }
    }
  });

  it("gives back each original sentence from its cleaned range (property)", () => {
    const rand = prng(7);
    const sentences = [
      "The Vessington dam held overnight.",
      "Mayor Ilse Varga thanked volunteers.",
      "Water levels fell by noon.",
      "Schools reopen Thursday.",
    ];
    for (let trial = 0; trial < 100; trial++) {
      const junk = () => ["", "\u200B", "  ", "\nSHARE\n", "\u00A0"][Math.floor(rand() * 5)];
      let original = "";
      const starts: number[] = [];
      for (const s of sentences) {
        original += junk();
        starts.push(original.length);
        original += `${s} `;
      }
      // Clean: drop every junk piece and trailing space between sentences, keeping sentences intact.
      let m = fromOriginal(original);
      const edits: Edit[] = [];
      let cursor = 0;
      sentences.forEach((s, k) => {
        if (starts[k] > cursor) edits.push({ start: cursor, end: starts[k], replacement: "" });
        cursor = starts[k] + s.length;
      });
      edits.push({ start: cursor, end: original.length, replacement: "" });
      m = applyEdits(m, edits);
      let at = 0;
      for (const s of sentences) {
        const span = toOriginalSpan(m, at, at + s.length);
        assert.equal(original.slice(span.start, span.end), s);
        at += s.length;
      }
    }
  });

  it("rejects a range outside the text", () => {
    assert.throws(() => toOriginalSpan(fromOriginal("abc"), 2, 5), {
      message: "toOriginalSpan: range [2, 5) is outside the text (length 3)",
    });
  });
});
