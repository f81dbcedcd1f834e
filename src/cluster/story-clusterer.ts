/**
 * StoryClusterer: online, incremental story detection at two levels (single-pass clustering in the TDT
 * tradition, Allan et al. 1998, "On-line new event detection and tracking"; Yang, Pierce & Carbonell 1998;
 * the story/topic split of Google News' story clusters and of Miranda et al. 2018, "Multilingual
 * Clustering of Streaming News"):
 * - a **story** is one event and its follow-ups: every article belongs to one;
 * - a **topic** groups related stories (the peace process, a campaign): every story belongs to one, and a
 *   topic may hold a single story.
 *
 * For each arriving article:
 * 0. Boilerplate lines (share buttons, newsletter pitches, web-archive and platform notices) are dropped:
 *    the same notice on two unrelated pages is no evidence. An article left with fewer than
 *    `minFeatures` features is too thin to place and starts a story (and topic) nothing is matched against.
 * 1. Wire copy: the near-duplicate index (MinHash + LSH) finds an earlier article it copies; the copy
 *    joins that article's story and is not counted again in the centroids or the IDF.
 * 2. Vector: TF-IDF over stems and capitalised names, IDF from the stream so far (features.ts).
 * 3. Story candidates from the stories' inverted index (centroids.ts), scored exactly: cosine with the
 *    story centroid × a time factor on the story's span, at the story level's (short) time scale.
 * 4. Join the best story if its score reaches `joinThreshold`, else start a story named by the article id.
 * 5. A new story is placed in a topic the same way, one level up: its first article against the topic
 *    centroids (every article of every story in the topic) at the topic level's looser threshold and
 *    longer time scale; no topic close enough starts a topic named by the story's id. An article that
 *    joins a story adds its vector to the story's topic too.
 * 6. Merge: a story that grew is compared with its neighbours; one whose centroid is close (cosine ≥
 *    `mergeThreshold`, or ≥ `smallMergeThreshold` when either has at most `smallStory` articles) is the
 *    same story told twice, and is folded into the older one (fragments of a story that began as two,
 *    before the article that links them arrived). Topics merge the same way at `topicMergeThreshold`;
 *    the stories of a merged topic are reported in `retopiced`.
 *
 * Memory: a centroid keeps its `maxCentroidFeatures` heaviest features; `archiveBefore(date)` drops stories
 * with no article since `date` (and topics left with no live story), and every article older than `date`,
 * so live state is bounded by the window the caller keeps, however long a story runs. Story and topic ids
 * are the id of their first article and first story; output is deterministic.
 */
import { withoutBoilerplate } from "../clean/index.ts";
import { NearDuplicateIndex, type NearDuplicateOptions } from "../dedupe/index.ts";
import { cosine, type WordVectors } from "../text/embeddings.ts";
import { STOPWORDS } from "../text/stopwords.ts";
import { type Centroid, CentroidIndex } from "./centroids.ts";
import { dayNumber } from "./dates.ts";
import { type FeatureOptions, FeatureSpace, type SparseVector } from "./features.ts";
import {
  defaultPairModel,
  EVENT_TIME_SCALE_DAYS,
  type PairFeatures,
  type PairModel,
  pairProbability,
  SHORT_FEATURES,
} from "./pair-model.ts";

/**
 * Cosine (× time factor) from which an article joins a story. Tuned on the tuning half of the dev stream
 * (bench/DESK.md), mean B-cubed F1 over three arrival orders: 0.08 → 0.846, 0.10 → 0.866, 0.12 → 0.850,
 * 0.14 → 0.817 (with the other defaults). Low because a centroid of unit vectors on a broad story is
 * far from any one article; raise it for tighter, event-sized stories.
 */
export const DEFAULT_JOIN_THRESHOLD = 0.1;
/** Centroid cosine from which two stories are merged (0.3 and 0.5 tuned alike: merges are rare). */
export const DEFAULT_MERGE_THRESHOLD = 0.3;
/**
 * Days after which the time factor halves a score. The dev stream's gold stories (DUC topics) span up to
 * four years, so short scales hurt there (90 days: F1 −0.12; 365: −0.02); 730 costs 0.003 against no time
 * factor at all and still makes a months-old story need stronger evidence in a live desk.
 */
export const DEFAULT_TIME_SCALE_DAYS = 7;
/** Topic level: a new story joins a topic from this cosine (× the topic time factor). */
export const DEFAULT_TOPIC_JOIN_THRESHOLD = 0.1;
/** Topic level: two topics merge from this centroid cosine. */
export const DEFAULT_TOPIC_MERGE_THRESHOLD = 0.3;
/** Topic level: days after which the time factor halves a score (topics run for years). */
export const DEFAULT_TOPIC_TIME_SCALE_DAYS = 730;
/** Features a story centroid keeps (the heaviest), bounding memory and comparison cost. */
export const DEFAULT_MAX_CENTROID_FEATURES = 300;
/** Top centroid features under which a story is listed in the inverted index. */
export const DEFAULT_INDEXED_FEATURES = 30;
/** The article's heaviest features that look up candidate stories. */
export const DEFAULT_QUERY_FEATURES = 30;
/** Candidates (by partial dot product) scored exactly. */
export const DEFAULT_CANDIDATES = 10;
/**
 * A story of at most this many articles (with vectors) merges into a neighbour at
 * `DEFAULT_SMALL_MERGE_THRESHOLD`: an article that came before its story had formed started one of its
 * own, and the centroid of one or two articles is an article vector, so the join threshold's scale, not
 * the merge threshold's, is the right one. Tuned on the tuning half (mean F1 over three orders): size
 * 1–5 × threshold 0.12–0.22, best 2 and 0.15 (0.862 against 0.858 without).
 */
export const DEFAULT_SMALL_STORY = 2;
export const DEFAULT_SMALL_MERGE_THRESHOLD = 0.15;
/**
 * Distinct features below which an article is too thin to place: what is left of a page that was only a
 * notice ("Yes"). Kept low so that a feed item with a headline and one sentence is still placed; on the dev
 * stream 1, 8 and 15 score alike (every notice page there is empty once its boilerplate is gone).
 */
export const DEFAULT_MIN_FEATURES = 3;
/** Words of the lead that, with the headline, make an article's mean word vector. */
const MEANING_LEAD_WORDS = 60;
const WORD = /\p{L}[\p{L}'’-]*/gu;

/**
 * An article's mean word vector: its headline's words (twice) and its lead's, stopwords and words under
 * three letters left out: what it is about, in a space where "quake" is near "earthquake".
 */
function meaningOf(vectors: WordVectors, title: string | undefined, text: string): Float32Array | undefined {
  const words: string[] = [];
  const take = (s: string, limit: number, times: number) => {
    let n = 0;
    for (const m of s.slice(0, limit * 12).matchAll(WORD)) {
      const w = m[0].toLowerCase();
      if (w.length < 3 || STOPWORDS.has(w)) continue;
      for (let k = 0; k < times; k++) words.push(w);
      if (++n >= limit) break;
    }
  };
  if (title) take(title, 30, 2);
  take(text, MEANING_LEAD_WORDS, 1);
  return vectors.average(words);
}

/**
 * Average-link similarity below which a story's articles are two events (`recluster`). On the headline
 * dev stream, re-clustering every 100 articles: 0.02 → F1 +0.005 in time order, +0.02 shuffled and
 * undated; 0.05 → −0.03 and +0.05; 0.1 → −0.15 (short items split apart). Multi-News: ±0.003.
 */
export const DEFAULT_SPLIT_THRESHOLD = 0.02;
/** Growth after which `recluster` looks at a story again. */
const RECHECK_GROWTH = 1.25;
/** Articles a split-off part needs: one stray article is no second event. */
const MIN_SPLIT = 2;
/** Stories larger than this are not re-clustered (average link is cubic in the articles). */
const MAX_SPLIT_ARTICLES = 200;

/**
 * Average-link agglomerative clustering (the similarity of two groups is the mean of their articles'
 * pairwise similarities), merging while the best pair reaches `threshold`. Similarity: cosine × the
 * one-week time factor. Returns groups of indices.
 */
function averageLink(items: { vector: SparseVector; day: number }[], threshold: number): number[][] {
  const n = items.length;
  const maps = items.map(({ vector }) => new Map(vector.ids.map((id, i) => [id, vector.weights[i]])));
  const sim: number[][] = items.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const a = items[i].day;
      const b = items[j].day;
      const gap = Number.isFinite(a) && Number.isFinite(b) ? Math.abs(a - b) : 0;
      sim[i][j] = sim[j][i] = dot(items[i].vector, maps[j]) / (1 + gap / EVENT_TIME_SCALE_DAYS);
    }
  const groups: (number[] | undefined)[] = items.map((_, i) => [i]);
  for (;;) {
    let bi = -1;
    let bj = -1;
    let best = threshold;
    for (let i = 0; i < n; i++) {
      if (!groups[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (!groups[j] || sim[i][j] < best) continue;
        if (bi < 0 || sim[i][j] > best) {
          bi = i;
          bj = j;
          best = sim[i][j];
        }
      }
    }
    if (bi < 0) break;
    // Lance–Williams update for average link: the merged group's similarity is the size-weighted mean.
    const ni = groups[bi]!.length;
    const nj = groups[bj]!.length;
    for (let k = 0; k < n; k++) {
      if (!groups[k] || k === bi || k === bj) continue;
      sim[bi][k] = sim[k][bi] = (ni * sim[bi][k] + nj * sim[bj][k]) / (ni + nj);
    }
    groups[bi] = [...groups[bi]!, ...groups[bj]!];
    groups[bj] = undefined;
  }
  return groups.filter((g): g is number[] => g !== undefined);
}

/** A story's latest article vectors kept for the best-member evidence of the pair model. */
const RECENT_MEMBERS = 8;
/** Neighbour stories (by partial dot product) checked for a merge after a story grows. */
const MERGE_CANDIDATES = 3;

export interface StoryClustererOptions extends FeatureOptions {
  joinThreshold?: number;
  mergeThreshold?: number;
  timeScaleDays?: number;
  /** Cosine (× the topic time factor) from which a new story joins a topic. */
  topicJoinThreshold?: number;
  /** Centroid cosine (× time factor) from which two topics merge. */
  topicMergeThreshold?: number;
  topicTimeScaleDays?: number;
  maxCentroidFeatures?: number;
  indexedFeatures?: number;
  queryFeatures?: number;
  candidates?: number;
  /** Stories of at most this many articles merge at `smallMergeThreshold` (0: never). */
  smallStory?: number;
  smallMergeThreshold?: number;
  /** Features (after weighting) an article needs to be matched at all. */
  minFeatures?: number;
  /** Options of the near-duplicate index, or false to skip wire-copy detection. */
  dedupe?: NearDuplicateOptions | false;
  /**
   * The story level's join decision: a fitted pair model (default: models/clusterer.json when present),
   * or false for the plain rule, cosine × time factor ≥ `joinThreshold`.
   */
  pairModel?: PairModel | false;
  /**
   * Training only: picks the candidate story (an index into `candidates`, or -1 for a new story) in place
   * of the model, seeing each candidate's evidence.
   */
  decide?: (candidates: { story: string; features: PairFeatures }[], doc: StoryDoc) => number;
  /**
   * Word vectors (src/text/embeddings.ts): adds the embedding evidence to the pair model (and picks the
   * model fitted with it), which helps headline-only items whose words rarely overlap.
   */
  wordVectors?: WordVectors;
}

export interface StoryDoc {
  id: string;
  text: string;
  title?: string;
  /** ISO 8601 date or date-time. */
  date?: string;
  source?: string;
}

export interface Assignment {
  /** The story the article is in now (after any merge). */
  story: string;
  /** That story's topic. */
  topic: string;
  /** Other live stories whose topic changed with this article (a topic merge), with their new topic. */
  retopiced: { story: string; topic: string }[];
  /** True when the article started the story. */
  isNew: boolean;
  /** The earlier article it is a copy of, if any. */
  duplicateOf?: string;
  /** Stories folded into `story` by this article (their ids are retired). */
  merged: string[];
}

interface Story extends Centroid {
  /** Live articles (older ones leave with `archiveBefore`). */
  docs: string[];
  /** Articles (with vectors) it had when `recluster` last looked at it. */
  checked: number;
  /** Sum of its articles' headline vectors. */
  headlines: Map<number, number>;
  /** Sum of its articles' mean word vectors (with word vectors only). */
  meaning?: Float32Array;
  topic: Topic;
}

interface Evidence {
  vector?: SparseVector;
  headline?: SparseVector;
  meaning?: Float32Array;
  copyOf?: string;
}

/** A story split by `recluster`: `articles` left `story` (which keeps its id) for the new story `into`. */
export interface Split {
  story: string;
  into: string;
  articles: string[];
}

interface Topic extends Centroid {
  stories: Set<Story>;
}

export class StoryClusterer {
  private readonly joinThreshold: number;
  private readonly mergeThreshold: number;
  private readonly topicJoin: number;
  private readonly topicMerge: number;
  private readonly queryFeatures: number;
  private readonly candidates: number;
  private readonly smallStory: number;
  private readonly smallMerge: number;
  private readonly minFeatures: number;
  private readonly pairModel: PairModel | undefined;
  private readonly decide: StoryClustererOptions["decide"];
  private readonly wordVectors: WordVectors | undefined;
  private readonly features: FeatureSpace;
  private readonly dedupe: NearDuplicateIndex | undefined;
  private readonly stories: CentroidIndex<Story>;
  private readonly topics: CentroidIndex<Topic>;
  /** Live article id → its story id. */
  private readonly storyOf = new Map<string, string>();
  /** Live article id → its day (undated: the stream's latest date when it arrived). */
  private readonly articleDay = new Map<string, number>();
  /** Live article id → what it brought to its story (for re-clustering), or the article it copies. */
  private readonly evidence = new Map<string, Evidence>();
  private seq = 0;
  /** The last attach re-indexed its topic (so a topic merge is worth checking). */
  private topicMoved = false;
  /** Latest article date seen (day number). */
  private clock = Number.NEGATIVE_INFINITY;

  constructor(options: StoryClustererOptions = {}) {
    this.joinThreshold = options.joinThreshold ?? DEFAULT_JOIN_THRESHOLD;
    this.mergeThreshold = options.mergeThreshold ?? DEFAULT_MERGE_THRESHOLD;
    this.topicJoin = options.topicJoinThreshold ?? DEFAULT_TOPIC_JOIN_THRESHOLD;
    this.topicMerge = options.topicMergeThreshold ?? DEFAULT_TOPIC_MERGE_THRESHOLD;
    const timeScale = options.timeScaleDays ?? DEFAULT_TIME_SCALE_DAYS;
    const topicTimeScale = options.topicTimeScaleDays ?? DEFAULT_TOPIC_TIME_SCALE_DAYS;
    const maxCentroid = options.maxCentroidFeatures ?? DEFAULT_MAX_CENTROID_FEATURES;
    const indexed = options.indexedFeatures ?? DEFAULT_INDEXED_FEATURES;
    this.queryFeatures = options.queryFeatures ?? DEFAULT_QUERY_FEATURES;
    this.candidates = options.candidates ?? DEFAULT_CANDIDATES;
    this.smallStory = options.smallStory ?? DEFAULT_SMALL_STORY;
    this.smallMerge = options.smallMergeThreshold ?? DEFAULT_SMALL_MERGE_THRESHOLD;
    this.minFeatures = options.minFeatures ?? DEFAULT_MIN_FEATURES;
    this.wordVectors = options.wordVectors;
    this.pairModel =
      options.pairModel === false
        ? undefined
        : (options.pairModel ?? defaultPairModel(this.wordVectors !== undefined));
    this.decide = options.decide;
    for (const [name, value] of [
      ["joinThreshold", this.joinThreshold],
      ["mergeThreshold", this.mergeThreshold],
      ["smallMergeThreshold", this.smallMerge],
      ["topicJoinThreshold", this.topicJoin],
      ["topicMergeThreshold", this.topicMerge],
    ] as const)
      if (!(value >= 0 && value <= 1))
        throw new Error(`StoryClusterer: ${name} must be in [0, 1], not ${value}`);
    for (const [name, value] of [
      ["timeScaleDays", timeScale],
      ["topicTimeScaleDays", topicTimeScale],
    ] as const)
      if (!(value > 0)) throw new Error(`StoryClusterer: ${name} must be a positive number, not ${value}`);
    for (const [name, value] of [
      ["maxCentroidFeatures", maxCentroid],
      ["indexedFeatures", indexed],
      ["queryFeatures", this.queryFeatures],
      ["candidates", this.candidates],
      ["minFeatures", this.minFeatures],
    ] as const)
      if (!Number.isInteger(value) || value < 1)
        throw new Error(`StoryClusterer: ${name} must be a positive whole number, not ${value}`);
    this.features = new FeatureSpace(options);
    this.stories = new CentroidIndex<Story>({
      timeScaleDays: timeScale,
      maxCentroidFeatures: maxCentroid,
      indexedFeatures: indexed,
    });
    this.topics = new CentroidIndex<Topic>({
      timeScaleDays: topicTimeScale,
      maxCentroidFeatures: maxCentroid,
      indexedFeatures: indexed,
    });
    // Text reaches the index with its boilerplate gone already (step 0): no second pass over the lines.
    this.dedupe =
      options.dedupe === false
        ? undefined
        : new NearDuplicateIndex({ stripBoilerplate: false, ...options.dedupe });
  }

  /** Live (not archived) stories. */
  get storyCount(): number {
    return this.stories.all.size;
  }

  /** Live topics. */
  get topicCount(): number {
    return this.topics.all.size;
  }

  /** Live articles. */
  get articleCount(): number {
    return this.storyOf.size;
  }

  /** The live story of an article, if it is live. */
  storyOfArticle(id: string): string | undefined {
    return this.storyOf.get(id);
  }

  /** The topic of a live article's story. */
  topicOfArticle(id: string): string | undefined {
    const story = this.storyOf.get(id);
    return story === undefined ? undefined : this.topicOfStory(story);
  }

  /** The topic of a live story. */
  topicOfStory(id: string): string | undefined {
    return this.stories.all.get(id)?.topic.id;
  }

  /**
   * Assigns an article to a story and its story to a topic (see the module comment). Throws on an id that
   * is live already or a date that is not ISO 8601. Ids must be unique over the stream; only live ones
   * can be checked.
   */
  add(doc: StoryDoc): Assignment {
    if (typeof doc?.id !== "string" || doc.id.length === 0)
      throw new Error(`StoryClusterer: id must be a non-empty string, instead found ${typeof doc?.id}`);
    if (typeof doc.text !== "string")
      throw new Error(
        `StoryClusterer: text of "${doc.id}" must be a string, instead found ${typeof doc.text}`,
      );
    if (this.storyOf.has(doc.id)) throw new Error(`StoryClusterer: duplicate id "${doc.id}"`);
    let day: number | undefined;
    if (doc.date !== undefined) {
      day = dayNumber(doc.date);
      if (day === undefined)
        throw new Error(
          `StoryClusterer: date of "${doc.id}" must be ISO 8601 (YYYY-MM-DD…), not "${doc.date}"`,
        );
      if (day > this.clock) this.clock = day;
    }

    // 0. Only the article's own words: share buttons, newsletter pitches and platform notices would
    // otherwise tie unrelated pages together.
    const text = withoutBoilerplate(doc.text);

    // 1. Wire copy joins the story of the article it copies.
    // (Every article in the duplicate index is live, so the one it copies has a story.)
    const copy = this.dedupe?.add(doc.id, doc.title ? `${withoutBoilerplate(doc.title)}\n${text}` : text);
    if (copy?.duplicateOf !== undefined) {
      const story = this.stories.all.get(this.storyOf.get(copy.duplicateOf)!)!;
      this.attach(story, doc.id, day);
      this.evidence.set(doc.id, { copyOf: copy.duplicateOf });
      return this.assigned(story, false, [], [], copy.duplicateOf);
    }

    // 2. Vector with the IDF of the stream so far, this article included.
    const counts = this.features.count(text, doc.title);
    this.features.observe(counts);
    const vector = this.features.vector(counts);

    // Too few words to place ("Yes", a bare link): a story of its own, which nothing is matched against.
    if (vector.ids.length < this.minFeatures) {
      const story = this.newStory(doc.id, day, this.newTopic(doc.id, day));
      this.attach(story, doc.id, day);
      return this.assigned(story, true, [], []);
    }

    // 3–4. Join the best story, or start one.
    const headline = doc.title ? this.features.vector(this.features.count("", doc.title)) : undefined;
    const meaning = this.wordVectors ? meaningOf(this.wordVectors, doc.title, text) : undefined;
    const chosen = this.choose(vector, headline, meaning, day, doc);
    if (chosen === undefined) {
      // 5. A new story finds its topic one level up.
      const topic = this.placeInTopic(doc.id, vector, day);
      const story = this.newStory(doc.id, day, topic);
      this.attach(story, doc.id, day, vector, headline, meaning);
      const retopiced = this.mergeTopics(topic);
      return this.assigned(story, true, [], retopiced);
    }
    const story = chosen;
    this.attach(story, doc.id, day, vector, headline, meaning);

    // 6. The grown story may now be the same as another, and its topic the same as another.
    const { survivor, gone } = this.mergeStories(story);
    const retopiced = this.topicMoved || gone.length > 0 ? this.mergeTopics(survivor.topic) : [];
    return this.assigned(survivor, false, gone.sort(), retopiced);
  }

  private assigned(
    story: Story,
    isNew: boolean,
    merged: string[],
    retopiced: Story[],
    duplicateOf?: string,
  ): Assignment {
    return {
      story: story.id,
      topic: story.topic.id,
      retopiced: retopiced
        .filter((s) => s !== story && this.stories.all.has(s.id))
        .map((s) => ({ story: s.id, topic: s.topic.id }))
        .sort((a, b) => (a.story < b.story ? -1 : a.story > b.story ? 1 : 0)),
      isNew,
      ...(duplicateOf !== undefined ? { duplicateOf } : {}),
      merged,
    };
  }

  private newStory(id: string, day: number | undefined, topic: Topic): Story {
    const story: Story = {
      ...this.blank(id, day),
      docs: [],
      checked: 0,
      headlines: new Map(),
      topic,
    };
    topic.stories.add(story);
    this.stories.add(story);
    return story;
  }

  private newTopic(id: string, day: number | undefined): Topic {
    const topic: Topic = { ...this.blank(id, day), stories: new Set() };
    this.topics.add(topic);
    return topic;
  }

  private blank(id: string, day: number | undefined): Centroid {
    const when = day ?? this.clock;
    return {
      id,
      seq: this.seq++,
      centroid: new Map(),
      norm: 0,
      indexed: [],
      members: 0,
      first: when,
      last: when,
      stale: 0,
    };
  }

  /**
   * The story the article joins, or undefined for a new one: the candidates from the index, decided by
   * the pair model (the most probable, if probable enough), or by cosine × time factor without one.
   */
  private choose(
    vector: SparseVector,
    headline: SparseVector | undefined,
    meaning: Float32Array | undefined,
    day: number | undefined,
    doc: StoryDoc,
  ): Story | undefined {
    const scored = this.stories.score(vector, day, this.queryFeatures, this.candidates);
    if (scored.length === 0) return undefined;
    const at = new Map<number, number>();
    for (let i = 0; i < vector.ids.length; i++) at.set(vector.ids[i], vector.weights[i]);
    if (this.decide !== undefined) {
      const candidates = scored.map((c) => ({
        story: c.cluster.id,
        features: this.pairFeatures(c.cluster, vector, at, headline, meaning, day),
      }));
      const i = this.decide(candidates, doc);
      return i < 0 ? undefined : scored[i].cluster;
    }
    if (this.pairModel === undefined) {
      const best = scored[0];
      return best !== undefined && best.score >= this.joinThreshold ? best.cluster : undefined;
    }
    let best: Story | undefined;
    let bestP = this.pairModel.threshold;
    for (const c of scored) {
      const p = pairProbability(
        this.pairModel,
        this.pairFeatures(c.cluster, vector, at, headline, meaning, day),
      );
      if (p >= bestP && (best === undefined || p > bestP)) {
        best = c.cluster;
        bestP = p;
      }
    }
    return best;
  }

  /** The article's evidence for one candidate story, in PAIR_FEATURES order (pair-model.ts). */
  private pairFeatures(
    story: Story,
    vector: SparseVector,
    at: ReadonlyMap<number, number>,
    headline: SparseVector | undefined,
    meaning: Float32Array | undefined,
    day: number | undefined,
  ): PairFeatures {
    const centroid = dot(vector, story.centroid) / (story.norm || 1);
    let bestMember = 0;
    // Its latest articles with vectors (copies and thin pages have none), newest first.
    for (let i = story.docs.length - 1, seen = 0; i >= 0 && seen < RECENT_MEMBERS; i--) {
      const member = this.evidence.get(story.docs[i])?.vector;
      if (member === undefined) continue;
      seen++;
      bestMember = Math.max(bestMember, dot(member, at));
    }
    let headlineCos = 0;
    if (headline !== undefined && story.headlines.size > 0) {
      let norm = 0;
      for (const w of story.headlines.values()) norm += w * w;
      headlineCos = dot(headline, story.headlines) / (Math.sqrt(norm) || 1);
    }
    // Names are the odd feature ids (features.ts); weights are IDF-weighted already.
    let nameWeight = 0;
    let shared = 0;
    for (let i = 0; i < vector.ids.length; i++) {
      if ((vector.ids[i] & 1) === 0) continue;
      nameWeight += vector.weights[i];
      if (story.centroid.has(vector.ids[i])) shared += vector.weights[i];
    }
    const undated = day === undefined || !Number.isFinite(story.first) ? 1 : 0;
    const short = vector.ids.length < SHORT_FEATURES ? 1 : 0;
    const gap = undated
      ? 0
      : day! < story.first
        ? story.first - day!
        : day! > story.last
          ? day! - story.last
          : 0;
    const timed = 1 / (1 + gap / EVENT_TIME_SCALE_DAYS);
    const features = [
      centroid * timed,
      bestMember * timed,
      headlineCos * timed,
      (nameWeight > 0 ? shared / nameWeight : 0) * timed,
      undated,
      Math.log1p(story.members),
      centroid * undated,
      short,
      Math.log1p(gap) * short,
    ];
    if (this.wordVectors !== undefined)
      features.push(meaning && story.meaning ? cosine(meaning, story.meaning) * timed : 0);
    return features;
  }

  /** The topic a new story with this first article belongs to: the closest one, or a new one. */
  private placeInTopic(id: string, vector: SparseVector, day: number | undefined): Topic {
    const best = this.topics.score(vector, day, this.queryFeatures, this.candidates)[0];
    return best !== undefined && best.score >= this.topicJoin ? best.cluster : this.newTopic(id, day);
  }

  /**
   * Merges, one at a time, the neighbour story closest to `story` while that similarity reaches the merge
   * threshold (the small-story one when either is small). The older story of each pair survives; the
   * lost story's weight leaves its topic for the survivor's.
   */
  private mergeStories(story: Story): { survivor: Story; gone: string[] } {
    const gone: string[] = [];
    let current = story;
    for (;;) {
      const best = this.closest(this.stories, current, (other) =>
        Math.min(current.members, other.members) <= this.smallStory ? this.smallMerge : this.mergeThreshold,
      );
      if (best === undefined) break;
      const [keep, lost] = best.seq < current.seq ? [best, current] : [current, best];
      if (lost.topic !== keep.topic) {
        this.topics.addCentroid(lost.topic, lost.centroid, lost.members, -1);
        this.topics.addCentroid(keep.topic, lost.centroid, lost.members);
        CentroidIndex.widen(keep.topic, lost.first);
        CentroidIndex.widen(keep.topic, lost.last);
      }
      lost.topic.stories.delete(lost);
      if (lost.topic.stories.size === 0) this.topics.remove(lost.topic);
      this.stories.fold(keep, lost);
      // The pair model's evidence of the lost story moves too: its headlines and meaning.
      for (const [id, w] of lost.headlines) keep.headlines.set(id, (keep.headlines.get(id) ?? 0) + w);
      if (lost.meaning) {
        const sum = keep.meaning ?? new Float32Array(lost.meaning.length);
        for (let i = 0; i < sum.length; i++) sum[i] += lost.meaning[i];
        keep.meaning = sum;
      }
      for (const id of lost.docs) {
        keep.docs.push(id);
        this.storyOf.set(id, keep.id);
      }
      gone.push(lost.id);
      current = keep;
    }
    return { survivor: current, gone };
  }

  /** Merges neighbour topics into `topic` while one is close enough; returns the stories that moved. */
  private mergeTopics(topic: Topic): Story[] {
    const moved: Story[] = [];
    let current = topic;
    for (;;) {
      const best = this.closest(this.topics, current, () => this.topicMerge);
      if (best === undefined) break;
      const [keep, lost] = best.seq < current.seq ? [best, current] : [current, best];
      this.topics.fold(keep, lost);
      for (const s of lost.stories) {
        s.topic = keep;
        keep.stories.add(s);
        moved.push(s);
      }
      current = keep;
    }
    return moved;
  }

  /** The neighbour closest to `cluster` whose similarity reaches `threshold(it)` (ties: the older). */
  private closest<C extends Centroid>(
    index: CentroidIndex<C>,
    cluster: C,
    threshold: (other: C) => number,
  ): C | undefined {
    let best: C | undefined;
    let bestScore = 0;
    for (const other of index.neighbours(cluster, MERGE_CANDIDATES)) {
      const score = index.similarity(cluster, other);
      if (score < threshold(other)) continue;
      if (best === undefined || score > bestScore || (score === bestScore && other.seq < best.seq)) {
        best = other;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * Re-clusters stories that have drifted (Miranda et al. keep online decisions; this adds the periodic
   * second look the online pass lacks): each live story with at least `2 × MIN_SPLIT` articles is
   * clustered anew, average-link over its articles' vectors with the one-week time factor, stopping below
   * `splitThreshold`. Only `stories` are looked at when given (the ones an ingest touched). Parts of at least MIN_SPLIT articles other than the largest become stories of their
   * own (named by their first article, in the same topic); the largest keeps the story's id, and smaller
   * parts stay with it. A copy goes where the article it copies goes. Returns the splits.
   */
  recluster(options: { splitThreshold?: number; stories?: Iterable<string> } = {}): Split[] {
    const threshold = options.splitThreshold ?? DEFAULT_SPLIT_THRESHOLD;
    const which =
      options.stories === undefined
        ? [...this.stories.all.values()]
        : [...new Set(options.stories)].flatMap((id) => this.stories.all.get(id) ?? []);
    const splits: Split[] = [];
    for (const story of which.sort((a, b) => a.seq - b.seq)) {
      const originals = story.docs.filter((id) => this.evidence.get(id)?.vector !== undefined);
      if (originals.length < 2 * MIN_SPLIT || originals.length > MAX_SPLIT_ARTICLES) continue;
      // Looked at again once it has grown by a quarter: the cubic cost stays a geometric series.
      if (originals.length < story.checked * RECHECK_GROWTH) continue;
      story.checked = originals.length;
      const groups = averageLink(
        originals.map((id) => ({ vector: this.evidence.get(id)!.vector!, day: this.articleDay.get(id)! })),
        threshold,
      );
      if (groups.length < 2) continue;
      groups.sort((a, b) => b.length - a.length || a[0] - b[0]);
      const parts = groups.slice(1).filter((g) => g.length >= MIN_SPLIT);
      if (parts.length === 0) continue;
      const leaving = new Map<string, number>();
      parts.forEach((g, k) => {
        for (const i of g) leaving.set(originals[i], k);
      });
      const keep: string[] = [];
      const moved: string[][] = parts.map(() => []);
      for (const id of story.docs) {
        const e = this.evidence.get(id);
        const k = leaving.get(e?.copyOf ?? id);
        if (k === undefined) keep.push(id);
        else moved[k].push(id);
      }
      this.rebuild(story, keep);
      for (const ids of moved) {
        // Named by its first article that names no live story (the founding article may have left).
        // (Every one may name a story already, when earlier splits moved founding articles around.)
        const name = ids.find((id) => !this.stories.all.has(id)) ?? `${ids[0]}~${this.seq}`;
        const part = this.newStory(name, undefined, story.topic);
        this.rebuild(part, ids);
        splits.push({ story: story.id, into: part.id, articles: ids });
      }
    }
    return splits;
  }

  /** Makes a story of exactly these live articles (its topic and id kept): centroid, span, evidence. */
  private rebuild(story: Story, ids: string[]): void {
    this.stories.remove(story);
    Object.assign(story, {
      centroid: new Map(),
      norm: 0,
      indexed: [],
      members: 0,
      first: Number.NEGATIVE_INFINITY,
      last: Number.NEGATIVE_INFINITY,
      stale: 0,
      docs: [],
      headlines: new Map(),
      meaning: undefined,
    });
    this.stories.add(story);
    for (const id of ids) {
      story.docs.push(id);
      this.storyOf.set(id, story.id);
      CentroidIndex.widen(story, this.articleDay.get(id)!);
      const e = this.evidence.get(id);
      if (e?.vector) this.addEvidence(story, e.vector, e.headline, e.meaning);
    }
  }

  /**
   * Archives every story whose latest article is dated before `isoDate`; returns their ids in creation
   * order. Their articles leave the duplicate index and the article → story map, and a topic left with
   * no live story goes too. Articles dated before `isoDate` in stories that live on leave them as well
   * (a long-running story keeps its centroid, not every article), so live memory is bounded by the
   * window the caller keeps, however long a story runs.
   */
  archiveBefore(isoDate: string): string[] {
    const before = typeof isoDate === "string" ? dayNumber(isoDate) : undefined;
    if (before === undefined)
      throw new Error(`StoryClusterer: archiveBefore needs an ISO 8601 date (YYYY-MM-DD…), not "${isoDate}"`);
    const gone: Story[] = [];
    for (const story of this.stories.all.values()) if (story.last < before) gone.push(story);
    gone.sort((a, b) => a.seq - b.seq);
    for (const story of gone) {
      this.stories.remove(story);
      story.topic.stories.delete(story);
      if (story.topic.stories.size === 0) this.topics.remove(story.topic);
      for (const id of story.docs) this.forget(id);
    }
    const thinned = new Set<Story>();
    for (const [id, day] of this.articleDay) {
      if (day >= before) continue;
      thinned.add(this.stories.all.get(this.storyOf.get(id)!)!);
      this.forget(id);
    }
    for (const story of thinned) story.docs = story.docs.filter((id) => this.storyOf.has(id));
    return gone.map((s) => s.id);
  }

  private forget(id: string): void {
    this.storyOf.delete(id);
    this.articleDay.delete(id);
    this.evidence.delete(id);
    this.dedupe?.remove(id);
  }

  /** Adds an article to a story: its date, and its vector (unless it is a copy) to the story and its topic. */
  private attach(
    story: Story,
    id: string,
    day: number | undefined,
    vector?: SparseVector,
    headline?: SparseVector,
    meaning?: Float32Array,
  ): void {
    story.docs.push(id);
    this.storyOf.set(id, story.id);
    const when = day ?? this.clock;
    this.articleDay.set(id, when);
    CentroidIndex.widen(story, when);
    CentroidIndex.widen(story.topic, when);
    if (vector === undefined) return;
    this.evidence.set(id, { vector, ...(headline ? { headline } : {}), ...(meaning ? { meaning } : {}) });
    // Lazily: a topic's heaviest features barely move with one article; its merges are checked when they do.
    this.topicMoved = this.topics.addVector(story.topic, vector, 1, true);
    this.addEvidence(story, vector, headline, meaning);
  }

  /** A story's share of an article's evidence: centroid, meaning, headline words. */
  private addEvidence(
    story: Story,
    vector: SparseVector,
    headline: SparseVector | undefined,
    meaning: Float32Array | undefined,
  ): void {
    this.stories.addVector(story, vector);
    if (meaning !== undefined) {
      if (story.meaning === undefined) story.meaning = new Float32Array(meaning.length);
      for (let i = 0; i < meaning.length; i++) story.meaning[i] += meaning[i];
    }
    if (headline !== undefined)
      for (let i = 0; i < headline.ids.length; i++)
        story.headlines.set(
          headline.ids[i],
          (story.headlines.get(headline.ids[i]) ?? 0) + headline.weights[i],
        );
  }
}

/** Dot product of a sparse vector with a centroid (or another vector given as a map). */
function dot(v: SparseVector, c: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (let i = 0; i < v.ids.length; i++) sum += v.weights[i] * (c.get(v.ids[i]) ?? 0);
  return sum;
}
