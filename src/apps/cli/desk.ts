// The desk, the readers (linkedom, Readability, rss-parser) and the fetcher are imported by the commands
// that use them (desk-deps.ts), so `stories` and `story` load only the store (see main.ts).
import { InputError, UsageError } from "../../model/errors.ts";
import type { Article } from "../../model/types.ts";
import { DEFAULT_DATA_DIR, openStore } from "../../store/index.ts";
import type { Store } from "../../store/port.ts";
import { escapeControlChars } from "../../util/control-chars.ts";
import { parseFormat } from "./flags.ts";
import type { Io } from "./summarize.ts";
import { formatRoundupSafely, oneLine, report } from "./terminal.ts";

export interface StoreFlags {
  data?: string;
}

/**
 * The store: PostgreSQL when DATABASE_URL is set, else PGlite in --data (default ./roundup-data).
 * `readOnly` (commands that only read): a missing PGlite store is an InputError naming the directory,
 * and nothing is created.
 */
export function openDeskStore(flags: StoreFlags, access: { readOnly?: boolean } = {}): Promise<Store> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return openStore({ databaseUrl });
  return openStore({
    dataDir: flags.data ?? DEFAULT_DATA_DIR,
    ...(access.readOnly ? { create: false } : {}),
  });
}

export async function withStore<T>(
  flags: StoreFlags,
  fn: (store: Store) => Promise<T>,
  access: { readOnly?: boolean } = {},
): Promise<T> {
  const store = await openDeskStore(flags, access);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/**
 * `roundup ingest PATH|URL…`: store, dedupe and cluster articles, then refresh the stories' roundups.
 * Inputs are read and stored one file (one JSON line, one URL) at a time, so memory is bounded by the
 * largest input, not the run. A bad input or an article the store refuses is reported by name and the
 * rest go on; the exit code is then 1.
 */
export async function ingestCommand(
  inputs: string[],
  opts: StoreFlags & { allowPrivateNetwork?: boolean },
  io: Io,
): Promise<number> {
  if (inputs.length === 0) throw new UsageError("ingest needs at least one PATH or URL");
  const say = (m: string) => io.stderr.write(`roundup: ${escapeControlChars(m)}\n`);
  const paths = inputs.filter((i) => !isUrl(i));
  const urls = inputs.filter(isUrl);
  const { Desk, readArticleBatches, fetchArticle } = await import("./desk-deps.ts");
  return withStore(opts, async (store) => {
    const desk = await Desk.open({ store, log: say });
    const total = { inserted: 0, existing: 0, failed: 0, bad: 0 };
    const stories = new Set<string>();
    const store1 = async (articles: Article[]) => {
      const report = await desk.ingest(articles);
      total.inserted += report.inserted;
      total.existing += report.existing;
      total.failed += report.failed.length;
      for (const id of report.stories) stories.add(id);
    };
    if (paths.length)
      for await (const batch of readArticleBatches(paths, { stdin: io.stdin, keepGoing: true })) {
        for (const w of batch.warnings) say(`warning: ${w}`);
        if (batch.error) {
          total.bad++;
          say(batch.error.message);
          continue;
        }
        await store1(batch.articles);
      }
    for (const url of urls) {
      let article: Article;
      try {
        article = await fetchArticle(url, { allowPrivateNetwork: opts.allowPrivateNetwork ?? false });
      } catch (err) {
        total.bad++;
        say(`${url}: ${(err as Error).message}`);
        continue;
      }
      await store1([article]);
    }
    const refreshed = await desk.refresh();
    const problems = total.bad + total.failed;
    io.stdout.write(
      `ingested ${total.inserted} new articles (${total.existing} already stored) into ${stories.size} stories; ${refreshed.length} roundups refreshed${problems ? `; ${problems} inputs not stored (see above)` : ""}\n`,
    );
    return problems ? 1 : 0;
  });
}

/** `roundup watch --feeds FILE`: poll feeds (and folders) until interrupted. */
export async function watchCommand(
  opts: StoreFlags & {
    feeds?: string;
    folder?: string[];
    interval: string;
    allowPrivateNetwork?: boolean;
    once?: boolean;
  },
  io: Io,
): Promise<number> {
  if (!opts.feeds && !opts.folder?.length)
    throw new UsageError("watch needs --feeds FILE and/or --folder DIR");
  const seconds = intervalSeconds(opts.interval);
  const { Desk, watch, readFeedList } = await import("./desk-deps.ts");
  const feeds = opts.feeds ? await readFeedList(opts.feeds) : [];
  return withStore(opts, async (store) => {
    const log = (m: string) => io.stderr.write(`roundup: ${m}\n`);
    const desk = await Desk.open({ store, log });
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
      log(`watching ${feeds.length} feeds and ${opts.folder?.length ?? 0} folders every ${seconds} s`);
      await watch(desk, {
        feeds,
        folders: opts.folder ?? [],
        intervalMs: seconds * 1000,
        allowPrivateNetwork: opts.allowPrivateNetwork ?? false,
        once: opts.once ?? false,
        signal: controller.signal,
        log,
      });
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    }
    return 0;
  });
}

/** `--interval` of `watch` and `serve`: a positive number of seconds, or a UsageError naming the value. */
export function intervalSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(`--interval must be a positive number of seconds, not "${value}"`);
  return seconds;
}

/** `withStore` for commands that only read (`stories`, `story`, `export`): they never create a store. */
export function withReadOnlyStore<T>(flags: StoreFlags, fn: (store: Store) => Promise<T>): Promise<T> {
  return withStore(flags, fn, { readOnly: true });
}

/** `roundup stories`: stories with outlet count, article count and last update, newest first. */
export async function storiesCommand(
  opts: StoreFlags & { json?: boolean; limit: string; all?: boolean },
  io: Io,
): Promise<number> {
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit must be a positive whole number, not "${opts.limit}"`);
  return withReadOnlyStore(opts, async (store) => {
    const stories = await store.listStories({ limit, includeArchived: opts.all ?? false });
    if (opts.json) {
      io.stdout.write(`${JSON.stringify(stories, null, 2)}\n`);
      return 0;
    }
    if (stories.length === 0) {
      io.stdout.write("no stories yet: add articles with `roundup ingest` or `roundup watch`\n");
      return 0;
    }
    // One line per story: the id and headline come from input, so they are escaped (see terminal.ts).
    for (const s of stories)
      io.stdout.write(
        `${oneLine(s.id)}  ${oneLine(s.updatedAt.slice(0, 16).replace("T", " "))}  ${String(s.articleCount).padStart(3)} articles  ${String(s.outletCount).padStart(2)} outlets  ${oneLine(s.headline ?? "(untitled)")}${s.mergedInto ? `  [merged into ${oneLine(s.mergedInto)}]` : s.archived ? "  [archived]" : ""}\n`,
      );
    return 0;
  });
}

/** `roundup story ID`: the story's current roundup with sources (or every version). */
export async function storyCommand(
  id: string,
  opts: StoreFlags & { format: string; versions?: boolean },
  io: Io,
): Promise<number> {
  const format = parseFormat(opts.format);
  return withReadOnlyStore(opts, async (store) => {
    let story = await store.getStory(id);
    if (!story) throw new InputError(id, "no such story (see `roundup stories`)");
    // A merged story's id keeps working: its current roundup is the one of the story it went into
    // (`--versions` still lists the merged story's own history).
    if (story.mergedInto !== undefined && !opts.versions) {
      report(io.stderr, `${id}: merged into ${story.mergedInto}; showing that story`);
      story = (await store.getStory(story.mergedInto)) ?? story;
    }
    const shown = story.id;
    const versions = opts.versions
      ? await store.roundupVersions(shown)
      : [await store.latestRoundup(shown)].filter((v) => v !== undefined);
    if (versions.length === 0) {
      report(io.stderr, `${shown}: no roundup yet (it is computed when articles arrive)`);
      return 1;
    }
    if (format === "json") {
      io.stdout.write(
        `${JSON.stringify(opts.versions ? { story, versions } : { story, ...versions[0] }, null, 2)}\n`,
      );
      return 0;
    }
    for (const v of versions) {
      if (opts.versions)
        io.stdout.write(
          `--- version ${v.version}, ${oneLine(String(v.createdAt))}, ${v.articleIds.length} articles\n`,
        );
      io.stdout.write(formatRoundupSafely(v.roundup, format));
    }
    return 0;
  });
}
