import type { Sentence } from "../model/types.ts";
import { countWords, Vocabulary } from "../text/tokens.ts";
import type { PreparedArticle } from "./01-prepare.ts";
import { isDependent, isEligible } from "./form.ts";

/** Per-sentence features. `g` indexes are into `ClusterFeatures.sentences`. */
export interface SentenceFeatures {
  sentence: Sentence;
  /** Article index in the cluster. */
  doc: number;
  /** Sentence position in its article (0 = lead). */
  pos: number;
  words: number;
  /** Unique concept ids (content bigrams of stems). */
  concepts: number[];
  /** Unique content-word stem ids. */
  content: number[];
  /** Opens with a pronoun or connective that needs the sentence before it. */
  dependent: boolean;
  /** Can stand in a summary (length, form, not a duplicate). */
  eligible: boolean;
  /** Global index of the sentence before it in the same article, if any. */
  previous?: number;
}

export interface ClusterFeatures {
  vocabulary: Vocabulary;
  sentences: SentenceFeatures[];
  /** Source group of each article: wire copies of one text share a group. */
  groupOf: number[];
  groupCount: number;
  /** For each concept id, the groups it occurs in with its earliest sentence position there. */
  conceptGroups: Map<number, Map<number, number>>;
  /** The two stem ids of each concept. */
  conceptTokens: Array<[number, number]>;
}

/** Share of the smaller article's 5-word shingles two articles must share to count as wire copies. */
export const WIRE_COPY_OVERLAP = 0.5;
const SHINGLE = 5;

/** Tokens, concepts and wire-copy groups for a cluster. Linear in the size of the cluster. */
export function computeFeatures(articles: readonly PreparedArticle[]): ClusterFeatures {
  const vocabulary = new Vocabulary();
  const sentences: SentenceFeatures[] = [];
  const docTokens: number[][] = [];
  const conceptIds = new Map<number, number>();
  const conceptTokens: Array<[number, number]> = [];
  const seenText = new Map<string, number>();

  for (const a of articles) {
    const all: number[] = [];
    let previous: number | undefined;
    for (const s of a.sentences) {
      const tokens = vocabulary.tokenIds(s.text);
      for (const t of tokens) all.push(t);
      const concepts = new Set<number>();
      const content = new Set<number>();
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i];
        if (!vocabulary.stop[t]) content.add(t);
        if (i + 1 < tokens.length) {
          const u = tokens[i + 1];
          if (vocabulary.stop[t] && vocabulary.stop[u]) continue;
          const key = t * 4_194_304 + u;
          let id = conceptIds.get(key);
          if (id === undefined) {
            id = conceptIds.size;
            conceptIds.set(key, id);
            conceptTokens.push([t, u]);
          }
          concepts.add(id);
        }
      }
      const words = countWords(s.text);
      const norm = tokens.join(" ");
      const duplicate = seenText.has(norm);
      if (!duplicate) seenText.set(norm, sentences.length);
      sentences.push({
        sentence: s,
        doc: a.index,
        pos: s.index,
        words,
        concepts: [...concepts],
        content: [...content],
        dependent: isDependent(s.text),
        eligible: !duplicate && isEligible(s.text, words),
        previous,
      });
      previous = sentences.length - 1;
    }
    docTokens.push(all);
  }

  const { groupOf, groupCount } = wireCopyGroups(docTokens);
  const conceptGroups = new Map<number, Map<number, number>>();
  for (const f of sentences) {
    const g = groupOf[f.doc];
    for (const c of f.concepts) {
      let m = conceptGroups.get(c);
      if (!m) {
        m = new Map();
        conceptGroups.set(c, m);
      }
      const p = m.get(g);
      if (p === undefined || f.pos < p) m.set(g, f.pos);
    }
  }
  return { vocabulary, sentences, groupOf, groupCount, conceptGroups, conceptTokens };
}

/**
 * Groups articles that are copies of one text (wire copy republished under several names):
 * they count as one source of content. Union-find over shared 5-word shingles.
 */
export function wireCopyGroups(docTokens: readonly number[][]): { groupOf: number[]; groupCount: number } {
  const n = docTokens.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const owners = new Map<string, number[]>();
  const sizes: number[] = [];
  for (let d = 0; d < n; d++) {
    const toks = docTokens[d];
    const mine = new Set<string>();
    for (let i = 0; i + SHINGLE <= toks.length; i++) mine.add(toks.slice(i, i + SHINGLE).join(","));
    sizes.push(mine.size);
    for (const sh of mine) {
      const list = owners.get(sh);
      if (list) list.push(d);
      else owners.set(sh, [d]);
    }
  }
  const shared = new Map<number, number>();
  for (const list of owners.values()) {
    if (list.length < 2 || list.length > 50) continue;
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const key = list[i] * n + list[j];
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  }
  for (const [key, count] of shared) {
    const i = Math.floor(key / n);
    const j = key % n;
    const smaller = Math.min(sizes[i], sizes[j]);
    if (smaller > 0 && count / smaller >= WIRE_COPY_OVERLAP) parent[find(j)] = find(i);
  }
  const groupIds = new Map<number, number>();
  const groupOf = new Array<number>(n);
  for (let d = 0; d < n; d++) {
    const r = find(d);
    let g = groupIds.get(r);
    if (g === undefined) {
      g = groupIds.size;
      groupIds.set(r, g);
    }
    groupOf[d] = g;
  }
  return { groupOf, groupCount: groupIds.size };
}
