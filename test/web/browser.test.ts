// The pages in a real browser: Debian's chromium driven by playwright-core, against the real server on
// 127.0.0.1 (random port). Screenshots go to test-artifacts/ (gitignored). Skipped when chromium is missing.
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type Browser, chromium, type Page } from "playwright-core";
import type { RunningServer } from "../../src/apps/server/serve.ts";
import { startServer } from "../../src/apps/server/serve.ts";
import { appFor, HOSTILE, postJson, read, repo, type Seeded, seed, TOKEN } from "../server/helpers.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
];
const ARTIFACTS = join(repo, "test-artifacts");
const missing = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;
if (missing) process.stderr.write(`browser tests skipped: ${missing}\n`);

let s: Seeded;
let server: RunningServer;
let browser: Browser;
let hostileStory: string;
/** Every URL the pages asked for: all must be on the server. */
const requested: string[] = [];
const pageErrors: string[] = [];

before(async () => {
  if (missing) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  s = await seed();
  server = await startServer(appFor(s), { port: 0, host: "127.0.0.1" });
  const res = await fetch(
    `${server.url}/api/articles`,
    postJson(HOSTILE, { Authorization: `Bearer ${TOKEN}` }),
  );
  assert.equal(res.status, 201);
  hostileStory = ((await res.json()) as { stories: string[] }).stories[0];
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  if (missing) return;
  await browser?.close();
  await server?.close();
  await s?.store.close();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("request", (r) => requested.push(r.url()));
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto(`${server.url}${path}`);
  return page;
}

/** The `.src` spans of a roundup sentence, with their state. */
function sourceSpans(page: Page, sentence: number) {
  return page.$$eval(`.src[data-s~="s${sentence}"]`, (spans) =>
    spans.map((x) => ({
      active: x.classList.contains("is-active"),
      data: x.getAttribute("data-active"),
      article: x.closest(".article")?.id,
      background: getComputedStyle(x).backgroundColor,
    })),
  );
}

describe("in chromium", { skip: missing }, () => {
  test("the list opens a story; clicking a sentence highlights its source sentence", async () => {
    const page = await open("/");
    assert.equal(await page.locator("h1").textContent(), "Stories");
    await page.screenshot({ path: join(ARTIFACTS, "story-list.png"), fullPage: true });
    await page.click(`a[href="/stories/${s.fireStory}"]`);
    await page.waitForURL(`**/stories/${s.fireStory}`);
    assert.equal(await page.locator(".src.is-active").count(), 0, "nothing highlighted before a choice");

    await page.click("#sentence-1");
    const spans = await sourceSpans(page, 1);
    assert.ok(spans.length > 0);
    for (const span of spans) {
      assert.equal(span.active, true);
      assert.equal(span.data, "true");
      assert.notEqual(span.background, "rgba(0, 0, 0, 0)", "the highlight is visible");
    }
    assert.equal(await page.getAttribute("#sentence-1", "aria-pressed"), "true");
    // Only that sentence's spans are lit.
    const lit = await page.$$eval(".src.is-active", (xs) =>
      xs.map((x) => x.getAttribute("data-s")!.split(" ")),
    );
    assert.ok(lit.every((keys) => keys.includes("s1")));
    // The status line names the outlet and time.
    const article = await page.locator(`#${spans[0].article}`);
    const outlet = await article.getAttribute("data-outlet");
    assert.match((await page.locator("#cite-status").textContent())!, new RegExp(`From .*${outlet}`));
    await page.screenshot({ path: join(ARTIFACTS, "story-page.png") });
    await page.screenshot({ path: join(ARTIFACTS, "story-page-full.png"), fullPage: true });
    await page.close();
  });

  test("keyboard: Tab reaches a sentence with a visible focus ring, Enter highlights its source", async () => {
    const page = await open(`/stories/${s.fireStory}`);
    let focused = "";
    for (let i = 0; i < 40 && !focused.startsWith("sentence-"); i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => document.activeElement?.id ?? "");
    }
    assert.equal(focused, "sentence-0", "the first sentence is reachable by Tab");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    assert.notEqual(outline, "none", "focus is visible");
    await page.keyboard.press("Enter");
    const spans = await sourceSpans(page, 0);
    assert.ok(spans.length > 0 && spans.every((x) => x.active && x.data === "true"));
    assert.equal(await page.getAttribute("#sentence-0", "aria-pressed"), "true");
    // Move on by keyboard to another sentence and press Enter there.
    await page.focus("#sentence-2");
    await page.keyboard.press("Enter");
    assert.ok((await sourceSpans(page, 2)).every((x) => x.active));
    assert.ok(
      (await sourceSpans(page, 0)).every((x) => !x.active),
      "the earlier highlight is cleared",
    );
    await page.screenshot({ path: join(ARTIFACTS, "story-keyboard.png") });
    await page.close();
  });

  test("hovering a sentence highlights its source too", async () => {
    const page = await open(`/stories/${s.fireStory}`);
    await page.hover("#sentence-2");
    assert.ok((await sourceSpans(page, 2)).every((x) => x.active));
    await page.close();
  });

  test("an older version can be opened from the versions list", async () => {
    const page = await open(`/stories/${s.fireStory}`);
    await page.click('.versions a:text-is("Version 1")');
    await page.waitForURL(/version=1$/);
    assert.match((await page.locator(".notice").textContent())!, /version 1 of/);
    assert.equal(await page.locator(".article").count(), 1);
    await page.close();
  });

  test("summarize: paste two articles, get a roundup whose sentences highlight their sources", async () => {
    const page = await open("/summarize");
    await page.fill("#text-1", read("test/fixtures/orlen-valley-wildfire/input/a-wire.txt"));
    await page.fill("#outlet-1", "Northwire");
    await page.fill("#text-2", read("test/fixtures/orlen-valley-wildfire/input/b-gazette.txt"));
    await page.fill("#words", "100");
    // The script adds boxes on demand.
    await page.click("#add-article");
    assert.equal(await page.locator("#text-4").count(), 1);
    await page.click('button[type="submit"]');
    await page.waitForSelector(".result .sentence");
    assert.equal(await page.locator(".result .article").count(), 2);
    await page.click(".result #sentence-0");
    assert.ok((await sourceSpans(page, 0)).every((x) => x.active));
    await page.screenshot({ path: join(ARTIFACTS, "summarize.png"), fullPage: true });
    await page.close();
  });

  test("hostile HTML in an article never runs and shows as text", async () => {
    const page = await open(`/stories/${hostileStory}`);
    await page.click("#sentence-0");
    await page.hover(".article h3");
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    const text = await page.locator(".article-text").textContent();
    assert.ok(text!.includes("<script>window.__pwned=1</script>"));
    assert.ok(text!.includes('<img src=x onerror="window.__pwned=2">'));
    assert.equal(await page.locator("img").count(), 0);
    assert.match((await page.locator(".article h3").textContent())!, /<\/textarea><script>/);
    await page.screenshot({ path: join(ARTIFACTS, "hostile.png") });
    // Pasted into the form, it stays text too.
    await page.goto(`${server.url}/summarize`);
    await page.fill("#text-1", `${HOSTILE.text}\n</textarea><script>window.__pwned=7</script>`);
    await page.fill("#text-2", read("test/fixtures/orlen-valley-wildfire/input/a-wire.txt"));
    await page.click('button[type="submit"]');
    await page.waitForSelector(".result");
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.match(await page.inputValue("#text-1"), /<\/textarea><script>window.__pwned=7<\/script>$/);
    await page.close();
  });

  test("the pages asked only the server, and raised no errors", () => {
    assert.ok(requested.length > 0);
    const foreign = requested.filter((u) => !u.startsWith(`${server.url}/`));
    assert.deepEqual(foreign, []);
    assert.deepEqual(pageErrors, []);
  });
});
