/**
 * The one vocabulary of Roundup. Every stage speaks these types.
 *
 * Offsets: every `start`/`end` pair is a half-open range of UTF-16 code units into the
 * *original* `Article.text` (the text as ingested, before cleaning), so a citation can
 * always be highlighted in the text a reader sees.
 */

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
}

/** One source of a roundup, in the order first cited. */
export interface SourceRef {
  articleId: string;
  outlet?: string;
  title?: string;
  url?: string;
  published?: string;
  origin?: string;
}

export interface Roundup {
  headline?: string;
  dateline?: string;
  /** Rendered paragraphs: the sentences' text joined, in order. */
  paragraphs: string[];
  sentences: RoundupSentence[];
  sources: SourceRef[];
  /** Words in the rendered body. */
  words: number;
}

/** Options common to summarizing. */
export interface SummarizeOptions {
  /** Word budget: whole sentences within this many words. */
  words?: number;
  /** Let the last selected sentence run past the budget (DUC-style evaluation cuts at N). */
  overflow?: boolean;
  /** Bias selection towards this text (query-focused summarization). */
  focus?: string;
  /** Render Newser-style attributions ("…, the AP reports."). Default true. */
  attribute?: boolean;
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
}
