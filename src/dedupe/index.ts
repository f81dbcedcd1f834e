/**
 * Dedupe: exact and near-duplicate detection of articles, so wire copy republished by several
 * outlets counts once. `NearDuplicateIndex` is the online form (add / remove, bounded memory);
 * `wireCopyGroups` groups the copies within one cluster (the summarizer's sources).
 */
export { WIRE_COPY_OVERLAP, wireCopyGroups } from "./copy-groups.ts";
export { fmix32, hash32, hashSequence } from "./hash.ts";
export { DEFAULT_SIGNATURE_BINS, estimateJaccard, overlapFromJaccard, signature } from "./minhash.ts";
export {
  DEFAULT_BAND_ROWS,
  DEFAULT_CAPACITY,
  DEFAULT_DUPLICATE_THRESHOLD,
  DEFAULT_MIN_SIZE_RATIO,
  type DuplicateMatch,
  MIN_SHINGLES,
  NearDuplicateIndex,
  type NearDuplicateOptions,
} from "./near-duplicate-index.ts";
export {
  DEFAULT_SHINGLE_WORDS,
  type Fingerprint,
  fingerprint,
  normalizedWords,
  type ShingleOptions,
  wordHashes,
} from "./shingles.ts";
