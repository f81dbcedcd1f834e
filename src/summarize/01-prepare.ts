import { cleanArticle, detectDateline, toOriginalSpan, usableHeadline } from "../clean/index.ts";
import { sentenceId } from "../model/ids.ts";
import type { Article, Sentence, Span } from "../model/types.ts";
import { splitSentencesWithParagraphs } from "../text/sentences.ts";

/** An article after cleaning and sentence splitting: what every later step reads. */
export interface PreparedArticle {
  article: Article;
  /** Index of the article in the cluster (input order). */
  index: number;
  /** A usable headline (`usableHeadline`): the title from metadata, else the first line of the text. */
  headline?: string;
  dateline?: string;
  /**
   * The outlet to credit: an in-text credit, else the publisher from metadata, else what the text names
   * (site boilerplate). The render step puts the wire an article copies before its publisher (outlet.ts).
   */
  outlet?: string;
  /** The outlet an in-text credit names: a dateline "(AP)", a wire byline, "Reuters contributed …". */
  credit?: string;
  /** Who published the page: metadata `source`, else the site its boilerplate names. For source lists. */
  publisher?: string;
  sentences: Sentence[];
}

/** Most sentences one quotation may be put back together from; beyond this it is a stray quotation mark. */
export const MAX_QUOTE_SENTENCES = 6;

/**
 * Clean each article (keeping offsets into the original text) and split it into sentences.
 * The dateline is stripped from the first sentence and kept apart; the headline likewise.
 * Two sentence-level repairs follow, so every later step sees whole statements:
 * - a quotation the splitter cut into several sentences (`"Too many people are still there. … It is
 *   not possible to live there anymore."`) is put back together as one sentence: a roundup never shows
 *   half a quotation, nor a quoted sentence as if it were the reporter's;
 * - a dateline opening a later paragraph ("KESTEL, Vestland — In a separate vote, …", the sign of a
 *   second wire item) is stripped like the first one; the sentence's span starts after it.
 */
export function prepareArticles(articles: readonly Article[]): PreparedArticle[] {
  return articles.map((article, index) => {
    const cleaned = cleanArticle(article.text, { title: article.title });
    const sentences: Sentence[] = [];
    for (const span of joinQuotations(cleaned.text, splitSentencesWithParagraphs(cleaned.text))) {
      let start = span.start;
      if (span.opensParagraph) {
        const dateline = detectDateline(cleaned.text.slice(start, span.end));
        if (dateline !== undefined) start += dateline.length;
      }
      const text = cleaned.text.slice(start, span.end).trim();
      if (!text) continue;
      const original = toOriginalSpan(cleaned, start, span.end);
      sentences.push({
        id: sentenceId(article.id, sentences.length),
        articleId: article.id,
        index: sentences.length,
        paragraph: span.paragraph,
        text,
        start: original.start,
        end: original.end,
      });
    }
    const credit = cleaned.dateline?.outlet ?? cleaned.credit;
    const outlet = credit ?? article.source ?? cleaned.outlet;
    const publisher = article.source ?? cleaned.site;
    const names = [publisher, outlet];
    const headline = [article.title, cleaned.headline].find((t) => usableHeadline(t, names));
    return {
      article,
      index,
      ...(headline !== undefined ? { headline } : {}),
      dateline: cleaned.dateline?.place,
      outlet,
      ...(credit !== undefined ? { credit } : {}),
      ...(publisher !== undefined ? { publisher } : {}),
      sentences,
    };
  });
}

type ParagraphSpan = Span & { paragraph: number };

/** Double quotation marks in a stretch of cleaned text (cleaning has made them straight). */
function quoteMarks(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 34) n++;
  return n;
}

/**
 * Sentence spans with the sentences of one quotation joined: a span that leaves a quotation open is
 * merged with the next spans of its paragraph up to the one that closes it. If the paragraph ends with
 * the quotation still open (a stray mark), or it would take more than `MAX_QUOTE_SENTENCES`, the spans
 * stay as they were.
 */
function joinQuotations(
  text: string,
  spans: readonly ParagraphSpan[],
): Array<ParagraphSpan & { opensParagraph: boolean }> {
  const out: Array<ParagraphSpan & { opensParagraph: boolean }> = [];
  let i = 0;
  while (i < spans.length) {
    const first = spans[i];
    const opensParagraph = i === 0 || spans[i - 1].paragraph !== first.paragraph;
    let j = i;
    let marks = quoteMarks(text, first.start, first.end);
    while (marks % 2 === 1 && j + 1 < spans.length && spans[j + 1].paragraph === first.paragraph) {
      j++;
      marks += quoteMarks(text, spans[j].start, spans[j].end);
      if (j - i + 1 > MAX_QUOTE_SENTENCES) break;
    }
    if (marks % 2 === 0 && j > i && j - i + 1 <= MAX_QUOTE_SENTENCES) {
      out.push({ start: first.start, end: spans[j].end, paragraph: first.paragraph, opensParagraph });
      i = j + 1;
    } else {
      out.push({ ...first, opensParagraph });
      i++;
    }
  }
  return out;
}
