import { UsageError } from "../model/errors.ts";
import type { Article, Roundup, SummarizeOptions } from "../model/types.ts";
import { prepareArticles } from "./01-prepare.ts";
import { computeFeatures } from "./02-features.ts";
import { scoreConcepts } from "./03-score.ts";
import { selectSentences } from "./04-select.ts";
import { orderSentences } from "./05-order.ts";
import { MAX_ATTRIBUTIONS, renderRoundup } from "./06-render.ts";

/** Default summary length in words: Newser roundups run about 100–300 words; 250 is the Multi-News protocol. */
export const DEFAULT_SUMMARY_WORDS = 250;
/** In the fallback for texts with no regular sentence, the shortest text still worth showing. */
const MIN_FALLBACK_WORDS = 4;
/** Words one attribution adds (", the AP reports"), reserved from the budget. */
const ATTRIBUTION_WORDS = 3;

/**
 * Summarizes a cluster of articles about one story into a cited roundup.
 * Nothing to summarize (no articles, no usable sentence) gives a roundup with no sentences.
 */
export function summarize(articles: readonly Article[], options: SummarizeOptions = {}): Roundup {
  const words = options.words ?? DEFAULT_SUMMARY_WORDS;
  if (!Number.isInteger(words) || words < 1)
    throw new UsageError(
      `roundup: words must be a positive whole number, not ${JSON.stringify(options.words)}`,
    );
  const attribute = options.attribute ?? true;

  // Clean each text (boilerplate, mojibake, datelines) and split sentences, offsets kept.
  const prepared = prepareArticles(articles);
  // Stems, bigram concepts, wire-copy groups: what "several sources say it" is measured on.
  const features = computeFeatures(prepared);
  // Concept weights from cross-source support, position and the focus.
  const focus = options.focus
    ? new Set(features.vocabulary.tokenIds(options.focus).filter((t) => !features.vocabulary.stop[t]))
    : undefined;
  const scores = scoreConcepts(features, focus);
  // Budgeted coverage, with room kept for the attributions the render step adds.
  const outlets = new Set(prepared.map((a) => a.outlet).filter(Boolean)).size;
  const reserve = attribute ? ATTRIBUTION_WORDS * Math.min(outlets, MAX_ATTRIBUTIONS) : 0;
  const budget = Math.max(1, words - (words > 4 * reserve ? reserve : 0));
  const select = { words: budget, overflow: options.overflow ?? false };
  let selected = selectSentences(features, scores, select);
  if (selected.length === 0) {
    // Nothing passed the form filters (a short page, captions, run-ons): take what text there is
    // rather than nothing, so every real article gets a roundup.
    for (const s of features.sentences) {
      s.eligible = s.words >= MIN_FALLBACK_WORDS && s.words <= budget;
      s.dependent = false;
    }
    selected = selectSentences(features, scores, select);
  }
  // Story order, then attribution, citations and paragraphs.
  const runs = orderSentences(features, selected);
  return renderRoundup(prepared, features, runs, { attribute });
}

export { prepareArticles } from "./01-prepare.ts";
