/**
 * Lead with the news: in a cluster told in one edition, the roundup opens with the main news story's
 * lead and follows that story, as a Newser editor summarizes the hard-news (wire) article first and
 * fills in from the others.
 *
 * 1. Main source: the article whose lead (its first sentence that can open a roundup) says the most
 *    of what the cluster says per word (its concepts' weights / words), over the mean length of its
 *    opening sentences raised to `leadSourceShortness`: a hard-news lead states the event the sources
 *    share in one sentence, and wire copy is written in short sentences; a feature's scene-setter or
 *    analysis line is long and says it in its own words.
 * 2. Its sentences' position prior is raised by the factor 1 + `leadSourceBoost`: its early sentences
 *    (the who, what and when, in short wire paragraphs) win over a feature's long ones.
 * 3. Its lead opens the roundup: the lead of a one-edition layout (developing.ts's mechanism, forced
 *    in through `SelectOptions.seed` when the selection does not hold it).
 * Only with at most `leadSourceMaxGroups` sources (wire copies count once): with two, one is the news
 * and the other its colour; with more, no one article is the story. Off (`leadSourceBoost` 0, the cut
 * regime's fit) and with one source it changes nothing.
 * Pure: reads the features and the concept scores, returns new scores.
 */
import type { ClusterFeatures } from "./02-features.ts";
import type { ConceptScores } from "./03-score.ts";
import type { StoryLayout } from "./developing.ts";
import type { SummarizerParams } from "./params.ts";

/** A lead is among an article's first this many sentences (past the headline line and a stray caption). */
export const LEAD_WITHIN = 3;
/** An article's opening, whose mean sentence length tells wire copy from a feature: its first sentences. */
export const OPENING_SENTENCES = 12;

export type LeadParams = Pick<
  SummarizerParams,
  "leadSourceBoost" | "leadSourceShortness" | "leadSourceMaxGroups" | "minWords"
>;

/** The main source and its lead (global sentence index). */
export interface MainSource {
  doc: number;
  lead: number;
}

/** Step 1: the article whose lead carries most concept weight per word, or undefined (off, one article). */
export function mainSource(
  f: ClusterFeatures,
  scores: ConceptScores,
  p: LeadParams,
  words: number,
): MainSource | undefined {
  if (p.leadSourceBoost <= 0 || f.groupCount > p.leadSourceMaxGroups) return undefined;
  const leads = new Map<number, number>();
  const opening = new Map<number, { sentences: number; words: number }>();
  f.sentences.forEach((s, i) => {
    if (s.pos < OPENING_SENTENCES) {
      const o = opening.get(s.doc) ?? { sentences: 0, words: 0 };
      o.sentences++;
      o.words += s.words;
      opening.set(s.doc, o);
    }
    if (leads.has(s.doc) || s.pos >= LEAD_WITHIN) return;
    if (s.eligible && !s.dependent && s.words >= p.minWords && s.words <= words) leads.set(s.doc, i);
  });
  if (leads.size < 2) return undefined;
  let best: MainSource | undefined;
  let bestValue = 0;
  for (const [doc, lead] of leads) {
    const s = f.sentences[lead];
    const o = opening.get(doc)!;
    const value =
      s.concepts.reduce((n, c) => n + scores.weight[c], 0) /
      s.words /
      (o.words / o.sentences) ** p.leadSourceShortness;
    if (value > bestValue) {
      bestValue = value;
      best = { doc, lead };
    }
  }
  return best;
}

/** Step 2: the concept scores with the main source's position prior raised. */
export function raiseMainSource(
  f: ClusterFeatures,
  scores: ConceptScores,
  main: MainSource,
  p: LeadParams,
): ConceptScores {
  const prior = Float64Array.from(scores.prior);
  const factor = 1 + p.leadSourceBoost;
  f.sentences.forEach((s, i) => {
    if (s.doc === main.doc) prior[i] *= factor;
  });
  return { ...scores, prior };
}

/** Step 3: the one-edition layout: the main source's lead first, then the rest in story order. */
export function newsLeadLayout(
  f: ClusterFeatures,
  main: MainSource,
  selected: readonly number[],
): StoryLayout {
  return {
    lead: main.lead,
    forced: !selected.includes(main.lead),
    edition: new Array<number>(f.groupOf.length).fill(0),
    news: () => true,
  };
}
