// `roundup export` / `roundup import`: the desk as JSON lines and back, losing nothing; a bad file writes
// nothing and names its line.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { exportCommand, importCommand } from "../../src/apps/cli/export.ts";
import { type ExportLine, exportDesk, importDesk, type NumberedLine } from "../../src/desk/export.ts";
import { InputError } from "../../src/model/errors.ts";
import { openStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/port.ts";
import { captureIo } from "../helpers.ts";
import { seedVarnholm } from "../server/helpers.ts";

const NOW = () => new Date("2025-05-01T00:00:00Z");

async function lines(store: Store): Promise<ExportLine[]> {
  const out: ExportLine[] = [];
  for await (const l of exportDesk(store, NOW)) out.push(l);
  return out;
}

const numbered = (rows: readonly unknown[]): NumberedLine[] =>
  rows.map((r, i) => ({ line: i + 1, text: typeof r === "string" ? r : JSON.stringify(r) }));

test("export then import into an empty store gives the same desk, merges and versions included", async () => {
  const { store } = await seedVarnholm();
  const copy = await openStore({ memory: true });
  try {
    await store.mergeStories("crane-1", "strike-1", "2025-04-18T10:00:00Z");
    const exported = await lines(store);
    const kinds = exported.map((l) => l.kind);
    assert.equal(kinds[0], "roundup-desk");
    const articleCount = await store.countArticles();
    assert.equal(kinds.filter((k) => k === "article").length, articleCount);
    assert.ok(kinds.includes("roundup"));
    const crane = exported.find((l) => l.kind === "story" && l.id === "crane-1");
    assert.ok(crane && crane.kind === "story" && crane.mergedInto === "strike-1" && crane.archived);
    const counts = await importDesk(copy, numbered(exported), "desk.jsonl");
    assert.equal(counts.articles, articleCount);
    assert.deepEqual(await lines(copy), exported);
    // What readers see is the same too.
    assert.deepEqual(
      await copy.listStories({ includeArchived: true }),
      await store.listStories({ includeArchived: true }),
    );
    assert.deepEqual(await copy.roundupVersions("strike-1"), await store.roundupVersions("strike-1"));
    assert.deepEqual(await copy.storyArticles("strike-1"), await store.storyArticles("strike-1"));
  } finally {
    await store.close();
    await copy.close();
  }
});

test("export pages through articles that share an ingest time without skipping or repeating one", async () => {
  const store = await openStore({ memory: true });
  try {
    const at = "2025-04-17T10:00:00.000Z";
    for (let i = 0; i < 1_203; i++)
      await store.putArticle({
        id: `a-${String(i).padStart(5, "0")}`,
        text: `Text ${i}.`,
        contentHash: `h${i}`,
        ingestedAt: at,
      });
    const ids = (await lines(store)).filter((l) => l.kind === "article").map((l) => (l as { id: string }).id);
    assert.equal(ids.length, 1_203);
    assert.equal(new Set(ids).size, 1_203);
  } finally {
    await store.close();
  }
});

test("a bad line is named, and nothing is written", async () => {
  const { store } = await seedVarnholm();
  try {
    const exported = await lines(store);
    const rows: unknown[] = [...exported];
    const k = rows.findIndex((r) => (r as ExportLine).kind === "article");
    rows.splice(k + 1, 0, "{not json");
    rows.splice(k + 3, 0, {
      kind: "article",
      id: "x",
      text: "bell\u0007",
      contentHash: "h",
      ingestedAt: "2025-01-01T00:00:00Z",
    });
    const empty = await openStore({ memory: true });
    try {
      await assert.rejects(importDesk(empty, numbered(rows), "desk.jsonl"), (err: Error) => {
        assert.ok(err instanceof InputError);
        assert.match(err.message, /desk\.jsonl/);
        assert.match(err.message, new RegExp(`line ${k + 2}: not JSON`));
        assert.match(err.message, new RegExp(`line ${k + 4}: article "x": text holds control characters`));
        return true;
      });
      assert.equal(await empty.countArticles(), 0);
      assert.deepEqual(await empty.listStories({ includeArchived: true }), []);
      // Not an export at all, and an article whose story is missing.
      await assert.rejects(
        importDesk(empty, numbered([{ id: "a" }]), "x.jsonl"),
        /first line must be the export header/,
      );
      await assert.rejects(
        importDesk(
          empty,
          numbered([
            exported[0],
            {
              kind: "article",
              id: "a",
              text: "T.",
              contentHash: "h",
              ingestedAt: "2025-01-01T00:00:00Z",
              story: "nope",
            },
          ]),
          "y.jsonl",
        ),
        /story "nope" is not in the file/,
      );
      assert.equal(await empty.countArticles(), 0);
    } finally {
      await empty.close();
    }
    // Into a store that already holds a desk: refused, unchanged.
    const before = await store.countArticles();
    await assert.rejects(importDesk(store, numbered(exported), "desk.jsonl"), /already holds a desk/);
    assert.equal(await store.countArticles(), before);
  } finally {
    await store.close();
  }
});

test("roundup export --out and roundup import move a desk between data directories", async () => {
  const dir = mkdtempSync(join(tmpdir(), "roundup-export-"));
  try {
    const from = join(dir, "from");
    const to = join(dir, "to");
    const store = await openStore({ dataDir: from });
    await store.putStory({
      id: "s-1",
      createdAt: "2025-04-17T10:00:00.000Z",
      updatedAt: "2025-04-17T10:00:00.000Z",
      archived: false,
      headline: "Quay closes",
    });
    await store.putArticle({
      id: "a-1",
      text: "The quay closes.",
      contentHash: "h1",
      ingestedAt: "2025-04-17T10:00:00.000Z",
      storyId: "s-1",
    });
    await store.close();
    const file = join(dir, "desk.jsonl");
    const out = captureIo();
    assert.equal(await exportCommand({ data: from, out: file }, out), 0);
    assert.match(out.err(), /exported 1 stories, 0 roundup versions, 1 articles/);
    const io = captureIo();
    assert.equal(await importCommand(file, { data: to }, io), 0);
    assert.match(io.err(), /imported 1 stories, 0 roundup versions, 1 articles/);
    const again = captureIo();
    assert.equal(await exportCommand({ data: to }, again), 0);
    const strip = (s: string) => s.replace(/"exportedAt":"[^"]+"/, "");
    assert.equal(strip(again.out()), strip(readFileSync(file, "utf8")));
    // A second import into the now full store fails and says why.
    writeFileSync(join(dir, "again.jsonl"), readFileSync(file, "utf8"));
    await assert.rejects(
      importCommand(join(dir, "again.jsonl"), { data: to }, captureIo()),
      /already holds a desk/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
