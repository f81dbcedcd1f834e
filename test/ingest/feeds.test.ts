// pollFeed, parseFeed, articleFromItem and readFeedList. Feeds are served by a local node:http server
// on 127.0.0.1 (allowPrivateNetwork), or resolved through a fake resolver; nothing touches the network.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import iconv from "iconv-lite";
import {
  articleFromItem,
  backoffDelay,
  DEFAULT_POLL_INTERVAL_MS,
  type FeedItem,
  FULL_TEXT_CHARS,
  isDue,
  MAX_BACKOFF_MS,
  parseFeed,
  pollFeed,
  readFeedList,
  repairFeedXml,
} from "../../src/ingest/feeds.ts";
import { parseRetryAfter } from "../../src/ingest/fetch.ts";
import { InputError } from "../../src/model/errors.ts";
import { articleId } from "../../src/model/ids.ts";
import type { FeedState } from "../../src/store/port.ts";
import { fixture, type Handler, rejectsInput, startServer, tempDir } from "./helpers.ts";

const RSS = readFileSync(fixture("feeds", "harbor-ledger.rss"));
const ATOM = readFileSync(fixture("feeds", "valley-wire.atom"));

const NOW = new Date("2031-06-04T12:00:00Z");
const MINUTE = 60_000;
const plus = (ms: number, from = NOW): string => new Date(from.getTime() + ms).toISOString();

/** A feed with validators: 304 when If-None-Match or If-Modified-Since matches. */
function conditionalFeed(body: Buffer, validators: { etag?: string; lastModified?: string }): Handler {
  return (request, response) => {
    const etagMatch = validators.etag !== undefined && request.headers["if-none-match"] === validators.etag;
    const dateMatch =
      validators.lastModified !== undefined &&
      request.headers["if-modified-since"] === validators.lastModified;
    const headers: Record<string, string> = {};
    if (validators.etag) headers.etag = validators.etag;
    if (validators.lastModified) headers["last-modified"] = validators.lastModified;
    if (etagMatch || dateMatch) {
      response.writeHead(304, headers).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", ...headers }).end(body);
  };
}

describe("parseFeed", () => {
  it("RSS 2.0: canonical URLs, titles, dates with their offsets, text with paragraphs, author, the feed's title as `feed`", async () => {
    const feed = await parseFeed(RSS.toString("utf8"), "https://harborledger.example/feed.rss");
    assert.equal(feed.title, "The Harbor Ledger");
    assert.deepEqual(
      feed.items.map(({ text, ...rest }) => rest),
      [
        {
          url: "https://harborledger.example/2031/06/03/tidal-bridge-reopens",
          title: "Marrowby tidal bridge reopens after six-week repair",
          published: "2031-06-03T08:15:00+01:00",
          author: "Odile Franck",
          feed: "The Harbor Ledger",
        },
        {
          url: "https://harborledger.example/2031/06/02/quay-repairs?id=7",
          title: "Quay repairs & the summer timetable",
          published: "2031-06-02T17:40:00Z",
          feed: "The Harbor Ledger",
        },
        {
          url: "https://harborledger.example/2031/06/01/lifeboat-crew",
          title: "Lifeboat crew honoured",
          published: "2031-06-01T10:00:00+01:00",
          feed: "The Harbor Ledger",
        },
      ],
      "relative link resolved, permalink guid used, item without a URL and the utm-only repeat left out",
    );
    const [full, teaser, short] = feed.items.map((item) => item.text);
    assert.equal(full?.split("\n\n").length, 3, "content:encoded wins, one paragraph per <p>");
    assert.match(full ?? "", /^The Marrowby tidal bridge reopened/);
    assert.match(full ?? "", /“We asked a lot/);
    assert.doesNotMatch(full ?? "", /trackReader/);
    assert.equal(teaser, "Work on the north quay will move the summer timetable by a week.\n\nRead more");
    assert.equal(short, "Five volunteers received the coast medal.");
  });

  it("Atom: alternate link, published over updated, html / text / xhtml content", async () => {
    const feed = await parseFeed(ATOM.toString("utf8"), "https://valleywire.example/atom.xml");
    assert.equal(feed.title, "Valley Wire");
    assert.deepEqual(feed.items, [
      {
        url: "https://valleywire.example/stories/orlen-fire-line",
        title: "Wildfire crews hold the line above Orlen",
        published: "2031-06-04T07:00:00-05:00",
        text:
          "Firefighters held a line of cleared ground above the town of Orlen overnight, the valley fire service said on Wednesday.\n\n" +
          "Winds eased after midnight, and crews used the calm to burn out a strip of dry scrub between the fire and the first houses.",
        author: "Petra Lind",
        feed: "Valley Wire",
      },
      {
        url: "https://valleywire.example/stories/evacuation-centre",
        title: "Evacuation centre moves to the school",
        published: "2031-06-03T21:10:00Z",
        text: "The evacuation centre moved from the sports hall to the upper school.\n\nAbout 140 people slept there on Tuesday night.",
        feed: "Valley Wire",
      },
      {
        url: "https://valleywire.example/stories/road-closures",
        title: "Road closures",
        published: "2031-06-03T18:00:00Z",
        text: "The valley road is closed between Orlen and the reservoir.\n\nUse the north road instead.",
        feed: "Valley Wire",
      },
    ]);
  });

  it("refuses what is not a feed with an InputError naming the URL", async () => {
    await rejectsInput(
      parseFeed("<html><body><p>Welcome</p></body></html>", "https://harborledger.example/"),
      "https://harborledger.example/: is not an RSS or Atom feed (Feed not recognized as RSS 1 or 2.)",
    );
    await assert.rejects(parseFeed("plain words", "https://x.example/f"), /is not an RSS or Atom feed/);
  });

  const rss = (items: string, end = "</channel></rss>") =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Orlen & District Post</title>${items}${end}`;
  const item = (n: number, title: string, extra = "") =>
    `<item><title>${title}</title><link>https://orlenpost.example/${n}?ref=feed&amp;s=1</link>${extra}</item>`;

  it("reads a feed with bare ampersands and control characters, as its publisher meant it", async () => {
    const xml = rss(
      `${item(
        1,
        "Fish & chips shop reopens\u0007",
        "<description><![CDATA[<p>Salt &amp; vinegar & more</p>]]></description>",
      )}<item><title>Rates &lt; 2%</title><link>https://orlenpost.example/2?a=1&b=2</link></item>`,
    );
    const feed = await parseFeed(xml, "https://orlenpost.example/rss");
    assert.equal(feed.title, "Orlen & District Post");
    assert.deepEqual(
      feed.items.map((i) => [i.title, i.url, i.text]),
      [
        ["Fish & chips shop reopens", "https://orlenpost.example/1?ref=feed&s=1", "Salt & vinegar & more"],
        ["Rates < 2%", "https://orlenpost.example/2?a=1&b=2", undefined],
      ],
    );
  });

  it("reads a feed cut short up to its last whole item; refuses one with no whole item", async () => {
    const cut = rss(`${item(1, "Bridge reopens")}${item(2, "Ferry delayed")}<item><title>Half an it`, "");
    const feed = await parseFeed(cut, "https://orlenpost.example/rss");
    assert.deepEqual(
      feed.items.map((i) => i.title),
      ["Bridge reopens", "Ferry delayed"],
    );
    const atom =
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Wire</title>' +
      '<entry><title>Dam holds</title><link href="https://valleywire.example/dam"/><id>https://valleywire.example/dam</id></entry><entry><title>Ha';
    assert.deepEqual(
      (await parseFeed(atom, "https://valleywire.example/atom")).items.map((i) => i.url),
      ["https://valleywire.example/dam"],
    );
    await assert.rejects(
      parseFeed(rss("<item><title>Only half", ""), "https://orlenpost.example/rss"),
      (error: unknown) =>
        error instanceof InputError &&
        error.message.startsWith("https://orlenpost.example/rss: is not an RSS or Atom feed ("),
    );
  });

  it("repairFeedXml leaves good XML and CDATA alone", () => {
    const good = rss(item(1, "Fine &amp; well &#233; &#x2014;")).replace(
      "Orlen & District",
      "Orlen &amp; District",
    );
    assert.equal(repairFeedXml(good), undefined, "nothing to mend");
    assert.equal(
      repairFeedXml("<rss><channel><![CDATA[a & b]]> & c</channel></rss>"),
      "<rss><channel><![CDATA[a & b]]> &amp; c</channel></rss>",
    );
  });
});

describe("pollFeed", () => {
  it("parses RSS and Atom served over HTTP, with the feed's URL as the base of relative links", async (t) => {
    const server = await startServer(t, {
      "/rss": (_q, r) => r.writeHead(200, { "content-type": "application/rss+xml" }).end(RSS),
      "/feeds/atom": (_q, r) => r.writeHead(200, { "content-type": "application/atom+xml" }).end(ATOM),
    });
    const rss = await pollFeed(
      { url: server.url("/rss"), errorCount: 0 },
      { now: NOW, allowPrivateNetwork: true },
    );
    assert.equal(rss.items.length, 3);
    assert.equal(rss.items[1].url, server.url("/2031/06/02/quay-repairs?id=7"));
    const atom = await pollFeed(
      { url: server.url("/feeds/atom"), errorCount: 0 },
      { now: NOW, allowPrivateNetwork: true },
    );
    assert.equal(atom.items[1].url, server.url("/feeds/stories/evacuation-centre"));
    assert.match(server.requests[0].headers.accept ?? "", /application\/rss\+xml/);
  });

  it("ETag and Last-Modified round trip: the second poll is a 304 with no items", async (t) => {
    const etag = '"ledger-v1"';
    const lastModified = "Wed, 04 Jun 2031 11:00:00 GMT";
    const server = await startServer(t, { "/feed": conditionalFeed(RSS, { etag, lastModified }) });
    const first = await pollFeed(
      { url: server.url("/feed"), errorCount: 0 },
      { now: NOW, allowPrivateNetwork: true },
    );
    assert.equal(first.notModified, false);
    assert.equal(first.items.length, 3);
    assert.deepEqual(first.state, {
      url: server.url("/feed"),
      etag,
      lastModified,
      lastPolledAt: NOW.toISOString(),
      nextPollAt: plus(5 * MINUTE),
      errorCount: 0,
    });
    assert.equal(server.requests[0].headers["if-none-match"], undefined);

    const later = new Date(NOW.getTime() + 5 * MINUTE);
    const second = await pollFeed(first.state, { now: later, allowPrivateNetwork: true });
    assert.equal(server.requests[1].headers["if-none-match"], etag);
    assert.equal(server.requests[1].headers["if-modified-since"], lastModified);
    assert.equal(second.notModified, true);
    assert.deepEqual(second.items, []);
    assert.deepEqual(second.state, {
      ...first.state,
      lastPolledAt: later.toISOString(),
      nextPollAt: plus(5 * MINUTE, later),
    });
  });

  it("Last-Modified alone is enough for a 304", async (t) => {
    const lastModified = "Tue, 03 Jun 2031 09:00:00 GMT";
    const server = await startServer(t, { "/feed": conditionalFeed(RSS, { lastModified }) });
    const first = await pollFeed(
      { url: server.url("/feed"), errorCount: 0 },
      { now: NOW, allowPrivateNetwork: true },
    );
    assert.equal(first.state.etag, undefined);
    const second = await pollFeed(first.state, { now: NOW, allowPrivateNetwork: true });
    assert.equal(second.notModified, true);
  });

  it("a feed that drops its ETag loses the stored one", async (t) => {
    const server = await startServer(t, { "/feed": conditionalFeed(RSS, {}) });
    const polled = await pollFeed(
      { url: server.url("/feed"), etag: '"old"', errorCount: 0 },
      { now: NOW, allowPrivateNetwork: true },
    );
    assert.equal(polled.notModified, false);
    assert.equal(polled.state.etag, undefined);
  });

  it("backs off exponentially on errors, capped at 6 h, and resets on success", async (t) => {
    let healthy = false;
    const server = await startServer(t, {
      "/flaky": (request, response) =>
        healthy ? conditionalFeed(RSS, { etag: '"v2"' })(request, response) : response.writeHead(503).end(),
    });
    let state: FeedState = { url: server.url("/flaky"), etag: '"v1"', errorCount: 0 };
    const waits: number[] = [];
    let now = NOW;
    for (let poll = 1; poll <= 8; poll++) {
      const result = await pollFeed(state, { now, allowPrivateNetwork: true });
      assert.deepEqual(result.items, []);
      assert.equal(result.notModified, false);
      state = result.state;
      assert.equal(state.errorCount, poll);
      assert.equal(state.lastError, `${server.url("/flaky")}: HTTP 503`);
      assert.equal(state.lastPolledAt, now.toISOString());
      assert.equal(state.etag, '"v1"', "validators survive errors");
      const next = new Date(state.nextPollAt!);
      waits.push((next.getTime() - now.getTime()) / MINUTE);
      now = next;
    }
    assert.deepEqual(waits, [10, 20, 40, 80, 160, 320, 360, 360]);

    healthy = true;
    const recovered = await pollFeed(state, { now, allowPrivateNetwork: true });
    assert.equal(recovered.items.length, 3);
    assert.deepEqual(recovered.state, {
      url: server.url("/flaky"),
      etag: '"v2"',
      lastPolledAt: now.toISOString(),
      nextPollAt: plus(5 * MINUTE, now),
      errorCount: 0,
    });
  });

  it("waits as long as a 429 or 503 asks with Retry-After (seconds or a date), up to the longest back-off", async (t) => {
    const server = await startServer(t, {
      "/busy": (_q, r) => r.writeHead(429, { "retry-after": "7200" }).end(),
      "/down": (_q, r) =>
        r.writeHead(503, { "retry-after": new Date(NOW.getTime() + 90 * MINUTE).toUTCString() }).end(),
      "/greedy": (_q, r) => r.writeHead(503, { "retry-after": "604800" }).end(),
      "/short": (_q, r) => r.writeHead(429, { "retry-after": "1" }).end(),
      "/broken": (_q, r) => r.writeHead(500, { "retry-after": "7200" }).end(),
    });
    const wait = async (path: string) => {
      const polled = await pollFeed(
        { url: server.url(path), errorCount: 0 },
        { now: NOW, allowPrivateNetwork: true },
      );
      return (Date.parse(polled.state.nextPollAt!) - NOW.getTime()) / MINUTE;
    };
    assert.equal(await wait("/busy"), 120, "delay-seconds");
    assert.equal(await wait("/down"), 90, "HTTP date, read against the poll's clock");
    assert.equal(await wait("/greedy"), 360, "capped at the longest back-off");
    assert.equal(await wait("/short"), 10, "never sooner than the back-off");
    assert.equal(await wait("/broken"), 10, "Retry-After counts only on 429 and 503");
  });

  it("never throws for a feed-level error: refused, timeout, too large, not a feed, unresolvable", async (t) => {
    const server = await startServer(t, {
      "/silent": () => {},
      "/page": (_q, r) =>
        r.writeHead(200, { "content-type": "text/html" }).end("<html><body>Hello</body></html>"),
      "/huge": (_q, r) => r.writeHead(200).end(Buffer.alloc(4096, 60)),
    });
    const cases: Array<[string, Parameters<typeof pollFeed>[1], string]> = [
      [
        "http://10.0.0.5/feed",
        { now: NOW },
        "http://10.0.0.5/feed: refused: 10.0.0.5 is a private address (use --allow-private-network to allow)",
      ],
      [
        server.url("/silent"),
        { now: NOW, allowPrivateNetwork: true, timeoutMs: 200 },
        `${server.url("/silent")}: timed out after 200 ms`,
      ],
      [
        server.url("/huge"),
        { now: NOW, allowPrivateNetwork: true, maxBytes: 1024 },
        `${server.url("/huge")}: larger than the 1 KB limit`,
      ],
      [
        server.url("/page"),
        { now: NOW, allowPrivateNetwork: true },
        `${server.url("/page")}: is not an RSS or Atom feed (Feed not recognized as RSS 1 or 2.)`,
      ],
      [
        "https://gone.example/feed",
        { now: NOW, resolve: async () => [] },
        "https://gone.example/feed: could not resolve gone.example",
      ],
    ];
    for (const [url, options, message] of cases) {
      const result = await pollFeed({ url, errorCount: 2 }, options);
      assert.deepEqual(result.items, []);
      assert.equal(result.state.errorCount, 3);
      assert.equal(result.state.lastError, message);
      assert.equal(result.state.nextPollAt, plus(40 * MINUTE));
    }
  });

  it("decodes a feed in the charset its XML declaration names", async (t) => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Le Courrier de Brévin</title><item><title>Fête du port</title><link>https://courrier.example/fete</link></item></channel></rss>`;
    const server = await startServer(t, {
      "/latin1": (_q, r) =>
        r.writeHead(200, { "content-type": "application/xml" }).end(iconv.encode(xml, "latin1")),
    });
    const result = await pollFeed(
      { url: server.url("/latin1"), errorCount: 0 },
      { now: NOW, allowPrivateNetwork: true },
    );
    assert.deepEqual(result.items, [
      { url: "https://courrier.example/fete", title: "Fête du port", feed: "Le Courrier de Brévin" },
    ]);
  });
});

describe("back-off schedule", () => {
  it("parseRetryAfter reads delay-seconds and HTTP dates, and nothing else", () => {
    const now = Date.parse("2031-06-03T08:00:00Z");
    assert.equal(parseRetryAfter("120", now), 120_000);
    assert.equal(parseRetryAfter(" 0 ", now), 0);
    assert.equal(parseRetryAfter("Tue, 03 Jun 2031 08:30:00 GMT", now), 30 * MINUTE);
    assert.equal(parseRetryAfter("Tue, 03 Jun 2031 07:00:00 GMT", now), 0, "a past date: now");
    assert.equal(parseRetryAfter("soon", now), undefined);
    assert.equal(parseRetryAfter("-5", now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
    assert.equal(parseRetryAfter("", now), undefined);
  });

  it("backoffDelay doubles per error from the interval and stops at the cap", () => {
    const table: Array<[number, number]> = [
      [0, 5],
      [1, 10],
      [2, 20],
      [3, 40],
      [6, 320],
      [7, 360],
      [50, 360],
      [5000, 360],
    ];
    for (const [errors, minutes] of table)
      assert.equal(backoffDelay(errors) / MINUTE, minutes, `${errors} errors`);
    assert.equal(backoffDelay(2, 60_000, 3 * 60_000), 3 * 60_000);
    assert.equal(backoffDelay(3, 10 * 60 * MINUTE), 10 * 60 * MINUTE, "never less than the interval");
    assert.equal(DEFAULT_POLL_INTERVAL_MS, 5 * MINUTE);
    assert.equal(MAX_BACKOFF_MS, 360 * MINUTE);
  });

  it("isDue", () => {
    assert.equal(isDue({ url: "u", errorCount: 0 }, NOW), true);
    assert.equal(isDue({ url: "u", errorCount: 1, nextPollAt: plus(1) }, NOW), false);
    assert.equal(isDue({ url: "u", errorCount: 1, nextPollAt: NOW.toISOString() }, NOW), true);
  });
});

describe("articleFromItem", () => {
  const base: FeedItem = {
    url: "https://harborledger.example/2031/06/03/tidal-bridge-reopens",
    title: "Marrowby tidal bridge reopens",
    published: "2031-06-03T08:15:00+01:00",
    author: "Odile Franck",
    source: "The Harbor Ledger",
  };

  it("an item carrying the full text is an article", () => {
    const text = "The Marrowby tidal bridge reopened to traffic on Tuesday morning. ".repeat(8).trim();
    assert.ok(text.length >= FULL_TEXT_CHARS);
    assert.deepEqual(articleFromItem({ ...base, text }), {
      id: articleId({ text, url: base.url }),
      text,
      title: base.title,
      source: base.source,
      url: base.url,
      published: base.published,
      author: base.author,
      origin: base.url,
    });
  });

  it("a teaser, or no text, is not (the desk fetches the page)", () => {
    assert.equal(
      articleFromItem({ ...base, text: "The bridge is open again, the harbour board said." }),
      undefined,
    );
    assert.equal(articleFromItem({ ...base, text: "x".repeat(FULL_TEXT_CHARS - 1) }), undefined);
    assert.equal(articleFromItem(base), undefined);
  });

  it("the RSS fixture's content:encoded item is a full article, its teasers are not", async () => {
    const feed = await parseFeed(RSS.toString("utf8"), "https://harborledger.example/feed.rss");
    assert.deepEqual(
      feed.items.map((item) => articleFromItem(item) !== undefined),
      [true, false, false],
    );
  });
});

describe("readFeedList", () => {
  it("reads URLs, skipping comments and blank lines, once each", async () => {
    assert.deepEqual(await readFeedList(fixture("feeds", "feeds.txt")), [
      "https://harborledger.example/feed.rss",
      "https://valleywire.example/atom.xml",
      "http://coastal-ledger.example/rss#latest",
    ]);
  });

  it("reports the first bad line with its number, and how many more there are", async () => {
    const path = fixture("feeds", "feeds-bad.txt");
    await rejectsInput(
      readFeedList(path),
      `${path} line 3: is not an http(s) URL ("harborledger.example/other.rss") (and 2 more bad lines)`,
    );
  });

  it("one bad line, a missing file, an empty file", async (t) => {
    const dir = await tempDir(t);
    const one = join(dir, "one.txt");
    await writeFile(one, "https://a.example/feed\n\nftp://files.example/feed.xml\n");
    await rejectsInput(
      readFeedList(one),
      `${one} line 3: is not an http(s) URL ("ftp://files.example/feed.xml")`,
    );
    const missing = join(dir, "missing.txt");
    await rejectsInput(readFeedList(missing), `${missing}: no such file or directory`);
    const empty = join(dir, "empty.txt");
    await writeFile(empty, "");
    assert.deepEqual(await readFeedList(empty), []);
    await writeFile(empty, "\n \n");
    assert.deepEqual(await readFeedList(empty), []);
    const comments = join(dir, "comments.txt");
    await writeFile(comments, "# nothing yet\r\n\r\n");
    assert.deepEqual(await readFeedList(comments), []);
  });
});
