import type { Article } from "../model/types.ts";
import { prepareArticles } from "./01-prepare.ts";
import { type ClusterFeatures, conceptIndex, type SentenceFeatures } from "./02-features.ts";
import type { ConceptScores } from "./03-score.ts";
import { PairIndex } from "./pairs.ts";
import type { SummarizerParams } from "./params.ts";

// Update summarization (DUC 2007 update task, TAC 2008–2009): the reader has already read some earlier
// articles of the story (`SummarizeOptions.read`); the roundup of the new ones should tell them what
// those did not, and stay on the story they have been following ("information novelty and topic
// continuity", Zhang et al., TAC 2009). Published systems did the novelty half on the concept weights
// (ICSI, Gillick et al. 2008: discount the earlier set's concepts) or against earlier sentences (MMR
// against the earlier set, Boudin et al. 2008; Wan's manifold ranking, 2008). Measured on DUC 2007 B and
// C (bench/RESULTS.md), discounting concepts costs ROUGE: the update references keep naming the story's
// standing facts, and the more earlier articles carry a bigram the likelier the references use it. So
// the novelty here is at the sentence level (a sentence that restates one the reader has read is not
// taken) and the earlier articles also say what the story is about (a sentence off that story is not
// taken); the concept discount is there, off by default.

/** Factor on a concept's weight per read article carrying it (1: off; measured to cost ROUGE on DUC 2007 B/C). */
export const DEFAULT_READ_DISCOUNT = 1;
/**
 * A sentence sharing at least this share of its bigrams (Jaccard) with one read sentence restates it:
 * not selected. 0.6 is chosen by leave-one-topic-out cross-validation on DUC 2007 B and C (bench).
 */
export const DEFAULT_READ_COPY_MAX = 0.6;
/**
 * Topic continuity: a sentence of at least `MIN_TOPIC_WORDS` content words needs this share of them to
 * be words the read articles use in at least `DEFAULT_READ_TOPIC_DOCS` articles (the story's
 * vocabulary), or it is off the story (the unrelated item in a wire digest): not selected.
 */
export const DEFAULT_READ_TOPIC_SHARE = 0.3;
/** In how many read articles a word must occur to count as the story's (with fewer, every word of theirs counts). */
export const DEFAULT_READ_TOPIC_DOCS = 3;
/** Sentences with fewer distinct content words are not judged off the story (too little evidence). */
const MIN_TOPIC_WORDS = 4;

export type NoveltyParams = Pick<
  SummarizerParams,
  "readDiscount" | "readCopyMax" | "readTopicShare" | "readTopicDocs"
>;

/** What the read articles are, measured on the update cluster's vocabulary and concepts. */
export interface ReadProfile {
  /** For each concept of the cluster, how many read articles carry it. */
  carry: Int32Array;
  /** For each content stem the read articles use, in how many of them. */
  stemDocs: Map<number, number>;
  /** Each read sentence: its distinct bigram count, and which of the cluster's concepts it has. */
  sentences: Array<{ bigrams: number; concepts: number[] }>;
}

/** The read articles cleaned and split like the cluster's, their bigrams looked up among its concepts. */
export function readProfile(f: ClusterFeatures, read: readonly Article[]): ReadProfile {
  const carry = new Int32Array(f.conceptCount);
  const stemDocs = new Map<number, number>();
  const sentences: ReadProfile["sentences"] = [];
  const index = new PairIndex();
  for (let c = 0; c < f.conceptCount; c++) index.set(f.conceptFirst[c], f.conceptSecond[c], c);
  const conceptStamp = new Int32Array(f.conceptCount).fill(-1);
  const stemStamp = new Map<number, number>();
  const v = f.vocabulary;
  prepareArticles(read).forEach((a, d) => {
    for (const s of a.sentences) {
      const tokens = v.tokenIds(s.text);
      for (const t of tokens) {
        if (v.stop[t] || stemStamp.get(t) === d) continue;
        stemStamp.set(t, d);
        stemDocs.set(t, (stemDocs.get(t) ?? 0) + 1);
      }
      // Distinct bigrams of the sentence (also those the cluster lacks: they count in the Jaccard).
      const seen = new PairIndex();
      const concepts: number[] = [];
      let bigrams = 0;
      for (let i = 0; i + 1 < tokens.length; i++) {
        const t = tokens[i];
        const u = tokens[i + 1];
        if ((v.stop[t] && v.stop[u]) || seen.get(t, u) >= 0) continue;
        seen.set(t, u, 0);
        bigrams++;
        const c = index.get(t, u);
        if (c < 0) continue;
        concepts.push(c);
        if (conceptStamp[c] === d) continue;
        conceptStamp[c] = d;
        carry[c]++;
      }
      sentences.push({ bigrams, concepts });
    }
  });
  return { carry, stemDocs, sentences };
}

/** The scores and the features selection runs on, after the novelty stage. */
export interface Novelty {
  scores: ConceptScores;
  /** The cluster's features, with the sentences that only repeat the read articles or leave their story ineligible. */
  selectable: ClusterFeatures;
}

/**
 * Concept weights and eligible sentences for a reader who has read `read`. Pure: new scores and a
 * shallow copy of the features, the inputs unchanged (the vocabulary learns the read articles' words,
 * which no concept of the cluster uses).
 */
export function noveltyStage(
  f: ClusterFeatures,
  scores: ConceptScores,
  read: readonly Article[],
  p: Partial<NoveltyParams>,
): Novelty {
  const discount = p.readDiscount ?? DEFAULT_READ_DISCOUNT;
  const copyMax = p.readCopyMax ?? DEFAULT_READ_COPY_MAX;
  const topicShare = p.readTopicShare ?? DEFAULT_READ_TOPIC_SHARE;
  const topicDocs = Math.min(p.readTopicDocs ?? DEFAULT_READ_TOPIC_DOCS, read.length);
  const profile = readProfile(f, read);
  // 1. A concept the reader has seen in k read articles is worth discount^k of its weight (ICSI's
  //    discount of the earlier set's concepts, Gillick et al. 2008). The position prior keeps its scale.
  let weight = scores.weight;
  if (discount !== 1) {
    weight = new Float64Array(scores.weight.length);
    for (let c = 0; c < weight.length; c++) weight[c] = scores.weight[c] * discount ** profile.carry[c];
  }
  // 2. A sentence that restates one the reader has read is no news (MMR against the earlier set,
  //    Boudin et al. 2008, as a hard cap), and 3. a sentence off the story they have been following
  //    (topic continuity) is not taken either.
  const restates = copyMax < 1 ? restatements(f, profile, copyMax) : undefined;
  const v = f.vocabulary;
  const offStory = (s: SentenceFeatures): boolean => {
    if (topicShare <= 0) return false;
    const words = new Set(v.tokenIds(s.sentence.text).filter((t) => !v.stop[t]));
    if (words.size < MIN_TOPIC_WORDS) return false;
    let story = 0;
    for (const t of words) if ((profile.stemDocs.get(t) ?? 0) >= topicDocs) story++;
    return story / words.size < topicShare;
  };
  let changed = false;
  const sentences = f.sentences.map((s, i) => {
    if (!s.eligible || !(restates?.[i] || offStory(s))) return s;
    changed = true;
    return { ...s, eligible: false };
  });
  return {
    scores: weight === scores.weight ? scores : { ...scores, weight },
    selectable: changed ? { ...f, sentences } : f,
  };
}

/**
 * Which sentences of the cluster share at least `max` of their bigrams (Jaccard) with one read
 * sentence: candidates found through the concepts they share (an inverted index), so only sentences
 * with something in common are compared.
 */
function restatements(f: ClusterFeatures, profile: ReadProfile, max: number): Uint8Array {
  const out = new Uint8Array(f.sentences.length);
  const byConcept = conceptIndex(profile.sentences);
  const shared = new Map<number, number>();
  f.sentences.forEach((s, i) => {
    if (!s.eligible || s.concepts.length === 0) return;
    shared.clear();
    for (const c of s.concepts)
      for (const j of byConcept.get(c) ?? []) shared.set(j, (shared.get(j) ?? 0) + 1);
    for (const [j, both] of shared)
      if (both / (s.concepts.length + profile.sentences[j].bigrams - both) >= max) {
        out[i] = 1;
        return;
      }
  });
  return out;
}
