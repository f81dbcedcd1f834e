/**
 * Gathering: every way an article reaches the desk, in one place. Paths (files, folders, "-" for stdin),
 * URLs (fetched and extracted), feed items (their own text when it is the whole article, else the page
 * they link to) and API bodies (cluster documents) all become `Article`s here; `Desk.ingest` stores them.
 *
 * One bad input never stops the others: each is read on its own, and its problem is handed back by name
 * (a path and line, a URL) for the caller to report.
 */
import { articleFromItem, type FeedItem } from "../ingest/feeds.ts";
import { fetchArticle } from "../ingest/fetch.ts";
import { readArticleBatches } from "../ingest/index.ts";
import { clusterToArticles, toCluster } from "../ingest/json.ts";
import type { Article } from "../model/types.ts";

export interface GatherOptions {
  /** Where "-" reads from (default: the process's stdin). */
  stdin?: NodeJS.ReadableStream;
  /** Fetch URLs on private networks (loopback, LAN): off by default, on for tests and local feeds. */
  allowPrivateNetwork?: boolean;
}

/** One input's articles, or why it gave none. */
export interface Gathered {
  /** The input: a path (a folder's file), "stdin" or a URL. */
  input: string;
  articles: Article[];
  /** Problems that did not stop the input (a file's bad line is one). */
  warnings: string[];
  /** Why the input gave nothing, naming it. */
  problem?: string;
}

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/**
 * The articles of each input, one input (one file of a folder, one URL) at a time, so memory is bounded
 * by the largest input and not the run: 1. paths, read in order; 2. URLs, fetched one by one.
 */
export async function* gather(
  inputs: readonly string[],
  options: GatherOptions = {},
): AsyncGenerator<Gathered> {
  const paths = inputs.filter((i) => !isUrl(i));
  const urls = inputs.filter(isUrl);
  // 1. Files: a bad file (or line) is reported by name and the next is read.
  if (paths.length > 0)
    for await (const batch of readArticleBatches(paths, {
      keepGoing: true,
      ...(options.stdin ? { stdin: options.stdin } : {}),
    }))
      yield {
        input: batch.origin,
        articles: batch.articles,
        warnings: batch.warnings,
        ...(batch.error ? { problem: batch.error.message } : {}),
      };
  // 2. Pages: one that cannot be fetched or read is reported with its URL.
  for (const url of urls) yield await fetched(url, options);
}

/** A page as an article, or the reason it is not one. */
async function fetched(url: string, options: GatherOptions): Promise<Gathered> {
  try {
    const article = await fetchArticle(url, { allowPrivateNetwork: options.allowPrivateNetwork ?? false });
    return { input: url, articles: [article], warnings: [] };
  } catch (err) {
    return { input: url, articles: [], warnings: [], problem: `${url}: ${(err as Error).message}` };
  }
}

/**
 * A feed's items as articles: an item that carries the whole article is taken as it is, one that only
 * links is fetched. Items that give nothing are handed to `skip` with the reason, and the rest go on.
 */
export async function feedArticles(
  items: readonly FeedItem[],
  options: GatherOptions & { skip: (problem: string) => void },
): Promise<Article[]> {
  const articles: Article[] = [];
  for (const item of items) {
    const own = articleFromItem(item);
    if (own) articles.push(own);
    else if (item.url) {
      const page = await fetched(item.url, options);
      if (page.problem) options.skip(page.problem);
      articles.push(...page.articles);
    }
  }
  return articles;
}

/**
 * Articles from the documents of an API body, as the cluster format reads them (`published` is taken
 * for `date`); `origin` is what the articles say they came from. Throws an InputError naming `input` and
 * the document at fault.
 */
export function articlesFromDocuments(documents: unknown, input: string, origin = input): Article[] {
  const docs = Array.isArray(documents) ? documents.map(publishedAsDate) : documents;
  return clusterToArticles(toCluster({ documents: docs }, input, "request"), origin);
}

function publishedAsDate(value: unknown): unknown {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const doc = value as Record<string, unknown>;
    if (doc.date === undefined && doc.published !== undefined) return { ...doc, date: doc.published };
  }
  return value;
}
