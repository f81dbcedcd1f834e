/**
 * HTML string → a linkedom document that always has `<html><head></head><body>…</body></html>`.
 *
 * linkedom does not build the implied elements a browser does: a page without `<html>`/`<body>` tags
 * parses to a document whose root is its first tag (`<div>` or `<meta>`), and `document.head` on an
 * empty document throws (linkedom issues #106, #155). Readability then finds no body and returns null.
 * So the page's own `<html>`, `<head>` and `<body>` tags are dropped and its content is parsed inside a
 * fixed skeleton; `<title>`, `<meta>`, `<link>` and `<base>` are then moved back into the head.
 */
import { parseHTML } from "linkedom";

/**
 * The document structure tags of the page (and its doctype), which the skeleton replaces. Applied only up to
 * the last ">" (see {@link withoutStructureTags}): there every start that gets past the tag name finds its ">"
 * and matches, so the scan is linear; on "<html <html …" with no ">" after, each start would scan to the end.
 */
const STRUCTURE_TAGS = /<!doctype[^>]*>|<\/?(?:html|head|body)(?=[\s/>])[^>]*>/gi;

/** `html.replace(STRUCTURE_TAGS, "")` in linear time: no tag can match after the last ">". */
function withoutStructureTags(html: string): string {
  const end = html.lastIndexOf(">") + 1;
  return html.slice(0, end).replace(STRUCTURE_TAGS, "") + html.slice(end);
}

/** Elements that belong in `<head>`; the skeleton parse leaves them in the body. */
const HEAD_ELEMENTS = "title, meta, link, base";

/** Parse HTML into a document with a head and a body, whatever the markup. */
export function buildDocument(html: string): Document {
  const content = withoutStructureTags(html);
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${content}</body></html>`);
  const { head, body } = document;
  for (const element of Array.from(body.querySelectorAll(HEAD_ELEMENTS))) {
    // An SVG's <title> is a caption of the drawing, not the page's.
    if (element.closest("svg")) continue;
    head.appendChild(element);
  }
  return document;
}

/** Whether elements nest deeper than `limit` below `root` (counted without recursion). */
export function nestsDeeperThan(root: Element, limit: number): boolean {
  const stack: Array<[Element, number]> = [[root, 0]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [element, depth] = entry;
    if (depth > limit) return true;
    for (const child of Array.from(element.children)) stack.push([child, depth + 1]);
  }
  return false;
}
