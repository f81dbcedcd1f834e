/**
 * Summaries (POST /api/summarize and the page's paste form) in progress at once, body upload included;
 * one more is answered 503 with Retry-After. `summarize` runs on the event loop, so this bounds the
 * bodies held in memory (× the body limit) and the wait behind them, not CPU use. Its own module, so the
 * CLI can show it without loading the server.
 */
export const DEFAULT_MAX_CONCURRENT_SUMMARIES = 4;
