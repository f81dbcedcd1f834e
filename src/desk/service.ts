/**
 * The desk as a running service: one wiring that `roundup watch` and `roundup serve` both use. It opens
 * the store the environment names, opens the desk on it (rebuilding the clusterer), and runs the polling
 * loop over the feeds and folders, or, with none, refreshes the stories an earlier run left stale.
 */
import { Desk, type DeskOptions } from "./desk.ts";
import { watch } from "./watch.ts";

export interface DeskServiceOptions extends Omit<DeskOptions, "log"> {
  log: (message: string) => void;
  feeds?: readonly string[];
  folders?: readonly string[];
  intervalMs: number;
  allowPrivateNetwork?: boolean;
  /** One polling cycle, then stop (cron, tests). */
  once?: boolean;
  /** Stops the loop. */
  signal: AbortSignal;
}

export interface DeskService {
  desk: Desk;
  /** Settles when the loop has stopped (after the signal, or one cycle with `once`); never rejects. */
  done: Promise<void>;
}

/** Opens the desk and starts its loop: polling when there are feeds or folders, else one stale refresh. */
export async function startDesk(options: DeskServiceOptions): Promise<DeskService> {
  const { log, feeds = [], folders = [], intervalMs, signal } = options;
  const desk = await Desk.open(options);
  let done: Promise<void>;
  if (feeds.length > 0 || folders.length > 0) {
    log(`watching ${feeds.length} feeds and ${folders.length} folders every ${intervalMs / 1000} s`);
    done = watch(desk, {
      feeds,
      folders,
      intervalMs,
      allowPrivateNetwork: options.allowPrivateNetwork ?? false,
      once: options.once ?? false,
      signal,
      log,
    }).catch((err: Error) => log(`watch stopped: ${err.message}`));
  } else {
    // Stories left stale by an earlier run get their roundups now.
    done = desk
      .refresh()
      .then((ids) => {
        if (ids.length) log(`refreshed ${ids.length} stale stories`);
      })
      .catch((err: Error) => log(`refresh failed: ${err.message}`));
  }
  return { desk, done };
}
