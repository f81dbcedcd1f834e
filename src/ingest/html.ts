/**
 * HTML → Article draft.
 *
 * 1. Build a document with a head and body whatever the markup (html-dom.ts).
 * 2. Read metadata first: Readability changes the document (html-metadata.ts).
 * 3. Remove advertising and share blocks, then extract the article with Readability, unless the page
 *    nests too deep for it (it recurses).
 * 4. When Readability finds nothing, too little, or a list of links, fall back to a simple extraction
 *    from a fresh parse: the parent of the most paragraph text, or the body minus page furniture.
 * 5. Refuse a page whose best text is not an article (a login page, an index of links, an empty body).
 *
 * Any failure inside the parser or Readability becomes an InputError naming the input.
 */
import { Readability } from "@mozilla/readability";
import { InputError } from "../model/errors.ts";
import { normalizeDate } from "./dates.ts";
import { type ArticleDraft, dropUndefined } from "./drafts.ts";
import { buildDocument, nestsDeeperThan } from "./html-dom.ts";
import { readMetadata, stripByline, stripSiteName } from "./html-metadata.ts";
import { isHidden, linkDensity, nodeToText } from "./html-text.ts";

/** Readability's text is used when it has at least this many characters (else the fallback is tried). */
export const MIN_READABILITY_CHARS = 200;

/**
 * Least prose an article has, in characters: the length of its lines of at least
 * {@link MIN_PROSE_LINE_WORDS} words. Two short news sentences pass; a login form's labels do not.
 */
export const MIN_ARTICLE_CHARS = 150;

/** Words a line needs to count as prose (a sentence), not a label, menu entry or button. */
export const MIN_PROSE_LINE_WORDS = 8;

/** Largest share of text inside links for an article; an index page of links is near 1. */
export const MAX_LINK_DENSITY = 0.5;

/**
 * Deepest element nesting given to Readability. Its cleaning passes recurse, so a page nested a few
 * thousand levels deep overflows the stack, and deeper ones take minutes. Real pages stay under ~100.
 */
export const MAX_READABILITY_DEPTH = 400;

/** Elements Readability may look at before giving up (`maxElemsToParse`); then the fallback runs. */
export const MAX_READABILITY_ELEMENTS = 200_000;

const NO_ARTICLE = "has no article text (HTML page without an article)";

/** Page furniture the fallback removes before looking for text. */
const FURNITURE_SELECTOR = [
  "nav",
  "header",
  "footer",
  "aside",
  "form",
  "menu",
  "dialog",
  "script",
  "style",
  "noscript",
  "template",
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="complementary"]',
  '[role="search"]',
  '[role="dialog"]',
].join(", ");

/** class/id words of page furniture (comments, ads, share buttons, related links …) for the fallback. */
const FURNITURE_NAME =
  /(?:^|[-_\s])(?:comments?|sidebar|ads?|advert|advertisement|sponsored|promo|related|share|sharing|social|newsletter|subscribe|cookies?|breadcrumbs?|menu|navbar|masthead)(?:$|[-_\s])/i;

/**
 * class/id words of blocks removed before Readability runs: advertising, share buttons, sign-up boxes.
 * Readability's own list of unlikely candidates covers comments, menus and sidebars but not these.
 */
const CLUTTER_NAME =
  /(?:^|[-_\s])(?:ads?|advert|advertisement|sponsored|promo|share|sharing|newsletter|subscribe|cookies?)(?:$|[-_\s])/i;

/**
 * Largest share of the page's text a block may hold and still be removed by its class/id name: a
 * wrapper named "has-ads" around the whole article must stay.
 */
const MAX_REMOVED_TEXT_SHARE = 0.3;

/** A candidate extraction: its text and how much of it is links. */
interface Extraction {
  text: string;
  density: number;
}

function measure(root: Element): Extraction {
  const text = nodeToText(root);
  return { text, density: linkDensity(root, text) };
}

/** Characters in lines of at least MIN_PROSE_LINE_WORDS words. */
function proseChars(text: string): number {
  let total = 0;
  for (const line of text.split("\n")) {
    const words = line.split(/\s+/).filter(Boolean).length;
    if (words >= MIN_PROSE_LINE_WORDS) total += line.trim().length;
  }
  return total;
}

function isArticle(extraction: Extraction | undefined): extraction is Extraction {
  return (
    extraction !== undefined &&
    extraction.density <= MAX_LINK_DENSITY &&
    proseChars(extraction.text) >= MIN_ARTICLE_CHARS
  );
}

type ReadabilityResult = ReturnType<Readability<Node>["parse"]>;

/** Readability's result, or `null` when it finds nothing or fails on the markup. */
function runReadability(document: Document): ReadabilityResult {
  try {
    return new Readability<Node>(document, {
      serializer: (node: Node) => node,
      maxElemsToParse: MAX_READABILITY_ELEMENTS,
    }).parse();
  } catch {
    return null;
  }
}

/**
 * Remove blocks whose class or id matches `names` (or that are hidden, with `hidden` set), unless a
 * block holds more than MAX_REMOVED_TEXT_SHARE of the page's text.
 */
function removeNamedBlocks(body: HTMLElement, names: RegExp, hidden: boolean): void {
  const pageLength = (body.textContent ?? "").length;
  const selector = hidden ? "[class], [id], [hidden], [style], [aria-hidden]" : "[class], [id]";
  for (const element of Array.from(body.querySelectorAll(selector))) {
    const label = `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`;
    if (!(names.test(label) || (hidden && isHidden(element)))) continue;
    if ((element.textContent ?? "").length > pageLength * MAX_REMOVED_TEXT_SHARE) continue;
    element.remove();
  }
}

/**
 * The fallback: most paragraph text under one parent, else the body without page furniture. On a page
 * nested too deep only the furniture goes: the other steps each walk whole subtrees (quadratic there).
 */
function simpleExtraction(document: Document, tooDeep: boolean): Extraction {
  const body = document.body;
  for (const element of Array.from(body.querySelectorAll(FURNITURE_SELECTOR))) element.remove();
  if (tooDeep) return measure(body);
  removeNamedBlocks(body, FURNITURE_NAME, true);
  const paragraphText = new Map<Element, number>();
  for (const paragraph of Array.from(body.querySelectorAll("p"))) {
    const parent = paragraph.parentElement;
    if (!parent) continue;
    const length = (paragraph.textContent ?? "").trim().length;
    paragraphText.set(parent, (paragraphText.get(parent) ?? 0) + length);
  }
  let best: Element = body;
  let bestLength = MIN_ARTICLE_CHARS - 1;
  for (const [parent, length] of paragraphText) {
    if (length > bestLength) {
      best = parent;
      bestLength = length;
    }
  }
  return measure(best);
}

function extract(html: string, origin: string): ArticleDraft {
  const document = buildDocument(html);
  const metadata = readMetadata(document);
  const tooDeep = nestsDeeperThan(document.body, MAX_READABILITY_DEPTH);
  let parsed: ReadabilityResult = null;
  let chosen: Extraction | undefined;
  if (tooDeep) {
    // Readability is not run, so the document is still as parsed: no second parse (slow when this deep).
    chosen = [simpleExtraction(document, true)].find(isArticle);
  } else {
    removeNamedBlocks(document.body, CLUTTER_NAME, false);
    parsed = runReadability(document);
    const content = parsed?.content as Element | null | undefined;
    const readable = content ? measure(content) : undefined;
    if (readable && readable.text.length >= MIN_READABILITY_CHARS && isArticle(readable)) {
      chosen = readable;
    } else {
      chosen = [simpleExtraction(buildDocument(html), false), readable].find(isArticle);
    }
  }
  if (!chosen) throw new InputError(origin, NO_ARTICLE);
  const readabilityTitle = parsed?.title?.trim();
  return dropUndefined({
    text: chosen.text,
    title:
      metadata.title ?? (readabilityTitle ? stripSiteName(readabilityTitle, metadata.source) : undefined),
    source: metadata.source ?? (parsed?.siteName?.trim() || undefined),
    url: metadata.url,
    published: metadata.published ?? normalizeDate(parsed?.publishedTime ?? undefined),
    author: metadata.author ?? stripByline(parsed?.byline ?? undefined),
    origin,
  });
}

/**
 * An HTML page as an article draft: Readability's article text with paragraph breaks, and the page's
 * metadata. Throws only InputError: `origin: has no article text (HTML page without an article)`, or
 * `origin: could not be parsed as HTML (…)` should the parser itself fail.
 */
export function htmlToDraft(html: string, origin: string): ArticleDraft {
  try {
    return extract(html, origin);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(origin, `could not be parsed as HTML (${reason})`);
  }
}
