/**
 * The one vocabulary of Roundup. Every stage speaks these types.
 *
 * Offsets: every `start`/`end` pair is a half-open range of UTF-16 code units into the
 * *original* `Article.text` (the text as ingested, before cleaning), so a citation can
 * always be highlighted in the text a reader sees.
 */

import type { WordVectors } from "../text/embeddings.ts";

/** One news article as ingested. `text` is the original body text (for HTML: Readability's text). */
export interface Article {
  /** Deterministic id: see `articleId()` in ids.ts. */
  id: string;
  text: string;
  title?: string;
  /** Outlet name ("AP", "Israel Hayom"), from metadata or inferred from the text. */
  source?: string;
  url?: string;
  /** ISO 8601 date or date-time where known. */
  published?: string;
  author?: string;
  /** Where the article came from (a file path, "stdin", "line 3 of x.jsonl"); for messages. */
  origin?: string;
}

/** A half-open character range into an article's original text. */
export interface Span {
  start: number;
  end: number;
}

/** One sentence of an article, after cleaning. `text` is the cleaned text; offsets are into the original. */
export interface Sentence {
  /** `${articleId}:${index}` */
  id: string;
  articleId: string;
  /** Position of the sentence in its article, 0-based, over kept sentences. */
  index: number;
  /** Paragraph number in the article, 0-based. */
  paragraph: number;
  text: string;
  start: number;
  end: number;
}

/** Where a roundup sentence came from: a range of an article's original text. */
export interface Citation {
  articleId: string;
  start: number;
  end: number;
}

export interface RoundupSentence {
  /** The sentence as rendered (attribution included). */
  text: string;
  /** The source sentence(s) it was taken from. */
  citations: Citation[];
  /** Articles that carry the same content (the cited one first), for "several outlets report". */
  supportedBy: string[];
  /** Which paragraph of the roundup it sits in, 0-based. */
  paragraph: number;
  /**
   * Set when the roundup was written with `SummarizeOptions.previous`: true when the sentence says what
   * the previous version did not (a new source sentence whose content and figures that version lacked,
   * or one that revises an older statement), for a "what's new" view. Absent on a first version.
   */
  newSince?: boolean;
}

/** One source of a roundup, in the order first cited. */
export interface SourceRef {
  articleId: string;
  /** Who published the page (metadata, site boilerplate), else the outlet the roundup credits for it. */
  outlet?: string;
  title?: string;
  url?: string;
  published?: string;
  origin?: string;
}

export interface Roundup {
  /**
   * The headline, following the lead sentence: its article's title, else a source's, else one cut from
   * the lead sentence (then `headlineCitations` says where). Never a byline, caption or teaser label.
   */
  headline?: string;
  /** Present when the headline was cut from a sentence: that sentence's span, as its own citations. */
  headlineCitations?: Citation[];
  dateline?: string;
  /** Rendered paragraphs: the sentences' text joined, in order. */
  paragraphs: string[];
  sentences: RoundupSentence[];
  sources: SourceRef[];
  /** Words in the rendered body. */
  words: number;
  /**
   * How many distinct outlets the text credits ("…, the AP reports."); 0 without attributions. Always
   * set by `summarize`; absent only on roundups stored before it existed.
   */
  outletCount?: number;
}

/** The version of a story's roundup a new version follows (`SummarizeOptions.previous`). */
export interface PreviousRoundup {
  /** The previous roundup: a new sentence whose content it did not carry is marked `newSince`. */
  roundup: Roundup;
  /** Articles it was written from: an undated article not among them is newer than those that are. */
  articleIds: readonly string[];
}

/** Options common to summarizing. */
export interface SummarizeOptions {
  /** Word budget: whole sentences within this many words. */
  words?: number;
  /** Let the last selected sentence run past the budget (DUC-style evaluation cuts at N). */
  overflow?: boolean;
  /** Bias selection towards this text (query-focused summarization). */
  focus?: string;
  /**
   * Word vectors (`loadWordVectors`, src/text/embeddings.ts) that expand the focus with the cluster's
   * words nearest it. Without them the focus matches its own words only. Not sent to summary workers,
   * which load their own.
   */
  wordVectors?: WordVectors;
  /** Render Newser-style attributions ("…, the AP reports."). Default true. */
  attribute?: boolean;
  /**
   * Articles the reader has already read (update summarization: the earlier articles of a story). The
   * roundup favours what they do not already say; they are never cited. Absent or empty: no effect.
   */
  read?: readonly Article[];
  /**
   * The story's previous roundup version, when this one follows it (the desk's refreshes): its articles
   * tell undated new ones from old ones, and each sentence gets `newSince`. Absent: a first version.
   */
  previous?: PreviousRoundup;
}

/** A cluster as in ../shared/README.md's cluster JSONL format. */
export interface ClusterDocument {
  text: string;
  title?: string;
  date?: string;
  docno?: string;
  source?: string;
  url?: string;
}

export interface Cluster {
  id: string;
  documents: ClusterDocument[];
  references?: string[];
  query?: { title?: string; narrative?: string };
  /** The story this cluster belongs to, when it is one subset of a story's articles (DUC 2007 update). */
  topic?: string;
  /** Which subset of the topic's articles, in reading order ("A", "B", "C"): earlier subsets are read first. */
  subset?: string;
}
