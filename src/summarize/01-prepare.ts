import { cleanArticle, toOriginalSpan } from "../clean/index.ts";
import { sentenceId } from "../model/ids.ts";
import type { Article, Sentence } from "../model/types.ts";
import { splitSentencesWithParagraphs } from "../text/sentences.ts";

/** An article after cleaning and sentence splitting: what every later step reads. */
export interface PreparedArticle {
  article: Article;
  /** Index of the article in the cluster (input order). */
  index: number;
  headline?: string;
  dateline?: string;
  /** Outlet from metadata, else inferred from the text (dateline credit, site boilerplate). */
  outlet?: string;
  sentences: Sentence[];
}

/**
 * Clean each article (keeping offsets into the original text) and split it into sentences.
 * The dateline is stripped from the first sentence and kept apart; the headline likewise.
 */
export function prepareArticles(articles: readonly Article[]): PreparedArticle[] {
  return articles.map((article, index) => {
    const cleaned = cleanArticle(article.text, { title: article.title });
    const sentences: Sentence[] = [];
    for (const span of splitSentencesWithParagraphs(cleaned.text)) {
      const text = cleaned.text.slice(span.start, span.end).trim();
      if (!text) continue;
      const original = toOriginalSpan(cleaned, span.start, span.end);
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
    return {
      article,
      index,
      headline: article.title ?? cleaned.headline,
      dateline: cleaned.dateline?.place,
      outlet: article.source ?? cleaned.dateline?.outlet ?? cleaned.outlet,
      sentences,
    };
  });
}
