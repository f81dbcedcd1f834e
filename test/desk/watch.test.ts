// The story desk end to end, as a user runs it: fixture feeds served from a local HTTP server,
// `roundup watch --once` against them, stories with roundups appear, then update when the feed grows.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const read = (p: string) => readFileSync(join(repo, p), "utf8");
const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

interface Item {
  title: string;
  path: string;
  text?: string;
  date: string;
}
const items: Item[] = [];
let server: Server;
let base = "";

function feedXml(): string {
  const entries = items
    .map(
      (
        i,
      ) => `<item><title>${escapeXml(i.title)}</title><link>${base}${i.path}</link><guid>${base}${i.path}</guid>
<pubDate>${new Date(i.date).toUTCString()}</pubDate>${
        i.text
          ? `<content:encoded>${escapeXml(
              i.text
                .split("\n")
                .filter(Boolean)
                .map((p) => `<p>${p}</p>`)
                .join(""),
            )}</content:encoded>`
          : "<description>Read the full story.</description>"
      }</item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Fixture Wire</title><link>${base}/</link><description>Fictional news for tests</description>${entries}</channel></rss>`;
}

before(async () => {
  server = createServer((req, res) => {
    if (req.url === "/feed.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      res.end(feedXml());
    } else if (req.url === "/valley-daily/aurelia.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(read("examples/harlow-bay-ferry/04-valley-daily.html"));
    } else {
      res.writeHead(404);
      res.end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const data = mkdtempSync(join(tmpdir(), "roundup-desk-"));
const feeds = join(data, "feeds.txt");

/** Runs the CLI without blocking this process: the fixture HTTP server lives in it. */
function roundup(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(repo, "bin", "roundup.js"), ...args, "--data", join(data, "store")],
      {
        cwd: repo,
        env: { ...process.env, DATABASE_URL: "" },
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

interface StoryRow {
  id: string;
  articleCount: number;
  roundupVersion?: number;
  headline?: string;
}

test("watch builds stories with roundups from feeds, and updates them when the feed grows", async () => {
  writeFileSync(feeds, `# fixture feeds\n${base}/feed.xml\n`);
  items.push(
    {
      title: "Ferry fire",
      path: "/wire/ferry-1",
      text: read("examples/harlow-bay-ferry/01-meridian-press.txt"),
      date: "2025-06-12T18:00:00Z",
    },
    {
      title: "Wildfire",
      path: "/wire/fire-1",
      text: read("test/fixtures/orlen-valley-wildfire/input/a-wire.txt"),
      date: "2025-07-05T09:00:00Z",
    },
    {
      title: "Hybrid fleet",
      path: "/chronicle/ferry",
      text: read("examples/harlow-bay-ferry/03-northern-chronicle.txt"),
      date: "2025-06-12T21:00:00Z",
    },
  );
  const first = await roundup(["watch", "--feeds", feeds, "--once", "--allow-private-network"]);
  assert.equal(first.code, 0, first.err);
  const listed = await roundup(["stories", "--json"]);
  assert.equal(listed.code, 0, listed.err);
  const stories = (JSON.parse(listed.out) as { stories: StoryRow[] }).stories;
  assert.equal(stories.length, 2, `${listed.out}\n${first.err}`);
  for (const s of stories) assert.equal(s.roundupVersion, 1);
  const ferry = stories.find((s) => s.articleCount === 2);
  assert.ok(ferry, "the two ferry articles form one story");

  // The feed grows: one more wildfire article with full text, one ferry article only linked (fetched).
  items.push(
    {
      title: "Thousands flee",
      path: "/gazette/fire",
      text: read("test/fixtures/orlen-valley-wildfire/input/b-gazette.txt"),
      date: "2025-07-05T12:00:00Z",
    },
    { title: "Passengers recall", path: "/valley-daily/aurelia.html", date: "2025-06-13T07:30:00Z" },
  );
  const second = await roundup(["watch", "--feeds", feeds, "--once", "--allow-private-network"]);
  assert.equal(second.code, 0, second.err);
  const again = (JSON.parse((await roundup(["stories", "--json"])).out) as { stories: StoryRow[] }).stories;
  assert.equal(again.length, 2);
  const ferryNow = again.find((s) => s.id === ferry.id)!;
  assert.equal(ferryNow.articleCount, 3);
  assert.equal(ferryNow.roundupVersion, 2);
  assert.ok(again.every((s) => s.articleCount === 2 || s.articleCount === 3));

  const story = await roundup(["story", ferry.id, "--versions", "--format", "json"]);
  assert.equal(story.code, 0, story.err);
  // One page per version, each as GET /api/stories/ID?version=N answers.
  const pages = JSON.parse(story.out);
  assert.equal(pages.length, 2);
  assert.deepEqual(
    pages.map((p: { version: { version: number } }) => p.version.version),
    [1, 2],
  );
  assert.ok(pages[1].roundup.sentences.length > 0);
  const one = JSON.parse((await roundup(["story", ferry.id, "--at", "1", "--format", "json"])).out);
  assert.deepEqual(one, pages[0]);
  assert.match((await roundup(["story", ferry.id])).out, /Aurelia/);

  // Polling again changes nothing: ingest is idempotent.
  const third = await roundup(["watch", "--feeds", feeds, "--once", "--allow-private-network"]);
  assert.equal(third.code, 0, third.err);
  const still = (JSON.parse((await roundup(["stories", "--json"])).out) as { stories: StoryRow[] }).stories;
  assert.deepEqual(
    still.map((s) => [s.id, s.articleCount, s.roundupVersion]),
    again.map((s) => [s.id, s.articleCount, s.roundupVersion]),
  );
});

test("desk commands report bad input clearly", async () => {
  const missing = await roundup(["story", "s-nope"]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /s-nope: no such story/);
  assert.equal((await roundup(["watch"])).code, 2);
  const noFeeds = await roundup(["watch", "--feeds", join(data, "absent.txt"), "--once"]);
  assert.equal(noFeeds.code, 1);
  assert.match(noFeeds.err, /absent\.txt/);
});
