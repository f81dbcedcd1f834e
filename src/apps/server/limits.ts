/**
 * The server's admission limits, in their own module so the CLI can show them without loading the server.
 *
 * A summary request is read whole (within the body deadline) before it asks for a summary slot, so a
 * slow upload holds memory for at most the deadline and never a slot. Slots count summaries queued on
 * the worker pool and running there; one more is answered 503 with Retry-After.
 */

/** Summaries (POST /api/summarize and the page's paste form) queued or running at once. */
export const DEFAULT_MAX_CONCURRENT_SUMMARIES = 4;
/** A POST body must arrive whole within this many ms of the request's headers, or the answer is 408. */
export const DEFAULT_BODY_DEADLINE_MS = 10_000;
/** POST bodies being received at once (each at most the body limit); one more is answered 503. */
export const DEFAULT_MAX_UPLOADS = 64;
