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

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;
const FRONT_MATTER_LINE = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/;

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

function unquote(value: string): string {
  const trimmed = value.trim();
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  return quoted ? quoted[2] : trimmed;
}

/** Simple `key: value` front matter (YAML's flat subset); nested or list values are ignored. */
function readFrontMatter(block: string): Partial<ArticleDraft> {
  const fields: Partial<ArticleDraft> = {};
  for (const line of block.split("\n")) {
    const match = FRONT_MATTER_LINE.exec(line);
    if (!match) continue;
    const field = FRONT_MATTER_FIELDS[match[1].toLowerCase()];
    const value = unquote(match[2]);
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

/** Markdown syntax a reader does not see, each with its replacement. Order matters (images before links). */
const MARKDOWN_RULES: ReadonlyArray<[RegExp, string]> = [
  [/<!--[\s\S]*?-->/g, ""], // comments
  [/^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/gm, "$1"], // ATX headings
  [/^ {0,3}(?:[-*_][ \t]*){3,}$/gm, ""], // thematic breaks, setext "---" underlines
  [/^ {0,3}=+[ \t]*$/gm, ""], // setext "===" underlines
  [/^ {0,3}>[ \t]?/gm, ""], // block quote marks
  [/!\[[^\]\n]*\]\([^)\n]*\)/g, ""], // images
  [/\[([^\]\n]+)\]\([^)\n]*\)/g, "$1"], // inline links keep their text
  [/\*\*(?=\S)([^*\n]+?)\*\*/g, "$1"], // strong
  [/(^|[^\w])__(?=\S)([^_\n]+?)__(?!\w)/g, "$1$2"], // strong
  [/(^|[^\w*])\*(?=\S)([^*\n]+?)\*(?![\w*])/g, "$1$2"], // emphasis
  [/`([^`\n]+)`/g, "$1"], // inline code
];

/** Markdown as an article draft: minimal syntax removed, front matter read as metadata. */
export function markdownToDraft(markdown: string, origin: string): ArticleDraft {
  let text = markdown;
  let fields: Partial<ArticleDraft> = {};
  const front = FRONT_MATTER.exec(text);
  if (front) {
    fields = readFrontMatter(front[1]);
    text = text.slice(front[0].length).replace(/^\n+/, "");
  }
  for (const [pattern, replacement] of MARKDOWN_RULES) text = text.replace(pattern, replacement);
  return { text, ...fields, origin };
}
