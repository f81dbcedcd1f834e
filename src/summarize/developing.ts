/**
 * A developing story: articles written over several days, read in the order things happened.
 *
 * 1. Time: each article's day and time from `published`; an undated article takes the day of the
 *    article before it in arrival order (the input order), and — when the previous version of the
 *    roundup is known — an undated article it did not have is newer than every one it had. Articles of
 *    one day are one edition; within a day, by time where both articles have one, by arrival order where
 *    neither has (one timed and one not: neither is newer).
 *    A cluster spread over months is a collection, not a developing story (`DEVELOPING_WINDOW_DAYS`).
 * 2. Supersession (supersede.ts) runs on that order: an older statement a newer article revises is
 *    never selected.
 * 3. Lead: with more than one edition, the roundup opens with the newest edition's best sentence about
 *    what is new (concepts no older edition carries), then the rest of the new content, then the older
 *    context as background, by time (05-order.ts). With one edition nothing changes.
 * 4. `newSince`: a sentence whose content the previous version did not carry is marked new.
 * Pure: no clock, the dates come with the articles.
 */
import { dayNumber } from "../cluster/dates.ts";
import type { PreviousRoundup, Roundup } from "../model/types.ts";
import { porterStem } from "../text/porter.ts";
import { STOPWORDS } from "../text/stopwords.ts";
import { words as wordsOf } from "../text/tokens.ts";
import type { PreparedArticle } from "./01-prepare.ts";
import type { ClusterFeatures } from "./02-features.ts";
import type { ConceptScores } from "./03-score.ts";
import type { SummarizerParams } from "./params.ts";
import { figures, type Newer, scan, supersededSentences } from "./supersede.ts";

/** The story's timeline: editions (days) and which article is newer. */
export interface Timeline extends Newer {
  /** Edition of each article (by index in the cluster): 0 the oldest, `editions - 1` the newest. */
  edition: number[];
  editions: number;
}

/**
 * A developing story has at least half its dated articles within this many days of the newest one. A
 * cluster spread over months (DUC's topic collections: 45 days to four years) is a collection on a
 * topic, not one story's editions: it is read as one edition, and nothing in it supersedes anything.
 */
export const DEVELOPING_WINDOW_DAYS = 14;

/** A published date with a time of day ("2025-06-13T09:30", "2025-06-13 09:30"), not a bare date. */
const HAS_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/** Step 1: each article's edition, and the strict "newer than" order of two articles. */
export function buildTimeline(articles: readonly PreparedArticle[], previous?: PreviousRoundup): Timeline {
  const n = articles.length;
  const stamps = articles.map((a) => {
    const published = a.article.published?.trim();
    const at = published ? dayNumber(published) : undefined;
    return { at, timed: at !== undefined && HAS_TIME.test(published ?? "") };
  });
  const dated = stamps.flatMap((s) => (s.at === undefined ? [] : [s.at]));
  const newestAt = Math.max(...dated);
  const recent = dated.filter((at) => newestAt - at <= DEVELOPING_WINDOW_DAYS).length;
  if (recent * 2 < dated.length) return ONE_EDITION(n);
  // An undated article was written no earlier than the dated one before it (else: the first dated one).
  const firstDay = stamps.find((s) => s.at !== undefined)?.at;
  const day: number[] = [];
  let last = firstDay === undefined ? 0 : Math.floor(firstDay);
  for (const s of stamps) {
    if (s.at !== undefined) last = Math.floor(s.at);
    day.push(last);
  }
  // Undated articles the previous version did not have arrived after it was written.
  const had = previous ? new Set(previous.articleIds) : undefined;
  const batch = articles.map((a, k) => (had && stamps[k].at === undefined && !had.has(a.article.id) ? 1 : 0));
  const keys = day.map((d, k) => d * 2 + batch[k]);
  const distinct = [...new Set(keys)].sort((a, b) => a - b);
  const edition = keys.map((key) => distinct.indexOf(key));
  return {
    edition,
    editions: distinct.length,
    newer(a, b) {
      if (a === b || a >= n || b >= n) return false;
      if (edition[a] !== edition[b]) return edition[a] > edition[b];
      const x = stamps[a];
      const y = stamps[b];
      // Within a day: by the time where both have one, by arrival where neither has; else unknown.
      if (x.timed && y.timed) return x.at! > y.at!;
      return !x.timed && !y.timed && a > b;
    },
    daysApart(a, b) {
      const x = stamps[a].at;
      const y = stamps[b].at;
      return x === undefined || y === undefined ? undefined : Math.abs(x - y);
    },
  };
}

/** A collection, not a developing story: one edition, no article newer than another. */
const ONE_EDITION = (n: number): Timeline => ({
  edition: new Array<number>(n).fill(0),
  editions: 1,
  newer: () => false,
  daysApart: () => undefined,
});

/** What the developing-story steps decided for one cluster. */
export interface Development {
  timeline: Timeline;
  /** Superseded sentence → the newer sentence that supersedes it (global indexes). */
  superseded: Map<number, number>;
  /** The features with superseded sentences made ineligible: what selection may choose from. */
  selectable: ClusterFeatures;
}

/** Steps 1 and 2: the timeline, and the sentences newer articles supersede, taken out of selection. */
export function developStory(
  articles: readonly PreparedArticle[],
  features: ClusterFeatures,
  previous?: PreviousRoundup,
): Development {
  const timeline = buildTimeline(articles, previous);
  const superseded = supersededSentences(features, timeline);
  const selectable =
    superseded.size === 0
      ? features
      : {
          ...features,
          sentences: features.sentences.map((s, i) => (superseded.has(i) ? { ...s, eligible: false } : s)),
        };
  return { timeline, superseded, selectable };
}

/** Whether each concept occurs in a sentence of an edition older than the newest. */
function olderConcepts(f: ClusterFeatures, t: Timeline): Uint8Array {
  const older = new Uint8Array(f.conceptCount);
  const newest = t.editions - 1;
  for (const s of f.sentences) if (t.edition[s.doc] < newest) for (const c of s.concepts) older[c] = 1;
  return older;
}

/** A sentence is news when at least this share of its concepts no older edition carries. */
export const NEWS_SHARE = 0.5;

/** How the roundup of a developing story is laid out: its lead, and which sentences are news. */
export interface StoryLayout {
  /** The lead: the newest edition's best sentence about what is new. */
  lead: number;
  /** The selection did not hold the lead: select again with it (`SelectOptions.seed`). */
  forced: boolean;
  /** Edition of each article. */
  edition: readonly number[];
  /** Whether a sentence is news: the newest edition's, mostly new concepts, or it supersedes an older one. */
  news(i: number): boolean;
}

/**
 * Step 3: the lead of a developing story, or undefined with one edition (or nothing new to lead with).
 * A candidate is a sentence of the newest edition that can open a roundup (eligible, not leaning on
 * the sentence before, within the budget) and carries a concept no older edition does. Its value is
 * what it says of the story (its concepts' weights) with the new concepts counted twice, plus the
 * position prior, per word^r as selection values sentences (Lin & Bilmes 2010 cost scaling). The best
 * candidate the selection already holds leads; only when it holds none is the best of all forced in.
 */
export function storyLayout(
  f: ClusterFeatures,
  scores: ConceptScores,
  d: Development,
  p: Pick<SummarizerParams, "priorWeight" | "lengthExponent" | "minWords">,
  words: number,
  selected: readonly number[],
): StoryLayout | undefined {
  const t = d.timeline;
  if (t.editions < 2) return undefined;
  const older = olderConcepts(f, t);
  const newest = t.editions - 1;
  const priorScale = p.priorWeight * scores.meanWeight;
  const value = (i: number): number => {
    const s = f.sentences[i];
    if (t.edition[s.doc] !== newest || !s.eligible || s.dependent) return 0;
    if (s.words < p.minWords || s.words > words) return 0;
    let all = 0;
    let fresh = 0;
    for (const c of s.concepts) {
      all += scores.weight[c];
      if (!older[c]) fresh += scores.weight[c];
    }
    if (fresh <= 0) return 0;
    return (all + fresh + priorScale * scores.prior[i]) / s.words ** p.lengthExponent;
  };
  const bestOf = (candidates: Iterable<number>): number | undefined => {
    let lead: number | undefined;
    let best = 0;
    for (const i of candidates) {
      const v = value(i);
      if (v > best || (v === best && v > 0 && lead !== undefined && i < lead)) {
        best = v;
        lead = i;
      }
    }
    return lead;
  };
  const held = bestOf(selected);
  const lead = held ?? bestOf(f.sentences.keys());
  if (lead === undefined) return undefined;
  const superseding = new Set(d.superseded.values());
  return {
    lead,
    forced: held === undefined,
    edition: t.edition,
    news(i) {
      const s = f.sentences[i];
      if (t.edition[s.doc] !== newest) return false;
      if (superseding.has(i)) return true;
      const fresh = s.concepts.reduce((n, c) => n + (older[c] ? 0 : 1), 0);
      return s.concepts.length > 0 && fresh / s.concepts.length >= NEWS_SHARE;
    },
  };
}

/** A sentence repeats the previous version when at least this share of its stem bigrams were in it. */
export const SEEN_SHARE = 0.5;

/**
 * Step 4: `newSince` on each sentence of the roundup (rendered from `order`, global indexes): new unless
 * the previous version cited the same source sentence, or carried most of its stem bigrams and every
 * figure it gives. A sentence that supersedes an older statement is always new.
 */
export function markNewSince(
  roundup: Roundup,
  f: ClusterFeatures,
  order: readonly number[],
  previous: PreviousRoundup,
  superseded: ReadonlyMap<number, number>,
): Roundup {
  const cited = new Set<string>();
  const seen = new Set<string>();
  const seenFigures = new Set<string>();
  for (const s of previous.roundup.sentences) {
    for (const c of s.citations) cited.add(`${c.articleId}:${c.start}:${c.end}`);
    for (const b of bigrams(s.text)) seen.add(b);
    for (const fig of figures(scan(s.text))) seenFigures.add(`${fig.key}=${fig.value}`);
  }
  const superseding = new Set(superseded.values());
  const isNew = (i: number): boolean => {
    const s = f.sentences[i].sentence;
    if (cited.has(`${s.articleId}:${s.start}:${s.end}`)) return false;
    if (superseding.has(i)) return true;
    const own = bigrams(s.text);
    const known = own.filter((b) => seen.has(b)).length;
    if (own.length === 0 || known / own.length < SEEN_SHARE) return true;
    return figures(scan(s.text)).some((fig) => !seenFigures.has(`${fig.key}=${fig.value}`));
  };
  return {
    ...roundup,
    sentences: roundup.sentences.map((s, k) => ({ ...s, newSince: isNew(order[k]) })),
  };
}

/** Distinct stem bigrams of a text, pairs of two stopwords left out (the summarizer's concepts). */
function bigrams(text: string): string[] {
  const ws = wordsOf(text);
  const out = new Set<string>();
  for (let k = 0; k + 1 < ws.length; k++) {
    if (STOPWORDS.has(ws[k]) && STOPWORDS.has(ws[k + 1])) continue;
    out.add(`${porterStem(ws[k])} ${porterStem(ws[k + 1])}`);
  }
  return [...out];
}
