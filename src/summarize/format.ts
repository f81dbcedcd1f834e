import type { Roundup, SourceRef } from "../model/types.ts";

export type OutputFormat = "text" | "markdown" | "json";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["text", "markdown", "json"];

function sourceLabel(s: SourceRef): string {
  const parts: string[] = [];
  if (s.outlet) parts.push(s.outlet);
  if (s.title) parts.push(`"${s.title}"`);
  if (s.published) parts.push(s.published.slice(0, 10));
  if (s.url) parts.push(s.url);
  else if (s.origin) parts.push(s.origin);
  return parts.length ? parts.join(", ") : s.articleId;
}

/** Plain text: headline, dateline opening the first paragraph, paragraphs, then numbered sources. */
export function formatText(r: Roundup): string {
  const out: string[] = [];
  if (r.headline) out.push(r.headline, "");
  r.paragraphs.forEach((p, i) => {
    out.push(i === 0 && r.dateline ? `${r.dateline} – ${p}` : p, "");
  });
  if (r.sources.length) {
    out.push("Sources:");
    r.sources.forEach((s, i) => {
      out.push(`[${i + 1}] ${sourceLabel(s)}`);
    });
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** Markdown with a footnote per source after every sentence that cites it. */
export function formatMarkdown(r: Roundup): string {
  const number = new Map(r.sources.map((s, i) => [s.articleId, i + 1]));
  const out: string[] = [];
  if (r.headline) out.push(`# ${r.headline}`, "");
  r.paragraphs.forEach((_, p) => {
    const text = r.sentences
      .filter((s) => s.paragraph === p)
      .map((s) => {
        const ids = [...new Set([...s.citations.map((c) => c.articleId), ...s.supportedBy])];
        return `${s.text}${ids.map((id) => `[^${number.get(id)}]`).join("")}`;
      })
      .join(" ");
    out.push(p === 0 && r.dateline ? `**${r.dateline}** – ${text}` : text, "");
  });
  r.sources.forEach((s, i) => {
    out.push(`[^${i + 1}]: ${sourceLabel(s)}`);
  });
  return `${out.join("\n").trimEnd()}\n`;
}

/** The full Roundup as JSON, two-space indented, keys in a fixed order: byte-identical for the same input. */
export function formatJson(r: Roundup): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

export function formatRoundup(r: Roundup, format: OutputFormat): string {
  if (format === "json") return formatJson(r);
  if (format === "markdown") return formatMarkdown(r);
  return formatText(r);
}
