/** A summary worker thread (see pool.ts): one job at a time, `{articles, options}` in, the answer out. */
import { parentPort } from "node:worker_threads";
import { answerJob, type SummaryAnswer, type SummaryJob } from "./pool.ts";

const port = parentPort!;
port.on("message", (job: SummaryJob) => port.postMessage(answerJob(job)));
// Loaded: the pool counts a worker that dies before this as one that cannot start.
port.postMessage({ ready: true } satisfies SummaryAnswer);
