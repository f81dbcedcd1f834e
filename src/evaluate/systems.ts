import type { Article, Cluster } from "../model/types.ts";
import { prepareArticles } from "../summarize/01-prepare.ts";
import { summarize } from "../summarize/index.ts";
import type { WordVectors } from "../text/embeddings.ts";
import { countWords } from "../text/tokens.ts";
import { encodeTokens, ngramHitsUpTo, prepareReferences } from "./rouge.ts";

/** The systems `roundup eval` can run itself. External summaries come in through `--summaries`. */
export const SYSTEMS = ["roundup", "lead", "lead-each", "oracle"] as const;
export type SystemName = (typeof SYSTEMS)[number];

export interface SystemOptions {
  /** Word budget. */
  words: number;
  /** Let the last sentence run past the budget (the scorer cuts). */
  overflow: boolean;
  focus?: string;
  /** Word vectors that expand the focus (`SummarizeOptions.wordVectors`). */
  wordVectors?: WordVectors;
  /** Articles the reader has already read (update summarization); the baselines and the oracle ignore them. */
  read?: readonly Article[];
  /** Reference summaries, one string per reference, sentences separated by "\n" (the oracle needs them). */
  references?: readonly string[];
  /** ROUGE flags the oracle optimises under (its tokenization and stemming). */
  rougeFlags?: string;
}

/** Runs one system on one cluster's articles; returns the summary as a list of sentences. */
export function runSystem(name: SystemName, articles: readonly Article[], options: SystemOptions): string[] {
  switch (name) {
    case "roundup":
      return summarize(articles, {
        words: options.words,
        overflow: options.overflow,
        ...(options.focus ? { focus: options.focus, wordVectors: options.wordVectors } : {}),
        ...(options.read?.length ? { read: options.read } : {}),
      }).sentences.map((s) => s.text);
    case "lead":
      return fill(documentSentences(articles.slice(0, 1)).flat(), options);
    case "lead-each":
      return fill(interleave(documentSentences(articles)), options);
    case "oracle":
      return oracle(articles, options);
  }
}

/** Each article's cleaned sentences in order (what every baseline picks from). */
function documentSentences(articles: readonly Article[]): string[][] {
  return prepareArticles(articles).map((a) => a.sentences.map((s) => s.text));
}

/** First sentence of each document in turn, then the second of each, and so on. */
function interleave(docs: readonly string[][]): string[] {
  const out: string[] = [];
  const longest = Math.max(0, ...docs.map((d) => d.length));
  for (let i = 0; i < longest; i++) for (const d of docs) if (i < d.length) out.push(d[i]);
  return out;
}

/** Takes sentences in order while they fit the budget (with overflow, the last may run past it). */
function fill(sentences: readonly string[], { words, overflow }: SystemOptions): string[] {
  const out: string[] = [];
  let used = 0;
  for (const s of sentences) {
    const n = countWords(s);
    if (used + n > words) {
      if (overflow && used < words) out.push(s);
      if (overflow) break;
      continue;
    }
    out.push(s);
    used += n;
    if (used >= words) break;
  }
  return out;
}

/**
 * The extractive ceiling: greedily add the source sentence that most raises ROUGE-2 recall against the
 * references (ties: higher ROUGE-1), until the budget is spent or nothing helps. Summary in source order.
 */
function oracle(articles: readonly Article[], options: SystemOptions): string[] {
  const refs = options.references ?? [];
  if (refs.length === 0) throw new Error("oracle: the cluster has no references to select against");
  const prepared = prepareReferences(
    refs.map((r) => r.split("\n")),
    { maxN: 2, stem: /(^|\s)-m(\s|$)/.test(options.rougeFlags ?? "-m") },
  );
  const pool = documentSentences(articles).flat();
  const tokens = pool.map((s) => encodeTokens(prepared, s));
  const lengths = pool.map((s) => countWords(s));
  const chosen: number[] = [];
  const taken = new Uint8Array(pool.length);
  let current: Int32Array = new Int32Array(0);
  let best2 = 0;
  let best1 = 0;
  let used = 0;
  for (;;) {
    // A candidate must raise ROUGE-2 recall, or keep it and raise ROUGE-1.
    let pick = -1;
    let pick2 = best2;
    let pick1 = best1;
    for (let i = 0; i < pool.length; i++) {
      if (taken[i]) continue;
      if (used + lengths[i] > options.words && !(options.overflow && used < options.words)) continue;
      const joined = append(current, tokens[i]);
      const [{ hit: r1 }, { hit: r2 }] = ngramHitsUpTo(prepared, joined, 2);
      if (r2 > pick2 || (r2 === pick2 && r1 > pick1)) {
        pick = i;
        pick2 = r2;
        pick1 = r1;
      }
    }
    if (pick < 0) break;
    chosen.push(pick);
    taken[pick] = 1;
    current = append(current, tokens[pick]);
    best2 = pick2;
    best1 = pick1;
    used += lengths[pick];
    if (used >= options.words) break;
  }
  return chosen.sort((a, b) => a - b).map((i) => pool[i]);
}

/** Token sequence of a summary plus one more sentence; a -1 separator (matches nothing) stops bigrams across the boundary. */
function append(current: Int32Array, sentence: Int32Array): Int32Array {
  const joined = new Int32Array(current.length + 1 + sentence.length);
  joined.set(current);
  joined[current.length] = -1;
  joined.set(sentence, current.length + 1);
  return joined;
}

/** The focus text of a cluster's query (title and narrative), for `--focus-from-query`. */
export function queryFocus(cluster: Cluster): string | undefined {
  const q = cluster.query;
  if (!q) return undefined;
  const text = [q.title, q.narrative].filter(Boolean).join(". ");
  return text || undefined;
}
