import { UsageError } from "../model/errors.ts";
import type { Article, Roundup, SummarizeOptions } from "../model/types.ts";
import { type PreparedArticle, prepareArticles } from "./01-prepare.ts";
import { type ClusterFeatures, computeFeatures, cutForm } from "./02-features.ts";
import { scoreConcepts } from "./03-score.ts";
import { selectSentences } from "./04-select.ts";
import { orderSentences } from "./05-order.ts";
import { MAX_ATTRIBUTIONS, renderRoundup } from "./06-render.ts";
import { DEFAULT_SUMMARY_WORDS } from "./defaults.ts";
import { developStory, markNewSince, storyLayout } from "./developing.ts";
import { focusRelevance, focusSentence } from "./focus.ts";
import { mainSource, newsLeadLayout, raiseMainSource } from "./lead.ts";
import { noveltyStage } from "./novelty.ts";
import { defaultParams, type SummarizerParams } from "./params.ts";

export { DEFAULT_SUMMARY_WORDS };

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
  const focus = options.focus ? focusRelevance(features, options.focus, p, options.wordVectors) : undefined;
  const scored = scoreConcepts(features, p, focus);
  // Update summarization: what the reader has read is worth less, what only repeats it is not taken.
  // Under a word cut, sentences take their cut form: without the reference rules (form.ts, `sentenceForm`).
  const base = overflow ? cutForm(features) : features;
  const { scores, selectable } = options.read?.length
    ? noveltyStage(base, scored, options.read, p)
    : { scores: scored, selectable: base };
  // Budgeted coverage, with room kept for the attributions the render step adds.
  const outlets = new Set(prepared.map((a) => a.outlet).filter(Boolean)).size;
  const reserve = attribute ? ATTRIBUTION_WORDS * Math.min(outlets, MAX_ATTRIBUTIONS) : 0;
  const budget = Math.max(1, words - (words > 4 * reserve ? reserve : 0));
  // A developing story: its timeline, and the older statements newer articles revise, which are not taken.
  const story = developStory(prepared, selectable, options.previous);
  // Told in one edition, it follows the main news story, whose lead says what happened (lead.ts).
  const main = story.timeline.editions < 2 ? mainSource(story.selectable, scores, p, budget) : undefined;
  const ranked = main ? raiseMainSource(story.selectable, scores, main, p) : scores;
  let selected = selectSentences(story.selectable, ranked, { words: budget, overflow }, p);
  // Told over several days, it leads with the newest development; in one edition, with the main
  // story's lead: the selection must hold it.
  const layout =
    storyLayout(story.selectable, ranked, story, p, budget, selected) ??
    (main ? newsLeadLayout(story.selectable, main, selected) : undefined);
  // A whole-sentence roundup with a focus holds the sentence that answers it best (focus.ts).
  const answer =
    focus && !overflow
      ? focusSentence(story.selectable, focus, ranked.weight, budget, p.minWords)
      : undefined;
  const fresh = answer !== undefined && !selected.includes(answer);
  if (layout?.forced || fresh) {
    const seed = [...(layout ? [layout.lead] : []), ...(fresh ? [answer] : [])];
    selected = selectSentences(story.selectable, ranked, { words: budget, overflow, seed }, p);
  }
  // Nothing passed the form filters (a short page, captions, run-ons): take what text there is
  // rather than nothing, so every real article gets a roundup.
  if (selected.length === 0)
    selected = selectSentences(
      features,
      ranked,
      { words: budget, overflow, fallbackWords: MIN_FALLBACK_WORDS },
      p,
    );
  // Story order (with overflow, the sentence the cut falls in last), then attribution, citations, paragraphs.
  const used = selected.reduce((n, i) => n + features.sentences[i].words, 0);
  const runs = orderSentences(features, selected, overflow && used > budget, layout);
  // A whole-sentence budget also bounds what full names may add; under a cut the scorer trims the end.
  const roundup = renderRoundup(prepared, features, runs, { attribute, ...(overflow ? {} : { words }) });
  // What is new since the story's previous version, sentence by sentence.
  return options.previous
    ? markNewSince(roundup, features, runs.flat(), options.previous, story.superseded)
    : roundup;
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
