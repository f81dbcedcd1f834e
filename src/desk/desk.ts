/**
 * The story desk: articles in, stories out. Each arriving article is stored once (idempotent by URL or
 * content hash), checked against wire copies, assigned to a story by the online clusterer, and the
 * story is marked dirty; dirty stories get a fresh roundup version (debounced by the caller's loop).
 * Every story is kept with its topic (related stories), as the clusterer has it.
 *
 * Crash safety: an article, its story assignment and its story row are written in ONE transaction, and
 * only then is the article acknowledged. Roundups are derived data: on start, any story whose newest
 * roundup does not cover all its articles is marked dirty again, so a kill between the two steps loses
 * nothing.
 *
 * One desk, several writers (a watch loop, POST /api/articles, the editing routes): the desk's writes run
 * one at a time, under its own lock, so a refresh never interleaves with an ingest and two refreshes never
 * write the same version twice; after each write it tells its listeners (`onChange`) which stories changed,
 * so a page cache drops them at once.
 *
 * I/O comes in through the Store and the injected clock and logger: the desk itself is testable in memory.
 */
import { createHash } from "node:crypto";
import { usableHeadline } from "../clean/05-headline.ts";
import { type Split, StoryClusterer, type StoryClustererOptions } from "../cluster/index.ts";
import type { Article, PreviousRoundup, Roundup } from "../model/types.ts";
import type { Store, StoredArticle, StoryTopic } from "../store/port.ts";
import { summarize } from "../summarize/index.ts";
import { stripControlChars } from "../util/control-chars.ts";

/** How far back the clusterer's memory reaches when rebuilt on start (stories older than this are archived). */
export const CLUSTER_WINDOW_DAYS = 14;
/**
 * Characters of each article the desk clusters and summarizes: news articles run 2,000–30,000, so a
 * longer text is a dump whose lead is what matters. Bounds memory and time per article (a 9.7 MB text
 * is read to here); the stored text stays whole, and citations, offsets from its start, stay exact.
 */
export const DESK_ARTICLE_CHARS = 100_000;

/** The article's text cut to {@link DESK_ARTICLE_CHARS}, at the last line break before the cut if any. */
export function deskText(text: string): string {
  if (text.length <= DESK_ARTICLE_CHARS) return text;
  const cut = text.lastIndexOf("\n", DESK_ARTICLE_CHARS);
  return text.slice(0, cut > DESK_ARTICLE_CHARS / 2 ? cut : DESK_ARTICLE_CHARS);
}

/** Roundup length for stories. */
export const DESK_SUMMARY_WORDS = 250;

export interface DeskOptions {
  store: Store;
  /** Injected clock (tests pin it). */
  now?: () => Date;
  /** Progress and warnings. */
  log?: (message: string) => void;
  words?: number;
  /**
   * Writes a story's roundup. Default: `summarize` on the calling thread. The server passes a worker
   * pool's, so refreshes never block its event loop.
   */
  summarize?: (
    articles: readonly Article[],
    options: { words: number; previous?: PreviousRoundup },
  ) => Roundup | Promise<Roundup>;
  /** Options of the story clusterer (default: its own defaults). */
  clusterer?: StoryClustererOptions;
}

/** An article the desk could not store: where it came from (a path and line, a URL) and why. */
export interface IngestFailure {
  /** The article's origin ("feed.jsonl line 3", a URL), else its id. */
  input: string;
  problem: string;
}

export interface IngestReport {
  /** Articles newly stored. */
  inserted: number;
  /** Articles already in the store (same canonical URL or content). */
  existing: number;
  /** Stories that gained articles. */
  stories: string[];
  /** Other stories whose topic changed (their topic merged into another), by id. */
  retopiced: string[];
  /** Articles whose write failed; the others were stored all the same. */
  failed: IngestFailure[];
}

/**
 * The article as the store may keep it: C0 control characters (tab, newline and CR aside) and DEL are
 * removed from every text field. PostgreSQL rejects U+0000 outright, and none of them means anything in
 * news text. Citations are offsets into the stored text, so they stay exact.
 */
export function storableArticle(article: Article): Article {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(article))
    out[key] = typeof value === "string" ? stripControlChars(value) : value;
  return out as unknown as Article;
}

/** SHA-1 of the text with whitespace collapsed: the identity of an article without a URL. */
export function contentHash(text: string): string {
  return createHash("sha1").update(text.replace(/\s+/g, " ").trim()).digest("hex");
}

/** Hears the ids of the stories a desk write changed; `"*"` means any story may have changed. */
export type ChangeListener = (storyIds: readonly string[]) => void;

export class Desk {
  readonly store: Store;
  private readonly now: () => Date;
  private readonly log: (message: string) => void;
  private readonly words: number;
  private readonly summarize: NonNullable<DeskOptions["summarize"]>;
  private readonly clustererOptions: StoryClustererOptions;
  /** Derived from the store: rebuilt from it on open, and again after a failed write (see `ingest`). */
  private clusterer: StoryClusterer;
  /** Clusterer story id → stored story id (they differ only after a rebuild that archived differently). */
  private storyAlias = new Map<string, string>();
  /** Set when a write failed after the clusterer took the article: its memory is ahead of the store. */
  private clustererStale = false;
  private readonly dirty = new Set<string>();
  /** The write lock: the tail of the chain of writes, each started when the one before it settled. */
  private tail: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<ChangeListener>();

  private constructor(options: DeskOptions) {
    this.store = options.store;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => {});
    this.words = options.words ?? DESK_SUMMARY_WORDS;
    this.summarize = options.summarize ?? summarize;
    this.clustererOptions = options.clusterer ?? {};
    this.clusterer = new StoryClusterer(this.clustererOptions);
  }

  /** Opens a desk on a store: rebuilds the clusterer from recent articles and finds stale roundups. */
  static async open(options: DeskOptions): Promise<Desk> {
    const desk = new Desk(options);
    await desk.rebuild();
    return desk;
  }

  private async rebuild(): Promise<void> {
    this.clusterer = new StoryClusterer(this.clustererOptions);
    this.storyAlias = new Map();
    this.clustererStale = false;
    const recent = await this.store.articlesSince(this.windowStart());
    for (const a of recent) {
      const r = this.clusterer.add(clusterDoc(a));
      if (a.storyId) this.storyAlias.set(r.story, a.storyId);
    }
    for (const id of await this.store.staleStories()) this.dirty.add(id);
    if (recent.length) this.log(`desk: rebuilt clustering from ${recent.length} recent articles`);
    try {
      await this.writeBackTopics();
    } catch (err) {
      // Topics are derived data: the stories keep the ones they had, and the next rebuild tries again.
      this.log(`desk: story topics not updated after the rebuild (${(err as Error).message})`);
    }
  }

  /**
   * The rebuilt clusterer placed the window's stories in topics afresh: stores each live story's topic
   * where it differs from the stored one, in one batch.
   */
  private async writeBackTopics(): Promise<void> {
    const want = new Map<string, string>();
    for (const [clustered, stored] of this.storyAlias) {
      const topic = this.clusterer.topicOfStory(clustered);
      if (topic !== undefined) want.set(stored, this.storedId(topic));
    }
    if (want.size === 0) return;
    const changes: StoryTopic[] = [];
    for (const s of await this.store.listStories()) {
      const topic = want.get(s.id);
      if (topic !== undefined && topic !== s.topicId) changes.push({ storyId: s.id, topicId: topic });
    }
    if (changes.length === 0) return;
    await this.store.setStoryTopics(changes);
    this.log(`desk: ${changes.length} stories moved to another topic after the rebuild`);
  }

  /** The stored id of a clusterer story (or topic: a topic's id is its first story's). */
  private storedId(clustered: string): string {
    return this.storyAlias.get(clustered) ?? clustered;
  }

  /** Stories waiting for a fresh roundup. */
  get pending(): string[] {
    return [...this.dirty].sort();
  }

  /** Calls `listener` with the ids of the stories each later write changes; returns the unsubscribe. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs one write under the desk's lock (after every write before it settled, failed or not), then tells
   * the listeners the stories `changed` names. A listener's failure is logged and never fails the write.
   */
  private exclusive<T>(write: () => Promise<T>, changed: (result: T) => readonly string[]): Promise<T> {
    const run = this.tail.then(write, write).then((result) => {
      const ids = changed(result);
      if (ids.length > 0)
        for (const listener of this.listeners)
          try {
            listener(ids);
          } catch (err) {
            this.log(`desk: change listener failed: ${(err as Error).message}`);
          }
      return result;
    });
    this.tail = run.catch(() => {});
    return run;
  }

  /**
   * Stores and clusters articles; each one is acknowledged only after its transaction commits. One
   * article's failed write is reported in `failed` (by origin) and the rest go on.
   */
  ingest(articles: readonly Article[], meta: { feedUrl?: string } = {}): Promise<IngestReport> {
    return this.exclusive(
      () => this.ingestNow(articles, meta),
      (report) => [...report.stories, ...report.retopiced],
    );
  }

  private async ingestNow(articles: readonly Article[], meta: { feedUrl?: string }): Promise<IngestReport> {
    const report: IngestReport = { inserted: 0, existing: 0, stories: [], retopiced: [], failed: [] };
    const touched = new Set<string>();
    const retopiced = new Set<string>();
    /** The clusterer's ids of the stories this batch grew. */
    const grown = new Set<string>();
    for (const raw of articles) {
      // 1. A clusterer that took an article whose write then failed is rebuilt from the store first.
      if (this.clustererStale) await this.rebuild();
      const article = storableArticle(raw);
      let outcome: Awaited<ReturnType<Desk["place"]>>;
      try {
        outcome = await this.place(article, meta);
      } catch (err) {
        // 2. The transaction rolled back; the clusterer may hold the article, so it no longer matches the store.
        this.clustererStale = true;
        const input = raw.origin ?? raw.id;
        const problem = (err as Error).message;
        report.failed.push({ input, problem });
        this.log(`ingest: ${input}: not stored (${problem})`);
        continue;
      }
      if (!outcome.inserted) {
        report.existing++;
        continue;
      }
      report.inserted++;
      touched.add(outcome.story);
      grown.add(outcome.clustered);
      this.dirty.add(outcome.story);
      for (const m of outcome.merged) this.dirty.delete(this.storedId(m));
      for (const r of outcome.retopiced) retopiced.add(r);
    }
    // 3. A second look at the stories this batch grew: one that drifted over two events is split, the
    // larger part keeping its id (StoryClusterer.recluster).
    if (!this.clustererStale && grown.size > 0)
      for (const split of this.clusterer.recluster({ stories: grown })) {
        try {
          const into = await this.split(split);
          touched.add(into);
          touched.add(this.storedId(split.story));
          this.dirty.add(into);
          this.dirty.add(this.storedId(split.story));
        } catch (err) {
          this.clustererStale = true;
          this.log(`ingest: splitting story ${split.story}: ${(err as Error).message}`);
        }
      }
    report.stories = [...touched].sort();
    report.retopiced = [...retopiced].filter((id) => !touched.has(id)).sort();
    return report;
  }

  /**
   * One article's transaction: store it, place it in a story (merging stories the clusterer joined), and
   * keep the story's topic and the topics of the stories that moved with it.
   */
  private async place(article: Article, meta: { feedUrl?: string }) {
    const at = this.now().toISOString();
    const stored: StoredArticle = {
      ...article,
      contentHash: contentHash(article.text),
      ingestedAt: at,
      ...(meta.feedUrl ? { feedUrl: meta.feedUrl } : {}),
    };
    return this.store.transaction(async (tx) => {
      const put = await tx.putArticle(stored);
      if (!put.inserted) return { inserted: false as const };
      const assignment = this.clusterer.add(clusterDoc(stored));
      const story = this.storedId(assignment.story);
      const existing = await tx.getStory(story);
      await tx.putStory({
        id: story,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
        archived: false,
        // Until the roundup gives one (refreshStory), the first usable title: never a byline or a label.
        ...headlineOf(existing?.headline, article),
        topicId: this.storedId(assignment.topic),
      });
      // Stories the clusterer found to be this one move in after the story row exists.
      for (const m of assignment.merged) {
        const from = this.storedId(m);
        if (from !== story && (await tx.getStory(from))) await tx.mergeStories(from, story, at);
      }
      await tx.assignArticle(put.id, story, assignment.duplicateOf);
      // A topic merge moves other stories: the ones stored (and not this one) get their new topic.
      const moved: StoryTopic[] = [];
      for (const r of assignment.retopiced) {
        const id = this.storedId(r.story);
        if (id !== story && !moved.some((m) => m.storyId === id) && (await tx.getStory(id)))
          moved.push({ storyId: id, topicId: this.storedId(r.topic) });
      }
      if (moved.length > 0) await tx.setStoryTopics(moved);
      return {
        inserted: true as const,
        story,
        clustered: assignment.story,
        merged: assignment.merged,
        retopiced: moved.map((m) => m.storyId),
      };
    });
  }

  /**
   * Moves a split's articles to their new story in one transaction (same topic; the new story's headline
   * is its first article's title until its roundup gives one); returns the new story's id.
   */
  private async split(split: Split): Promise<string> {
    const at = this.now().toISOString();
    const from = this.storedId(split.story);
    const into = split.into;
    return this.store.transaction(async (tx) => {
      const old = await tx.getStory(from);
      if (!old) throw new Error(`story ${from} is not stored`);
      const first = await tx.getArticle(split.articles[0]);
      await tx.putStory({
        id: into,
        createdAt: at,
        updatedAt: at,
        archived: false,
        ...(first ? headlineOf(undefined, first) : {}),
        topicId: old.topicId,
      });
      for (const id of split.articles) {
        const a = await tx.getArticle(id);
        if (a) await tx.assignArticle(id, into, a.duplicateOf);
      }
      await tx.putStory({ ...old, updatedAt: at });
      return into;
    });
  }

  /** Recomputes the roundup of every dirty story; returns the ids refreshed. */
  refresh(): Promise<string[]> {
    return this.exclusive(
      () => this.refreshNow(),
      (ids) => ids,
    );
  }

  private async refreshNow(): Promise<string[]> {
    const done: string[] = [];
    for (const id of this.pending) {
      this.dirty.delete(id);
      try {
        if (await this.refreshStory(id)) done.push(id);
      } catch (err) {
        // One story's failure never stops the others; its roundup stays stale in the store, so the
        // next article for it, or the next start (`staleStories`), tries again.
        this.log(`refresh: story ${id}: ${(err as Error).message}`);
      }
    }
    return done;
  }

  /** A fresh roundup version for one story, unless its newest already covers every article. */
  private async refreshStory(id: string): Promise<boolean> {
    const articles = await this.store.storyArticles(id);
    if (articles.length === 0) return false;
    const ids = articles.map((a) => a.id);
    const latest = await this.store.latestRoundup(id);
    if (latest && sameIds(latest.articleIds, ids)) return false;
    const inputs = articles.map((a) =>
      a.text.length > DESK_ARTICLE_CHARS ? { ...a, text: deskText(a.text) } : a,
    );
    // The version before this one: what is new since it (`newSince`), and which undated articles are new.
    const previous = latest ? { roundup: latest.roundup, articleIds: latest.articleIds } : undefined;
    const roundup: Roundup = await this.summarize(inputs, {
      words: this.words,
      ...(previous ? { previous } : {}),
    });
    await this.store.addRoundup(id, roundup, ids, this.now().toISOString());
    // The story's headline is its roundup's, which follows the roundup's lead sentence.
    if (roundup.headline) {
      const story = await this.store.getStory(id);
      if (story && story.headline !== roundup.headline)
        await this.store.putStory({ ...story, headline: roundup.headline });
    }
    return true;
  }

  /** The start of the clustering window, as of now. */
  private windowStart(): string {
    return new Date(this.now().getTime() - CLUSTER_WINDOW_DAYS * 86_400_000).toISOString();
  }

  /** Archives stories quiet for longer than the clustering window, in the store and in memory. */
  archive(): Promise<number> {
    return this.exclusive(
      async () => {
        const before = this.windowStart();
        this.clusterer.archiveBefore(before);
        return this.store.archiveStories(before);
      },
      // Archiving does not say which stories: every cached page is checked again.
      (count) => (count > 0 ? ["*"] : []),
    );
  }
}

/** A story's headline before its roundup's (to spread into the row): the one it has, else the article's title if usable. */
function headlineOf(existing: string | undefined, article: Article): { headline?: string } {
  if (existing !== undefined) return { headline: existing };
  return usableHeadline(article.title, [article.source]) ? { headline: article.title } : {};
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

function clusterDoc(a: StoredArticle) {
  return {
    id: a.id,
    text: deskText(a.text),
    ...(a.title ? { title: a.title } : {}),
    // The publication date only: an ingest time is not when the story happened (a folder of last month's
    // articles would look five weeks apart from their own follow-ups); undated articles take the stream's clock.
    ...(a.published ? { date: a.published } : {}),
    ...(a.source ? { source: a.source } : {}),
  };
}
