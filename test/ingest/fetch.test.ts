// safeFetch and fetchArticle against a local node:http server on 127.0.0.1. Nothing here touches the
// real network: names resolve through an injected resolver to TEST-NET addresses (public by the
// classifier, routed nowhere), and `dial` sends every connection to the local server.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, it, type TestContext } from "node:test";
import type { TLSSocket } from "node:tls";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import {
  type AddressClass,
  addressProblem,
  canonicalUrl,
  classifyAddress,
  FetchError,
  type FetchErrorKind,
  fetchArticle,
  safeFetch,
} from "../../src/ingest/fetch.ts";
import { InputError, UsageError } from "../../src/model/errors.ts";
import { articleId } from "../../src/model/ids.ts";
import { fixture, type Handler, listenForTest, startServer, type TestServer, tempDir } from "./helpers.ts";

const send =
  (body: string | Buffer, headers: Record<string, string> = {}, status = 200): Handler =>
  (_request, response) => {
    response.writeHead(status, { "content-type": "text/plain", ...headers }).end(body);
  };

const redirect =
  (location: string, status = 302): Handler =>
  (_request, response) => {
    response.writeHead(status, { location }).end();
  };

/** Assert a FetchError with exactly this message (and kind). */
async function rejectsFetch(
  promise: Promise<unknown>,
  message: string,
  kind?: FetchErrorKind,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FetchError, `expected a FetchError, got ${String(error)}`);
    assert.equal(error.message, message);
    if (kind) assert.equal(error.kind, kind);
    return true;
  });
}

/** TEST-NET-3 addresses: public to the classifier, never routed. */
const PUBLIC_IP = "203.0.113.10";
const OTHER_PUBLIC_IP = "203.0.113.20";

/** Resolver of fake names; unknown names fail like a real lookup. */
function fakeResolver(table: Record<string, string[] | (() => string[])>, calls: string[] = []) {
  return async (host: string): Promise<string[]> => {
    calls.push(host);
    const entry = table[host];
    if (!entry) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return typeof entry === "function" ? entry() : entry;
  };
}

/** A dial that records each checked address and connects to the local server instead. */
function dialTo(server: TestServer, dialed: string[] = []) {
  return (address: string, _port: number) => {
    dialed.push(address);
    return { host: "127.0.0.1", port: server.port };
  };
}

const HINT = "(use --allow-private-network to allow)";

describe("classifyAddress", () => {
  const table: Array<[string, AddressClass | undefined]> = [
    // public
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["203.0.113.10", "public"],
    ["172.15.255.255", "public"],
    ["172.32.0.1", "public"],
    ["100.63.255.255", "public"],
    ["100.128.0.1", "public"],
    ["198.18.0.1", "public"],
    ["2001:4860:4860::8888", "public"],
    ["::ffff:8.8.8.8", "public"],
    ["2002:808:808::1", "public"],
    ["64:ff9b::808:808", "public"],
    // private
    ["10.0.0.5", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["fc00::1", "private"],
    ["fd12:3456:789a::1", "private"],
    ["fec0::1", "private"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:0:192.168.0.1", "private"],
    ["2002:a00:1::1", "private"],
    ["64:ff9b::a00:1", "private"],
    ["64:ff9b:1::1", "private"],
    // loopback
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:7f00:1", "loopback"],
    // link-local
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["::ffff:169.254.1.1", "link-local"],
    // unspecified
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["::ffff:0.0.0.0", "unspecified"],
    // shared (carrier-grade NAT)
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["::ffff:100.100.0.1", "shared"],
    // multicast and reserved
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["::8.8.8.8", "reserved"],
    ["::10.0.0.1", "private"],
    ["100::1", "reserved"],
    ["4000::1", "reserved"],
    // not addresses
    ["news.example", undefined],
    ["", undefined],
    ["1.2.3", undefined],
    ["256.1.1.1", undefined],
    ["::g", undefined],
  ];
  for (const [address, expected] of table) {
    it(`${address || '""'} is ${expected ?? "not an address"}`, () => {
      assert.equal(classifyAddress(address), expected);
    });
  }

  it("addressProblem describes refused addresses and nothing for public ones", () => {
    assert.equal(addressProblem("10.0.0.5"), "10.0.0.5 is a private address");
    assert.equal(addressProblem("::1"), "::1 is a loopback address");
    assert.equal(addressProblem("100.64.0.1"), "100.64.0.1 is a shared (carrier-grade NAT) address");
    assert.equal(addressProblem("0.0.0.0"), "0.0.0.0 is an unspecified address");
    assert.equal(addressProblem("8.8.8.8"), undefined);
  });
});

describe("safeFetch: refusals before any connection", () => {
  // Nothing listens on these: a connection attempt would fail with another message.
  const literals: Array<[string, string]> = [
    ["http://10.0.0.5/feed", "10.0.0.5 is a private address"],
    ["http://172.16.3.4/feed", "172.16.3.4 is a private address"],
    ["http://192.168.1.1/", "192.168.1.1 is a private address"],
    ["http://127.0.0.1:9/", "127.0.0.1 is a loopback address"],
    ["http://2130706433/", "127.0.0.1 is a loopback address"],
    ["http://0x7f.1/", "127.0.0.1 is a loopback address"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"],
    ["http://0.0.0.0:8080/", "0.0.0.0 is an unspecified address"],
    ["http://100.64.0.1/", "100.64.0.1 is a shared (carrier-grade NAT) address"],
    ["http://[::1]/", "::1 is a loopback address"],
    ["http://[fe80::1]/", "fe80::1 is a link-local address"],
    ["https://[fc00::1]/", "fc00::1 is a private address"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is a loopback address"],
    ["http://[::]/", ":: is an unspecified address"],
  ];
  for (const [url, problem] of literals) {
    it(`refuses ${url}`, async () => {
      await rejectsFetch(safeFetch(url), `${url}: refused: ${problem} ${HINT}`, "refused");
    });
  }

  it("refuses a name that resolves to a private address, without connecting", async () => {
    const dialed: string[] = [];
    const resolve = fakeResolver({ "intranet.example": ["10.1.2.3"] });
    const dial = (address: string) => {
      dialed.push(address);
      return { host: "127.0.0.1", port: 9 };
    };
    await rejectsFetch(
      safeFetch("http://intranet.example/feed", { resolve, dial }),
      `http://intranet.example/feed: refused: intranet.example resolves to 10.1.2.3, a private address ${HINT}`,
      "refused",
    );
    assert.deepEqual(dialed, []);
  });

  it("refuses a name when any of its addresses is private", async () => {
    const resolve = fakeResolver({ "mixed.example": [PUBLIC_IP, "fd00::7"] });
    await rejectsFetch(
      safeFetch("http://mixed.example/", { resolve }),
      `http://mixed.example/: refused: mixed.example resolves to fd00::7, a private address ${HINT}`,
    );
  });

  it("refuses other schemes and invalid URLs", async () => {
    await rejectsFetch(
      safeFetch("file:///etc/passwd"),
      "file:///etc/passwd: refused: file: URLs are not fetched (only http and https)",
      "invalid-url",
    );
    await rejectsFetch(
      safeFetch("ftp://files.example/feed.xml"),
      "ftp://files.example/feed.xml: refused: ftp: URLs are not fetched (only http and https)",
    );
    await rejectsFetch(safeFetch("not a url"), "not a url: not a valid URL", "invalid-url");
  });

  it("keeps a password in the URL out of messages", async () => {
    await rejectsFetch(
      safeFetch("http://editor:hunter2@10.0.0.5/feed"),
      `http://editor:***@10.0.0.5/feed: refused: 10.0.0.5 is a private address ${HINT}`,
    );
  });

  it("reports an unknown host", async () => {
    await rejectsFetch(
      safeFetch("http://nowhere.example/", { resolve: fakeResolver({}) }),
      "http://nowhere.example/: could not resolve nowhere.example (ENOTFOUND)",
      "network",
    );
  });

  it("rejects bad options with a UsageError", async () => {
    await assert.rejects(safeFetch("http://127.0.0.1/", { timeoutMs: 0 }), UsageError);
    await assert.rejects(safeFetch("http://127.0.0.1/", { maxBytes: -1 }), UsageError);
  });
});

describe("safeFetch against a local server", () => {
  it("GETs a body with status, final URL, headers and the default User-Agent", async (t) => {
    const server = await startServer(t, { "/hello": send("hello, harbour", { etag: '"v1"' }) });
    const response = await safeFetch(server.url("/hello?x=1"), { allowPrivateNetwork: true });
    assert.equal(response.status, 200);
    assert.equal(response.url, server.url("/hello?x=1"));
    assert.equal(response.notModified, false);
    assert.equal(response.headers.get("etag"), '"v1"');
    assert.equal(Buffer.from(response.bytes).toString(), "hello, harbour");
    const [request] = server.requests;
    assert.match(request.headers["user-agent"] ?? "", /^Roundup\//);
    assert.equal(request.headers.host, `127.0.0.1:${server.port}`);
    assert.equal(request.url, "/hello?x=1");
  });

  it("sends the caller's headers and User-Agent", async (t) => {
    const server = await startServer(t, { "/h": send("ok") });
    await safeFetch(server.url("/h"), {
      allowPrivateNetwork: true,
      userAgent: "DeskTest/1",
      headers: { "If-None-Match": '"abc"', Accept: "application/rss+xml" },
    });
    const headers = server.requests[0].headers;
    assert.equal(headers["user-agent"], "DeskTest/1");
    assert.equal(headers["if-none-match"], '"abc"');
    assert.equal(headers.accept, "application/rss+xml");
  });

  it("returns 304 as notModified with no body", async (t) => {
    const server = await startServer(t, { "/same": send("", {}, 304) });
    const response = await safeFetch(server.url("/same"), { allowPrivateNetwork: true });
    assert.equal(response.notModified, true);
    assert.equal(response.status, 304);
    assert.equal(response.bytes.byteLength, 0);
  });

  it("decompresses gzip", async (t) => {
    const text = "Ferry service resumes. ".repeat(200);
    const server = await startServer(t, { "/gz": send(gzipSync(text), { "content-encoding": "gzip" }) });
    const response = await safeFetch(server.url("/gz"), { allowPrivateNetwork: true });
    assert.equal(Buffer.from(response.bytes).toString(), text);
  });

  it("turns HTTP errors into FetchErrors with the status", async (t) => {
    const server = await startServer(t, { "/gone": send("gone", {}, 410), "/boom": send("oops", {}, 500) });
    await rejectsFetch(
      safeFetch(server.url("/missing"), { allowPrivateNetwork: true }),
      `${server.url("/missing")}: HTTP 404`,
      "http",
    );
    await assert.rejects(safeFetch(server.url("/boom"), { allowPrivateNetwork: true }), (error: unknown) => {
      assert.ok(error instanceof FetchError);
      assert.equal(error.status, 500);
      assert.equal(error.url, server.url("/boom"));
      return true;
    });
  });

  it("reports a refused connection", async (t) => {
    const server = await startServer(t, {});
    const port = server.port;
    // A port that was just free: listen and close to get one nothing listens on.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    assert.notEqual(closedPort, port);
    const url = `http://127.0.0.1:${closedPort}/`;
    await rejectsFetch(
      safeFetch(url, { allowPrivateNetwork: true }),
      `${url}: could not connect (connection refused)`,
      "network",
    );
  });
});

describe("safeFetch: timeout and size limit", () => {
  it("times out on a server that never answers", async (t) => {
    const server = await startServer(t, { "/silent": () => {} });
    const started = Date.now();
    await rejectsFetch(
      safeFetch(server.url("/silent"), { allowPrivateNetwork: true, timeoutMs: 200 }),
      `${server.url("/silent")}: timed out after 200 ms`,
      "timeout",
    );
    assert.ok(Date.now() - started < 2000, "the timeout fires promptly");
  });

  it("times out on a body that stalls (the deadline covers the body)", async (t) => {
    const server = await startServer(t, {
      "/stall": (_request, response) => {
        response.writeHead(200, { "content-type": "text/plain" });
        response.write("the first half of a page…");
      },
    });
    await rejectsFetch(
      safeFetch(server.url("/stall"), { allowPrivateNetwork: true, timeoutMs: 200 }),
      `${server.url("/stall")}: timed out after 200 ms`,
      "timeout",
    );
  });

  it("refuses a body whose Content-Length is over the limit", async (t) => {
    const server = await startServer(t, { "/big": send(Buffer.alloc(2048, 97)) });
    await rejectsFetch(
      safeFetch(server.url("/big"), { allowPrivateNetwork: true, maxBytes: 1024 }),
      `${server.url("/big")}: larger than the 1 KB limit`,
      "too-large",
    );
  });

  it("aborts an endless body without Content-Length past the limit", async (t) => {
    const server = await startServer(t, {
      "/endless": (_request, response) => {
        response.writeHead(200, { "content-type": "text/plain" });
        const timer = setInterval(() => response.write(Buffer.alloc(512, 98)), 5);
        response.on("close", () => clearInterval(timer));
      },
    });
    await rejectsFetch(
      safeFetch(server.url("/endless"), { allowPrivateNetwork: true, maxBytes: 4096, timeoutMs: 5000 }),
      `${server.url("/endless")}: larger than the 4 KB limit`,
      "too-large",
    );
  });

  it("counts decompressed bytes: a gzip bomb is cut off", async (t) => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    assert.ok(bomb.length < 64 * 1024);
    const server = await startServer(t, { "/bomb": send(bomb, { "content-encoding": "gzip" }) });
    await rejectsFetch(
      safeFetch(server.url("/bomb"), { allowPrivateNetwork: true, maxBytes: 64 * 1024 }),
      `${server.url("/bomb")}: larger than the 64 KB limit`,
      "too-large",
    );
  });

  it("accepts a body of exactly the limit", async (t) => {
    const server = await startServer(t, { "/exact": send(Buffer.alloc(1024, 99)) });
    const response = await safeFetch(server.url("/exact"), { allowPrivateNetwork: true, maxBytes: 1024 });
    assert.equal(response.bytes.byteLength, 1024);
  });
});

describe("safeFetch: redirects", () => {
  /** /r/N redirects to /r/N-1 (relative Location); /r/0 answers. */
  const chain: Handler = (request, response) => {
    const n = Number(request.url?.split("/")[2]);
    if (n === 0) response.writeHead(200).end("end of the chain");
    else response.writeHead(n % 2 === 0 ? 301 : 307, { location: `/r/${n - 1}` }).end();
  };
  const chainRoutes = Object.fromEntries(Array.from({ length: 8 }, (_, n) => [`/r/${n}`, chain]));

  it("follows up to five redirects and reports the final URL", async (t) => {
    const server = await startServer(t, chainRoutes);
    const response = await safeFetch(server.url("/r/5"), { allowPrivateNetwork: true });
    assert.equal(response.url, server.url("/r/0"));
    assert.equal(Buffer.from(response.bytes).toString(), "end of the chain");
    assert.equal(server.requests.length, 6);
  });

  it("refuses a sixth redirect", async (t) => {
    const server = await startServer(t, chainRoutes);
    await rejectsFetch(
      safeFetch(server.url("/r/6"), { allowPrivateNetwork: true }),
      `${server.url("/r/6")}: too many redirects (more than 5)`,
      "redirects",
    );
    assert.equal(server.requests.length, 6);
  });

  it("refuses a redirect from a public host to 127.0.0.1, and follows it when allowed", async (t) => {
    const server = await startServer(t, {
      "/moved": (_request, response) =>
        redirect(`http://127.0.0.1:${server.port}/secret`)(_request, response),
      "/secret": send("internal admin page"),
    });
    const dialed: string[] = [];
    const resolve = fakeResolver({ "news.example": [PUBLIC_IP] });
    const dial = dialTo(server, dialed);
    await rejectsFetch(
      safeFetch("http://news.example/moved", { resolve, dial }),
      `http://news.example/moved: refused: redirected to http://127.0.0.1:${server.port}/secret, and 127.0.0.1 is a loopback address ${HINT}`,
      "refused",
    );
    assert.deepEqual(dialed, [PUBLIC_IP]);
    assert.deepEqual(
      server.requests.map((request) => [request.headers.host, request.url]),
      [["news.example", "/moved"]],
    );

    const allowed = await safeFetch("http://news.example/moved", {
      resolve,
      dial,
      allowPrivateNetwork: true,
    });
    assert.equal(Buffer.from(allowed.bytes).toString(), "internal admin page");
    assert.equal(allowed.url, `http://127.0.0.1:${server.port}/secret`);
  });

  it("re-checks every hop: a redirect to a name that resolves privately is refused", async (t) => {
    const server = await startServer(t, { "/out": redirect("http://intranet.example/admin") });
    const dialed: string[] = [];
    const resolve = fakeResolver({ "news.example": [PUBLIC_IP], "intranet.example": ["192.168.0.10"] });
    await rejectsFetch(
      safeFetch("http://news.example/out", { resolve, dial: dialTo(server, dialed) }),
      `http://news.example/out: refused: redirected to http://intranet.example/admin, and intranet.example resolves to 192.168.0.10, a private address ${HINT}`,
    );
    assert.deepEqual(dialed, [PUBLIC_IP]);
  });

  it("refuses a redirect to another scheme", async (t) => {
    const server = await startServer(t, { "/file": redirect("file:///etc/passwd") });
    await rejectsFetch(
      safeFetch(server.url("/file"), { allowPrivateNetwork: true }),
      `${server.url("/file")}: refused: redirected to file:///etc/passwd (only http and https are fetched)`,
      "refused",
    );
  });

  it("drops Authorization on a redirect to another origin, keeps it on the same origin", async (t) => {
    const server = await startServer(t, {
      "/same": redirect("/echo"),
      "/cross": (_request, response) =>
        redirect(`http://other.example:${server.port}/echo`)(_request, response),
      "/echo": send("ok"),
    });
    const resolve = fakeResolver({ "other.example": ["127.0.0.1"] });
    const options = { allowPrivateNetwork: true, resolve, headers: { Authorization: "Bearer s3cret" } };
    await safeFetch(server.url("/same"), options);
    await safeFetch(server.url("/cross"), options);
    const auth = server.requests.map((request) => [request.url, request.headers.authorization]);
    assert.deepEqual(auth, [
      ["/same", "Bearer s3cret"],
      ["/echo", "Bearer s3cret"],
      ["/cross", "Bearer s3cret"],
      ["/echo", undefined],
    ]);
    assert.equal(server.requests[3].headers.host, `other.example:${server.port}`);
  });
});

describe("safeFetch: DNS rebinding", () => {
  it("resolves once per hop and connects to the address it checked", async (t) => {
    const server = await startServer(t, { "/page": send("public page") });
    let answers = 0;
    const calls: string[] = [];
    // A rebinding resolver: public on the first answer, loopback on every later one.
    const resolve = fakeResolver(
      { "rebind.example": () => (answers++ === 0 ? [PUBLIC_IP] : ["127.0.0.1"]) },
      calls,
    );
    const dialed: string[] = [];
    const response = await safeFetch("http://rebind.example/page", { resolve, dial: dialTo(server, dialed) });
    assert.equal(Buffer.from(response.bytes).toString(), "public page");
    assert.deepEqual(calls, ["rebind.example"]);
    assert.deepEqual(dialed, [PUBLIC_IP]);
    assert.equal(server.requests[0].headers.host, "rebind.example");
  });

  it("a rebound answer on a later hop is refused", async (t) => {
    const server = await startServer(t, { "/a": redirect("/b"), "/b": send("should not be reached") });
    let answers = 0;
    const resolve = fakeResolver({ "rebind.example": () => (answers++ === 0 ? [PUBLIC_IP] : ["127.0.0.1"]) });
    await rejectsFetch(
      safeFetch("http://rebind.example/a", { resolve, dial: dialTo(server) }),
      `http://rebind.example/a: refused: redirected to http://rebind.example/b, and rebind.example resolves to 127.0.0.1, a loopback address ${HINT}`,
    );
    assert.deepEqual(
      server.requests.map((request) => request.url),
      ["/a"],
    );
  });

  it("tries the checked addresses in order when one does not connect", async (t) => {
    const server = await startServer(t, { "/x": send("second address") });
    const resolve = fakeResolver({ "two.example": [PUBLIC_IP, OTHER_PUBLIC_IP] });
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const dial = (address: string) => ({
      host: "127.0.0.1",
      port: address === PUBLIC_IP ? closedPort : server.port,
    });
    const response = await safeFetch("http://two.example/x", { resolve, dial });
    assert.equal(Buffer.from(response.bytes).toString(), "second address");
  });
});

describe("canonicalUrl", () => {
  const cases: Array<[string, string]> = [
    [
      "https://harborledger.example/a?utm_source=rss&utm_medium=feed#comments",
      "https://harborledger.example/a",
    ],
    [
      "https://harborledger.example/a?id=7&utm_campaign=june&page=2",
      "https://harborledger.example/a?id=7&page=2",
    ],
    ["https://harborledger.example/a?UTM_Source=x&q=a%20b+c", "https://harborledger.example/a?q=a%20b+c"],
    ["https://harborledger.example/a?utm%5Fsource=x&keep=1", "https://harborledger.example/a?keep=1"],
    ["HTTPS://HarborLedger.example:443/a/", "https://harborledger.example/a/"],
    ["https://harborledger.example/a?utmost=1", "https://harborledger.example/a?utmost=1"],
    ["https://harborledger.example/a?", "https://harborledger.example/a"],
    ["not a url", "not a url"],
  ];
  for (const [input, expected] of cases) {
    it(`${input} → ${expected}`, () => assert.equal(canonicalUrl(input), expected));
  }
});

describe("fetchArticle", () => {
  const PAGE = readFileSync(fixture("feeds", "article-page.html"));
  const prose =
    "The Marrowby harbour board met on Tuesday evening to approve the repair budget for the tidal bridge, and members argued for two hours about its cost before voting.";

  it("uses the page's canonical URL, without utm parameters and fragment", async (t) => {
    const server = await startServer(t, {
      "/story": send(PAGE, { "content-type": "text/html; charset=utf-8" }),
    });
    const article = await fetchArticle(server.url("/story?utm_source=x"), { allowPrivateNetwork: true });
    assert.equal(article.url, "https://harborledger.example/2031/06/03/tidal-bridge-reopens");
    assert.equal(article.title, "Marrowby tidal bridge reopens after six-week repair");
    assert.equal(article.source, "The Harbor Ledger");
    assert.equal(article.origin, server.url("/story?utm_source=x"));
    assert.equal(article.id, articleId({ text: article.text, url: article.url }));
    assert.match(article.text, /hydraulic rams/);
    assert.doesNotMatch(article.text, /Subscribe/);
  });

  it("resolves a relative canonical link against the page", async (t) => {
    const html = `<html><head><title>Quay</title><link href="/quay?utm_medium=x" rel="canonical"></head><body><article><p>${prose}</p><p>${prose}</p></article></body></html>`;
    const server = await startServer(t, { "/q": send(html, { "content-type": "text/html" }) });
    const article = await fetchArticle(server.url("/q"), { allowPrivateNetwork: true });
    assert.equal(article.url, server.url("/quay"));
  });

  it("without a canonical URL uses the final URL after redirects, cleaned", async (t) => {
    const html = `<html><head><title>Quay works</title></head><body><article><p>${prose}</p><p>${prose}</p></article></body></html>`;
    const server = await startServer(t, {
      "/go": redirect("/quay-works?page=2&utm_campaign=june#top"),
      "/quay-works": send(html, { "content-type": "text/html" }),
    });
    const article = await fetchArticle(server.url("/go"), { allowPrivateNetwork: true });
    assert.equal(article.url, server.url("/quay-works?page=2"));
  });

  it("decodes with the charset of the Content-Type header", async (t) => {
    const html = `<html><head><title>Café</title></head><body><article><p>${prose} The café on the quay reopened too.</p><p>${prose}</p></article></body></html>`;
    const server = await startServer(t, {
      "/latin1": send(iconv.encode(html, "latin1"), { "content-type": "text/html; charset=ISO-8859-1" }),
    });
    const article = await fetchArticle(server.url("/latin1"), { allowPrivateNetwork: true });
    assert.match(article.text, /The café on the quay/);
  });

  it("refuses what is not a web page, and a page without an article", async (t) => {
    const server = await startServer(t, {
      "/report.pdf": send("%PDF-1.7 ...", { "content-type": "application/pdf" }),
      "/login": send("<html><body><form><input name=user><button>Log in</button></form></body></html>", {
        "content-type": "text/html",
      }),
    });
    await assert.rejects(
      fetchArticle(server.url("/report.pdf"), { allowPrivateNetwork: true }),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.equal(error.message, `${server.url("/report.pdf")}: is not a web page (application/pdf)`);
        return true;
      },
    );
    await assert.rejects(
      fetchArticle(server.url("/login"), { allowPrivateNetwork: true }),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.equal(
          error.message,
          `${server.url("/login")}: has no article text (HTML page without an article)`,
        );
        return true;
      },
    );
  });

  it("passes fetch failures on as FetchErrors", async (t) => {
    const server = await startServer(t, {});
    await rejectsFetch(
      fetchArticle(server.url("/nope"), { allowPrivateNetwork: true }),
      `${server.url("/nope")}: HTTP 404`,
    );
    await rejectsFetch(
      fetchArticle("http://192.168.1.20/story"),
      `http://192.168.1.20/story: refused: 192.168.1.20 is a private address ${HINT}`,
    );
  });
});

describe("safeFetch over HTTPS", () => {
  const CERT = fixture("feeds", "news.example.crt");
  const KEY = fixture("feeds", "news.example.key");

  /** An HTTPS server for news.example (self-signed) on 127.0.0.1, recording the SNI name of each connection. */
  async function startTlsServer(
    t: TestContext,
  ): Promise<{ port: number; servernames: Array<string | false | null> }> {
    const servernames: Array<string | false | null> = [];
    const server = https.createServer(
      { cert: readFileSync(CERT), key: readFileSync(KEY) },
      (request, response) => {
        response.writeHead(200, { "content-type": "text/plain" }).end(`secure ${request.headers.host}`);
      },
    );
    server.on("secureConnection", (socket: TLSSocket) => servernames.push(socket.servername));
    server.on("tlsClientError", () => {});
    return { port: await listenForTest(t, server), servernames };
  }

  it("verifies certificates: a self-signed one is refused", async (t) => {
    const { port } = await startTlsServer(t);
    const resolve = fakeResolver({ "news.example": [PUBLIC_IP] });
    const dial = () => ({ host: "127.0.0.1", port });
    await assert.rejects(safeFetch(`https://news.example:${port}/`, { resolve, dial }), (error: unknown) => {
      assert.ok(error instanceof FetchError);
      assert.equal(error.kind, "network");
      assert.match(
        error.message,
        /: TLS error \((?:DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\b/,
      );
      return true;
    });
  });

  it("with the certificate trusted: TLS over the pinned socket, SNI and name check use the host name", async (t) => {
    const { port, servernames } = await startTlsServer(t);
    const dir = await tempDir(t);
    const script = join(dir, "tls-child.mjs");
    const fetchModule = pathToFileURL(join(import.meta.dirname, "../../src/ingest/fetch.ts")).href;
    await writeFile(
      script,
      `import { safeFetch } from ${JSON.stringify(fetchModule)};
const port = Number(process.env.TLS_PORT);
const options = { resolve: async () => [${JSON.stringify(PUBLIC_IP)}], dial: () => ({ host: "127.0.0.1", port }) };
const ok = await safeFetch(\`https://news.example:\${port}/tls\`, options);
let other;
try {
  await safeFetch(\`https://other.example:\${port}/tls\`, options);
  other = "fetched";
} catch (error) {
  other = error.message;
}
console.log(JSON.stringify({ body: Buffer.from(ok.bytes).toString(), url: ok.url, other }));
`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], {
      cwd: join(import.meta.dirname, "../.."),
      env: { ...process.env, NODE_EXTRA_CA_CERTS: CERT, TLS_PORT: String(port) },
      timeout: 60_000,
    });
    const result = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
    assert.equal(result.body, `secure news.example:${port}`);
    assert.equal(result.url, `https://news.example:${port}/tls`);
    assert.match(
      result.other,
      /^https:\/\/other\.example:\d+\/tls: TLS error \(ERR_TLS_CERT_ALTNAME_INVALID\b/,
    );
    assert.deepEqual(servernames.slice(0, 1), ["news.example"]);
  });
});
