/** A summary worker thread (see pool.ts): one job at a time, `{articles, options}` in, the answer out. */
import { parentPort } from "node:worker_threads";
import { loadWordVectors, type WordVectors } from "../text/embeddings.ts";
import { answerJob, type SummaryAnswer, type SummaryJob } from "./pool.ts";

const port = parentPort!;
// Word vectors expand a focus (focus.ts): loaded once, at the first focused job (~0.15 s from the cache).
// Unavailable (package or cache missing, unwritable cache directory): focused jobs match the focus's own
// words only, as `summarize` does without vectors.
let vectors: Promise<WordVectors | undefined> | undefined;
function wordVectors(): Promise<WordVectors | undefined> {
  vectors ??= loadWordVectors().catch(() => undefined);
  return vectors;
}
port.on("message", async (job: SummaryJob) => {
  port.postMessage(answerJob(job, job.options.focus ? await wordVectors() : undefined));
});
// Loaded: the pool counts a worker that dies before this as one that cannot start.
port.postMessage({ ready: true } satisfies SummaryAnswer);
