import assert from "node:assert/strict";
import { test } from "node:test";
import { type EvalItem, withEarlierSubsets } from "../../src/evaluate/evaluate.ts";
import { parseClusterLine } from "../../src/ingest/json.ts";
import type { Article, Cluster } from "../../src/model/types.ts";

const article = (id: string): Article => ({ id, text: `The fictional Odle story, part ${id}.` });
const item = (id: string, topic?: string, subset?: string): EvalItem => ({
  cluster: { id, documents: [], ...(topic ? { topic } : {}), ...(subset ? { subset } : {}) } as Cluster,
  articles: [article(`${id}-1`), article(`${id}-2`)],
});

test("withEarlierSubsets gives each subset its topic's earlier subsets as read, in subset order", () => {
  const data = [
    item("T1-C", "T1", "C"),
    item("T1-A", "T1", "A"),
    item("T2-B", "T2", "B"),
    item("T1-B", "T1", "B"),
    item("X"),
  ];
  const out = withEarlierSubsets(data);
  const read = (id: string) => out.find((d) => d.cluster.id === id)?.read?.map((a) => a.id);
  assert.deepEqual(read("T1-A"), undefined);
  assert.deepEqual(read("T1-B"), ["T1-A-1", "T1-A-2"]);
  assert.deepEqual(read("T1-C"), ["T1-A-1", "T1-A-2", "T1-B-1", "T1-B-2"]);
  // First in its topic, or without topic and subset: as it was.
  assert.equal(out[2], data[2]);
  assert.equal(out[4], data[4]);
});

test("cluster lines keep their topic and subset", () => {
  const c = parseClusterLine(
    '{"id":"T1-B","topic":"T1","subset":"B","documents":[{"text":"x"}]}',
    "t.jsonl",
    1,
  );
  assert.equal(c.topic, "T1");
  assert.equal(c.subset, "B");
  const plain = parseClusterLine('{"id":"k","documents":[{"text":"x"}]}', "t.jsonl", 2);
  assert.equal("topic" in plain, false);
});
