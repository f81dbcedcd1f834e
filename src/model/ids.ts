import { createHash } from "node:crypto";

/** Short stable hash of a string: first 16 hex digits of SHA-1. */
export function shortHash(text: string): string {
  return createHash("sha1").update(text).digest("hex").slice(0, 16);
}

/**
 * Deterministic article id: from the canonical URL when there is one, else from the text.
 * Same input → same id, on every machine.
 */
export function articleId(input: { text: string; url?: string }): string {
  return `a-${shortHash(input.url ? `url:${input.url}` : `text:${input.text}`)}`;
}

export function sentenceId(articleIdValue: string, index: number): string {
  return `${articleIdValue}:${index}`;
}
