// Wire-copy groups (src/dedupe/copy-groups.ts) against two references: the definition (every pair's
// shared shingles, merged from sorted sets) and the implementation it replaced (pair counts in a Map,
// shingles shared by more than 50 articles ignored). Same groups on the development sets (read in
// place from ../shared), on synthetic clusters of 1,000 near-copies, and on small tricky cases.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  SHINGLE,
  shingleSet as shingles,
  WIRE_COPY_OVERLAP,
  wireCopyGroups,
} from "../../src/dedupe/copy-groups.ts";
import { createRng } from "../../src/evaluate/stats.ts";
import { wireCopyGroups as fromFeatures } from "../../src/summarize/02-features.ts";
import { Vocabulary } from "../../src/text/tokens.ts";
import { disjointSets } from "../../src/util/disjoint-sets.ts";

function numbered(n: number, find: (i: number) => number): { groupOf: number[]; groupCount: number } {
  const ids = new Map<number, number>();
  const groupOf = Array.from({ length: n }, (_, d) => {
    const r = find(d);
    if (!ids.has(r)) ids.set(r, ids.size);
    return ids.get(r)!;
  });
  return { groupOf, groupCount: ids.size };
}

/** The definition: every pair, shared shingles counted by merging the two sorted sets. */
function byDefinition(docTokens: readonly number[][]): { groupOf: number[]; groupCount: number } {
  const sets = docTokens.map(shingles);
  const { find, union } = disjointSets(sets.length);
  for (let i = 0; i < sets.length; i++)
    for (let j = i + 1; j < sets.length; j++) {
      const a = sets[i];
      const b = sets[j];
      let shared = 0;
      for (let x = 0, y = 0; x < a.length && y < b.length; ) {
        if (a[x] === b[y]) {
          shared++;
          x++;
          y++;
        } else if (a[x] < b[y]) x++;
        else y++;
      }
      const smaller = Math.min(a.length, b.length);
      if (smaller > 0 && shared / smaller >= WIRE_COPY_OVERLAP) union(i, j);
    }
  return numbered(sets.length, find);
}

/** The implementation this one replaced (src/summarize/02-features.ts until December 2026). */
function previous(docTokens: readonly number[][], maxOwners = 50): { groupOf: number[]; groupCount: number } {
  const n = docTokens.length;
  const { find, union } = disjointSets(n);
  const perDoc = docTokens.map(shingles);
  const sizes = perDoc.map((s) => s.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  const order = new Float64Array(total);
  let k = 0;
  for (let d = 0; d < n; d++) for (const h of perDoc[d]) order[k++] = (h + 2_147_483_648) * 1_048_576 + d;
  order.sort();
  const shared = new Map<number, number>();
  for (let i = 0; i < total; ) {
    const h = Math.floor(order[i] / 1_048_576);
    let j = i;
    while (j < total && Math.floor(order[j] / 1_048_576) === h) j++;
    if (j - i >= 2 && j - i <= maxOwners)
      for (let a = i; a < j; a++)
        for (let b = a + 1; b < j; b++) {
          const key = (order[a] % 1_048_576) * n + (order[b] % 1_048_576);
          shared.set(key, (shared.get(key) ?? 0) + 1);
        }
    i = j;
  }
  for (const [key, count] of [...shared].sort((x, y) => x[0] - y[0])) {
    const i = Math.floor(key / n);
    const j = key % n;
    const smaller = Math.min(sizes[i], sizes[j]);
    if (smaller > 0 && count / smaller >= WIRE_COPY_OVERLAP) union(i, j);
  }
  return numbered(n, find);
}

/**
 * `copies` near-copies of `texts` base texts of `length` tokens: each copy cut to 30–100 % of its text
 * (so some pairs fall below the overlap and join only through others), a run of it replaced, and a few
 * tokens of its own appended; plus unrelated articles and empty ones.
 */
function nearCopies(seed: number, copies: number, texts = 4, length = 60): number[][] {
  const rnd = createRng(seed);
  const token = () => Math.floor(rnd() * 5_000);
  const bases = Array.from({ length: texts }, () => Array.from({ length }, token));
  const docs: number[][] = [];
  for (let k = 0; k < copies; k++) {
    const base = bases[k % texts];
    const keep = Math.max(SHINGLE, Math.round(base.length * (0.3 + 0.7 * rnd())));
    const start = Math.floor(rnd() * (base.length - keep + 1));
    const doc = base.slice(start, start + keep);
    const at = Math.floor(rnd() * doc.length);
    for (let i = at; i < Math.min(doc.length, at + 3); i++) doc[i] = 10_000 + k;
    doc.push(20_000 + k, 30_000 + k, 40_000 + k);
    docs.push(doc);
    if (k % 97 === 0) docs.push(Array.from({ length }, token)); // unrelated
    if (k % 211 === 0) docs.push([]); // no words
  }
  return docs;
}

test("wireCopyGroups: same groups as the definition on 1,000 near-copies (several seeds)", () => {
  for (const seed of [1, 2, 3]) {
    const docs = nearCopies(seed, 1_000);
    const got = wireCopyGroups(docs);
    assert.deepEqual(got, byDefinition(docs), `seed ${seed}`);
    assert.ok(
      got.groupCount > 4 && got.groupCount < docs.length / 2,
      `seed ${seed}: ${got.groupCount} groups`,
    );
  }
});

test("wireCopyGroups: a text republished more than 50 times is one group (it was never grouped)", () => {
  const text = Array.from({ length: 80 }, (_, i) => i);
  const docs = Array.from({ length: 60 }, (_, k) => [...text, 1_000 + k]);
  assert.deepEqual(wireCopyGroups(docs), { groupOf: new Array(60).fill(0), groupCount: 1 });
  assert.equal(previous(docs).groupCount, 60); // the cap at 50 owners per shingle
  // Verbatim copies (one shingle set) too, beside an unrelated article.
  const verbatim = [
    ...Array.from({ length: 1_000 }, () => text),
    Array.from({ length: 80 }, (_, i) => 500 + i),
  ];
  const groups = wireCopyGroups(verbatim);
  assert.equal(groups.groupCount, 2);
  assert.equal(groups.groupOf[1_000], 1);
});

test("wireCopyGroups: articles sharing one text beside lines of their own are judged alike", () => {
  // Shared prefixes of 10, 20 or 40 tokens, each article with a tail of its own: articles of one (prefix,
  // tail length) count alike against all others. Behind a 10-token prefix every tail is long (30 tokens),
  // so those articles are not copies of one another, until an article that is mostly the shared text
  // links them all; behind the longer prefixes tails are long or short (5 tokens), at random.
  const rnd = createRng(7);
  const base = Array.from({ length: 40 }, (_, i) => i);
  const docs: number[][] = [];
  for (let k = 0; k < 300; k++) {
    const prefix = [10, 20, 40][k % 3];
    const tail = prefix > 10 && rnd() < 0.5 ? 5 : 30;
    docs.push([...base.slice(0, prefix), ...Array.from({ length: tail }, (_, i) => 1_000 + k * 100 + i)]);
  }
  const separate = wireCopyGroups(docs);
  assert.deepEqual(separate, byDefinition(docs));
  assert.ok(separate.groupCount >= 100, `${separate.groupCount} groups`); // the 100 behind 10 tokens, apart
  docs.push(base.slice(0, 12));
  const bridged = wireCopyGroups(docs);
  assert.deepEqual(bridged, byDefinition(docs));
  assert.ok(bridged.groupCount < separate.groupCount - 90, `${bridged.groupCount} groups`);
});

test("wireCopyGroups: edge cases (no articles, short articles, exactly half shared)", () => {
  assert.deepEqual(wireCopyGroups([]), { groupOf: [], groupCount: 0 });
  // Fewer than five tokens: no shingle, never a copy, even of an identical short text.
  assert.deepEqual(wireCopyGroups([[1, 2, 3], [1, 2, 3], []]), { groupOf: [0, 1, 2], groupCount: 3 });
  // b shares exactly half of its 10 shingles with a: a copy (the threshold is inclusive).
  const a = Array.from({ length: 40 }, (_, i) => i);
  const b = [...a.slice(0, 9), ...Array.from({ length: 5 }, (_, i) => 100 + i)];
  assert.equal(shingles(b).length, 10);
  assert.deepEqual(wireCopyGroups([a, b]), byDefinition([a, b]));
  assert.equal(wireCopyGroups([a, b]).groupCount, 1);
  assert.equal(fromFeatures, wireCopyGroups); // the summarizer's features use this one
});

const shared = fileURLToPath(new URL("../../../shared/bench/", import.meta.url));
const DEV_SETS = ["multinews-dev.jsonl", "duc2006/test.jsonl", "duc2007-update/test.jsonl"];

test("wireCopyGroups: same groups as the definition and the previous implementation on the dev sets", {
  skip: DEV_SETS.every((f) => !existsSync(shared + f)) && "../shared/bench is not beside the repository",
}, () => {
  let clusters = 0;
  let grouped = 0;
  for (const file of DEV_SETS) {
    if (!existsSync(shared + file)) continue;
    for (const line of readFileSync(shared + file, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const { id, documents } = JSON.parse(line) as { id: string; documents: { text: string }[] };
      const vocabulary = new Vocabulary();
      const docs = documents.map((d) => vocabulary.tokenIds(d.text));
      const got = wireCopyGroups(docs);
      assert.deepEqual(got, previous(docs), `${file} ${id}`);
      assert.deepEqual(got, byDefinition(docs), `${file} ${id}`);
      clusters++;
      if (got.groupCount < docs.length) grouped++;
    }
  }
  assert.ok(clusters >= 150, `${clusters} clusters`);
  assert.ok(grouped > 0, "some dev clusters hold wire copies");
});
