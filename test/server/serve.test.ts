// `roundup serve` as a user runs it: a child process on a random port with an embedded store, polling a
// fixture feed served from 127.0.0.1, answering the API while it polls, and stopping cleanly on a signal.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { StoryListItem } from "../../src/desk/stories.ts";
import { clusterToArticles } from "../../src/ingest/index.ts";
import { formatJson } from "../../src/summarize/format.ts";
import { summarize } from "../../src/summarize/index.ts";
import { FIRE_DOCUMENTS, postJson, repo, TOKEN } from "./helpers.ts";

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const items: { title: string; path: string; text: string; date: string }[] = [];
let feedServer: Server;
let feedBase = "";

function feedXml(): string {
  const entries = items
    .map(
      (i) =>
        `<item><title>${escapeXml(i.title)}</title><link>${feedBase}${i.path}</link><guid>${feedBase}${i.path}</guid><pubDate>${new Date(i.date).toUTCString()}</pubDate><content:encoded>${escapeXml(
          i.text
            .split("\n")
            .filter(Boolean)
            .map((p) => `<p>${p}</p>`)
            .join(""),
        )}</content:encoded></item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Fixture Wire</title><link>${feedBase}/</link><description>Fictional news for tests</description>${entries}</channel></rss>`;
}

before(async () => {
  feedServer = createServer((req, res) => {
    if (req.url === "/feed.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      res.end(feedXml());
    } else {
      res.writeHead(404);
      res.end("not found");
    }
  });
  await new Promise<void>((resolve) => feedServer.listen(0, "127.0.0.1", resolve));
  feedBase = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
});
after(() => feedServer.close());

const dir = mkdtempSync(join(tmpdir(), "roundup-serve-"));

interface Running {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exit: Promise<number | null>;
}

async function serve(args: string[]): Promise<Running> {
  const child = spawn(
    process.execPath,
    [join(repo, "bin", "roundup.js"), "serve", "--port", "0", "--data", join(dir, "store"), ...args],
    {
      cwd: repo,
      env: { ...process.env, DATABASE_URL: "", ROUNDUP_TOKEN: TOKEN },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let err = "";
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "serving" line in 30 s: ${err}`)), 30_000);
    child.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      const m = /serving (http:\/\/\S+) /.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`exited ${code} before serving: ${err}`)));
  });
  return { child, url, stderr: () => err, exit };
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const stories = async (url: string) =>
  ((await (await fetch(`${url}/api/stories`)).json()) as { stories: StoryListItem[] }).stories;

test("serve polls feeds in the background, serves the API, and stops cleanly on SIGTERM", async () => {
  items.push({
    title: "Wildfire",
    path: "/wire/fire-1",
    text: FIRE_DOCUMENTS[0].text,
    date: "2025-07-05T08:00:00Z",
  });
  const feeds = join(dir, "feeds.txt");
  writeFileSync(feeds, `# fixture\n${feedBase}/feed.xml\n`);
  const server = await serve(["--feeds", feeds, "--interval", "1", "--allow-private-network"]);
  try {
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; store: string };
    assert.deepEqual([health.status, health.store], ["ok", "pglite"]);
    const story = await until("the feed's story", async () =>
      (await stories(server.url)).find((s) => s.roundupVersion),
    );
    assert.equal((await fetch(`${server.url}/api/stories/${story.id}`)).status, 200);
    // (Each feed is re-polled on its own 5-minute schedule, so growth from the feed is tested in-process.)
    // Writes need the token from the environment.
    const post = await fetch(
      `${server.url}/api/articles`,
      postJson(
        { text: FIRE_DOCUMENTS[2].text, source: "Orlen Herald" },
        { Authorization: `Bearer ${TOKEN}` },
      ),
    );
    assert.equal(post.status, 201);
    const { stories: touched } = (await post.json()) as { stories: string[] };
    const after = (await (await fetch(`${server.url}/api/stories/${touched[0]}`)).json()) as {
      story: { articleCount: number };
    };
    assert.ok(after.story.articleCount >= 1);
    const page = await fetch(`${server.url}/stories/${story.id}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<h1>/);
  } finally {
    server.child.kill("SIGTERM");
  }
  assert.equal(await server.exit, 0, server.stderr());
  assert.match(server.stderr(), /SIGTERM: shutting down/);
  assert.match(server.stderr(), /stopped/);
});

test("serve reopens the same store without feeds, summarizes on its worker threads, and SIGINT stops it", async () => {
  const server = await serve(["--summary-workers", "2"]);
  try {
    const list = await stories(server.url);
    assert.ok(list.length >= 1, "stories survived the restart");
    // Summaries run on the pool: the answer is exactly the calling thread's.
    const cluster = { documents: FIRE_DOCUMENTS, words: 120 };
    const answers = await Promise.all(
      [1, 2, 3].map(async () => {
        const res = await fetch(`${server.url}/api/summarize`, postJson(cluster));
        assert.equal(res.status, 200);
        return res.text();
      }),
    );
    const expected = formatJson(
      summarize(clusterToArticles({ id: "request", documents: FIRE_DOCUMENTS }, "request body"), {
        words: 120,
      }),
    );
    for (const answer of answers) assert.equal(answer, expected);
    assert.match(server.stderr(), /2 summary workers/);
  } finally {
    server.child.kill("SIGINT");
  }
  assert.equal(await server.exit, 0, server.stderr());
  assert.match(server.stderr(), /writes need the bearer token/);
});

/** Runs `roundup serve` with arguments that must be refused; its exit code and stderr. */
async function refusedServe(...args: string[]): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, [join(repo, "bin", "roundup.js"), "serve", ...args], {
    cwd: repo,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (c: Buffer) => {
    err += c.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, err };
}

test("serve refuses a bad port", async () => {
  const { code, err } = await refusedServe("--port", "99999");
  assert.equal(code, 2);
  assert.match(err, /--port must be a whole number from 0 to 65535, not "99999"/);
});

test("serve refuses a bad --max-summaries", async () => {
  for (const bad of ["0", "2.5", "many"]) {
    const { code, err } = await refusedServe("--max-summaries", bad, "--port", "0");
    assert.equal(code, 2, bad);
    assert.match(err, new RegExp(`--max-summaries must be a whole number from 1, not "${bad}"`));
  }
});

test("serve refuses a bad --summary-workers", async () => {
  for (const bad of ["0", "-1", "two"]) {
    const { code, err } = await refusedServe("--summary-workers", bad, "--port", "0");
    assert.equal(code, 2, bad);
    assert.match(err, new RegExp(`--summary-workers must be a whole number from 1 to 256, not "${bad}"`));
  }
});
