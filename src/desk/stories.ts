/**
 * Read models of stories, one shape for the CLI (`roundup stories --json`, `roundup story --format json`),
 * the API and the web page, with an in-memory cache (a TTL of 0 reads the store every time, as the CLI does).
 *
 * A story page is the same bytes for every reader until the desk writes a new roundup version (or the
 * story gains articles), so the serialized JSON is cached per (story, requested version) and keyed by the
 * story's stamp: its newest roundup version, update time and article count. The stamp is re-read from the
 * store at most once per `ttlMs` per story (one cheap `getStory` query, shared by concurrent requests), and
 * dropped at once when the desk in this process reports a write (`invalidate`). Readers therefore see a new
 * version immediately when this process wrote it, and within `ttlMs` when another process did.
 *
 * A page also lists the other live stories of the story's topic (`related`). Those lists are cached per
 * topic on the same TTL (one query serves every story of the topic) and are part of the page's stamp, so
 * a related story's new headline or article shows within `ttlMs`; invalidating a story drops its topic's
 * list at once.
 */
import { createHash } from "node:crypto";
import type { Article, Roundup } from "../model/types.ts";
import type { RoundupVersion, Store, StoredArticle, StorySummary } from "../store/port.ts";

/** How long a story's stamp is trusted before the store is asked again, in ms. */
export const DEFAULT_CACHE_TTL_MS = 1_000;
/** Most stories whose pages are kept in memory; the least recently read are dropped first. */
export const MAX_CACHED_STORIES = 1_000;

/** A story as listed: the store's summary plus what the list page shows. */
export interface StoryListItem {
  id: string;
  headline?: string;
  dateline?: string;
  /** The roundup's first sentence: a teaser, and the title of a story without a headline. */
  lead?: string;
  /** Distinct outlets among the story's articles, in the order they first reported. */
  outlets: string[];
  articleCount: number;
  outletCount: number;
  /** The story's topic: the id of the topic's first story (its own id when it has no related story). */
  topic: string;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  /** On a story merged into another: that story's id. */
  mergedInto?: string;
  /** Newest roundup version, if any. */
  roundupVersion?: number;
}

/** An article as a client needs it to show and highlight citations (offsets are into `text`). */
export interface ArticleView {
  id: string;
  title?: string;
  outlet?: string;
  published?: string;
  url?: string;
  ingestedAt?: string;
  text: string;
}

/** Another story of the same topic, as a story page links to it. */
export interface RelatedStory {
  id: string;
  headline?: string;
  articleCount: number;
  updatedAt: string;
}

/** Most related stories a story page lists. */
export const MAX_RELATED_STORIES = 10;

export interface VersionInfo {
  version: number;
  createdAt: string;
  articleCount: number;
}

export interface StoryDetail {
  story: StoryListItem;
  /** The version shown, or null when no roundup has been written yet. */
  version: (VersionInfo & { current: boolean }) | null;
  roundup: Roundup | null;
  /** The articles the shown roundup was computed from: cited ones first, in source order. */
  articles: ArticleView[];
  /** Every version, oldest first. */
  versions: VersionInfo[];
  /** The story's topic: the id of the topic's first story (its own id when it has no related story). */
  topic: string;
  /** The other live stories of the topic, most recently updated first, at most {@link MAX_RELATED_STORIES}. */
  related: RelatedStory[];
}

/** A cached, serialized story page. */
export interface StoryPage {
  detail: StoryDetail;
  json: string;
  etag: string;
}

export type StoryLookup =
  | { ok: true; page: StoryPage }
  | { ok: false; problem: "story" }
  | { ok: false; problem: "version"; latest?: number }
  /** The story was merged into `to`: its current page is that story's (its old versions stay readable). */
  | { ok: false; problem: "moved"; to: string };

interface StampEntry {
  checkedAt: number;
  summary: StorySummary | undefined;
  pending?: Promise<StorySummary | undefined>;
}

interface TopicEntry {
  checkedAt: number;
  stories: Promise<StorySummary[]>;
}

interface PageEntry {
  stamp: string;
  /** The related stories the pages were built with. */
  related?: string;
  pages: Map<string, Promise<StoryLookup>>;
  item?: Promise<StoryListItem>;
}

const stampOf = (s: StorySummary): string =>
  `${s.roundupVersion ?? 0}|${s.updatedAt}|${s.articleCount}|${s.archived}|${s.headline ?? ""}|${s.topicId}|${s.mergedInto ?? ""}`;

const relatedStampOf = (related: readonly RelatedStory[]): string =>
  JSON.stringify(related.map((r) => [r.id, r.updatedAt, r.articleCount, r.headline ?? null]));

export class StoryReader {
  private readonly stamps = new Map<string, StampEntry>();
  private readonly entries = new Map<string, PageEntry>();
  /** Topic id → its live stories (newest first, one more than a page lists). */
  private readonly topics = new Map<string, TopicEntry>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number = DEFAULT_CACHE_TTL_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Forget what is cached about these stories (the desk wrote to them); `"*"` forgets everything. */
  invalidate(ids: readonly string[]): void {
    if (ids.includes("*")) {
      this.stamps.clear();
      this.entries.clear();
      this.topics.clear();
      return;
    }
    for (const id of ids) {
      // The story's topic as last read (a topic's id is a story id too): its list of stories changed.
      const topic = this.stamps.get(id)?.summary?.topicId;
      if (topic !== undefined) this.topics.delete(topic);
      this.topics.delete(id);
      this.stamps.delete(id);
      this.entries.delete(id);
    }
  }

  /** Stories, most recently updated first, with outlets and dateline. */
  async list(options: { limit: number; includeArchived: boolean }): Promise<StoryListItem[]> {
    const summaries = await this.store.listStories(options);
    const now = this.clock();
    for (const s of summaries) this.stamps.set(s.id, { checkedAt: now, summary: s });
    return Promise.all(summaries.map((s) => this.listItem(s)));
  }

  /** A story's page, current or at `version`; cached until the story changes. */
  async story(id: string, version?: number): Promise<StoryLookup> {
    const summary = await this.summary(id);
    if (!summary) return { ok: false, problem: "story" };
    if (summary.mergedInto !== undefined && version === undefined)
      return { ok: false, problem: "moved", to: summary.mergedInto };
    const related = await this.related(summary);
    const entry = this.entry(summary);
    // Pages show the related stories too: when those changed, the pages are built again (not the list item).
    const relatedStamp = relatedStampOf(related);
    if (entry.related !== relatedStamp) {
      entry.pages.clear();
      entry.related = relatedStamp;
    }
    const key = version === undefined ? "current" : String(version);
    let page = entry.pages.get(key);
    if (!page) {
      page = this.build(summary, related, version);
      entry.pages.set(key, page);
      // Only pages are kept: a failed build or an unknown version is not (so `?version=` cannot fill memory).
      page.then(
        (found) => {
          if (!found.ok) entry.pages.delete(key);
        },
        () => entry.pages.delete(key),
      );
    }
    return page;
  }

  /**
   * Every roundup version of a story as its page at that version, oldest first (a merged story's own
   * history); undefined when there is no such story.
   */
  async history(id: string): Promise<StoryDetail[] | undefined> {
    const summary = await this.summary(id);
    if (!summary) return undefined;
    const related = await this.related(summary);
    const versions = await this.store.roundupVersions(id);
    const pages: StoryDetail[] = [];
    for (const v of versions) {
      const found = await this.build(summary, related, v.version);
      if (found.ok) pages.push(found.page.detail);
    }
    return pages;
  }

  /** The story's summary, re-read from the store when older than the TTL (one query for concurrent readers). */
  private async summary(id: string): Promise<StorySummary | undefined> {
    const now = this.clock();
    const known = this.stamps.get(id);
    if (known && now - known.checkedAt < this.ttlMs) return known.summary;
    if (known?.pending) return known.pending;
    const pending = this.store.getStory(id);
    const entry: StampEntry = {
      checkedAt: known?.checkedAt ?? Number.NEGATIVE_INFINITY,
      summary: known?.summary,
      pending,
    };
    this.stamps.set(id, entry);
    try {
      const summary = await pending;
      if (this.stamps.get(id) === entry) {
        // Unknown ids are not remembered: requests for random ids must not fill memory.
        if (summary) {
          if (this.stamps.size > MAX_CACHED_STORIES * 10) this.stamps.clear();
          this.stamps.set(id, { checkedAt: this.clock(), summary });
        } else this.stamps.delete(id);
      }
      return summary;
    } catch (err) {
      if (this.stamps.get(id) === entry) this.stamps.delete(id);
      throw err;
    }
  }

  /** The other live stories of the story's topic, from the topic's list (re-read after the TTL). */
  private async related(summary: StorySummary): Promise<RelatedStory[]> {
    const now = this.clock();
    let known = this.topics.get(summary.topicId);
    if (!known || now - known.checkedAt >= this.ttlMs) {
      const stories = this.store.listStories({ topicId: summary.topicId, limit: MAX_RELATED_STORIES + 1 });
      const entry: TopicEntry = { checkedAt: now, stories };
      if (this.topics.size > MAX_CACHED_STORIES * 10) this.topics.clear();
      this.topics.set(summary.topicId, entry);
      stories.catch(() => {
        if (this.topics.get(summary.topicId) === entry) this.topics.delete(summary.topicId);
      });
      known = entry;
    }
    return (await known.stories)
      .filter((s) => s.id !== summary.id)
      .slice(0, MAX_RELATED_STORIES)
      .map((s) => ({
        id: s.id,
        ...(s.headline ? { headline: s.headline } : {}),
        articleCount: s.articleCount,
        updatedAt: s.updatedAt,
      }));
  }

  /** The cache entry of a story at its current stamp (a new stamp starts a new entry). */
  private entry(summary: StorySummary): PageEntry {
    const stamp = stampOf(summary);
    let entry = this.entries.get(summary.id);
    if (entry && entry.stamp === stamp) {
      // Least recently used order: re-inserting moves the story to the end.
      this.entries.delete(summary.id);
      this.entries.set(summary.id, entry);
      return entry;
    }
    entry = { stamp, pages: new Map() };
    this.entries.delete(summary.id);
    this.entries.set(summary.id, entry);
    while (this.entries.size > MAX_CACHED_STORIES) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return entry;
  }

  private listItem(summary: StorySummary): Promise<StoryListItem> {
    const entry = this.entry(summary);
    if (!entry.item) {
      const item = Promise.all([
        this.store.latestRoundup(summary.id),
        this.store.storyArticles(summary.id),
      ]).then(([latest, articles]) => toListItem(summary, latest?.roundup, articles));
      entry.item = item;
      item.catch(() => {
        if (entry.item === item) entry.item = undefined;
      });
    }
    return entry.item;
  }

  private async build(
    summary: StorySummary,
    related: RelatedStory[],
    requested?: number,
  ): Promise<StoryLookup> {
    const [versions, storyArticles] = await Promise.all([
      this.store.roundupVersions(summary.id),
      this.store.storyArticles(summary.id),
    ]);
    const latest = versions.at(-1);
    const shown: RoundupVersion | undefined =
      requested === undefined ? latest : versions.find((v) => v.version === requested);
    if (requested !== undefined && !shown) return { ok: false, problem: "version", latest: latest?.version };
    const articles = shown ? await articlesOf(this.store, shown, storyArticles) : storyArticles;
    const detail: StoryDetail = {
      story: toListItem(summary, latest?.roundup, storyArticles),
      version: shown
        ? {
            version: shown.version,
            createdAt: shown.createdAt,
            articleCount: shown.articleIds.length,
            current: shown === latest,
          }
        : null,
      roundup: shown?.roundup ?? null,
      articles: viewArticles(articles, shown?.roundup),
      versions: versions.map((v) => ({
        version: v.version,
        createdAt: v.createdAt,
        articleCount: v.articleIds.length,
      })),
      topic: summary.topicId,
      related,
    };
    const json = JSON.stringify(detail);
    const etag = `"${createHash("sha1").update(json).digest("base64url").slice(0, 22)}"`;
    return { ok: true, page: { detail, json, etag } };
  }
}

/** The articles a version was computed from; ones moved to another story since are fetched one by one. */
async function articlesOf(
  store: Store,
  version: RoundupVersion,
  storyArticles: readonly StoredArticle[],
): Promise<StoredArticle[]> {
  const byId = new Map(storyArticles.map((a) => [a.id, a]));
  const out: StoredArticle[] = [];
  for (const id of version.articleIds) {
    const article = byId.get(id) ?? (await store.getArticle(id));
    if (article) out.push(article);
  }
  return out;
}

type ShownArticle = Article & { ingestedAt?: string };

/** Articles as a page shows them: cited ones first, in the roundup's source order; the rest in the given order. */
export function viewArticles(articles: readonly ShownArticle[], roundup: Roundup | undefined): ArticleView[] {
  return orderForRoundup(articles, roundup).map((a) => articleView(a, roundup));
}

function orderForRoundup<T extends Article>(articles: readonly T[], roundup: Roundup | undefined): T[] {
  if (!roundup) return [...articles];
  const rank = new Map(roundup.sources.map((s, i) => [s.articleId, i]));
  return articles
    .map((a, i) => ({ a, key: rank.get(a.id) ?? roundup.sources.length + i }))
    .sort((x, y) => x.key - y.key)
    .map((x) => x.a);
}

/** The outlet of an article: as the roundup named it (inferred from the text), else as stored. */
function outletOf(article: Article, roundup: Roundup | undefined): string | undefined {
  return roundup?.sources.find((s) => s.articleId === article.id)?.outlet ?? article.source;
}

function articleView(a: ShownArticle, roundup: Roundup | undefined): ArticleView {
  const outlet = outletOf(a, roundup);
  return {
    id: a.id,
    ...(a.title ? { title: a.title } : {}),
    ...(outlet ? { outlet } : {}),
    ...(a.published ? { published: a.published } : {}),
    ...(a.url ? { url: a.url } : {}),
    ...(a.ingestedAt ? { ingestedAt: a.ingestedAt } : {}),
    text: a.text,
  };
}

function toListItem(
  s: StorySummary,
  roundup: Roundup | undefined,
  articles: readonly StoredArticle[],
): StoryListItem {
  const outlets: string[] = [];
  for (const a of articles) {
    const outlet = outletOf(a, roundup);
    if (outlet && !outlets.includes(outlet)) outlets.push(outlet);
  }
  const headline = s.headline ?? roundup?.headline;
  return {
    id: s.id,
    ...(headline ? { headline } : {}),
    ...(roundup?.dateline ? { dateline: roundup.dateline } : {}),
    ...(roundup?.sentences.length ? { lead: roundup.sentences[0].text } : {}),
    outlets,
    articleCount: s.articleCount,
    outletCount: s.outletCount,
    topic: s.topicId,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    archived: s.archived,
    ...(s.mergedInto !== undefined ? { mergedInto: s.mergedInto } : {}),
    ...(s.roundupVersion !== undefined ? { roundupVersion: s.roundupVersion } : {}),
  };
}
