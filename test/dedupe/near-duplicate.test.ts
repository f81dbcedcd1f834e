import assert from "node:assert/strict";
import { test } from "node:test";
import {
  estimateJaccard,
  fingerprint,
  NearDuplicateIndex,
  overlapFromJaccard,
  signature,
} from "../../src/dedupe/index.ts";
import { DISTRACTOR, join, OTHER_OUTLET, UNRELATED, WIRE } from "./articles.ts";

const original = join(WIRE);

/** Copies as sites republish wire copy, and articles that are not copies. */
const CASES: { name: string; text: string; duplicate: boolean }[] = [
  { name: "exact copy", text: original, duplicate: true },
  {
    name: "layout, quotes and case differ",
    text: WIRE.map((p) => p.replace(/"/g, "\u201c").toUpperCase()).join("\n"),
    duplicate: true,
  },
  {
    name: "social and newsletter boilerplate added",
    text: join([
      "Follow The Valley Courier on Facebook, Twitter and Instagram",
      ...WIRE.slice(0, 4),
      "Advertisement",
      ...WIRE.slice(4),
      "Sign up for our morning newsletter to get the day's top stories in your inbox.",
    ]),
    duplicate: true,
  },
  { name: "cut after five paragraphs", text: join(WIRE.slice(0, 5)), duplicate: true },
  {
    name: "new headline, one paragraph dropped",
    text: join(["Spillway Opened as Kessa Reservoir Hits Record", ...WIRE.slice(0, 3), ...WIRE.slice(4)]),
    duplicate: true,
  },
  {
    name: "paragraphs reordered",
    text: join([WIRE[0], WIRE[2], WIRE[1], WIRE[5], WIRE[3], WIRE[4], WIRE[7], WIRE[6]]),
    duplicate: true,
  },
  {
    name: "boilerplate, cut short and reordered at once",
    text: join(["Share this article", WIRE[0], WIRE[2], WIRE[1], WIRE[3], "Like us on Facebook"]),
    duplicate: true,
  },
  { name: "same story, another outlet's article", text: join(OTHER_OUTLET), duplicate: false },
  {
    name: "same story, one shared quote",
    text: join([...OTHER_OUTLET.slice(0, 3), WIRE[2], ...OTHER_OUTLET.slice(3)]),
    duplicate: false,
  },
  { name: "unrelated story", text: join(UNRELATED), duplicate: false },
  { name: "one paragraph of the wire copy alone", text: WIRE[5], duplicate: false },
];

for (const c of CASES) {
  test(`dedupe: ${c.name} → ${c.duplicate ? "copy" : "not a copy"}`, () => {
    const index = new NearDuplicateIndex();
    index.add("wire", original);
    index.add("council", join(DISTRACTOR));
    const r = index.add("new", c.text);
    if (c.duplicate) {
      assert.equal(r.duplicateOf, "wire");
      assert.ok(r.similarity !== undefined && r.similarity >= 0.6 && r.similarity <= 1, `${r.similarity}`);
    } else assert.deepEqual(r, {});
  });
}

test("dedupe: exact copies score 1, and the earliest copy is the one named", () => {
  const index = new NearDuplicateIndex();
  assert.deepEqual(index.add("a", original), {});
  assert.deepEqual(index.add("b", original), { duplicateOf: "a", similarity: 1 });
  assert.deepEqual(index.add("c", original), { duplicateOf: "a", similarity: 1 });
  assert.equal(index.size, 3);
});

test("dedupe: remove forgets an article; capacity drops the oldest", () => {
  const index = new NearDuplicateIndex({ capacity: 2 });
  index.add("wire", original);
  assert.equal(index.query(original).duplicateOf, "wire");
  assert.equal(index.remove("wire"), true);
  assert.equal(index.remove("wire"), false);
  assert.deepEqual(index.query(original), {});
  index.add("w1", original);
  index.add("other", join(OTHER_OUTLET));
  index.add("chess", join(UNRELATED));
  assert.equal(index.size, 2);
  assert.equal(index.has("w1"), false);
  assert.deepEqual(index.query(join(WIRE.slice(0, 6))), {});
});

test("dedupe: very short texts are matched only exactly", () => {
  const index = new NearDuplicateIndex();
  index.add("a", "Polls close at eight.");
  assert.equal(index.add("b", "Polls close at eight!").duplicateOf, "a");
  assert.deepEqual(index.add("c", "Polls close at nine."), {});
});

test("dedupe: deterministic, and misuse throws with the bad value", () => {
  const run = () => {
    const index = new NearDuplicateIndex();
    return CASES.map((c, i) => index.add(`d${i}`, c.text));
  };
  assert.deepEqual(run(), run());
  const index = new NearDuplicateIndex();
  index.add("a", original);
  assert.throws(() => index.add("a", "x"), /NearDuplicateIndex: duplicate id "a"/);
  assert.throws(() => index.add("", "x"), /id must be a non-empty string/);
  assert.throws(
    () => index.add("b", 3 as unknown as string),
    /expected the article text as a string, instead found number/,
  );
  assert.throws(() => new NearDuplicateIndex({ threshold: 0 }), /threshold must be in \(0, 1\], not 0/);
  assert.throws(() => new NearDuplicateIndex({ bandRows: 3 }), /bandRows must divide bins \(128\)/);
  assert.throws(
    () => new NearDuplicateIndex({ capacity: 0 }),
    /capacity must be a positive whole number, not 0/,
  );
});

test("minhash: identical sets agree everywhere; overlap of a subset is about 1", () => {
  const a = fingerprint(original).shingles;
  const b = fingerprint(join(WIRE.slice(0, 4))).shingles;
  const sa = signature(a)!;
  const sb = signature(b)!;
  assert.equal(estimateJaccard(sa, signature(a)!), 1);
  const j = estimateJaccard(sa, sb);
  const truth = b.length / a.length; // b ⊂ a
  assert.ok(Math.abs(j - truth) < 0.15, `estimated ${j}, true ${truth}`);
  assert.ok(overlapFromJaccard(j, a.length, b.length) > 0.8);
  assert.equal(overlapFromJaccard(1, 10, 10), 1);
  assert.equal(overlapFromJaccard(0, 10, 10), 0);
  assert.equal(signature(new Uint32Array(0)), undefined);
  assert.throws(() => signature(a, 100), /bins must be a power of two/);
});
