/**
 * The pages, rendered on the server: the story list, a story's roundup with its sources, articles and
 * versions, and "summarize your own articles". One stylesheet and one script, both served by the app.
 */

import type { ArticleView, StoryDetail, StoryListItem } from "../../desk/stories.ts";
import type { Roundup } from "../../model/types.ts";
import { type Html, type HtmlValue, html } from "./html.ts";
import { articleList, citeStatus, roundupBody, sourceList } from "./roundup-view.ts";
import { formatDate, timeAgo } from "./time.ts";

/** The page shell: skip link, header with navigation, main, footer. */
export function layout(
  title: string,
  body: HtmlValue,
  current: "stories" | "summarize" | "none" = "none",
): string {
  const nav = (href: string, label: string, key: typeof current) =>
    html`<li><a href="${href}"${current === key ? html` aria-current="page"` : ""}>${label}</a></li>`;
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Roundup</title>
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/">Roundup</a>
<nav aria-label="Main"><ul>${nav("/", "Stories", "stories")}${nav("/summarize", "Summarize your own", "summarize")}<li><a href="/api/openapi.json">API</a></li></ul></nav>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site"><p>Every roundup sentence is a sentence a source wrote; select one to see where it came from.</p></footer>
</body>
</html>`}\n`;
}

/** A story's title: its headline, else the start of its roundup's first sentence. */
export function storyTitle(story: { headline?: string; lead?: string }): string {
  if (story.headline) return story.headline;
  if (!story.lead) return "Untitled story";
  return story.lead.length <= 90 ? story.lead : `${story.lead.slice(0, 88).replace(/\s+\S*$/, "")} …`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Meridian Press, The Coastal Ledger and 2 more". */
function outletLine(outlets: readonly string[]): string {
  if (outlets.length <= 3) return outlets.join(", ");
  return `${outlets.slice(0, 3).join(", ")} and ${outlets.length - 3} more`;
}

export function storyListPage(stories: readonly StoryListItem[], now: Date): string {
  const items = stories.map(
    (s) => html`<li class="story-card">
<article aria-labelledby="story-${s.id}">
${s.dateline ? html`<p class="dateline">${s.dateline}</p>` : ""}
<h2 id="story-${s.id}"><a href="/stories/${encodeURIComponent(s.id)}">${storyTitle(s)}</a></h2>
${s.headline && s.lead ? html`<p class="teaser">${s.lead}</p>` : ""}
<p class="meta">${s.outlets.length ? html`<span class="outlets">${outletLine(s.outlets)}</span> · ` : ""}${plural(s.articleCount, "article")} · <time datetime="${s.updatedAt}" title="${formatDate(s.updatedAt)}">updated ${timeAgo(s.updatedAt, now)}</time>${
      s.roundupVersion ? html` · version ${s.roundupVersion}` : html` · <em>roundup pending</em>`
    }${s.archived ? html` · archived` : ""}</p>
</article>
</li>`,
  );
  const body = stories.length
    ? html`<h1>Stories</h1>
<p class="lede">${plural(stories.length, "story", "stories")}, most recently updated first.</p>
<ol class="story-list">${items}</ol>`
    : html`<h1>Stories</h1>
<p class="lede">No stories yet. Articles arrive through <code>roundup serve --feeds FILE</code>, <code>roundup ingest</code> or <code>POST /api/articles</code>.</p>
<p><a href="/summarize">Summarize your own articles</a> in the meantime.</p>`;
  return layout("Stories", body, "stories");
}

function versionList(detail: StoryDetail): Html {
  const id = encodeURIComponent(detail.story.id);
  const latest = detail.versions.at(-1)?.version;
  const items = [...detail.versions].reverse().map((v, i, all) => {
    const previous = all[i + 1];
    const delta = previous ? v.articleCount - previous.articleCount : 0;
    const shown = detail.version?.version === v.version;
    const href = v.version === latest ? `/stories/${id}` : `/stories/${id}?version=${v.version}`;
    return html`<li${shown ? html` class="shown"` : ""}><a href="${href}"${shown ? html` aria-current="page"` : ""}>Version ${v.version}</a>${
      v.version === latest ? " (latest)" : ""
    } · <time datetime="${v.createdAt}">${formatDate(v.createdAt)}</time> · ${plural(v.articleCount, "article")}${
      delta > 0 ? ` (+${delta})` : delta < 0 ? ` (${delta})` : ""
    }${shown ? html` <span class="badge">shown</span>` : ""}</li>`;
  });
  return html`<ol class="versions">${items}</ol>`;
}

/** The other stories of the story's topic, newest first: links with their size and age. */
function relatedList(detail: StoryDetail, now: Date): Html {
  const items = detail.related.map(
    (r) =>
      html`<li><a href="/stories/${encodeURIComponent(r.id)}">${storyTitle(r)}</a> <span class="meta">${plural(r.articleCount, "article")} · <time datetime="${r.updatedAt}" title="${formatDate(r.updatedAt)}">updated ${timeAgo(r.updatedAt, now)}</time></span></li>`,
  );
  return html`<ul class="related">${items}</ul>`;
}

export function storyPage(detail: StoryDetail, now: Date): string {
  const { story, roundup, version } = detail;
  const headline = roundup?.headline ?? storyTitle(story);
  const old =
    version && !version.current
      ? html`<p class="notice" role="note">You are reading version ${version.version} of ${detail.versions.length}, written ${formatDate(version.createdAt)}. <a href="/stories/${encodeURIComponent(story.id)}">Read the latest roundup</a>.</p>`
      : "";
  const roundupSection = roundup
    ? html`<section class="roundup" aria-labelledby="roundup-title">
<h2 id="roundup-title">Roundup</h2>
${roundupBody(roundup, detail.articles)}
${citeStatus}
</section>`
    : html`<section class="roundup" aria-labelledby="roundup-title"><h2 id="roundup-title">Roundup</h2><p>The roundup is being written; reload in a moment.</p></section>`;
  const body = html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/">All stories</a></nav>
<header class="story-head">
${(roundup?.dateline ?? story.dateline) ? html`<p class="dateline">${roundup?.dateline ?? story.dateline}</p>` : ""}
<h1>${headline}</h1>
<p class="meta"><time datetime="${story.updatedAt}" title="${formatDate(story.updatedAt)}">Updated ${timeAgo(story.updatedAt, now)}</time> · ${plural(story.articleCount, "article")} from ${plural(Math.max(story.outletCount, story.outlets.length), "outlet")}${
    version
      ? html` · <a href="#versions-title">version ${version.version} of ${detail.versions.length}</a>`
      : ""
  }</p>
</header>
${old}
<div class="story-grid">
<div class="col-roundup">
${roundupSection}
</div>
<section class="col-articles" aria-labelledby="articles-title">
<h2 id="articles-title">The articles</h2>
${articleList(roundup, detail.articles)}
</section>
</div>
<div class="story-foot">
${roundup ? html`<section aria-labelledby="sources-title"><h2 id="sources-title">Sources</h2>${sourceList(roundup, detail.articles)}</section>` : ""}
${detail.related.length ? html`<section aria-labelledby="related-title"><h2 id="related-title">Related stories</h2>${relatedList(detail, now)}</section>` : ""}
<section aria-labelledby="versions-title"><h2 id="versions-title">How the roundup changed</h2>${
    detail.versions.length ? versionList(detail) : html`<p>No versions yet.</p>`
  }</section>
</div>`;
  return layout(headline, body, "none");
}

/** What the summarize form was filled with, to show it again. */
export interface SummarizeForm {
  texts: string[];
  outlets: string[];
  words: string;
  /** A topic or question the roundup should favour (`focus`); blank is none. */
  focus?: string;
}

export const EMPTY_FORM: SummarizeForm = {
  texts: ["", "", ""],
  outlets: ["", "", ""],
  words: "",
  focus: "",
};

function articleFieldset(i: number, text: string, outlet: string): Html {
  const n = i + 1;
  return html`<fieldset class="doc">
<legend>Article ${n}</legend>
<label for="text-${n}">Text</label>
<textarea id="text-${n}" name="text" rows="7">${text}</textarea>
<label for="outlet-${n}">Outlet <span class="optional">(optional)</span></label>
<input id="outlet-${n}" name="outlet" type="text" value="${outlet}" autocomplete="off">
</fieldset>`;
}

export function summarizePage(options: {
  form: SummarizeForm;
  defaultWords: number;
  maxWords: number;
  maxBytes: number;
  /** Longest focus accepted (MAX_FOCUS_CHARS). */
  maxFocus: number;
  error?: string;
  result?: { roundup: Roundup; articles: ArticleView[]; warnings: string[] };
}): string {
  const { form, result, error } = options;
  const count = Math.max(3, form.texts.length);
  const fieldsets = Array.from({ length: count }, (_, i) =>
    articleFieldset(i, form.texts[i] ?? "", form.outlets[i] ?? ""),
  );
  const resultSection = result
    ? html`<section class="result" aria-labelledby="result-title">
<h2 id="result-title">Your roundup${result.roundup.headline ? html`: ${result.roundup.headline}` : ""}</h2>
${result.warnings.length ? html`<ul class="warnings">${result.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ""}
<div class="story-grid">
<div class="col-roundup">
<section class="roundup" aria-labelledby="roundup-title"><h3 id="roundup-title">Roundup · ${plural(result.roundup.words, "word")}</h3>
${roundupBody(result.roundup, result.articles)}
${citeStatus}
</section>
</div>
<section class="col-articles" aria-labelledby="articles-title"><h3 id="articles-title">Your articles</h3>
${articleList(result.roundup, result.articles)}
</section>
</div>
<div class="story-foot">
<section aria-labelledby="sources-title"><h3 id="sources-title">Sources</h3>${sourceList(result.roundup, result.articles)}</section>
</div>
</section>`
    : "";
  const body = html`<h1>Summarize your own articles</h1>
<p class="lede">Paste two or more articles about the same story, or upload files (.txt, .md, .html). Nothing is stored.</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ""}
${resultSection}
<form class="summarize" method="post" action="/summarize" enctype="multipart/form-data">
<div class="docs" id="docs">${fieldsets}</div>
<p><button type="button" class="secondary" id="add-article" hidden>Add another article</button></p>
<fieldset class="doc">
<legend>Files</legend>
<label for="files">Article files <span class="optional">(.txt, .md or .html; several allowed)</span></label>
<input id="files" name="files" type="file" multiple accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html">
</fieldset>
<p class="words"><label for="words">Length in words</label>
<input id="words" name="words" type="number" min="1" max="${options.maxWords}" placeholder="${options.defaultWords}" value="${form.words}" inputmode="numeric"></p>
<p class="focus"><label for="focus">Focus <span class="optional">(optional: a topic or question the roundup should favour)</span></label>
<input id="focus" name="focus" type="text" maxlength="${options.maxFocus}" value="${form.focus ?? ""}" autocomplete="off"></p>
<p class="limits">Up to ${Math.round(options.maxBytes / 1024 / 1024)} MB in all.</p>
<p><button type="submit">Summarize</button></p>
</form>`;
  return layout("Summarize your own articles", body, "summarize");
}

export function errorPage(status: number, message: string): string {
  const title =
    status === 404
      ? "Not found"
      : status === 413
        ? "Too large"
        : status >= 500
          ? "Server error"
          : "Bad request";
  return layout(
    title,
    html`<h1>${title}</h1><p class="error" role="alert">${message}</p><p><a href="/">Back to the stories</a></p>`,
  );
}
