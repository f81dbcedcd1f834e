/**
 * StoryClusterer: online, incremental story detection (single-pass clustering in the TDT tradition,
 * Allan et al. 1998, "On-line new event detection and tracking"; Yang, Pierce & Carbonell 1998).
 *
 * For each arriving article:
 * 0. Boilerplate lines (share buttons, newsletter pitches, web-archive and platform notices) are dropped:
 *    the same notice on two unrelated pages is no evidence. An article left with fewer than
 *    `minFeatures` features is too thin to place and starts a story nothing is matched against.
 * 1. Wire copy: the near-duplicate index (MinHash + LSH) finds an earlier article it copies; the copy
 *    joins that article's story and is not counted again in the centroid or the IDF.
 * 2. Vector: TF-IDF over stems and capitalised names, IDF from the stream so far (features.ts).
 * 3. Candidates: an inverted index from each live story's top centroid features to the story; the
 *    article's heaviest features pull candidate stories with a partial dot product (no scan over all
 *    stories), and the best few are scored exactly.
 * 4. Score = cosine(article, story centroid) × time factor 1 / (1 + gap / timeScaleDays), where gap is
 *    the days from the story's span to the article's date (0 inside it, or when either is undated).
 * 5. Join the best story if its score reaches `joinThreshold`, else start a story named by the article id.
 * 6. Merge: a story that grew is compared with its neighbours in the inverted index; one whose centroid
 *    is close (cosine ≥ `mergeThreshold`, or ≥ `smallMergeThreshold` when either has at most `smallStory`
 *    articles) is the same story told twice, and is folded into the older one (fragments of a story that
 *    began as two, before the article that links them arrived).
 *
 * Memory: a centroid keeps its `maxCentroidFeatures` heaviest features (pruned when it passes 1.5× that);
 * `archiveBefore(date)` drops stories with no article since `date`, and every article older than `date`
 * (from the article map and the duplicate index), so live state is bounded by the window the caller
 * keeps, however long a story runs. Story ids are the id of the story's first article; output is deterministic.
 */
import { withoutBoilerplate } from "../clean/index.ts";
import { NearDuplicateIndex, type NearDuplicateOptions } from "../dedupe/index.ts";
import { dayNumber } from "./dates.ts";
import { type FeatureOptions, FeatureSpace, type SparseVector } from "./features.ts";

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
export const DEFAULT_TIME_SCALE_DAYS = 730;
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
/** Neighbour stories (by partial dot product) checked for a merge after a story grows. */
const MERGE_CANDIDATES = 3;

export interface StoryClustererOptions extends FeatureOptions {
  joinThreshold?: number;
  mergeThreshold?: number;
  timeScaleDays?: number;
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
  /** True when the article started the story. */
  isNew: boolean;
  /** The earlier article it is a copy of, if any. */
  duplicateOf?: string;
  /** Stories folded into `story` by this article (their ids are retired). */
  merged: string[];
}

interface Story {
  id: string;
  /** Creation order: the older of two merging stories survives. */
  seq: number;
  centroid: Map<number, number>;
  norm: number;
  /** Features under which the story is in the inverted index. */
  indexed: number[];
  /** Live articles (older ones leave with `archiveBefore`). */
  docs: string[];
  /** Articles whose vectors are summed in the centroid (copies and pruning aside). */
  members: number;
  /** Day span of its dated articles (undated ones count as the stream's latest date then). */
  first: number;
  last: number;
}

interface Scored {
  story: Story;
  score: number;
}

export class StoryClusterer {
  private readonly joinThreshold: number;
  private readonly mergeThreshold: number;
  private readonly timeScale: number;
  private readonly maxCentroid: number;
  private readonly indexedFeatures: number;
  private readonly queryFeatures: number;
  private readonly candidates: number;
  private readonly smallStory: number;
  private readonly smallMerge: number;
  private readonly minFeatures: number;
  private readonly features: FeatureSpace;
  private readonly dedupe: NearDuplicateIndex | undefined;
  private readonly stories = new Map<string, Story>();
  /** Live article id → its story id. */
  private readonly storyOf = new Map<string, string>();
  /** Live article id → its day (undated: the stream's latest date when it arrived). */
  private readonly articleDay = new Map<string, number>();
  /** Feature id → stories indexed under it. */
  private readonly postings = new Map<number, Set<Story>>();
  private seq = 0;
  /** Latest article date seen (day number). */
  private clock = Number.NEGATIVE_INFINITY;

  constructor(options: StoryClustererOptions = {}) {
    this.joinThreshold = options.joinThreshold ?? DEFAULT_JOIN_THRESHOLD;
    this.mergeThreshold = options.mergeThreshold ?? DEFAULT_MERGE_THRESHOLD;
    this.timeScale = options.timeScaleDays ?? DEFAULT_TIME_SCALE_DAYS;
    this.maxCentroid = options.maxCentroidFeatures ?? DEFAULT_MAX_CENTROID_FEATURES;
    this.indexedFeatures = options.indexedFeatures ?? DEFAULT_INDEXED_FEATURES;
    this.queryFeatures = options.queryFeatures ?? DEFAULT_QUERY_FEATURES;
    this.candidates = options.candidates ?? DEFAULT_CANDIDATES;
    this.smallStory = options.smallStory ?? DEFAULT_SMALL_STORY;
    this.smallMerge = options.smallMergeThreshold ?? DEFAULT_SMALL_MERGE_THRESHOLD;
    this.minFeatures = options.minFeatures ?? DEFAULT_MIN_FEATURES;
    for (const [name, value] of [
      ["joinThreshold", this.joinThreshold],
      ["mergeThreshold", this.mergeThreshold],
      ["smallMergeThreshold", this.smallMerge],
    ] as const)
      if (!(value >= 0 && value <= 1))
        throw new Error(`StoryClusterer: ${name} must be in [0, 1], not ${value}`);
    if (!(this.timeScale > 0))
      throw new Error(`StoryClusterer: timeScaleDays must be a positive number, not ${this.timeScale}`);
    for (const [name, value] of [
      ["maxCentroidFeatures", this.maxCentroid],
      ["indexedFeatures", this.indexedFeatures],
      ["queryFeatures", this.queryFeatures],
      ["candidates", this.candidates],
      ["minFeatures", this.minFeatures],
    ] as const)
      if (!Number.isInteger(value) || value < 1)
        throw new Error(`StoryClusterer: ${name} must be a positive whole number, not ${value}`);
    this.features = new FeatureSpace(options);
    // Text reaches the index with its boilerplate gone already (step 0): no second pass over the lines.
    this.dedupe =
      options.dedupe === false
        ? undefined
        : new NearDuplicateIndex({ stripBoilerplate: false, ...options.dedupe });
  }

  /** Live (not archived) stories. */
  get storyCount(): number {
    return this.stories.size;
  }

  /** Live articles. */
  get articleCount(): number {
    return this.storyOf.size;
  }

  /** The live story of an article, if it is live. */
  storyOfArticle(id: string): string | undefined {
    return this.storyOf.get(id);
  }

  /**
   * Assigns an article to a story (see the module comment). Throws on an id that is live already or a
   * date that is not ISO 8601. Ids must be unique over the stream; only live ones can be checked.
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
      const story = this.stories.get(this.storyOf.get(copy.duplicateOf)!)!;
      this.attach(story, doc.id, day);
      return { story: story.id, isNew: false, duplicateOf: copy.duplicateOf, merged: [] };
    }

    // 2. Vector with the IDF of the stream so far, this article included.
    const counts = this.features.count(text, doc.title);
    this.features.observe(counts);
    const vector = this.features.vector(counts);

    // Too few words to place ("Yes", a bare link): a story of its own, which nothing is matched against.
    if (vector.ids.length < this.minFeatures) {
      const story = this.newStory(doc.id, day);
      this.attach(story, doc.id, day);
      return { story: story.id, isNew: true, merged: [] };
    }

    // 3–4. Candidates from the inverted index, scored exactly with the time factor.
    const scored = this.score(vector, day);
    const best = scored[0];

    // 5. Join or start.
    if (best === undefined || best.score < this.joinThreshold) {
      const story = this.newStory(doc.id, day);
      this.attach(story, doc.id, day, vector);
      return { story: story.id, isNew: true, merged: [] };
    }
    const story = best.story;
    this.attach(story, doc.id, day, vector);

    // 6. The grown story may now be the same as another: merge while a centroid agrees.
    const merged = this.mergeInto(story);
    const survivor = merged.survivor;
    return { story: survivor.id, isNew: false, merged: merged.gone.sort() };
  }

  private newStory(id: string, day: number | undefined): Story {
    const story: Story = {
      id,
      seq: this.seq++,
      centroid: new Map(),
      norm: 0,
      indexed: [],
      docs: [],
      members: 0,
      first: day ?? this.clock,
      last: day ?? this.clock,
    };
    this.stories.set(id, story);
    return story;
  }

  /**
   * Merges, one at a time, the candidate story whose centroid is closest to `story`'s while that cosine
   * (× time factor) reaches `mergeThreshold`. The older story of each pair survives.
   */
  private mergeInto(story: Story): { survivor: Story; gone: string[] } {
    const gone: string[] = [];
    let current = story;
    for (;;) {
      let best: Story | undefined;
      let bestScore = 0;
      for (const other of this.neighbours(current)) {
        const score = this.centroidCosine(current, other) * this.timeFactor(current, other);
        const small = Math.min(current.members, other.members) <= this.smallStory;
        if (score < (small ? this.smallMerge : this.mergeThreshold)) continue;
        if (best === undefined || score > bestScore || (score === bestScore && other.seq < best.seq)) {
          best = other;
          bestScore = score;
        }
      }
      if (best === undefined) break;
      const [keep, lost] = best.seq < current.seq ? [best, current] : [current, best];
      this.merge(keep, lost);
      gone.push(lost.id);
      current = keep;
    }
    return { survivor: current, gone };
  }

  /** Stories sharing indexed features with a story's centroid, the best three by partial dot product. */
  private neighbours(story: Story): Story[] {
    const ids = story.indexed;
    return this.shortlist(ids, ids.length, (i) => story.centroid.get(ids[i]) ?? 0, MERGE_CANDIDATES, story);
  }

  /**
   * Stories listed under the first `count` features of `ids` (weighted by `weight(i)`), the best `k` by
   * partial dot product with their centroids (ties: the older first), `skip` left out.
   */
  private shortlist(
    ids: readonly number[],
    count: number,
    weight: (i: number) => number,
    k: number,
    skip?: Story,
  ): Story[] {
    const partial = new Map<Story, number>();
    for (let i = 0; i < count; i++) {
      const stories = this.postings.get(ids[i]);
      if (stories === undefined) continue;
      const w = weight(i);
      for (const s of stories) {
        if (s === skip) continue;
        partial.set(s, (partial.get(s) ?? 0) + (w * (s.centroid.get(ids[i]) ?? 0)) / s.norm);
      }
    }
    return [...partial]
      .sort((a, b) => b[1] - a[1] || a[0].seq - b[0].seq)
      .slice(0, k)
      .map(([s]) => s);
  }

  /**
   * Archives every story whose latest article is dated before `isoDate`; returns their ids in creation
   * order. Their articles leave the duplicate index and the article → story map. Articles dated before
   * `isoDate` in stories that live on leave them too (a long-running story keeps its centroid, not every
   * article), so live memory is bounded by the window the caller keeps, however long a story runs.
   */
  archiveBefore(isoDate: string): string[] {
    const before = typeof isoDate === "string" ? dayNumber(isoDate) : undefined;
    if (before === undefined)
      throw new Error(`StoryClusterer: archiveBefore needs an ISO 8601 date (YYYY-MM-DD…), not "${isoDate}"`);
    const gone: Story[] = [];
    for (const story of this.stories.values()) if (story.last < before) gone.push(story);
    gone.sort((a, b) => a.seq - b.seq);
    for (const story of gone) {
      this.unindex(story);
      this.stories.delete(story.id);
      for (const id of story.docs) this.forget(id);
    }
    const thinned = new Set<Story>();
    for (const [id, day] of this.articleDay) {
      if (day >= before) continue;
      thinned.add(this.stories.get(this.storyOf.get(id)!)!);
      this.forget(id);
    }
    for (const story of thinned) story.docs = story.docs.filter((id) => this.storyOf.has(id));
    return gone.map((s) => s.id);
  }

  private forget(id: string): void {
    this.storyOf.delete(id);
    this.articleDay.delete(id);
    this.dedupe?.remove(id);
  }

  /** Candidate stories by partial dot product over the inverted index, then exact scores, best first. */
  private score(vector: SparseVector, day: number | undefined): Scored[] {
    const q = Math.min(this.queryFeatures, vector.ids.length);
    const scored: Scored[] = [];
    for (const story of this.shortlist(vector.ids, q, (i) => vector.weights[i], this.candidates)) {
      let dot = 0;
      for (let i = 0; i < vector.ids.length; i++)
        dot += vector.weights[i] * (story.centroid.get(vector.ids[i]) ?? 0);
      scored.push({ story, score: (dot / story.norm) * this.gapFactor(story, day) });
    }
    return scored.sort((a, b) => b.score - a.score || a.story.seq - b.story.seq);
  }

  private gapFactor(story: Story, day: number | undefined): number {
    return day === undefined ? 1 : this.spanFactor(day, day, story.first, story.last);
  }

  private timeFactor(a: Story, b: Story): number {
    return this.spanFactor(a.first, a.last, b.first, b.last);
  }

  /** The time factor of two day spans: 1 / (1 + gap / timeScale), 1 when either is undated. */
  private spanFactor(aFirst: number, aLast: number, bFirst: number, bLast: number): number {
    if (!Number.isFinite(aFirst) || !Number.isFinite(bFirst)) return 1;
    const gap = aLast < bFirst ? bFirst - aLast : bLast < aFirst ? aFirst - bLast : 0;
    return 1 / (1 + gap / this.timeScale);
  }

  private centroidCosine(a: Story, b: Story): number {
    const [small, large] = a.centroid.size <= b.centroid.size ? [a, b] : [b, a];
    let dot = 0;
    for (const [id, w] of small.centroid) dot += w * (large.centroid.get(id) ?? 0);
    return dot / (a.norm * b.norm || 1);
  }

  /** Adds an article to a story: its vector (unless it is a copy) and its date. */
  private attach(story: Story, id: string, day: number | undefined, vector?: SparseVector): void {
    story.docs.push(id);
    this.storyOf.set(id, story.id);
    const when = day ?? this.clock;
    this.articleDay.set(id, when);
    if (Number.isFinite(when)) {
      if (!Number.isFinite(story.first) || when < story.first) story.first = when;
      if (!Number.isFinite(story.last) || when > story.last) story.last = when;
    }
    if (vector === undefined) return;
    story.members++;
    for (let i = 0; i < vector.ids.length; i++)
      story.centroid.set(vector.ids[i], (story.centroid.get(vector.ids[i]) ?? 0) + vector.weights[i]);
    this.refresh(story);
  }

  /** Folds `gone` into `keep`: articles, centroid, span; `gone` leaves the index. */
  private merge(keep: Story, gone: Story): void {
    this.unindex(gone);
    this.stories.delete(gone.id);
    for (const id of gone.docs) {
      keep.docs.push(id);
      this.storyOf.set(id, keep.id);
    }
    keep.members += gone.members;
    for (const [id, w] of gone.centroid) keep.centroid.set(id, (keep.centroid.get(id) ?? 0) + w);
    if (Number.isFinite(gone.first)) {
      keep.first = Number.isFinite(keep.first) ? Math.min(keep.first, gone.first) : gone.first;
      keep.last = Number.isFinite(keep.last) ? Math.max(keep.last, gone.last) : gone.last;
    }
    this.refresh(keep);
  }

  /** After a centroid changed: prune it, recompute its norm, re-index its top features. */
  private refresh(story: Story): void {
    const c = story.centroid;
    // Prune in batches (past 1.5× the cap, back to the cap): one sort per many articles, not per article.
    if (c.size > this.maxCentroid * 1.5) {
      const top = [...c].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      top.length = this.maxCentroid;
      c.clear();
      for (const [id, w] of top) c.set(id, w);
    }
    let norm = 0;
    for (const w of c.values()) norm += w * w;
    story.norm = Math.sqrt(norm);
    const indexed = topIds(c, this.indexedFeatures);
    const keep = new Set(indexed);
    for (const id of story.indexed) if (!keep.has(id)) this.unlist(story, id);
    const had = new Set(story.indexed);
    for (const id of indexed) {
      if (had.has(id)) continue;
      let set = this.postings.get(id);
      if (set === undefined) {
        set = new Set();
        this.postings.set(id, set);
      }
      set.add(story);
    }
    story.indexed = indexed;
  }

  private unindex(story: Story): void {
    for (const id of story.indexed) this.unlist(story, id);
    story.indexed = [];
  }

  /** Takes a story off one feature's postings (and the list away when it empties). */
  private unlist(story: Story, id: number): void {
    const set = this.postings.get(id);
    set?.delete(story);
    if (set?.size === 0) this.postings.delete(id);
  }
}

/** The k heaviest features of a centroid, heaviest first (ties by id), by insertion into a short list. */
function topIds(c: Map<number, number>, k: number): number[] {
  const ids: number[] = [];
  const ws: number[] = [];
  for (const [id, w] of c) {
    if (ids.length === k && (w < ws[k - 1] || (w === ws[k - 1] && id > ids[k - 1]))) continue;
    let i = ids.length === k ? k - 1 : ids.length;
    while (i > 0 && (ws[i - 1] < w || (ws[i - 1] === w && ids[i - 1] > id))) {
      if (i < k) {
        ids[i] = ids[i - 1];
        ws[i] = ws[i - 1];
      }
      i--;
    }
    ids[i] = id;
    ws[i] = w;
  }
  return ids;
}
