import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import iconv from "iconv-lite";
import { decodeBytes } from "../../src/ingest/decode.ts";
import { htmlToDraft } from "../../src/ingest/html.ts";
import { buildDocument } from "../../src/ingest/html-dom.ts";
import { stripSiteName } from "../../src/ingest/html-metadata.ts";
import { nodeToText } from "../../src/ingest/html-text.ts";
import { InputError } from "../../src/model/errors.ts";
import { fixture, throwsInput } from "./helpers.ts";

const NO_ARTICLE = "has no article text (HTML page without an article)";

/** A fixture page as an article draft, decoded as readArticles would. */
function readFixture(name: string) {
  const path = fixture("html", name);
  return htmlToDraft(decodeBytes(readFileSync(path), path, { html: true }), name);
}

/** Paragraphs of an extracted text. */
const paragraphs = (text: string): string[] => text.split("\n\n");

/** A paragraph of news-like prose, for generated pages. */
const PROSE =
  "<p>The Lowmarsh parish council met on Tuesday evening to discuss the new footbridge over the river, and members argued for two hours about its cost.</p>";

describe("HTML fixtures", () => {
  it("news page: OpenGraph wins over JSON-LD, text has paragraph breaks and no furniture", () => {
    const draft = readFixture("news-opengraph-jsonld.html");
    assert.deepEqual(
      { ...draft, text: undefined },
      {
        text: undefined,
        title: "Marrowby opens its tidal bridge after six years",
        source: "The Harbor Ledger",
        url: "https://harborledger.example/2031/05/marrowby-tidal-bridge",
        published: "2031-05-04T09:30:00+01:00",
        author: "Odile Franck",
        origin: "news-opengraph-jsonld.html",
      },
    );
    assert.equal(
      draft.text,
      [
        "Marrowby opens its tidal bridge after six years",
        "By Odile Franck",
        "The fishing town of Marrowby opened its long-awaited tidal bridge on Saturday morning, six years after the first pile was driven into the estuary mud and two years later than the council had promised.",
        'Hundreds of residents crossed the 240-metre span on foot before it opened to cars at noon. Mayor Ines Caldwell cut a ribbon made from old fishing net and told the crowd that the bridge would "finally stitch the two halves of Marrowby together."',
        'The project cost 41 million crowns, nearly double the original estimate. Councillor Barnaby Quist, a long-time critic, said the overruns would be paid for by residents for a generation, but conceded that the view from the top was "rather good."',
        "The bridge lifts twice a day at high tide to let trawlers through to the inner harbour.",
      ].join("\n\n"),
    );
  });

  it("blog post: <title> suffix stripped, application-name, 'By' dropped, <time datetime>", () => {
    const draft = readFixture("blog-post.html");
    assert.equal(draft.title, "Why the Quillmont library robot keeps reshelving cookbooks");
    assert.equal(draft.source, "Orchard Lane Notes");
    assert.equal(draft.author, "Petra Lindqvist");
    assert.equal(draft.published, "2030-11-02");
    assert.equal(paragraphs(draft.text).length, 3);
    assert.ok(draft.text.startsWith("Anyone who has visited the Quillmont public library"));
  });

  it("page with nav, sidebar, ads, share buttons, comments and newsletter: only the article", () => {
    const draft = readFixture("page-with-clutter.html");
    assert.equal(draft.title, "Brackwater cheese festival draws record crowd");
    assert.equal(draft.source, "The Brackwater Bugle");
    assert.equal(paragraphs(draft.text).length, 4);
    assert.ok(draft.text.includes("came to rest in the duck pond."));
    for (const junk of [
      "ADVERTISEMENT",
      "CheeseFan99",
      "Grumpy",
      "Most read",
      "Subscribe",
      "Share",
      "Sign up",
      "Home",
    ]) {
      assert.ok(!draft.text.includes(junk), `text should not contain ${junk}`);
    }
  });

  it("Latin-1 page with a http-equiv charset decodes accents, guillemets, curly quotes and €", () => {
    const draft = readFixture("latin1-meta-charset.html");
    assert.equal(draft.title, "La boulangerie de Saint-Orvel remporte le concours régional");
    assert.equal(draft.source, "Le Petit Messager d'Orvel");
    assert.equal(draft.published, "2029-09-14");
    for (const phrase of [
      "Mme Hélène Brûlé",
      "« Nous n'y croyions pas »",
      "s’accompagne d’une bourse de 1 500 €",
      "confitures — le pain",
    ]) {
      assert.ok(draft.text.includes(phrase), `text should contain ${phrase}`);
    }
    assert.ok(!draft.text.includes("\uFFFD"));
  });

  it("page without <html>/<head>/<body> tags still has its head metadata and text", () => {
    const draft = readFixture("no-html-body-tags.html");
    assert.equal(draft.title, "Pinecrest ferry returns to service");
    assert.equal(draft.source, "Pinecrest Times");
    assert.equal(draft.published, "2030-02-19");
    assert.equal(paragraphs(draft.text).length, 3);
  });

  it("AMP page: JSON-LD @graph for outlet, authors and date; canonical url; no AMP chrome", () => {
    const draft = readFixture("amp-page.html");
    assert.equal(draft.title, "Silverlake observatory spots a new comet");
    assert.equal(draft.source, "Silverlake Observer");
    assert.equal(draft.author, "Ravi Okonkwo, Mina Takahara");
    assert.equal(draft.published, "2032-01-07T21:15:00-05:00");
    assert.equal(draft.url, "https://silverlakeobserver.example/science/new-comet");
    assert.equal(paragraphs(draft.text).length, 3);
    assert.ok(!draft.text.includes("visibility"));
  });

  it("article in <div>s without <p>: one paragraph per div", () => {
    const draft = readFixture("div-no-paragraphs.html");
    assert.equal(draft.title, "Northfield tram line gets its first driverless car");
    assert.equal(paragraphs(draft.text).length, 3);
    assert.ok(draft.text.startsWith("Northfield's number four tram line"));
  });

  it("<br>-separated text: <br><br> is a paragraph break, one <br> a line break", () => {
    const draft = readFixture("br-separated.html");
    assert.ok(draft.text.includes("every evening.\n\nMrs Molloy said"));
    assert.ok(draft.text.includes("harbour trust.\nOpening hours have not yet been announced."));
  });

  it("hostile scripts, event handlers, iframes, templates and hidden text never reach the text", () => {
    const draft = readFixture("hostile-script.html");
    assert.equal(draft.title, "Gorsefield dam inspection finds no cracks");
    assert.equal(paragraphs(draft.text).length, 3);
    const planted = [
      "INJECTED",
      "SCRIPT",
      "alert",
      "cookie",
      "evil",
      "javascript",
      "NOSCRIPT-TEXT",
      "TEMPLATE-TEXT",
    ];
    for (const code of [...planted, "HIDDEN-TEXT", "STYLE-CODE", "fetch(", "window.location"]) {
      assert.ok(!draft.text.includes(code), `text should not contain ${code}`);
    }
  });

  it("tables: rows on their own lines, cells separated by tabs", () => {
    const draft = readFixture("tables.html");
    assert.ok(
      draft.text.includes(
        "Candidate\tVotes\tResult\nMarguerite Osei\t4,112\tElected\nHenrik Dalby\t3,870\tRe-elected\n",
      ),
    );
    assert.ok(draft.text.endsWith("closed since the autumn storms."));
  });

  it("entities are decoded; a no-break space is kept as the reader sees it", () => {
    const draft = readFixture("entities.html");
    assert.equal(draft.title, "Café & bakery reopens on Mill Street");
    assert.ok(draft.text.startsWith("The Café & Bakery on Mill\u00a0Street reopened"));
    assert.ok(draft.text.includes("“We thought people might have forgotten us,” she said. “They hadn’t.”"));
    assert.ok(draft.text.includes("£18,000 — less than feared –"));
    assert.ok(draft.text.includes("bakes 3<4 kinds of bread > none on Sundays."));
  });

  it("malformed markup (unclosed and misnested tags, unquoted attributes) is read", () => {
    const draft = readFixture("malformed.html");
    assert.equal(draft.title, "Wrenford fire station gets a new engine");
    assert.equal(draft.author, "Keziah Brandt");
    assert.ok(draft.text.includes("failed its last two road tests."));
    assert.ok(draft.text.includes('"the loudest ten minutes of my career."'));
  });

  for (const name of ["only-links.html", "empty.html", "login-page.html", "frameset.html"]) {
    it(`${name} has no article`, () => {
      throwsInput(() => readFixture(name), `${name}: ${NO_ARTICLE}`);
    });
  }
});

describe("HTML: odd markup never throws anything but InputError", () => {
  const pages: Record<string, string> = {
    "deeply nested divs": `<body>${"<div>".repeat(20_000)}${PROSE}${PROSE}${"</div>".repeat(20_000)}</body>`,
    "deeply nested ads": `<body>${'<div class="ad">'.repeat(5_000)}${PROSE}${PROSE}</body>`,
    "paragraphs nested in spans": `<body>${"<span><p>x ".repeat(5_000)}${PROSE}</body>`,
    "huge attributes": `<div data-x="${"A".repeat(2_000_000)}">${PROSE}${PROSE}</div><img alt="${"<".repeat(100_000)}">`,
    "no body": `<html><head><title>Only a head</title></head></html>`,
    "a lone <": "<",
    "only a doctype": "<!doctype html>",
    "unclosed comment": `<body>${PROSE}<!-- never closed ${PROSE}`,
    "unclosed script": `<body>${PROSE}${PROSE}<script>var x = "${PROSE}`,
    "two bodies": `<html><body>${PROSE}</body><body>${PROSE}</body></html>`,
    "head after body": `<body>${PROSE}${PROSE}</body><head><title>Late</title></head>`,
    "XHTML with CDATA": `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>${PROSE}<![CDATA[ x ]]>${PROSE}</body></html>`,
    "broken JSON-LD": `<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>${PROSE}${PROSE}`,
    "NUL characters": `<p>a\u0000b</p>${PROSE}${PROSE}`,
    "symbol soup": Array.from(
      { length: 50_000 },
      (_, i) => "<>/=\"'&;#x!-[]{}abc \n\t"[(i * 7919) % 22],
    ).join(""),
  };
  for (const [name, html] of Object.entries(pages)) {
    it(name, () => {
      try {
        const draft = htmlToDraft(html, name);
        assert.equal(typeof draft.text, "string");
        assert.ok(!draft.text.includes("var x"));
      } catch (error) {
        assert.ok(error instanceof InputError, `${name}: threw ${String(error)}`);
        assert.equal(error.message, `${name}: ${NO_ARTICLE}`);
      }
    });
  }

  it("a deeply nested page still yields its text", () => {
    const draft = htmlToDraft(pages["deeply nested divs"], "deep");
    assert.equal(paragraphs(draft.text).length, 2);
  });

  it("seeded random tag soup: 300 pages, each read or refused with InputError", () => {
    const parts = [
      "<p>",
      "</p>",
      "<div>",
      "</div>",
      "<br>",
      "<table><tr><td>",
      "</td>",
      "<a href=x>",
      "</a>",
      "<script>",
      "</script>",
      "<!--",
      "-->",
      "<b>",
      "<i>",
      "&amp;",
      "&#xZZ;",
      "<meta charset=koi8-r>",
      "<title>",
      "word ",
      "The council met on Tuesday to discuss the bridge. ",
    ];
    let seed = 42;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    for (let page = 0; page < 300; page++) {
      const html = Array.from({ length: 40 + (next() % 200) }, () => parts[next() % parts.length]).join("");
      try {
        htmlToDraft(html, `soup ${page}`);
      } catch (error) {
        assert.ok(error instanceof InputError, `soup ${page}: threw ${String(error)}`);
      }
    }
  });

  it("a non-UTF-8 page (KOI8-R) decodes through its meta charset", () => {
    const text = "Городской совет Северограда во вторник утвердил строительство нового моста через реку.";
    const html = `<html><head><meta charset="koi8-r"><title>Новый мост</title></head><body><article><p>${text}</p><p>${text}</p></article></body></html>`;
    const draft = htmlToDraft(decodeBytes(iconv.encode(html, "koi8-r"), "ru.html"), "ru.html");
    assert.equal(draft.title, "Новый мост");
    assert.equal(draft.text, `${text}\n\n${text}`);
  });
});

describe("HTML to text", () => {
  const text = (html: string): string => nodeToText(buildDocument(html).body);

  it("separates blocks by a blank line and collapses whitespace like a browser", () => {
    assert.equal(
      text("<h1>  Title </h1>\n<p>One\n  two</p><p>Three <b>bold</b>.</p>"),
      "Title\n\nOne two\n\nThree bold.",
    );
  });

  it("turns <br> into a line break and <br><br> into a paragraph break", () => {
    assert.equal(text("a<br>b<br><br>c<br><br><br>d"), "a\nb\n\nc\n\nd");
  });

  it("keeps the whitespace of <pre>", () => {
    assert.equal(text("<p>Code:</p><pre>line 1\n  line 2</pre>"), "Code:\n\nline 1\n  line 2");
  });

  it("lists items as paragraphs", () => {
    assert.equal(text("<ul><li>first</li><li>second</li></ul>"), "first\n\nsecond");
  });
});

describe("stripSiteName", () => {
  it("drops a known site name on either side, or a short suffix", () => {
    assert.equal(stripSiteName("Bridge opens | The Ledger", "The Ledger"), "Bridge opens");
    assert.equal(stripSiteName("The Ledger - Bridge opens in town", "The Ledger"), "Bridge opens in town");
    assert.equal(stripSiteName("Bridge opens in town today - Valley News"), "Bridge opens in town today");
    assert.equal(
      stripSiteName("Mayor resigns - after a long and bitter fight over the bridge budget"),
      "Mayor resigns - after a long and bitter fight over the bridge budget",
    );
    assert.equal(
      stripSiteName("Bridge opens in town | Valley News", undefined, false),
      "Bridge opens in town | Valley News",
    );
  });
});
