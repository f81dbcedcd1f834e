/**
 * The desk's polling loop: feeds (conditional GET, per-feed back-off kept in the store), folders
 * (re-read each cycle; ingest is idempotent), then a debounced roundup refresh. Stops on the signal.
 */

import { pollFeed } from "../ingest/feeds.ts";
import type { FeedState } from "../store/port.ts";
import { DEFAULT_INTERVAL_SECONDS } from "./defaults.ts";
import type { Desk } from "./desk.ts";
import { feedArticles, gather } from "./gather.ts";

export { DEFAULT_INTERVAL_SECONDS };
/** A story's roundup is recomputed at most this often while articles keep arriving. */
export const DEFAULT_DEBOUNCE_MS = 2_000;

export interface WatchOptions {
  feeds: readonly string[];
  folders?: readonly string[];
  intervalMs?: number;
  debounceMs?: number;
  allowPrivateNetwork?: boolean;
  /** Run one cycle and return (tests, cron). */
  once?: boolean;
  signal?: AbortSignal;
  log?: (message: string) => void;
}

export interface CycleReport {
  inserted: number;
  feedErrors: number;
}

/** One polling cycle over every due feed and folder. */
export async function pollOnce(desk: Desk, options: WatchOptions, now: Date): Promise<CycleReport> {
  const log = options.log ?? (() => {});
  let inserted = 0;
  let feedErrors = 0;
  for (const url of options.feeds) {
    // One feed's failure (a store write, a parser bug) is logged and never stops the other feeds.
    try {
      inserted += await pollOneFeed(desk, url, options, now, log, () => feedErrors++);
    } catch (err) {
      feedErrors++;
      log(`watch: ${url}: ${(err as Error).message}`);
    }
  }
  for (const folder of options.folders ?? []) {
    // A file at a time: a bad file is logged by name and the folder's other files are still stored.
    try {
      for await (const batch of gather([folder])) {
        for (const warning of batch.warnings) log(`watch: warning: ${warning}`);
        if (batch.problem) log(`watch: ${batch.problem}`);
        else if (batch.articles.length) inserted += (await desk.ingest(batch.articles)).inserted;
      }
    } catch (err) {
      log(`watch: ${folder}: ${(err as Error).message}`);
    }
  }
  return { inserted, feedErrors };
}

/** Polls one feed if due, stores its articles, and saves its state; returns the articles inserted. */
async function pollOneFeed(
  desk: Desk,
  url: string,
  options: WatchOptions,
  now: Date,
  log: (message: string) => void,
  countError: () => void,
): Promise<number> {
  const previous: FeedState = (await desk.store.getFeedState(url)) ?? { url, errorCount: 0 };
  // A continuous watch keeps each feed's schedule and back-off; `--once` is an explicit "poll now".
  if (!options.once && previous.nextPollAt && previous.nextPollAt > now.toISOString()) return 0;
  const polled = await pollFeed(previous, {
    now,
    allowPrivateNetwork: options.allowPrivateNetwork ?? false,
    ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
  });
  if (polled.state.errorCount > 0) {
    countError();
    log(
      `watch: ${url}: ${polled.state.lastError ?? "error"} (retry after ${polled.state.nextPollAt ?? "next cycle"})`,
    );
  }
  const articles = await feedArticles(polled.items, {
    allowPrivateNetwork: options.allowPrivateNetwork ?? false,
    skip: (problem) => log(`watch: ${problem}`),
  });
  let inserted = 0;
  try {
    // The desk reports (and logs) each article it could not store and stores the rest.
    if (articles.length) inserted = (await desk.ingest(articles, { feedUrl: url })).inserted;
  } finally {
    // Saved after its articles, so a crash in between re-polls the feed (ingest is idempotent); saved
    // even when ingest failed, so one bad item cannot pin the feed to the same poll forever.
    await desk.store.putFeedState(polled.state);
  }
  return inserted;
}

/** Polls every interval until the signal aborts (or once); refreshes dirty roundups at most every debounce interval. */
export async function watch(
  desk: Desk,
  options: WatchOptions,
  now: () => Date = () => new Date(),
): Promise<void> {
  const log = options.log ?? (() => {});
  const interval = options.intervalMs ?? DEFAULT_INTERVAL_SECONDS * 1000;
  const debounce = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  let lastPoll = Number.NEGATIVE_INFINITY;
  let lastRefresh = Number.NEGATIVE_INFINITY;
  // Stories left stale by an earlier run (killed before their roundup) are refreshed first.
  const stale = await desk.refresh();
  if (stale.length) log(`watch: refreshed ${stale.length} stale stories`);
  for (;;) {
    if (now().getTime() - lastPoll >= interval) {
      lastPoll = now().getTime();
      const report = await pollOnce(desk, options, now());
      if (report.inserted) log(`watch: ${report.inserted} new articles`);
    }
    if (desk.pending.length > 0 && (options.once || now().getTime() - lastRefresh >= debounce)) {
      const refreshed = await desk.refresh();
      lastRefresh = now().getTime();
      if (refreshed.length) log(`watch: refreshed roundups of ${refreshed.length} stories`);
    }
    if (options.once || options.signal?.aborted) break;
    await sleep(Math.max(50, Math.min(interval, debounce)), options.signal);
    if (options.signal?.aborted) break;
  }
  await desk.refresh();
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}
