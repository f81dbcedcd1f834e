/**
 * Plain text and Markdown → Article. Plain text is kept exactly as decoded. Markdown loses only the
 * syntax a reader does not see (front matter, heading marks, link targets, emphasis marks, rules), so
 * offsets into the returned text stay meaningful. The headline is left to a later stage, which finds
 * headline lines in the text; only explicit front-matter metadata is used.
 */
import { normalizeDate } from "./dates.ts";
import type { ArticleDraft } from "./drafts.ts";

/** Plain text as an article draft: the text as is. */
export function textToDraft(text: string, origin: string): ArticleDraft {
  return { text, origin };
}

/** Linear: anchored at the start, and the lazy body stops at the first "\n---" or "\n..." line. */
const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;
/** A front-matter key and its colon; the value is checked by hand (see {@link frontMatterLine}). */
const FRONT_MATTER_KEY = /^([A-Za-z_][\w-]*)\s*:\s*/;
/** What `.` does not match. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/** Front-matter keys and the Article field each fills. */
const FRONT_MATTER_FIELDS: Readonly<Record<string, "title" | "published" | "author" | "source" | "url">> = {
  title: "title",
  headline: "title",
  date: "published",
  published: "published",
  author: "author",
  byline: "author",
  source: "source",
  outlet: "source",
  publisher: "source",
  url: "url",
  canonical: "url",
};

/**
 * Key and value of a `key: value` line, as `/^([A-Za-z_][\w-]*)\s*:\s*(.*)$/` read them. That regex was
 * quadratic on a key, a long run of spaces, then a line separator (`\s*` and `.*` share the spaces).
 */
function frontMatterLine(line: string): [key: string, value: string] | undefined {
  const key = FRONT_MATTER_KEY.exec(line);
  if (!key) return undefined;
  const value = line.slice(key[0].length);
  return LINE_TERMINATOR.test(value) ? undefined : [key[1], value];
}

function unquote(value: string): string {
  const trimmed = value.trim();
  // Linear: one start, and the backreference is the single opening quote char.
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  return quoted ? quoted[2] : trimmed;
}

/** Simple `key: value` front matter (YAML's flat subset); nested or list values are ignored. */
function readFrontMatter(block: string): Partial<ArticleDraft> {
  const fields: Partial<ArticleDraft> = {};
  for (const line of block.split("\n")) {
    const match = frontMatterLine(line);
    if (!match) continue;
    const field = FRONT_MATTER_FIELDS[match[0].toLowerCase()];
    const value = unquote(match[1]);
    if (!field || value === "" || fields[field] !== undefined) continue;
    if (field === "published") {
      const date = normalizeDate(value);
      if (date) fields.published = date;
    } else {
      fields[field] = value;
    }
  }
  return fields;
}

/**
 * Markdown syntax a reader does not see, each rule a rewrite of the text. Order matters (images before
 * links). Each is linear: comments, headings, images and links are matched by hand (their regexes were
 * quadratic on "<!--<!--…", "# a" and a long run of spaces, "![![…" and "[[[…"); in the regexes kept, the
 * quantified parts cannot overlap (a mark, then a class without that mark, then the mark).
 */
const MARKDOWN_RULES: ReadonlyArray<(text: string) => string> = [
  withoutComments, // <!-- … -->
  (text) => mapLines(text, atxHeading), // "## Heading ##" → "Heading"
  (text) => text.replace(/^ {0,3}(?:[-*_][ \t]*){3,}$/gm, ""), // thematic breaks, setext "---" underlines
  (text) => text.replace(/^ {0,3}=+[ \t]*$/gm, ""), // setext "===" underlines
  (text) => text.replace(/^ {0,3}>[ \t]?/gm, ""), // block quote marks
  (text) => replaceLinks(text, true), // images
  (text) => replaceLinks(text, false), // inline links keep their text
  (text) => text.replace(/\*\*(?=\S)([^*\n]+?)\*\*/g, "$1"), // strong
  (text) => text.replace(/(^|[^\w])__(?=\S)([^_\n]+?)__(?!\w)/g, "$1$2"), // strong
  (text) => text.replace(/(^|[^\w*])\*(?=\S)([^*\n]+?)\*(?![\w*])/g, "$1$2"), // emphasis
  (text) => text.replace(/`([^`\n]+)`/g, "$1"), // inline code
];

/** `text.replace(/<!--[\s\S]*?-->/g, "")`: with no "-->" after a "<!--" nothing later matches either. */
function withoutComments(text: string): string {
  let out = "";
  let at = 0;
  for (let open = text.indexOf("<!--"); open >= 0; open = text.indexOf("<!--", at)) {
    const close = text.indexOf("-->", open + 4);
    if (close < 0) break;
    out += text.slice(at, open);
    at = close + 3;
  }
  return at === 0 ? text : out + text.slice(at);
}

/** Each line of `text` rewritten by `rewrite`; lines as a multiline regex sees them ("\r\n" is two breaks). */
function mapLines(text: string, rewrite: (line: string) => string): string {
  const parts = text.split(/([\n\r\u2028\u2029])/);
  for (let i = 0; i < parts.length; i += 2) parts[i] = rewrite(parts[i]);
  return parts.join("");
}

const isBlank = (ch: string | undefined): boolean => ch === " " || ch === "\t";

/**
 * An ATX heading line without its marks, as `/^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/` with "$1" did:
 * up to 3 spaces, 1–6 "#" and blanks, then the text without trailing blanks, or without a closing run of
 * "#" after a blank (and the blanks around it). Any other line is returned as it is.
 */
function atxHeading(line: string): string {
  let i = 0;
  while (i < 3 && line[i] === " ") i++;
  let hashes = i;
  while (line[hashes] === "#") hashes++;
  if (hashes === i || hashes - i > 6 || !isBlank(line[hashes])) return line;
  let start = hashes;
  while (isBlank(line[start])) start++;
  let end = line.length;
  while (end > start && isBlank(line[end - 1])) end--;
  let closing = end;
  while (closing > start && line[closing - 1] === "#") closing--;
  if (closing < end && closing > start && isBlank(line[closing - 1])) {
    end = closing;
    while (end > start && isBlank(line[end - 1])) end--;
  }
  return line.slice(start, end);
}

/**
 * `![alt](target)` removed (`image`), or `[text](target)` replaced by its text, never across a line break:
 * the former `/!\[[^\]\n]*\]\([^)\n]*\)/g` → "" and `/\[([^\]\n]+)\]\([^)\n]*\)/g` → "$1", matched by hand.
 * Every start before the same "]" shares its fate, so a failed start skips to that "]".
 */
function replaceLinks(text: string, image: boolean): string {
  const open = image ? "![" : "[";
  const closeBracket = nextOf(text, "]", "\n");
  const closeParen = nextOf(text, ")", "\n");
  let out = "";
  let at = 0;
  let from = 0;
  for (let i = text.indexOf(open, from); i >= 0; i = text.indexOf(open, from)) {
    const label = i + open.length;
    const bracket = closeBracket(label);
    from = bracket < 0 ? text.length : bracket;
    if (bracket < 0 || text[bracket] !== "]" || (!image && bracket === label)) continue;
    if (text[bracket + 1] !== "(") continue;
    const paren = closeParen(bracket + 2);
    if (paren < 0 || text[paren] !== ")") continue;
    out += text.slice(at, i) + (image ? "" : text.slice(label, bracket));
    at = paren + 1;
    from = at;
  }
  return at === 0 ? text : out + text.slice(at);
}

/**
 * A finder of the first index ≥ `from` holding `a` or `b` (-1 for none) for non-decreasing `from`: each
 * result is kept while it is still ahead, so all the calls together read the text once.
 */
function nextOf(text: string, a: string, b: string): (from: number) => number {
  let foundA = -2;
  let foundB = -2;
  return (from) => {
    if (foundA !== -1 && foundA < from) foundA = text.indexOf(a, from);
    if (foundB !== -1 && foundB < from) foundB = text.indexOf(b, from);
    if (foundA < 0) return foundB;
    if (foundB < 0) return foundA;
    return Math.min(foundA, foundB);
  };
}

/** Markdown as an article draft: minimal syntax removed, front matter read as metadata. */
export function markdownToDraft(markdown: string, origin: string): ArticleDraft {
  let text = markdown;
  let fields: Partial<ArticleDraft> = {};
  const front = FRONT_MATTER.exec(text);
  if (front) {
    fields = readFrontMatter(front[1]);
    text = text.slice(front[0].length).replace(/^\n+/, "");
  }
  for (const rule of MARKDOWN_RULES) text = rule(text);
  return { text, ...fields, origin };
}
