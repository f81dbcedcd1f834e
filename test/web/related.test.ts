// The story page lists the topic's other stories as links, escaped like everything else, and only when
// there are any.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Hono } from "hono";
import { parseHTML } from "linkedom";
import { CONTENT_SECURITY_POLICY, createApp } from "../../src/apps/server/app.ts";
import type { Store } from "../../src/store/port.ts";
import { PAGE_NOW, seedVarnholm } from "../server/helpers.ts";

let store: Store;
let app: Hono;
const HOSTILE_HEADLINE =
  'Port fees </a><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

before(async () => {
  ({ store } = await seedVarnholm());
  // A third story of the topic, written directly, with a headline that tries to break out of the link.
  await store.putStory({
    id: "fees <1>",
    createdAt: "2025-04-17T09:00:00.000Z",
    updatedAt: "2025-04-17T09:30:00.000Z",
    archived: false,
    headline: HOSTILE_HEADLINE,
    topicId: "strike-1",
  });
  await store.putStory({
    id: "alone",
    createdAt: "2025-04-17T09:00:00.000Z",
    updatedAt: "2025-04-17T09:00:00.000Z",
    archived: false,
  });
  app = createApp({ store, now: () => PAGE_NOW, log: () => {} });
});
after(() => store.close());

async function page(path: string) {
  const res = await app.request(path);
  const text = await res.text();
  return { res, text, document: parseHTML(text).document };
}

test("a story page shows its related stories, newest first, as links", async () => {
  const { res, document } = await page("/stories/crane-1");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-security-policy"), CONTENT_SECURITY_POLICY);
  const section = document.querySelector('section[aria-labelledby="related-title"]');
  assert.ok(section, "a Related stories section");
  assert.equal(section.querySelector("h2")?.textContent, "Related stories");
  const links = [...section.querySelectorAll("li a")].map((a) => [a.getAttribute("href"), a.textContent]);
  const strike = await store.getStory("strike-1");
  assert.deepEqual(links, [
    ["/stories/strike-1", strike?.headline],
    ["/stories/fees%20%3C1%3E", HOSTILE_HEADLINE],
  ]);
  assert.match(section.querySelector("li")?.textContent ?? "", /3 articles · updated /);
  assert.equal(section.querySelector("li time")?.getAttribute("datetime"), strike?.updatedAt);
});

test("related headlines are escaped: no script, element or handler comes from them", async () => {
  const { text, document } = await page("/stories/strike-1");
  const section = document.querySelector('section[aria-labelledby="related-title"]');
  assert.ok(section);
  assert.equal(section.querySelectorAll("script, img").length, 0);
  assert.ok(text.includes("Port fees &lt;/a&gt;&lt;script&gt;"), "the headline is shown as text");
  for (const script of document.querySelectorAll("script"))
    assert.equal(script.getAttribute("src"), "/assets/app.js");
  for (const el of document.querySelectorAll("*"))
    for (const attr of el.attributes) assert.ok(!/^on/i.test(attr.name), `${el.tagName} has ${attr.name}`);
  for (const el of document.querySelectorAll("[style]")) assert.fail(`inline style on ${el.tagName}`);
});

test("a story with no related story has no Related stories section", async () => {
  const { res, text } = await page("/stories/alone");
  assert.equal(res.status, 200);
  assert.equal(text.includes("Related stories"), false);
});
