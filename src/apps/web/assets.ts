/**
 * The page's one stylesheet and one script, served by the app at /assets/app.css and /assets/app.js (the
 * Content-Security-Policy allows scripts and styles from the page's own origin only: no inline code, no
 * CDNs). The script is progressive enhancement: without it every page still reads and every link works.
 */

export const APP_CSS = `
:root {
  --ink: #1b1b1f; --muted: #5a5a66; --paper: #fbfaf7; --card: #ffffff; --line: #e2dfd7;
  --accent: #1d4e89; --accent-ink: #ffffff; --mark: #ffe27a; --mark-line: #c99a00; --soft: #eef3fa;
  --error: #a4161a;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--accent); text-underline-offset: 2px; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--accent); color: var(--accent-ink); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; top: .5rem; }
header.site { display: flex; flex-wrap: wrap; align-items: baseline; gap: 1rem 2rem; padding: .9rem clamp(1rem, 4vw, 3rem);
  border-bottom: 1px solid var(--line); background: var(--card); }
.brand { font: 700 1.5rem/1 Georgia, "Times New Roman", serif; color: var(--ink); text-decoration: none; letter-spacing: -.01em; }
header.site ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; margin: 0; padding: 0; }
header.site a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 2px; }
main { max-width: 84rem; margin: 0 auto; padding: 1.5rem clamp(1rem, 4vw, 3rem) 3rem; }
main:focus { outline: none; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; padding: 1rem clamp(1rem, 4vw, 3rem); }
h1, h2, h3 { font-family: Georgia, "Times New Roman", serif; line-height: 1.2; letter-spacing: -.01em; }
h1 { font-size: clamp(1.7rem, 3.5vw, 2.5rem); margin: .25rem 0 .5rem; }
h2 { font-size: 1.35rem; margin: 1.75rem 0 .6rem; }
h3 { font-size: 1.1rem; margin: 0 0 .25rem; }
.lede { color: var(--muted); margin-top: 0; }
.meta { color: var(--muted); font-size: .92rem; margin: .2rem 0; }
.dateline { text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; font-weight: 700; color: var(--accent); margin: 0; }
code { background: var(--soft); padding: .05rem .3rem; border-radius: 3px; }

.story-list { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; }
.story-card article { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; }
.story-card h2 { margin: .2rem 0 .3rem; font-size: 1.3rem; }
.teaser { margin: .2rem 0 .35rem; }
.story-card h2 a { color: var(--ink); text-decoration: none; }
.story-card h2 a:hover, .story-card h2 a:focus-visible { text-decoration: underline; color: var(--accent); }

.crumbs { font-size: .92rem; margin-bottom: .5rem; }
.story-head { margin-bottom: 1rem; }
.notice { background: var(--soft); border-left: 4px solid var(--accent); padding: .6rem .9rem; }
.story-grid { display: grid; gap: 2rem; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 60rem) {
  .story-grid { grid-template-columns: minmax(0, 1.05fr) minmax(0, 1fr); align-items: start; }
  .col-roundup { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; padding-right: .5rem; }
}
.roundup h2, .roundup h3 { margin-top: 0; }
.story-foot { display: grid; gap: 0 2rem; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); border-top: 1px solid var(--line); margin-top: 1rem; }
.roundup-body { font-family: Georgia, "Times New Roman", serif; font-size: 1.12rem; line-height: 1.7; }
.roundup-body p { margin: 0 0 1rem; }
.dateline-inline { font-weight: 700; }
.sentence { cursor: pointer; border-radius: 3px; padding: .05rem .1rem; text-decoration: underline dotted var(--line); text-underline-offset: 4px;
  transition: background-color .12s; }
.sentence:hover { background: var(--soft); text-decoration-color: var(--accent); }
.sentence.is-active, .sentence[aria-pressed="true"] { background: var(--mark); box-shadow: 0 0 0 1px var(--mark-line); text-decoration: none; }
.refs { font-family: system-ui, sans-serif; font-size: .68rem; margin-left: .1rem; }
.ref { text-decoration: none; padding: 0 .1rem; }
.cite-status { font-size: .92rem; color: var(--muted); background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .45rem .7rem; }
.sources { padding-left: 1.6rem; }
.sources li { margin-bottom: .3rem; }
.related { list-style: none; padding: 0; }
.related li { margin-bottom: .45rem; }
.related .meta { display: block; margin: 0; }
.versions { padding-left: 1.8rem; }
.versions li.shown { font-weight: 600; }
.badge { font-size: .75rem; font-weight: 700; background: var(--accent); color: var(--accent-ink); border-radius: 999px; padding: .05rem .5rem; vertical-align: middle; }
.col-articles h2, .col-articles h3#articles-title { margin-top: 0; }
.article { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin-bottom: 1.25rem; scroll-margin-top: 1rem; }
.article.is-active { border-color: var(--mark-line); box-shadow: 0 0 0 2px var(--mark); }
.article .num { display: inline-block; min-width: 1.6rem; text-align: center; font: 700 .8rem/1.6rem system-ui, sans-serif;
  background: var(--soft); color: var(--accent); border-radius: 999px; margin-right: .25rem; vertical-align: middle; }
.article-text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .97rem; margin-top: .6rem; }
.src { border-bottom: 2px solid transparent; }
.src.is-active, .src[data-active="true"] { background: var(--mark); border-bottom-color: var(--mark-line); border-radius: 2px; }

form.summarize { margin-top: 1.5rem; }
.docs { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); }
fieldset.doc { border: 1px solid var(--line); border-radius: 8px; background: var(--card); padding: .75rem 1rem 1rem; margin: 0 0 1rem; }
legend { font-weight: 700; padding: 0 .3rem; }
label { display: block; font-weight: 600; margin: .5rem 0 .2rem; }
.optional { font-weight: 400; color: var(--muted); }
textarea, input[type="text"], input[type="number"] { width: 100%; font: inherit; padding: .45rem .55rem; border: 1px solid #a9a59b; border-radius: 5px; background: #fff; color: var(--ink); }
input[type="number"] { max-width: 10rem; }
textarea { resize: vertical; min-height: 9rem; }
button { font: inherit; font-weight: 600; cursor: pointer; border-radius: 6px; padding: .55rem 1.2rem; border: 2px solid var(--accent); background: var(--accent); color: var(--accent-ink); }
button.secondary { background: var(--card); color: var(--accent); }
button:hover { filter: brightness(1.1); }
.limits { color: var(--muted); font-size: .9rem; }
.error { color: var(--error); font-weight: 600; border-left: 4px solid var(--error); padding: .4rem .8rem; background: #fff4f4; }
.warnings { color: var(--muted); font-size: .9rem; }
.result { border-top: 1px solid var(--line); margin-top: 1rem; }
@media (prefers-reduced-motion: reduce) { * { transition: none !important; scroll-behavior: auto !important; } }
`;

export const APP_JS = `"use strict";
// Roundup: choose a roundup sentence (click, Enter/Space, hover or focus) to highlight the source
// sentence(s) it came from in the articles below. Text is only ever set with textContent.
(function () {
  var status = document.getElementById("cite-status");
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var current = null;

  function clear() {
    document.querySelectorAll(".is-active").forEach(function (el) {
      el.classList.remove("is-active");
      el.removeAttribute("data-active");
    });
    document.querySelectorAll('.sentence[aria-pressed="true"]').forEach(function (el) {
      el.setAttribute("aria-pressed", "false");
    });
  }

  function activate(sentence, scroll) {
    if (current !== sentence) {
      clear();
      current = sentence;
      sentence.classList.add("is-active");
      sentence.setAttribute("aria-pressed", "true");
    }
    var key = sentence.getAttribute("data-s");
    var spans = document.querySelectorAll('.src[data-s~="' + key + '"]');
    var names = [];
    spans.forEach(function (span) {
      span.classList.add("is-active");
      span.setAttribute("data-active", "true");
      var article = span.closest(".article");
      if (article) {
        article.classList.add("is-active");
        var name = article.getAttribute("data-outlet") + (article.getAttribute("data-time") ? ", " + article.getAttribute("data-time") : "");
        if (names.indexOf(name) < 0) names.push(name);
      }
    });
    var also = (sentence.getAttribute("data-supports") || "").split(" ").filter(Boolean).map(function (id) {
      var a = document.getElementById(id);
      return a ? a.getAttribute("data-outlet") : null;
    }).filter(function (n, i, all) { return n && all.indexOf(n) === i; });
    if (status) {
      status.textContent = names.length
        ? "From " + names.join("; ") + (also.length ? ". Also reported by " + also.join(", ") + "." : ".")
        : "This sentence's source is not shown on this page.";
    }
    if (scroll && spans.length) spans[0].scrollIntoView({ block: "center", behavior: reduced ? "auto" : "smooth" });
  }

  function sentenceOf(event) {
    var t = event.target;
    return t && t.closest ? t.closest(".sentence") : null;
  }

  document.addEventListener("click", function (e) {
    var s = sentenceOf(e);
    if (s) activate(s, true);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" && e.key !== " ") return;
    var s = sentenceOf(e);
    if (!s) return;
    e.preventDefault();
    activate(s, true);
  });
  document.addEventListener("mouseover", function (e) {
    var s = sentenceOf(e);
    if (s) activate(s, false);
  });
  document.addEventListener("focusin", function (e) {
    var s = sentenceOf(e);
    if (s) activate(s, false);
  });

  // Summarize form: one more article box per click.
  var add = document.getElementById("add-article");
  var docs = document.getElementById("docs");
  if (add && docs) {
    add.hidden = false;
    add.addEventListener("click", function () {
      var n = docs.querySelectorAll("fieldset.doc").length + 1;
      var last = docs.querySelector("fieldset.doc:last-of-type");
      var copy = last.cloneNode(true);
      copy.querySelector("legend").textContent = "Article " + n;
      var area = copy.querySelector("textarea");
      var input = copy.querySelector("input");
      area.id = "text-" + n; area.value = "";
      input.id = "outlet-" + n; input.value = "";
      var labels = copy.querySelectorAll("label");
      labels[0].htmlFor = area.id;
      labels[1].htmlFor = input.id;
      docs.appendChild(copy);
      area.focus();
    });
  }
})();
`;
