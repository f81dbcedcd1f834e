/**
 * Page metadata → Article fields. Sources, in order of preference:
 * - title: og:title, twitter:title, JSON-LD headline, `<title>` without its " | Site" suffix;
 * - source (outlet): og:site_name, JSON-LD publisher.name, application-name;
 * - author: meta author, JSON-LD author.name, article:author (when not a URL), Dublin Core creator;
 * - published: article:published_time, JSON-LD datePublished, `<time datetime>`, meta date/pubdate;
 * - url: `<link rel="canonical">`, og:url, JSON-LD url (absolute http(s) URLs only).
 * Readability's own findings (title, byline, siteName, publishedTime) are the last resort; html.ts
 * merges them. Read before Readability runs, since Readability changes the document.
 */
import { normalizeDate } from "./dates.ts";
import { dropUndefined } from "./drafts.ts";

/** Metadata found in a page; every field optional. */
export interface PageMetadata {
  title?: string;
  source?: string;
  author?: string;
  published?: string;
  url?: string;
}

/** schema.org types whose JSON-LD describes the article itself. */
const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|Posting)$/;

/** Separators between a page title and the site name: "Title | Site", "Title – Site". */
const TITLE_SEPARATORS = [" | ", " – ", " — ", " - ", " :: ", " · ", " » "];

/** A trailing part of a title with at most this many words is taken for a site name. */
const MAX_SITE_SUFFIX_WORDS = 4;

/** Longest metadata value kept, in characters: a title or name longer than this is page junk. */
const MAX_FIELD_CHARS = 1000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Collapse whitespace; empty or overlong values become `undefined`. */
function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, " ").trim();
  if (!text || text.length > MAX_FIELD_CHARS) return undefined;
  return text;
}

function firstOf(...values: Array<string | undefined>): string | undefined {
  return values.find((value) => value !== undefined);
}

/** `<meta>` content by lower-cased property/name/itemprop; the first occurrence of a key wins. */
function readMetaTags(document: Document): Map<string, string> {
  const metas = new Map<string, string>();
  for (const meta of Array.from(document.querySelectorAll("meta"))) {
    const content = clean(meta.getAttribute("content"));
    if (content === undefined) continue;
    for (const attribute of ["property", "name", "itemprop"]) {
      const key = meta.getAttribute(attribute)?.trim().toLowerCase();
      if (key && !metas.has(key)) metas.set(key, content);
    }
  }
  return metas;
}

/** Every object in the page's JSON-LD blocks, `@graph` and arrays flattened; bad JSON is ignored. */
function readJsonLd(document: Document): JsonObject[] {
  const nodes: JsonObject[] = [];
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json" i]'))) {
    const source = (script.textContent ?? "").replace(/^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$/g, "");
    let parsed: Json;
    try {
      parsed = JSON.parse(source) as Json;
    } catch {
      continue;
    }
    const queue: Json[] = [parsed];
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      if (Array.isArray(item)) queue.push(...item);
      else if (isObject(item)) {
        nodes.push(item);
        if (Array.isArray(item["@graph"])) queue.push(...item["@graph"]);
      }
    }
  }
  return nodes;
}

function typesOf(node: JsonObject): string[] {
  const type = node["@type"];
  if (typeof type === "string") return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === "string");
  return [];
}

/** The JSON-LD object describing the article: the first of an article type, else one with a headline. */
function articleNode(nodes: JsonObject[]): JsonObject | undefined {
  return (
    nodes.find((node) => typesOf(node).some((type) => ARTICLE_TYPE.test(type))) ??
    nodes.find((node) => typeof node.headline === "string")
  );
}

/** A name from a JSON-LD person/organisation: a string, `{name}`, or a list of them. */
function jsonLdName(value: Json | undefined): string | undefined {
  if (typeof value === "string") return clean(value);
  if (isObject(value)) return typeof value.name === "string" ? clean(value.name) : undefined;
  if (Array.isArray(value)) {
    const names = value.map(jsonLdName).filter((name): name is string => name !== undefined);
    return names.length > 0 ? clean(names.join(", ")) : undefined;
  }
  return undefined;
}

function jsonLdString(value: Json | undefined): string | undefined {
  if (typeof value === "string") return clean(value);
  if (isObject(value) && typeof value["@id"] === "string") return clean(value["@id"]);
  return undefined;
}

/** An absolute http(s) URL, else `undefined` (a relative one cannot be resolved without the page's address). */
export function absoluteUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? value : undefined;
  } catch {
    return undefined;
  }
}

const looksLikeUrl = (value: string | undefined): boolean => !!value && /^(?:https?:)?\/\//i.test(value);

/** "By Jane Roe" → "Jane Roe". */
export function stripByline(value: string | undefined): string | undefined {
  return clean(value?.replace(/^\s*by\s+/i, ""));
}

/**
 * A page title without the site name around it: "Bridge opens | The Daily Fictional" → "Bridge opens".
 * The site part goes when it equals the known site name, or (when `guess` is on) when it is short
 * (≤ 4 words) and the rest is longer: a long tail is more likely part of the headline.
 */
export function stripSiteName(title: string, siteName?: string, guess = true): string {
  const site = siteName?.toLowerCase();
  for (const separator of TITLE_SEPARATORS) {
    const at = title.lastIndexOf(separator);
    if (at <= 0) continue;
    const head = title.slice(0, at).trim();
    const tail = title.slice(at + separator.length).trim();
    if (site && tail.toLowerCase() === site) return head;
    const first = title.indexOf(separator);
    if (site && title.slice(0, first).trim().toLowerCase() === site) {
      return title.slice(first + separator.length).trim();
    }
    const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;
    if (guess && words(tail) <= MAX_SITE_SUFFIX_WORDS && words(head) > words(tail)) return head;
  }
  return title;
}

/** The first `<time datetime>`, preferring one inside `<article>`. */
function timeElementDate(document: Document): string | undefined {
  const time = document.querySelector("article time[datetime]") ?? document.querySelector("time[datetime]");
  return clean(time?.getAttribute("datetime"));
}

/** Read the page's metadata (see the module comment for the order of sources). */
export function readMetadata(document: Document): PageMetadata {
  const meta = readMetaTags(document);
  const article = articleNode(readJsonLd(document));
  const source = firstOf(
    meta.get("og:site_name"),
    jsonLdName(article?.publisher),
    meta.get("application-name"),
  );
  const ogTitle = meta.get("og:title") ?? meta.get("twitter:title");
  const pageTitle = clean(document.querySelector("head title")?.textContent);
  const title = firstOf(
    // og:title is meant to be the bare headline: strip only a known site name from it.
    ogTitle && stripSiteName(ogTitle, source, false),
    jsonLdString(article?.headline),
    pageTitle && stripSiteName(pageTitle, source),
  );
  const articleAuthor = meta.get("article:author");
  const author = firstOf(
    stripByline(meta.get("author")),
    jsonLdName(article?.author),
    looksLikeUrl(articleAuthor) ? undefined : stripByline(articleAuthor),
    stripByline(meta.get("dc.creator") ?? meta.get("dcterms.creator")),
  );
  const dates = [
    meta.get("article:published_time"),
    jsonLdString(article?.datePublished),
    timeElementDate(document),
    meta.get("date"),
    meta.get("pubdate"),
    meta.get("publishdate"),
    meta.get("datepublished"),
    meta.get("dc.date.issued"),
    meta.get("dc.date"),
    meta.get("dcterms.date"),
  ];
  const published = dates.map(normalizeDate).find((date) => date !== undefined);
  const canonical = document.querySelector('link[rel~="canonical" i]')?.getAttribute("href")?.trim();
  const url = firstOf(
    absoluteUrl(canonical),
    absoluteUrl(meta.get("og:url")),
    absoluteUrl(jsonLdString(article?.url)),
  );
  return dropUndefined({ title, source, author, published, url });
}
