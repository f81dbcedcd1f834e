/**
 * Summaries on worker threads, so a server's event loop never runs one: `summarize` is pure CPU (tens of
 * milliseconds for a 10-article cluster, seconds for a large one), and on the event loop every other
 * request, `/healthz` included, would wait behind it.
 *
 * 1. A fixed set of workers, each doing one job at a time; jobs wait in arrival order (FIFO).
 * 2. A worker that dies mid-job (a crash, an uncaught error, out of memory) fails that job only, with a
 *    SummaryWorkerError, and is replaced; a job past `jobTimeoutMs` is failed and its worker terminated
 *    and replaced, so a pathological input costs one job, not a thread.
 * 3. Workers that cannot even start (a broken install) fail every job at once instead of being restarted
 *    in a loop.
 * 4. Idle workers are unreferenced: an open pool never keeps a finished process alive.
 * 5. Word vectors for a focus are not sent (41 MB a job): each worker loads its own once, at its first
 *    focused job (worker.ts), and summarizes without them if they cannot be loaded.
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { SummaryWorkerError, UsageError } from "../model/errors.ts";
import type { Article, Roundup, SummarizeOptions } from "../model/types.ts";
import type { WordVectors } from "../text/embeddings.ts";
import { moduleWorker } from "../util/worker.ts";
import { summarize } from "./index.ts";

/** What a worker is sent. */
export interface SummaryJob {
  articles: readonly Article[];
  options: SummarizeOptions;
}
/** What a worker answers: that it loaded, then one answer per job. */
export type SummaryAnswer =
  | { ready: true }
  | { ok: true; roundup: Roundup }
  | { ok: false; name: string; message: string };

/**
 * A job's answer, as the worker computes it: a failure by name and message, so a UsageError stays one.
 * `wordVectors` (the worker's own) expand a focus.
 */
export function answerJob(job: SummaryJob, wordVectors?: WordVectors): SummaryAnswer {
  try {
    const options = wordVectors && job.options.focus ? { ...job.options, wordVectors } : job.options;
    return { ok: true, roundup: summarize(job.articles, options) };
  } catch (err) {
    const e = err as Error;
    return { ok: false, name: e?.name ?? "Error", message: e?.message ?? String(err) };
  }
}

/** Longest one summary may run on a worker before it is stopped: 60 s (a 50-article cluster takes ~2 s). */
export const DEFAULT_SUMMARY_TIMEOUT_MS = 60_000;
/** Workers that die before finishing a single job, in a row, before the pool gives up restarting them. */
const MAX_FAILED_STARTS = 3;

/** One worker per core but one, which is left to the event loop (at least one worker). */
export const defaultSummaryWorkers = (): number => Math.max(1, availableParallelism() - 1);

export interface SummaryPoolOptions {
  /** Worker threads. Default {@link defaultSummaryWorkers}. */
  size?: number;
  jobTimeoutMs?: number;
  /** The worker module (tests swap in a misbehaving one). */
  workerUrl?: URL;
}

interface Job extends SummaryJob {
  resolve: (roundup: Roundup) => void;
  reject: (err: Error) => void;
}
interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** Loaded its module: it started fine. */
  ready: boolean;
  /** Being terminated (its job timed out): takes no new job. */
  stopping: boolean;
}

export class SummaryPool {
  readonly size: number;
  private readonly jobTimeoutMs: number;
  private readonly workerUrl: URL;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private failedStarts = 0;
  private closed: Error | undefined;

  constructor(options: SummaryPoolOptions = {}) {
    const size = options.size ?? defaultSummaryWorkers();
    if (!Number.isInteger(size) || size < 1)
      throw new UsageError(`SummaryPool: size must be a positive whole number, not ${size}`);
    this.size = size;
    this.jobTimeoutMs = options.jobTimeoutMs ?? DEFAULT_SUMMARY_TIMEOUT_MS;
    this.workerUrl = options.workerUrl ?? new URL("./worker.ts", import.meta.url);
    for (let i = 0; i < size; i++) this.slots.push(this.start());
  }

  /** Summaries queued or running. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  /** `summarize(articles, options)` on a worker. Rejects with SummaryWorkerError if the worker fails. */
  run = (articles: readonly Article[], options: SummarizeOptions = {}): Promise<Roundup> =>
    new Promise<Roundup>((resolve, reject) => {
      if (this.closed) return reject(this.closed);
      const { wordVectors: _, ...sent } = options; // the worker has its own
      this.queue.push({ articles, options: sent, resolve, reject });
      this.pump();
    });

  /** Fails queued jobs, stops the workers (a running job is failed too). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = new SummaryWorkerError("the summary pool is closed");
    for (const job of this.queue.splice(0)) job.reject(this.closed);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private start(): Slot {
    const worker = moduleWorker(this.workerUrl, { stdout: false, stderr: false });
    const slot: Slot = { worker, ready: false, stopping: false };
    worker.unref();
    worker.on("message", (answer: SummaryAnswer) => {
      if ("ready" in answer) {
        slot.ready = true;
        this.failedStarts = 0;
        this.pump();
        return;
      }
      const job = this.finish(slot);
      if (!job) return;
      if (answer.ok) job.resolve(answer.roundup);
      else {
        const err = answer.name === "UsageError" ? new UsageError(answer.message) : new Error(answer.message);
        job.reject(err);
      }
      this.pump();
    });
    let cause = "";
    worker.on("error", (err) => {
      cause = err.message;
    });
    worker.on("exit", (code) => this.died(slot, cause || `exit code ${code}`));
    return slot;
  }

  /** Takes the slot's job off it (timer cleared, worker unreferenced). */
  private finish(slot: Slot): Job | undefined {
    const job = slot.job;
    slot.job = undefined;
    clearTimeout(slot.timer);
    this.holdLoop();
    return job;
  }

  private died(slot: Slot, cause: string): void {
    const job = this.finish(slot);
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    if (this.closed) {
      job?.reject(this.closed);
      return;
    }
    job?.reject(new SummaryWorkerError(`summary worker stopped (${cause})`));
    if (!slot.ready && ++this.failedStarts >= MAX_FAILED_STARTS) {
      // Not a bad job but a broken worker: restarting it would only loop.
      this.closed = new SummaryWorkerError(`summary workers cannot start (${cause})`);
      for (const queued of this.queue.splice(0)) queued.reject(this.closed);
      this.slots.splice(index, 1);
      return;
    }
    this.slots[index] = this.start();
    this.pump();
  }

  /** Workers keep the process alive while there is work (running or queued), never when idle. */
  private holdLoop(): void {
    const waiting = this.queue.length > 0;
    for (const slot of this.slots) {
      if (slot.job || waiting) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  private pump(): void {
    this.assign();
    this.holdLoop();
  }

  private assign(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      // A job's deadline counts from when a loaded worker takes it, not from the worker's start.
      if (slot.job || slot.stopping || !slot.ready) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => {
        // The job is failed now; the worker is stopped and replaced when its exit arrives.
        slot.stopping = true;
        this.finish(slot)?.reject(
          new SummaryWorkerError(`summary took longer than ${this.jobTimeoutMs / 1000} s and was stopped`),
        );
        void slot.worker.terminate();
      }, this.jobTimeoutMs);
      slot.worker.postMessage({ articles: job.articles, options: job.options } satisfies SummaryJob);
    }
  }
}
