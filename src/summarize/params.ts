// The summarizer's tunable parameters. Defaults come from models/summarizer.json, which
// `npm run train` (scripts/train.ts) fits on the development sets with cross-validation.
import model from "../../models/summarizer.json" with { type: "json" };

/** How sentences are chosen under the word budget. */
export type SelectionMethod = "greedy" | "exact";

export interface SummarizerParams {
  // 03-score: concept weights (Gillick & Favre 2009: a bigram is worth the sources that carry it).
  /** Weight bonus for a concept a source carries in its opening sentences (news puts key facts first). */
  earlyBonus: number;
  /** Sentence position at which the early bonus has fallen to 1/e. */
  earlyDecay: number;
  /**
   * A concept counts only if at least floor(share × source groups) groups carry it (ICSISumm's df ≥ 3
   * cut for big clusters: 0.15 keeps every concept up to 13 groups and asks df ≥ 3 of 25).
   */
  minDfShare: number;
  /** With three or more sources, the factor on a concept only one source carries (mostly its colour). */
  singleSourceFactor: number;
  /** How much the focus (a query) raises a concept, times its relevance (focus.ts: 1 for a focus word). */
  focusBoost: number;
  /** Query expansion (focus.ts): how many of the cluster's words nearest the focus words join the query. */
  focusNeighbours: number;
  /** Query expansion: a neighbour's relevance is this times its cosine to the nearest focus word (a focus word's is 1). */
  focusExpansion: number;
  /** Concepts weigh by the sources carrying them (off, an ablation: each counts once, at its best position). */
  crossSource: boolean;
  // 04-select
  /**
   * `greedy`: cost-scaled greedy (Lin & Bilmes 2010); `exact`: branch and bound over the coverage ILP
   * (ilp.ts), started from the greedy summary.
   */
  method: SelectionMethod;
  /** Weight of the position prior against concept coverage, in units of a mean concept's weight. */
  priorWeight: number;
  /** Cost exponent of greedy selection: gain / words^r (Lin & Bilmes 2010); r < 1 favours longer sentences. */
  lengthExponent: number;
  /** A candidate whose concepts are already this much covered says the same thing again: never taken. */
  redundancyMax: number;
  /** Sentences shorter than this many words are not selected (ICSI drops short ones). */
  minWords: number;
  /** Exact search: candidates it considers (the best by standalone value per word). */
  searchCandidates: number;
  /** Exact search: nodes it may visit before it settles for the best summary found. */
  searchNodes: number;
  // lead.ts
  /**
   * One edition: the main news source's position prior is raised by this factor minus one, and its
   * lead opens the roundup (0: off, as in the cut regime).
   */
  leadSourceBoost: number;
  /** Main source: the exponent on the mean sentence length of an article's opening (wire copy is terse). */
  leadSourceShortness: number;
  /** Main source: only in clusters of at most this many source groups. */
  leadSourceMaxGroups: number;
  // novelty.ts, only with `read` (update summarization): not in the model file, defaults there.
  /** Factor on a concept's weight per read article carrying it (DEFAULT_READ_DISCOUNT: 1, off). */
  readDiscount?: number;
  /** Jaccard with a read sentence at which a sentence restates it and is not taken (DEFAULT_READ_COPY_MAX). */
  readCopyMax?: number;
  /** Share of a sentence's content words the story's vocabulary must hold, or it is off the story (DEFAULT_READ_TOPIC_SHARE). */
  readTopicShare?: number;
  /** Read articles a word must occur in to be the story's vocabulary (DEFAULT_READ_TOPIC_DOCS). */
  readTopicDocs?: number;
}

export const MODEL_VERSION = 2;

/**
 * The two budget regimes, each with its own fitted parameters: `whole`, whole sentences within the
 * budget (a roundup as shown; Multi-News), and `cut`, overflow mode where the scorer cuts at the
 * budget (`--overflow`; the DUC protocols). They reward different selections: under a cut the last
 * sentence counts only up to the cut, and the budgets are small.
 */
export type Regime = "whole" | "cut";

/** The model file as trained: parameters per regime, and how they were fitted (`training`). */
export const MODEL = model;

/** The fitted defaults of each regime. */
export const DEFAULT_PARAMS: Readonly<Record<Regime, Readonly<SummarizerParams>>> = Object.freeze(
  checkModel(model),
);

/** The fitted defaults for a budget: with `overflow` the cut regime's, else the whole-sentence regime's. */
export function defaultParams(overflow: boolean): Readonly<SummarizerParams> {
  return DEFAULT_PARAMS[overflow ? "cut" : "whole"];
}

function checkModel(m: {
  version: number;
  params: Record<Regime, unknown>;
}): Record<Regime, SummarizerParams> {
  if (m.version !== MODEL_VERSION)
    throw new Error(`roundup: models/summarizer.json has version ${m.version}, expected ${MODEL_VERSION}`);
  return {
    whole: Object.freeze(m.params.whole) as SummarizerParams,
    cut: Object.freeze(m.params.cut) as SummarizerParams,
  };
}
