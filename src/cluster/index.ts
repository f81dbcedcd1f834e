/**
 * Story clustering: articles → stories → topics, online. `StoryClusterer` is the desk's clusterer;
 * `baselineCluster` the plain single-pass TF-IDF baseline it is measured against; `bcubed` the metric.
 */
export { type BaselineDoc, baselineCluster, DEFAULT_BASELINE_THRESHOLD } from "./baseline.ts";
export { type BCubed, bcubed } from "./bcubed.ts";
export { dayNumber } from "./dates.ts";
export {
  DEFAULT_IDF_PRIOR,
  DEFAULT_MAX_FEATURES,
  DEFAULT_NAME_WEIGHT,
  DEFAULT_TITLE_COUNT,
  type FeatureOptions,
  FeatureSpace,
  type SparseVector,
} from "./features.ts";
export {
  type Assignment,
  DEFAULT_CANDIDATES,
  DEFAULT_INDEXED_FEATURES,
  DEFAULT_JOIN_THRESHOLD,
  DEFAULT_MAX_CENTROID_FEATURES,
  DEFAULT_MERGE_THRESHOLD,
  DEFAULT_QUERY_FEATURES,
  DEFAULT_TIME_SCALE_DAYS,
  DEFAULT_TOPIC_JOIN_THRESHOLD,
  DEFAULT_TOPIC_MERGE_THRESHOLD,
  DEFAULT_TOPIC_TIME_SCALE_DAYS,
  type Split,
  StoryClusterer,
  type StoryClustererOptions,
  type StoryDoc,
} from "./story-clusterer.ts";
