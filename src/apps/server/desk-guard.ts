/**
 * One desk, two writers: the watch loop and POST /api/articles. The guard makes the desk's writes run one
 * at a time (so a refresh never interleaves with an ingest and two refreshes never write the same version
 * twice) and tells listeners which stories changed, so the server's page cache drops them at once.
 *
 * It wraps the methods on the desk instance itself, because `watch()` calls them directly; wrapping is done
 * once per desk, however many apps are created on it.
 */
import type { Desk, IngestReport } from "../../desk/desk.ts";
import type { Article } from "../../model/types.ts";

export type ChangeListener = (storyIds: readonly string[]) => void;

export interface DeskGuard {
  /** Called with the story ids after every ingest (stories that gained articles or changed topic) and refresh. */
  listen(listener: ChangeListener): () => void;
}

interface GuardState extends DeskGuard {
  listeners: Set<ChangeListener>;
}

const guards = new WeakMap<Desk, GuardState>();

export function guardDesk(desk: Desk): DeskGuard {
  const existing = guards.get(desk);
  if (existing) return existing;
  const listeners = new Set<ChangeListener>();
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => {});
    return run;
  };
  const notify = (ids: readonly string[]) => {
    if (ids.length === 0) return;
    for (const listener of listeners) listener(ids);
  };
  const ingest = desk.ingest.bind(desk);
  const refresh = desk.refresh.bind(desk);
  const archive = desk.archive.bind(desk);
  desk.ingest = (articles: readonly Article[], meta?: { feedUrl?: string }): Promise<IngestReport> =>
    exclusive(async () => {
      const report = await ingest(articles, meta);
      notify([...report.stories, ...report.retopiced]);
      return report;
    });
  desk.refresh = (): Promise<string[]> =>
    exclusive(async () => {
      const ids = await refresh();
      notify(ids);
      return ids;
    });
  desk.archive = (): Promise<number> =>
    exclusive(async () => {
      const count = await archive();
      // Archiving does not say which stories; every cached page is re-checked.
      if (count > 0) notify(["*"]);
      return count;
    });
  const state: GuardState = {
    listeners,
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  guards.set(desk, state);
  return state;
}
