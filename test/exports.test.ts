// Pins the public API: a change here is a change users see.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as roundup from "../src/index.ts";

test("public exports", () => {
  assert.deepEqual(Object.keys(roundup).sort(), [
    "DEFAULT_SUMMARY_WORDS",
    "InputError",
    "MAX_INPUT_BYTES",
    "SYSTEMS",
    "SummaryPool",
    "SummaryWorkerError",
    "UsageError",
    "articleId",
    "cleanArticle",
    "clusterToArticles",
    "decodeBytes",
    "evaluate",
    "formatJson",
    "formatMarkdown",
    "formatRoundup",
    "formatText",
    "makeProtocol",
    "parseRougeFlags",
    "prepareReferences",
    "readArticles",
    "readClusterLines",
    "repairMojibake",
    "rouge",
    "runSystem",
    "scorePrepared",
    "sentenceId",
    "shortHash",
    "splitSentences",
    "splitSentencesWithParagraphs",
    "summarize",
  ]);
});

test("summarize: nothing to summarize is an empty roundup, not an exception", () => {
  const r = roundup.summarize([]);
  assert.deepEqual(r.sentences, []);
  assert.equal(r.words, 0);
  assert.throws(() => roundup.summarize([], { words: 0 }), /words must be a positive whole number, not 0/);
});
