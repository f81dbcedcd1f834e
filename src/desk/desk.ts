/**
 * The story desk: articles in, stories out. Each arriving article is stored once (idempotent by URL or
 * content hash), checked against wire copies, assigned to a story by the online clusterer, and the
 * story is marked dirty; dirty stories get a fresh roundup version (debounced by the caller's loop).
 *
 * Crash safety: an article, its story assignment and its story row are written in ONE transaction, and
 * only then is the article acknowledged. Roundups are derived data: on start, any story whose newest
 * roundup does not cover all its articles is marked dirty again, so a kill between the two steps loses
 * nothing.
 *
 * I/O comes in through the Store and the injected clock and logger: the desk itself is testable in memory.
 */
import { createHash } from "node:crypto";
import { StoryClusterer } from "../cluster/index.ts";
import type { Article, Roundup } from "../model/types.ts";
import type { Store, StoredArticle } from "../store/port.ts";
import { summarize } from "../summarize/index.ts";

/** How far back the clusterer's memory reaches when rebuilt on start (stories older than this are archived). */
export const CLUSTER_WINDOW_DAYS = 14;
/** Roundup length for stories. */
export const DESK_SUMMARY_WORDS = 250;

export interface DeskOptions {
  store: Store;
  /** Injected clock (tests pin it). */
  now?: () => Date;
  /** Progress and warnings. */
  log?: (message: string) => void;
  words?: number;
}

export interface IngestReport {
  /** Articles newly stored. */
  inserted: number;
  /** Articles already in the store (same canonical URL or content). */
  existing: number;
  /** Stories that gained articles. */
  stories: string[];
}

/** SHA-1 of the text with whitespace collapsed: the identity of an article without a URL. */
export function contentHash(text: string): string {
  return createHash("sha1").update(text.replace(/\s+/g, " ").trim()).digest("hex");
}

export class Desk {
  readonly store: Store;
  private readonly now: () => Date;
  private readonly log: (message: string) => void;
  private readonly words: number;
  private readonly clusterer = new StoryClusterer();
  /** Clusterer story id → stored story id (they differ only after a rebuild that archived differently). */
  private readonly storyAlias = new Map<string, string>();
  private readonly dirty = new Set<string>();

  private constructor(options: DeskOptions) {
    this.store = options.store;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => {});
    this.words = options.words ?? DESK_SUMMARY_WORDS;
  }

  /** Opens a desk on a store: rebuilds the clusterer from recent articles and finds stale roundups. */
  static async open(options: DeskOptions): Promise<Desk> {
    const desk = new Desk(options);
    await desk.rebuild();
    return desk;
  }

  private async rebuild(): Promise<void> {
    const recent = await this.store.articlesSince(this.windowStart());
    for (const a of recent) {
      const r = this.clusterer.add(clusterDoc(a));
      if (a.storyId) this.storyAlias.set(r.story, a.storyId);
    }
    for (const id of await this.store.staleStories()) this.dirty.add(id);
    if (recent.length) this.log(`desk: rebuilt clustering from ${recent.length} recent articles`);
  }

  /** Stories waiting for a fresh roundup. */
  get pending(): string[] {
    return [...this.dirty].sort();
  }

  /** Stores and clusters articles; each one is acknowledged only after its transaction commits. */
  async ingest(articles: readonly Article[], meta: { feedUrl?: string } = {}): Promise<IngestReport> {
    const report: IngestReport = { inserted: 0, existing: 0, stories: [] };
    const touched = new Set<string>();
    for (const article of articles) {
      const at = this.now().toISOString();
      const stored: StoredArticle = {
        ...article,
        contentHash: contentHash(article.text),
        ingestedAt: at,
        ...(meta.feedUrl ? { feedUrl: meta.feedUrl } : {}),
      };
      const outcome = await this.store.transaction(async (tx) => {
        const put = await tx.putArticle(stored);
        if (!put.inserted) return { inserted: false as const };
        const assignment = this.clusterer.add(clusterDoc(stored));
        const story = this.storyAlias.get(assignment.story) ?? assignment.story;
        const existing = await tx.getStory(story);
        await tx.putStory({
          id: story,
          createdAt: existing?.createdAt ?? at,
          updatedAt: at,
          archived: false,
          ...((existing?.headline ?? article.title) ? { headline: existing?.headline ?? article.title } : {}),
        });
        // Stories the clusterer found to be this one move in after the story row exists.
        for (const m of assignment.merged) {
          const from = this.storyAlias.get(m) ?? m;
          if (from !== story && (await tx.getStory(from))) await tx.mergeStories(from, story, at);
        }
        await tx.assignArticle(put.id, story, assignment.duplicateOf);
        return { inserted: true as const, story, merged: assignment.merged };
      });
      if (!outcome.inserted) {
        report.existing++;
        continue;
      }
      report.inserted++;
      touched.add(outcome.story);
      this.dirty.add(outcome.story);
      for (const m of outcome.merged) this.dirty.delete(this.storyAlias.get(m) ?? m);
    }
    report.stories = [...touched].sort();
    return report;
  }

  /** Recomputes the roundup of every dirty story; returns the ids refreshed. */
  async refresh(): Promise<string[]> {
    const done: string[] = [];
    for (const id of this.pending) {
      this.dirty.delete(id);
      const articles = await this.store.storyArticles(id);
      if (articles.length === 0) continue;
      const ids = articles.map((a) => a.id);
      const latest = await this.store.latestRoundup(id);
      if (latest && sameIds(latest.articleIds, ids)) continue;
      const roundup: Roundup = summarize(articles, { words: this.words });
      await this.store.addRoundup(id, roundup, ids, this.now().toISOString());
      if (roundup.headline) {
        const story = await this.store.getStory(id);
        if (story && story.headline !== roundup.headline)
          await this.store.putStory({ ...story, headline: roundup.headline });
      }
      done.push(id);
    }
    return done;
  }

  /** The start of the clustering window, as of now. */
  private windowStart(): string {
    return new Date(this.now().getTime() - CLUSTER_WINDOW_DAYS * 86_400_000).toISOString();
  }

  /** Archives stories quiet for longer than the clustering window, in the store and in memory. */
  async archive(): Promise<number> {
    const before = this.windowStart();
    this.clusterer.archiveBefore(before);
    return this.store.archiveStories(before);
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

function clusterDoc(a: StoredArticle) {
  return {
    id: a.id,
    text: a.text,
    ...(a.title ? { title: a.title } : {}),
    date: a.published ?? a.ingestedAt,
    ...(a.source ? { source: a.source } : {}),
  };
}
