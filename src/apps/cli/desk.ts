/**
 * The desk's commands: parse the flags, call the desk (src/desk), format what it returns. The desk, the
 * readers (linkedom, Readability, rss-parser) and the fetcher are imported by the commands that use them
 * (desk-deps.ts), so `stories` and `story` load only the store and the story read model (see main.ts).
 */
import { withDeskStore } from "../../desk/data.ts";
import { type StoryDetail, StoryReader } from "../../desk/stories.ts";
import { InputError, UsageError } from "../../model/errors.ts";
import type { Store } from "../../store/port.ts";
import { intervalSeconds } from "../shared/flags.ts";
import { type Io, stderrLog } from "../shared/io.ts";
import { parseFormat } from "./flags.ts";
import { formatRoundupSafely, oneLine, report } from "./terminal.ts";

export interface StoreFlags {
  data?: string;
}

/** Runs `fn` on the desk's store (PostgreSQL when DATABASE_URL is set, else PGlite in --data). */
export function withStore<T>(flags: StoreFlags, fn: (store: Store) => Promise<T>): Promise<T> {
  return withDeskStore({ ...(flags.data ? { data: flags.data } : {}) }, fn);
}

/** `withStore` for commands that only read (`stories`, `story`, `export`): they never create a store. */
export function withReadOnlyStore<T>(flags: StoreFlags, fn: (store: Store) => Promise<T>): Promise<T> {
  return withDeskStore({ ...(flags.data ? { data: flags.data } : {}), readOnly: true }, fn);
}

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
  const say = stderrLog(io);
  const { Desk, gather } = await import("./desk-deps.ts");
  return withStore(opts, async (store) => {
    const desk = await Desk.open({ store, log: say });
    const total = { inserted: 0, existing: 0, problems: 0 };
    const stories = new Set<string>();
    const gathering = gather(inputs, {
      stdin: io.stdin,
      allowPrivateNetwork: opts.allowPrivateNetwork ?? false,
    });
    for await (const input of gathering) {
      for (const w of input.warnings) say(`warning: ${w}`);
      if (input.problem !== undefined) {
        total.problems++;
        say(input.problem);
        continue;
      }
      const report = await desk.ingest(input.articles);
      total.inserted += report.inserted;
      total.existing += report.existing;
      total.problems += report.failed.length;
      for (const id of report.stories) stories.add(id);
    }
    const refreshed = await desk.refresh();
    const problems = total.problems;
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
  const { startDesk, readFeedList } = await import("./desk-deps.ts");
  const feeds = opts.feeds ? await readFeedList(opts.feeds) : [];
  return withStore(opts, async (store) => {
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
      const service = await startDesk({
        store,
        log: stderrLog(io),
        feeds,
        folders: opts.folder ?? [],
        intervalMs: seconds * 1000,
        allowPrivateNetwork: opts.allowPrivateNetwork ?? false,
        once: opts.once ?? false,
        signal: controller.signal,
      });
      await service.done;
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    }
    return 0;
  });
}

/**
 * `roundup stories`: stories with outlets, article count and last update, newest first. `--json` prints
 * what GET /api/stories answers.
 */
export async function storiesCommand(
  opts: StoreFlags & { json?: boolean; limit: string; all?: boolean },
  io: Io,
): Promise<number> {
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit must be a positive whole number, not "${opts.limit}"`);
  return withReadOnlyStore(opts, async (store) => {
    const stories = await new StoryReader(store, 0).list({ limit, includeArchived: opts.all ?? false });
    if (opts.json) {
      io.stdout.write(`${JSON.stringify({ stories }, null, 2)}\n`);
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

/**
 * `roundup story ID`: the story's current roundup with sources, or one `--version`, or every version
 * (`--versions`). `--format json` prints what GET /api/stories/ID answers (an array of them, one per
 * version, with `--versions`).
 */
export async function storyCommand(
  id: string,
  opts: StoreFlags & { format: string; versions?: boolean; at?: string },
  io: Io,
): Promise<number> {
  const format = parseFormat(opts.format);
  const version = opts.at === undefined ? undefined : Number(opts.at);
  if (version !== undefined && (!Number.isInteger(version) || version < 1 || !/^\d+$/.test(opts.at ?? "")))
    throw new UsageError(`--at must be a positive whole number, not "${opts.at}"`);
  return withReadOnlyStore(opts, async (store) => {
    const reader = new StoryReader(store, 0);
    let pages: StoryDetail[];
    if (opts.versions) {
      // The story's own history, merged or not.
      pages = (await reader.history(id)) ?? [];
      if (!(await store.getStory(id))) throw noStory(id);
    } else {
      let found = await reader.story(id, version);
      // A merged story's id keeps working: its current roundup is the one of the story it went into.
      if (!found.ok && found.problem === "moved") {
        report(io.stderr, `${id}: merged into ${found.to}; showing that story`);
        found = await reader.story(found.to);
      }
      if (!found.ok && found.problem === "version")
        throw new InputError(
          id,
          `has no roundup version ${version} (${found.latest === undefined ? "it has no roundup yet" : `versions are 1 to ${found.latest}`})`,
        );
      if (!found.ok) throw noStory(id);
      pages = [found.page.detail];
    }
    const shown = pages.filter((p) => p.roundup !== null);
    if (shown.length === 0) {
      report(io.stderr, `${pages[0]?.story.id ?? id}: no roundup yet (it is computed when articles arrive)`);
      return 1;
    }
    if (format === "json") {
      io.stdout.write(`${JSON.stringify(opts.versions ? shown : shown[0], null, 2)}\n`);
      return 0;
    }
    for (const page of shown) {
      if (opts.versions && page.version)
        io.stdout.write(
          `--- version ${page.version.version}, ${oneLine(page.version.createdAt)}, ${page.version.articleCount} articles\n`,
        );
      if (page.roundup) io.stdout.write(formatRoundupSafely(page.roundup, format));
    }
    return 0;
  });
}

const noStory = (id: string) => new InputError(id, "no such story (see `roundup stories`)");
