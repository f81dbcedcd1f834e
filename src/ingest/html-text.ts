/**
 * DOM → text as a reader sees it: block elements separated by "\n\n", `<br>` as "\n", table rows on
 * their own lines with cells separated by a tab, whitespace collapsed as a browser renders it (inside
 * `<pre>` kept), scripts, styles, forms and hidden elements left out. `textContent` would glue
 * paragraphs together and include script code.
 *
 * The walk uses an explicit stack, so a deeply nested page cannot overflow the call stack.
 */

/** Elements rendered as blocks: a paragraph break before and after. */
const BLOCK_ELEMENTS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "center",
  "dd",
  "details",
  "dialog",
  "dir",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "legend",
  "li",
  "main",
  "menu",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "ul",
]);

/** Elements whose content a reader never sees as text. */
const SKIPPED_ELEMENTS = new Set([
  "applet",
  "audio",
  "button",
  "canvas",
  "datalist",
  "embed",
  "frame",
  "frameset",
  "head",
  "iframe",
  "input",
  "link",
  "map",
  "math",
  "meta",
  "noembed",
  "noframes",
  "noscript",
  "object",
  "option",
  "script",
  "select",
  "style",
  "svg",
  "template",
  "textarea",
  "title",
  "video",
]);

/** Inline `style` that hides an element. */
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

/** HTML's whitespace characters (not U+00A0, which a browser keeps). */
const HTML_WHITESPACE = /[ \t\n\f\r]+/g;

/** Whether the element is hidden from readers (`hidden`, `aria-hidden`, inline `display: none`). */
export function isHidden(element: Element): boolean {
  if (element.hasAttribute("hidden")) return true;
  if (element.getAttribute("aria-hidden") === "true") return true;
  const style = element.getAttribute("style");
  return style !== null && HIDDEN_STYLE.test(style);
}

/** Collects text runs and pending separators; a separator is written only between two visible runs. */
class TextBuilder {
  private readonly parts: string[] = [];
  private started = false;
  /** Newlines owed before the next run: 1 after `<br>` or a table row, 2 after a block. */
  private newlines = 0;
  private tab = false;
  private space = false;

  /** Text in normal flow: whitespace collapses to one space. */
  text(raw: string): void {
    const collapsed = raw.replace(HTML_WHITESPACE, " ");
    if (collapsed === "" || collapsed === " ") {
      if (collapsed === " ") this.space = true;
      return;
    }
    const leading = collapsed.startsWith(" ");
    const trailing = collapsed.endsWith(" ");
    if (leading) this.space = true;
    this.write(collapsed.slice(leading ? 1 : 0, trailing ? -1 : undefined));
    if (trailing) this.space = true;
  }

  /** Preformatted text: kept as is. */
  preformatted(raw: string): void {
    if (raw !== "") this.write(raw);
  }

  /** `<br>`: one more newline, at most a paragraph break. */
  lineBreak(): void {
    if (this.started) this.newlines = Math.min(2, this.newlines + 1);
  }

  /** Start or end of a block. */
  block(): void {
    if (this.started) this.newlines = 2;
  }

  /** Start or end of a table row. */
  row(): void {
    if (this.started) this.newlines = Math.max(this.newlines, 1);
  }

  /** Start of a table cell. */
  cell(): void {
    if (this.started && this.newlines === 0) this.tab = true;
  }

  toString(): string {
    return this.parts.join("");
  }

  private write(run: string): void {
    if (this.started) {
      if (this.newlines > 0) this.parts.push("\n".repeat(this.newlines));
      else if (this.tab) this.parts.push("\t");
      else if (this.space) this.parts.push(" ");
    }
    this.parts.push(run);
    this.started = true;
    this.newlines = 0;
    this.tab = false;
    this.space = false;
  }
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** A step of the walk: visit a node, or leave an element (to close its block). */
type Step = { node: Node; leave: false } | { node: Element; leave: true };

/** The text of `root` with paragraph breaks (see the module comment). */
export function nodeToText(root: Node): string {
  const out = new TextBuilder();
  const stack: Step[] = [{ node: root, leave: false }];
  let preDepth = 0;
  for (let step = stack.pop(); step; step = stack.pop()) {
    const { node } = step;
    if (step.leave) {
      const name = step.node.localName;
      if (name === "pre") preDepth--;
      if (name === "tr") out.row();
      else if (BLOCK_ELEMENTS.has(name)) out.block();
      continue;
    }
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      const value = node.nodeValue ?? "";
      if (preDepth > 0) out.preformatted(value);
      else out.text(value);
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node !== root) continue;
    if (node.nodeType === ELEMENT_NODE) {
      const element = node as Element;
      const name = element.localName;
      if (SKIPPED_ELEMENTS.has(name) || isHidden(element)) continue;
      if (name === "br") {
        out.lineBreak();
        continue;
      }
      if (name === "pre") preDepth++;
      if (name === "tr") out.row();
      else if (name === "td" || name === "th") out.cell();
      else if (BLOCK_ELEMENTS.has(name)) out.block();
      stack.push({ node: element, leave: true });
    }
    const children = Array.from(node.childNodes);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], leave: false });
  }
  return out.toString();
}

/** Length of text with whitespace collapsed, as it counts for link density. */
function visibleLength(text: string | null): number {
  return (text ?? "").replace(HTML_WHITESPACE, " ").trim().length;
}

/**
 * Share of the visible text of `root` that sits inside links (0–1). A page of links (an index, a
 * menu) is near 1; an article with inline links is below 0.2.
 */
export function linkDensity(root: Element, text: string): number {
  const total = visibleLength(text);
  if (total === 0) return 0;
  let linked = 0;
  for (const link of Array.from(root.querySelectorAll("a"))) {
    if (link.parentElement?.closest("a")) continue; // nested links count once
    linked += visibleLength(link.textContent);
  }
  return Math.min(1, linked / total);
}
