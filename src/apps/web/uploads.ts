/**
 * The "summarize your own articles" form as articles: pasted texts and uploaded files go through the same
 * ingest readers the CLI uses (text, Markdown, HTML via Readability), in memory: nothing touches the disk.
 */
import { decodeBytes } from "../../ingest/decode.ts";
import { type ArticleDraft, uniqueIds } from "../../ingest/drafts.ts";
import { formatOfPath } from "../../ingest/formats.ts";
import { htmlToDraft } from "../../ingest/html.ts";
import { markdownToDraft, textToDraft } from "../../ingest/text.ts";
import { InputError } from "../../model/errors.ts";
import type { Article } from "../../model/types.ts";

/** Most article boxes and files one form may send: a story's coverage, not a corpus. */
export const MAX_FORM_ARTICLES = 50;

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface FormArticles {
  articles: Article[];
  warnings: string[];
}

/** A file name as shown in messages: the base name, control characters dropped, at most 100 characters. */
function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  return base.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 100) || "upload";
}

function fileDraft(file: UploadedFile): ArticleDraft {
  const name = displayName(file.name);
  const format = formatOfPath(name);
  if (format !== "text" && format !== "markdown" && format !== "html")
    throw new InputError(name, "is not a .txt, .md or .html file");
  const text = decodeBytes(file.bytes, name, { html: format === "html" });
  if (format === "html") return htmlToDraft(text, name);
  if (format === "markdown") return markdownToDraft(text, name);
  return textToDraft(text, name);
}

/**
 * Pasted texts (blank ones ignored; `outlets[i]` names the outlet of `texts[i]`) and uploaded files as
 * articles. Throws InputError naming the file or box that cannot be read.
 */
export function formArticles(
  texts: readonly string[],
  outlets: readonly string[],
  files: readonly UploadedFile[],
): FormArticles {
  const drafts: ArticleDraft[] = [];
  const warnings: string[] = [];
  texts.forEach((raw, i) => {
    const text = raw.replace(/\r\n?/g, "\n");
    if (text.trim() === "") return;
    const outlet = outlets[i]?.trim();
    drafts.push({
      ...textToDraft(text, `article ${i + 1}`),
      ...(outlet ? { source: outlet.slice(0, 200) } : {}),
    });
  });
  for (const file of files) {
    if (file.bytes.byteLength === 0 && file.name === "") continue;
    drafts.push(fileDraft(file));
  }
  if (drafts.length > MAX_FORM_ARTICLES)
    throw new InputError(
      "the form",
      `has ${drafts.length} articles; at most ${MAX_FORM_ARTICLES} are summarized at once`,
    );
  if (drafts.length === 1) warnings.push("Only one article: the roundup summarizes it alone.");
  return { articles: uniqueIds(drafts), warnings };
}
