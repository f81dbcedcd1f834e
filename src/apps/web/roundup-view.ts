/**
 * A roundup with its citations, as HTML: each roundup sentence is a focusable control, and each article is
 * shown in full with the ranges its sentences were cited from wrapped in spans. A span lists the roundup
 * sentences that cite it (`data-s="s0 s4"`), so the page script highlights `.src[data-s~="s4"]` when
 * sentence 4 is chosen. Offsets are UTF-16, like JavaScript string indices, so `slice` cuts exactly.
 */

import type { ArticleView } from "../../desk/stories.ts";
import type { Roundup } from "../../model/types.ts";
import { type Html, html, safeHref } from "./html.ts";
import { formatDate } from "./time.ts";

/** One piece of an article's text, and the roundup sentences citing it (none for uncited text). */
export interface Segment {
  start: number;
  end: number;
  sentences: number[];
}

/** Cuts a text of `length` at every citation boundary; each piece knows which sentences cite it. */
export function segmentText(
  length: number,
  ranges: readonly { start: number; end: number; sentence: number }[],
): Segment[] {
  const clean = ranges
    .map((r) => ({
      start: Math.max(0, Math.min(length, r.start)),
      end: Math.max(0, Math.min(length, r.end)),
      sentence: r.sentence,
    }))
    .filter((r) => r.end > r.start);
  const cuts = [...new Set([0, length, ...clean.flatMap((r) => [r.start, r.end])])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i];
    const end = cuts[i + 1];
    const sentences = [
      ...new Set(clean.filter((r) => r.start <= start && r.end >= end).map((r) => r.sentence)),
    ].sort((a, b) => a - b);
    segments.push({ start, end, sentences });
  }
  return segments;
}

/** Article number on the page (1-based, the footnote number) by article id. */
function numbering(articles: readonly ArticleView[]): Map<string, number> {
  return new Map(articles.map((a, i) => [a.id, i + 1]));
}

const sentenceKey = (i: number) => `s${i}`;

/** The roundup's paragraphs: sentences as controls, each followed by its footnote links. */
export function roundupBody(roundup: Roundup, articles: readonly ArticleView[]): Html {
  const number = numbering(articles);
  const paragraphs = roundup.paragraphs.map((_, p) => {
    const sentences = roundup.sentences
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.paragraph === p)
      .map(({ s, i }) => {
        const cited = [...new Set(s.citations.map((c) => c.articleId))];
        const ids = [...new Set([...cited, ...s.supportedBy])].filter((id) => number.has(id));
        const refs = ids.map(
          (id) =>
            html`<a class="ref" href="#article-${number.get(id)}" aria-label="source ${number.get(id)}">${number.get(id)}</a>`,
        );
        const supporters = s.supportedBy.filter((id) => !cited.includes(id) && number.has(id));
        // A sentence new since the story's previous version is marked for a "what's new" view.
        const kind = s.newSince ? "sentence is-new" : "sentence";
        return html`<span class="${kind}" id="sentence-${i}" role="button" tabindex="0" aria-pressed="false" data-s="${sentenceKey(i)}" data-cites="${cited
          .filter((id) => number.has(id))
          .map((id) => `article-${number.get(id)}`)
          .join(
            " ",
          )}" data-supports="${supporters.map((id) => `article-${number.get(id)}`).join(" ")}">${s.text}</span>${
          refs.length ? html`<sup class="refs">${joinRefs(refs)}</sup>` : ""
        } `;
      });
    const dateline =
      p === 0 && roundup.dateline ? html`<span class="dateline-inline">${roundup.dateline} – </span>` : "";
    return html`<p>${dateline}${sentences}</p>`;
  });
  return html`<div class="roundup-body">${paragraphs}</div>`;
}

function joinRefs(refs: Html[]): Html[] {
  return refs.flatMap((r, i) => (i === 0 ? [r] : [html`<span aria-hidden="true">,</span>`, r]));
}

/** One line about an article: outlet, title, time, link. */
export function articleByline(a: ArticleView): Html {
  const href = safeHref(a.url);
  const when = a.published ?? a.ingestedAt;
  return html`<p class="meta">${a.outlet ? html`<span class="outlet">${a.outlet}</span>` : html`<span class="outlet">Unknown outlet</span>`}${
    when ? html` · <time datetime="${when}">${formatDate(when)}</time>` : ""
  }${href ? html` · <a href="${href}" rel="noopener noreferrer nofollow">original</a>` : ""}</p>`;
}

/** The articles, full text, cited ranges marked. */
export function articleList(roundup: Roundup | null, articles: readonly ArticleView[]): Html {
  const items = articles.map((a, index) => {
    const n = index + 1;
    const ranges = (roundup?.sentences ?? []).flatMap((s, i) =>
      s.citations
        .filter((c) => c.articleId === a.id)
        .map((c) => ({ start: c.start, end: c.end, sentence: i })),
    );
    const text = segmentText(a.text.length, ranges).map((seg) => {
      const piece = a.text.slice(seg.start, seg.end);
      if (seg.sentences.length === 0) return html`${piece}`;
      return html`<span class="src" data-s="${seg.sentences.map(sentenceKey).join(" ")}" data-start="${seg.start}" data-end="${seg.end}">${piece}</span>`;
    });
    const when = a.published ?? a.ingestedAt;
    return html`<article class="article" id="article-${n}" data-article-id="${a.id}" data-outlet="${a.outlet ?? "Unknown outlet"}" data-time="${
      when ? formatDate(when) : ""
    }" aria-labelledby="article-${n}-title">
<header><h3 id="article-${n}-title"><span class="num">${n}</span> ${a.title ?? `Article ${n}`}</h3>${articleByline(a)}</header>
<div class="article-text">${text}</div>
</article>`;
  });
  return html`${items}`;
}

/** The numbered list of sources, linking to the articles on the page and to the originals. */
export function sourceList(roundup: Roundup, articles: readonly ArticleView[]): Html {
  const number = numbering(articles);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const items = roundup.sources
    .filter((s) => number.has(s.articleId))
    .map((s) => {
      const a = byId.get(s.articleId)!;
      const href = safeHref(s.url ?? a.url);
      const when = s.published ?? a.published;
      return html`<li value="${number.get(s.articleId)}"><a href="#article-${number.get(s.articleId)}">${s.outlet ?? a.outlet ?? "Unknown outlet"}</a>${
        (s.title ?? a.title) ? html`, “${s.title ?? a.title}”` : ""
      }${when ? html`, <time datetime="${when}">${formatDate(when)}</time>` : ""}${
        href ? html` · <a href="${href}" rel="noopener noreferrer nofollow">original</a>` : ""
      }</li>`;
    });
  return html`<ol class="sources">${items}</ol>`;
}

/** The status line the page script fills when a sentence is chosen (announced to screen readers). */
export const citeStatus = html`<p class="cite-status" id="cite-status" role="status" aria-live="polite">Select a sentence to highlight where it came from.</p>`;
