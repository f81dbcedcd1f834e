// A desk on an in-memory store, seeded with our fictional fixtures, for the server and web tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "../../src/apps/server/app.ts";
import { Desk } from "../../src/desk/desk.ts";
import { clusterToArticles } from "../../src/ingest/index.ts";
import type { Article, ClusterDocument } from "../../src/model/types.ts";
import { openStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/port.ts";

export const repo = fileURLToPath(new URL("../../", import.meta.url));
export const read = (path: string) => readFileSync(join(repo, path), "utf8");

export const TOKEN = "test-token-123";
/** The clock pages measure "updated … ago" against: 7 minutes after the last write. */
export const PAGE_NOW = new Date("2025-07-05T11:07:00Z");

/** The Orlen Valley wildfire, as three outlets covered it (fictional). */
export const FIRE_DOCUMENTS: ClusterDocument[] = [
  {
    text: read("test/fixtures/orlen-valley-wildfire/input/a-wire.txt"),
    title: "Wildfire forces 6,000 from Orlen Valley",
    source: "Northwire",
    date: "2025-07-05T08:00:00Z",
    url: "https://northwire.example/orlen-fire",
  },
  {
    text: read("test/fixtures/orlen-valley-wildfire/input/b-gazette.txt"),
    source: "Vestmark Gazette",
    date: "2025-07-05T09:30:00Z",
    url: "https://gazette.example/news/orlen",
  },
  {
    text: read("test/fixtures/orlen-valley-wildfire/input/c-herald.txt"),
    title: "Largest fire in a decade",
    source: "Orlen Herald",
    date: "2025-07-05T10:15:00Z",
  },
];

export const fireArticles = (): Article[] =>
  clusterToArticles({ id: "orlen", documents: FIRE_DOCUMENTS }, "fixture");

export interface Seeded {
  store: Store;
  desk: Desk;
  /** The wildfire story: version 1 from the wire copy, version 2 once the Gazette joined. */
  fireStory: string;
  fire: Article[];
  setClock(iso: string): void;
}

/** An in-memory store with the wildfire story at two roundup versions (and whatever the clusterer makes of the herald). */
export async function seed(): Promise<Seeded> {
  const store = await openStore({ memory: true });
  let clock = new Date("2025-07-05T10:00:00Z");
  const desk = await Desk.open({ store, now: () => clock });
  const fire = fireArticles();
  await desk.ingest([fire[0]]);
  await desk.refresh();
  clock = new Date("2025-07-05T11:00:00Z");
  await desk.ingest([fire[1]]);
  await desk.refresh();
  await desk.ingest([fire[2]]);
  await desk.refresh();
  const fireStory = (await store.getArticle(fire[0].id))?.storyId;
  if (!fireStory) throw new Error("seed: the wire article has no story");
  return {
    store,
    desk,
    fireStory,
    fire,
    setClock: (iso) => {
      clock = new Date(iso);
    },
  };
}

export function appFor(s: Seeded, extra: Partial<Parameters<typeof createApp>[0]> = {}) {
  return createApp({
    store: s.store,
    desk: s.desk,
    token: TOKEN,
    now: () => PAGE_NOW,
    log: () => {},
    ...extra,
  });
}

export const postJson = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "Content-Type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

/** An article whose text and metadata try every way to run code in the page. */
export const HOSTILE = {
  title: "Harbour notice </textarea><script>window.__pwned=3</script>",
  source: 'Bay <b onmouseover="window.__pwned=4">Courier</b>',
  url: "javascript:window.__pwned=5",
  date: "2025-07-05T10:45:00Z",
  text: [
    "The Skellan harbour office said on Saturday that the north quay will close for repairs for three weeks from Monday, and that ferries will use the south quay instead.",
    '<script>window.__pwned=1</script> Harbour master Ilse Brandt said the closure had been planned for a year and that no sailings would be cancelled. <img src=x onerror="window.__pwned=2"> She said passengers should allow ten more minutes to reach the south quay.',
    'Repairs to the quay wall will cost about 2 million crowns, the office said. <a href="javascript:window.__pwned=6">Details</a> are posted at the harbour office.',
  ].join("\n\n"),
};

/** The Varnholm strike and crane collapse (fictional): two stories in one topic with these options. */
export const VARNHOLM_SPLIT = { pairModel: false, joinThreshold: 0.2, timeScaleDays: 7 } as const;

export interface SeededTopic {
  store: Store;
  desk: Desk;
}

/**
 * An in-memory store with the Varnholm port stream through the desk (clustered with explicit options, so
 * the strike and the crane collapse are two stories, "strike-1" and "crane-1", in topic "strike-1"), each
 * with a roundup. Articles arrive a minute apart from 2025-04-17T10:00Z.
 */
export async function seedVarnholm(): Promise<SeededTopic> {
  const store = await openStore({ memory: true });
  let clock = Date.parse("2025-04-17T10:00:00Z");
  const desk = await Desk.open({ store, now: () => new Date(clock), clusterer: VARNHOLM_SPLIT });
  const lines = read("test/cluster/fixtures/varnholm-port.jsonl").trim().split("\n");
  for (const line of lines) {
    const r = JSON.parse(line) as Record<string, string>;
    clock += 60_000;
    await desk.ingest([
      { id: r.id, text: r.text, title: r.title, source: r.source, published: r.date, origin: r.id },
    ]);
  }
  await desk.refresh();
  return { store, desk };
}
