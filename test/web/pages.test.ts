// The web pages through app.request(), parsed with linkedom: markup, citations, escaping, forms.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Hono } from "hono";
import { parseHTML } from "linkedom";
import { CONTENT_SECURITY_POLICY } from "../../src/apps/server/app.ts";
import { escapeHtml, html, safeHref } from "../../src/apps/web/html.ts";
import { segmentText } from "../../src/apps/web/roundup-view.ts";
import { formatDate, timeAgo } from "../../src/apps/web/time.ts";
import type { StoryDetail } from "../../src/desk/stories.ts";
import { appFor, HOSTILE, postJson, read, type Seeded, seed, TOKEN } from "../server/helpers.ts";

let s: Seeded;
let app: Hono;
let hostileStory: string;

before(async () => {
  s = await seed();
  app = appFor(s);
  const res = await app.request("/api/articles", postJson(HOSTILE, { Authorization: `Bearer ${TOKEN}` }));
  hostileStory = ((await res.json()) as { stories: string[] }).stories[0];
});
after(() => s.store.close());

/** A textarea's value: linkedom leaves its character references undecoded, so decode them in a div. */
const boxValue = (box: Element | null) =>
  parseHTML(`<div>${box!.innerHTML}</div>`).document.querySelector("div")!.textContent;

async function page(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  const text = await res.text();
  return { res, text, document: parseHTML(text).document };
}

/** What makes a page accessible enough to check mechanically: landmarks, one h1, labelled fields. */
function assertAccessible(document: Document) {
  assert.equal(document.querySelectorAll("main").length, 1);
  assert.ok(document.querySelector("nav"));
  assert.equal(document.querySelectorAll("h1").length, 1);
  assert.equal(document.documentElement.getAttribute("lang"), "en");
  for (const field of document.querySelectorAll("textarea, input, select")) {
    const id = field.getAttribute("id");
    assert.ok(id && document.querySelector(`label[for="${id}"]`), `field ${field.outerHTML} has a label`);
  }
  // No inline script or handler anywhere: the CSP would block them, and they must not be needed.
  for (const script of document.querySelectorAll("script"))
    assert.equal(script.getAttribute("src"), "/assets/app.js");
  for (const el of document.querySelectorAll("*"))
    for (const attr of el.attributes) assert.ok(!/^on/i.test(attr.name), `${el.tagName} has ${attr.name}`);
}

describe("the story list", () => {
  test("headline, dateline, outlets and freshness from the injected clock", async () => {
    const { res, document } = await page("/");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type")!, /^text\/html/);
    assert.equal(res.headers.get("content-security-policy"), CONTENT_SECURITY_POLICY);
    assertAccessible(document);
    const link = document.querySelector(`a[href="/stories/${s.fireStory}"]`);
    assert.ok(link, "the wildfire story links to its page");
    const card = link.closest("article")!;
    const meta = card.querySelector(".meta")!.textContent!;
    assert.match(meta, /Northwire, Vestmark Gazette/);
    assert.match(meta, /updated 7 min ago/);
    assert.match(meta, /version \d/);
    assert.equal(card.querySelector("time")!.getAttribute("datetime"), "2025-07-05T11:00:00.000Z");
  });
});

describe("the story page", () => {
  test("each roundup sentence is a focusable control; each citation is a marked span of the article text", async () => {
    const { res, document } = await page(`/stories/${s.fireStory}`);
    assert.equal(res.status, 200);
    assertAccessible(document);
    const detail = (await (await app.request(`/api/stories/${s.fireStory}`)).json()) as StoryDetail;
    const sentences = document.querySelectorAll(".sentence");
    assert.equal(sentences.length, detail.roundup!.sentences.length);
    detail.roundup!.sentences.forEach((sentence, i) => {
      const el = document.getElementById(`sentence-${i}`)!;
      assert.equal(el.getAttribute("role"), "button");
      assert.equal(el.getAttribute("tabindex"), "0");
      assert.equal(el.textContent, sentence.text);
      for (const c of sentence.citations) {
        const n = detail.articles.findIndex((a) => a.id === c.articleId) + 1;
        const spans = [...document.querySelectorAll(`#article-${n} .src`)].filter((x) =>
          x.getAttribute("data-s")!.split(" ").includes(`s${i}`),
        );
        assert.ok(spans.length > 0, `sentence ${i} has a marked span in article ${n}`);
        const text = spans.map((x) => x.textContent).join("");
        assert.equal(text, detail.articles[n - 1].text.slice(c.start, c.end));
      }
    });
    // The article text is shown whole: uncited text included, in order.
    const first = document.querySelector("#article-1 .article-text")!;
    assert.equal(first.textContent, detail.articles[0].text);
    assert.match(document.querySelector("#article-1")!.getAttribute("data-outlet")!, /\S/);
  });

  test("sources, versions and the notice on an older version", async () => {
    let { document } = await page(`/stories/${s.fireStory}`);
    assert.ok(document.querySelectorAll(".sources li").length >= 1);
    const versions = [...document.querySelectorAll(".versions li")];
    assert.ok(versions.length >= 2);
    assert.match(versions[0].textContent!, /\(latest\)/);
    assert.ok(versions[0].querySelector('[aria-current="page"]'));
    assert.equal(document.querySelector(".notice"), null);
    ({ document } = await page(`/stories/${s.fireStory}?version=1`));
    assert.match(document.querySelector(".notice")!.textContent!, /You are reading version 1 of \d+/);
    assert.equal(document.querySelectorAll(".article").length, 1);
  });

  test("unknown story and version are 404 pages; a bad version a 400", async () => {
    let r = await page("/stories/none");
    assert.equal(r.res.status, 404);
    assert.match(r.document.querySelector('[role="alert"]')!.textContent!, /There is no story "none"/);
    r = await page(`/stories/${s.fireStory}?version=42`);
    assert.equal(r.res.status, 404);
    r = await page(`/stories/${s.fireStory}?version=x`);
    assert.equal(r.res.status, 400);
    r = await page("/no/such/page");
    assert.equal(r.res.status, 404);
    assertAccessible(r.document);
  });

  test("hostile article HTML is shown as text and never becomes markup", async () => {
    const { text, document } = await page(`/stories/${hostileStory}`);
    assertAccessible(document);
    assert.equal(document.querySelectorAll("img").length, 0);
    assert.equal(document.querySelectorAll("b").length, 0);
    assert.equal(document.querySelectorAll('a[href^="javascript:"]').length, 0);
    assert.ok(!text.includes("<script>window"));
    assert.ok(text.includes("&lt;script&gt;window.__pwned=1&lt;/script&gt;"));
    assert.ok(text.includes("&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;"));
    assert.equal(document.querySelector(".article-text")!.textContent, HOSTILE.text);
    assert.match(
      document.querySelector(".article h3")!.textContent!,
      /<\/textarea><script>window.__pwned=3<\/script>/,
    );
  });
});

describe("summarize your own articles", () => {
  const wire = read("test/fixtures/orlen-valley-wildfire/input/a-wire.txt");
  const gazette = read("test/fixtures/orlen-valley-wildfire/input/b-gazette.txt");

  test("the form: labelled boxes, a file input, a length field", async () => {
    const { res, document } = await page("/summarize");
    assert.equal(res.status, 200);
    assertAccessible(document);
    assert.equal(document.querySelector("form")!.getAttribute("enctype"), "multipart/form-data");
    assert.ok(document.querySelectorAll("textarea").length >= 2);
    assert.equal(document.querySelector('input[type="file"]')!.getAttribute("name"), "files");
  });

  test("two pasted articles give a roundup with citations rendered like a story's", async () => {
    const form = new FormData();
    form.append("text", wire);
    form.append("outlet", "Northwire");
    form.append("text", gazette);
    form.append("outlet", "Vestmark Gazette");
    form.append("text", "");
    form.append("outlet", "");
    form.append("words", "90");
    const { res, document } = await page("/summarize", { method: "POST", body: form });
    assert.equal(res.status, 200);
    assertAccessible(document);
    const sentences = document.querySelectorAll(".result .sentence");
    assert.ok(sentences.length > 0);
    assert.equal(document.querySelectorAll(".result .article").length, 2);
    assert.ok(document.querySelectorAll(".result .src").length >= sentences.length);
    assert.match(document.querySelector(".result .sources")!.textContent!, /Northwire/);
    // The boxes keep what was pasted.
    assert.equal(boxValue(document.querySelector("#text-1")), wire);
  });

  test("uploaded .txt, .md and .html files are read like the CLI reads them", async () => {
    const form = new FormData();
    form.append("files", new File([wire], "wire.txt", { type: "text/plain" }));
    form.append("files", new File([`# Orlen fire\n\n${gazette}`], "gazette.md", { type: "text/markdown" }));
    form.append(
      "files",
      new File([read("examples/harlow-bay-ferry/04-valley-daily.html")], "ferry.html", { type: "text/html" }),
    );
    const { res, document } = await page("/summarize", { method: "POST", body: form });
    assert.equal(res.status, 200);
    assert.equal(document.querySelectorAll(".result .article").length, 3);
    assert.match(document.querySelector(".result .col-articles")!.textContent!, /Valley Daily News/);
  });

  test("a url-encoded post works too, and </textarea> cannot break out of the box", async () => {
    const hostile = `${wire}\n</textarea><script>window.__pwned=1</script>`;
    const body = new URLSearchParams([
      ["text", hostile],
      ["text", gazette],
    ]);
    const { res, text, document } = await page("/summarize", { method: "POST", body });
    assert.equal(res.status, 200);
    assert.ok(!text.includes("</textarea><script>"));
    assert.equal(boxValue(document.querySelector("#text-1")), hostile);
    assert.equal(document.querySelectorAll("script").length, 1);
  });

  test("errors are shown on the form, with what was typed kept", async () => {
    let form = new FormData();
    form.append("text", wire);
    form.append("words", "0");
    let r = await page("/summarize", { method: "POST", body: form });
    assert.equal(r.res.status, 400);
    assert.equal(
      r.document.querySelector('[role="alert"]')!.textContent,
      'The length must be a whole number from 1 to 100000, not "0"',
    );
    assert.equal(boxValue(r.document.querySelector("#text-1")), wire);
    r = await page("/summarize", { method: "POST", body: new FormData() });
    assert.equal(r.res.status, 400);
    assert.equal(
      r.document.querySelector('[role="alert"]')!.textContent,
      "Paste at least one article, or choose a file.",
    );
    form = new FormData();
    form.append("files", new File(["\u0000\u0001binary"], "data.bin"));
    r = await page("/summarize", { method: "POST", body: form });
    assert.equal(r.res.status, 400);
    assert.equal(
      r.document.querySelector('[role="alert"]')!.textContent,
      "data.bin: is not a .txt, .md or .html file",
    );
    const small = appFor(s, { maxBodyBytes: 500 });
    const big = new URLSearchParams([["text", "y".repeat(1000)]]);
    const res = await small.request("/summarize", { method: "POST", body: big });
    assert.equal(res.status, 413);
    assert.match(await res.text(), /larger than the 500 bytes limit/);
  });
});

describe("building blocks", () => {
  test("escaping: text is inert in content and attributes; only http(s) links survive", () => {
    assert.equal(
      escapeHtml(`<a href="x" onclick='y'>&</a>`),
      "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
    assert.equal(
      html`<p title="${'"><script>'}">${"<b>"}${["<i>", html`<i>`]}</p>`.value,
      '<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;&lt;i&gt;<i></p>',
    );
    assert.equal(safeHref("javascript:alert(1)"), undefined);
    assert.equal(safeHref(" JaVaScRiPt:alert(1)"), undefined);
    assert.equal(safeHref("data:text/html,<script>"), undefined);
    assert.equal(safeHref("https://a.example/x?y=1"), "https://a.example/x?y=1");
    assert.equal(safeHref("not a url"), undefined);
  });

  test("segments cut at every citation boundary, overlaps included", () => {
    assert.deepEqual(
      segmentText(20, [
        { start: 2, end: 8, sentence: 0 },
        { start: 5, end: 12, sentence: 3 },
        { start: 15, end: 40, sentence: 1 },
      ]),
      [
        { start: 0, end: 2, sentences: [] },
        { start: 2, end: 5, sentences: [0] },
        { start: 5, end: 8, sentences: [0, 3] },
        { start: 8, end: 12, sentences: [3] },
        { start: 12, end: 15, sentences: [] },
        { start: 15, end: 20, sentences: [1] },
      ],
    );
    assert.deepEqual(segmentText(0, []), []);
  });

  test("times: relative to the clock, absolute in UTC", () => {
    const now = new Date("2025-07-05T12:00:00Z");
    assert.equal(timeAgo("2025-07-05T11:59:30Z", now), "just now");
    assert.equal(timeAgo("2025-07-05T11:55:00Z", now), "5 min ago");
    assert.equal(timeAgo("2025-07-05T09:00:00Z", now), "3 h ago");
    assert.equal(timeAgo("2025-07-04T12:00:00Z", now), "1 day ago");
    assert.equal(timeAgo("2025-05-01T12:00:00Z", now), "on 1 May 2025");
    assert.equal(formatDate("2025-06-13T07:30:00Z"), "13 Jun 2025, 07:30 UTC");
    assert.equal(formatDate("2025-06-13"), "13 Jun 2025");
  });
});
