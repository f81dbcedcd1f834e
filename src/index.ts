// Public exports only: the one vocabulary, the stages a caller composes, and evaluation.

export { cleanArticle, repairMojibake } from "./clean/index.ts";
export { evaluate, makeProtocol, type Protocol, type SystemResult } from "./evaluate/evaluate.ts";
export {
  parseRougeFlags,
  prepareReferences,
  type RougeOptions,
  type RougeScores,
  rouge,
  scorePrepared,
} from "./evaluate/rouge.ts";
export { runSystem, SYSTEMS, type SystemName } from "./evaluate/systems.ts";
export {
  clusterToArticles,
  decodeBytes,
  MAX_INPUT_BYTES,
  readArticles,
  readClusterLines,
} from "./ingest/index.ts";
export * from "./model/index.ts";
export {
  formatJson,
  formatMarkdown,
  formatRoundup,
  formatText,
  type OutputFormat,
} from "./summarize/format.ts";
export { DEFAULT_SUMMARY_WORDS, summarize } from "./summarize/index.ts";
export { SummaryPool, type SummaryPoolOptions } from "./summarize/pool.ts";
export { splitSentences, splitSentencesWithParagraphs } from "./text/sentences.ts";
