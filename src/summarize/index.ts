import { UsageError } from "../model/errors.ts";
import type { Article, Roundup, SummarizeOptions } from "../model/types.ts";
import { type PreparedArticle, prepareArticles } from "./01-prepare.ts";
import { type ClusterFeatures, computeFeatures } from "./02-features.ts";
import { scoreConcepts } from "./03-score.ts";
import { selectSentences } from "./04-select.ts";
import { orderSentences } from "./05-order.ts";
import { MAX_ATTRIBUTIONS, renderRoundup } from "./06-render.ts";
import { defaultParams, type SummarizerParams } from "./params.ts";

/** Default summary length in words: Newser roundups run about 100–300 words; 250 is the Multi-News protocol. */
export const DEFAULT_SUMMARY_WORDS = 250;
/** In the fallback for texts with no regular sentence, the shortest text still worth showing. */
const MIN_FALLBACK_WORDS = 4;
/** Words one attribution adds (", the AP reports"), reserved from the budget. */
const ATTRIBUTION_WORDS = 3;

/**
 * Summarizes a cluster of articles about one story into a cited roundup.
 * Nothing to summarize (no articles, no usable sentence) gives a roundup with no sentences.
 * `params` (internal: training and ablations) overrides the fitted defaults of models/summarizer.json
 * for the budget's regime.
 */
export function summarize(
  articles: readonly Article[],
  options: SummarizeOptions = {},
  params: Partial<SummarizerParams> = {},
): Roundup {
  checkWords(options);
  // Clean each text (boilerplate, mojibake, datelines) and split sentences, offsets kept.
  const prepared = prepareArticles(articles);
  // Stems, bigram concepts, wire-copy groups: what "several sources say it" is measured on.
  const features = computeFeatures(prepared);
  return summarizeFeatures(prepared, features, options, params);
}

/** The steps after features, on features computed once (training runs many parameter settings on them). */
export function summarizeFeatures(
  prepared: readonly PreparedArticle[],
  features: ClusterFeatures,
  options: SummarizeOptions = {},
  params: Partial<SummarizerParams> = {},
): Roundup {
  const words = checkWords(options);
  const attribute = options.attribute ?? true;
  const overflow = options.overflow ?? false;
  // Whole-sentence and cut budgets each have their own fitted parameters (params.ts).
  const p: SummarizerParams = { ...defaultParams(overflow), ...params };
  // Concept weights from cross-source support, position and the focus.
  const focus = options.focus ? focusStems(features, options.focus) : undefined;
  const scores = scoreConcepts(features, p, focus);
  // Budgeted coverage, with room kept for the attributions the render step adds.
  const outlets = new Set(prepared.map((a) => a.outlet).filter(Boolean)).size;
  const reserve = attribute ? ATTRIBUTION_WORDS * Math.min(outlets, MAX_ATTRIBUTIONS) : 0;
  const budget = Math.max(1, words - (words > 4 * reserve ? reserve : 0));
  let selected = selectSentences(features, scores, { words: budget, overflow }, p);
  // Nothing passed the form filters (a short page, captions, run-ons): take what text there is
  // rather than nothing, so every real article gets a roundup.
  if (selected.length === 0)
    selected = selectSentences(
      features,
      scores,
      { words: budget, overflow, fallbackWords: MIN_FALLBACK_WORDS },
      p,
    );
  // Story order (with overflow, the sentence the cut falls in last), then attribution, citations, paragraphs.
  const used = selected.reduce((n, i) => n + features.sentences[i].words, 0);
  const runs = orderSentences(features, selected, overflow && used > budget);
  // A whole-sentence budget also bounds what full names may add; under a cut the scorer trims the end.
  return renderRoundup(prepared, features, runs, { attribute, ...(overflow ? {} : { words }) });
}

/**
 * Words of a question or task statement that say what to do, not what about ("Describe …", "Include
 * information regarding …"): they match nothing the story is about.
 */
const FOCUS_INSTRUCTIONS = new Set(
  `discuss describe include including information regarding identify explain specify provide give list
mention detail details report reported press ask asked question questions aspect aspects issue issues
kind kinds type types example examples various relevant concerning related involved happen happened
occur occurred take taken make made know known find found`.split(/\s+/),
);

/** Content stems of the focus text, instruction words left out. */
function focusStems(features: ClusterFeatures, focus: string): Set<number> {
  const words = focus.split(/[^\p{L}\p{N}]+/u).filter((w) => w && !FOCUS_INSTRUCTIONS.has(w.toLowerCase()));
  const v = features.vocabulary;
  return new Set(v.tokenIds(words.join(" ")).filter((t) => !v.stop[t]));
}

function checkWords(options: SummarizeOptions): number {
  const words = options.words ?? DEFAULT_SUMMARY_WORDS;
  if (!Number.isInteger(words) || words < 1)
    throw new UsageError(
      `roundup: words must be a positive whole number, not ${JSON.stringify(options.words)}`,
    );
  return words;
}

export { prepareArticles } from "./01-prepare.ts";
