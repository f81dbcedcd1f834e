import assert from "node:assert/strict";
import { test } from "node:test";
import { disjointSets } from "../../src/util/disjoint-sets.ts";

test("disjointSets: unions are transitive and a set is named by its smallest member", () => {
  const { find, union } = disjointSets(6);
  union(4, 2);
  union(5, 4);
  union(1, 3);
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(find), [0, 1, 2, 1, 2, 2]);
  union(3, 5);
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(find), [0, 1, 1, 1, 1, 1]);
});
