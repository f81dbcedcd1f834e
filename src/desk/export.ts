/**
 * The desk as JSON lines, and back: the backup, and the way from PGlite to PostgreSQL and back.
 *
 * One object per line, each with a `kind`:
 * - `{"kind":"roundup-desk","version":1,"schema":3,"exportedAt":…}`: the first line;
 * - `{"kind":"story",…}`: every story (archived ones too), with its `roundupVersion`, `topicId` and, when it
 *   was merged, `mergedInto`;
 * - `{"kind":"roundup","story","version","createdAt","roundup","articleIds"}`: every version of every
 *   story's roundup, oldest first;
 * - `{"kind":"article",…,"story"}`: every article in ingest order, with its `story` and `duplicateOf`.
 *
 * Feed polling state is not exported: a desk that polls again simply fetches its feeds anew.
 *
 * Import reads a whole file before it writes anything: a bad line is an error that names the line, and
 * the store is left as it was. It writes into an empty store only, in one transaction.
 */
import { InputError } from "../model/errors.ts";
import type { Roundup } from "../model/types.ts";
import { SCHEMA_VERSION, type Store, type StoredArticle, type Story } from "../store/port.ts";
import { hasControlChars } from "../util/control-chars.ts";

/** The `version` of the export format this code writes and reads. */
export const EXPORT_FORMAT_VERSION = 1;
/** Articles read from the store per query while exporting. */
const PAGE = 500;

export interface ExportedStory extends Story {
  kind: "story";
  roundupVersion?: number;
}

export interface ExportedRoundup {
  kind: "roundup";
  story: string;
  version: number;
  createdAt: string;
  roundup: Roundup;
  articleIds: string[];
}

export type ExportedArticle = Omit<StoredArticle, "storyId"> & { kind: "article"; story?: string };

export interface ExportHeader {
  kind: "roundup-desk";
  version: number;
  schema: number;
  exportedAt: string;
}

export type ExportLine = ExportHeader | ExportedStory | ExportedRoundup | ExportedArticle;

export interface ExportCounts {
  stories: number;
  roundups: number;
  articles: number;
}

/** Every line of the desk's export, in order (header, stories with their roundups, articles). */
export async function* exportDesk(
  store: Store,
  now: () => Date = () => new Date(),
): AsyncGenerator<ExportLine> {
  yield {
    kind: "roundup-desk",
    version: EXPORT_FORMAT_VERSION,
    schema: SCHEMA_VERSION,
    exportedAt: now().toISOString(),
  };
  const stories = await store.listStories({ includeArchived: true });
  // Oldest first, so an import writes them in the order they began.
  stories.sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
  );
  for (const s of stories) {
    yield {
      kind: "story",
      id: s.id,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      archived: s.archived,
      ...(s.headline !== undefined ? { headline: s.headline } : {}),
      topicId: s.topicId,
      ...(s.mergedInto !== undefined ? { mergedInto: s.mergedInto } : {}),
      ...(s.roundupVersion !== undefined ? { roundupVersion: s.roundupVersion } : {}),
    };
    for (const v of await store.roundupVersions(s.id))
      yield {
        kind: "roundup",
        story: s.id,
        version: v.version,
        createdAt: v.createdAt,
        roundup: v.roundup,
        articleIds: v.articleIds,
      };
  }
  let after: StoredArticle | undefined;
  for (;;) {
    const page = await store.articlesPage(after && { ingestedAt: after.ingestedAt, id: after.id }, PAGE);
    for (const a of page) {
      const { storyId, ...rest } = a;
      yield { kind: "article", ...rest, ...(storyId !== undefined ? { story: storyId } : {}) };
    }
    if (page.length < PAGE) break;
    after = page.at(-1);
  }
}

/** One line of an export file, as read: its number (from 1) and text. */
export interface NumberedLine {
  line: number;
  text: string;
}

/**
 * Reads an export (see the module comment) into `store`, which must hold no article and no story.
 * `name` is the input's name for messages. Throws InputError naming the line of the first problems found;
 * nothing is written then.
 */
export async function importDesk(
  store: Store,
  lines: AsyncIterable<NumberedLine> | Iterable<NumberedLine>,
  name: string,
): Promise<ExportCounts> {
  const stories: ExportedStory[] = [];
  const roundups: ExportedRoundup[] = [];
  const articles: ExportedArticle[] = [];
  const problems: string[] = [];
  const storyIds = new Set<string>();
  let header = false;
  for await (const { line, text } of lines) {
    if (text.trim() === "") continue;
    const bad = (what: string) => problems.push(`line ${line}: ${what}`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      bad("not JSON");
      continue;
    }
    const o = value as Record<string, unknown>;
    if (!o || typeof o !== "object" || Array.isArray(o)) {
      bad("not a JSON object");
      continue;
    }
    if (!header) {
      if (o.kind !== "roundup-desk") {
        bad(
          'the first line must be the export header ({"kind":"roundup-desk",…}): is this a `roundup export` file?',
        );
        break;
      }
      if (o.version !== EXPORT_FORMAT_VERSION) {
        bad(
          `export format version ${JSON.stringify(o.version)}; this Roundup reads version ${EXPORT_FORMAT_VERSION}`,
        );
        break;
      }
      header = true;
      continue;
    }
    switch (o.kind) {
      case "story": {
        const problem = storyProblem(o);
        if (problem) bad(problem);
        else if (storyIds.has(o.id as string)) bad(`story ${JSON.stringify(o.id)} appears twice`);
        else {
          storyIds.add(o.id as string);
          stories.push(o as unknown as ExportedStory);
        }
        break;
      }
      case "roundup": {
        const problem = roundupProblem(o);
        if (problem) bad(problem);
        else roundups.push(o as unknown as ExportedRoundup);
        break;
      }
      case "article": {
        const problem = articleProblem(o);
        if (problem) bad(problem);
        else articles.push(o as unknown as ExportedArticle);
        break;
      }
      default:
        bad(`unknown kind ${JSON.stringify(o.kind)} (expected "story", "roundup" or "article")`);
    }
    if (problems.length >= 10) break;
  }
  if (!header && problems.length === 0) problems.push("empty: no export header");
  // References: every story named must be in the file (checked once every line is read).
  if (problems.length === 0) {
    for (const r of roundups)
      if (!storyIds.has(r.story))
        problems.push(`roundup of story ${JSON.stringify(r.story)}: no such story in the file`);
    for (const a of articles)
      if (a.story !== undefined && !storyIds.has(a.story))
        problems.push(`article ${JSON.stringify(a.id)}: story ${JSON.stringify(a.story)} is not in the file`);
  }
  if (problems.length > 0)
    throw new InputError(name, `not imported, nothing written: ${problems.slice(0, 10).join("; ")}`);

  if (
    (await store.countArticles()) > 0 ||
    (await store.listStories({ includeArchived: true, limit: 1 })).length > 0
  )
    throw new InputError(name, "not imported: the store already holds a desk (import into an empty store)");
  await store.transaction(async (tx) => {
    for (const s of stories) {
      const { kind: _k, roundupVersion: _v, ...story } = s;
      await tx.putStory(story);
    }
    // Versions are numbered in order per story: written oldest first, they keep their numbers.
    roundups.sort((a, b) => (a.story < b.story ? -1 : a.story > b.story ? 1 : a.version - b.version));
    for (const r of roundups) {
      const version = await tx.addRoundup(r.story, r.roundup, r.articleIds, r.createdAt);
      if (version !== r.version)
        throw new InputError(
          name,
          `not imported: story ${JSON.stringify(r.story)} skips roundup version ${r.version - 1}`,
        );
    }
    for (const a of articles) {
      const { kind: _k, story, ...article } = a;
      const put = await tx.putArticle({ ...article, ...(story !== undefined ? { storyId: story } : {}) });
      if (!put.inserted)
        throw new InputError(
          name,
          `not imported: article ${JSON.stringify(a.id)} appears twice (or its URL does)`,
        );
    }
  });
  return { stories: stories.length, roundups: roundups.length, articles: articles.length };
}

const isString = (v: unknown): v is string => typeof v === "string";
const isTime = (v: unknown) => isString(v) && !Number.isNaN(Date.parse(v));
const optionalString = (v: unknown) => v === undefined || isString(v);

function storyProblem(o: Record<string, unknown>): string | undefined {
  if (!isString(o.id) || o.id === "") return "story without an id";
  const what = `story ${JSON.stringify(o.id)}`;
  if (!isTime(o.createdAt) || !isTime(o.updatedAt))
    return `${what}: createdAt and updatedAt must be ISO times`;
  if (typeof o.archived !== "boolean") return `${what}: archived must be true or false`;
  if (!optionalString(o.headline) || !optionalString(o.topicId) || !optionalString(o.mergedInto))
    return `${what}: headline, topicId and mergedInto must be strings`;
  if (isString(o.headline) && hasControlChars(o.headline))
    return `${what}: headline holds control characters`;
  return undefined;
}

function roundupProblem(o: Record<string, unknown>): string | undefined {
  if (!isString(o.story)) return "roundup without a story";
  const what = `roundup of story ${JSON.stringify(o.story)}`;
  if (!Number.isInteger(o.version) || (o.version as number) < 1)
    return `${what}: version must be a whole number from 1`;
  if (!isTime(o.createdAt)) return `${what}: createdAt must be an ISO time`;
  const r = o.roundup as Record<string, unknown> | undefined;
  if (!r || typeof r !== "object" || !Array.isArray(r.sentences) || !Array.isArray(r.paragraphs))
    return `${what}: roundup must be a roundup object (sentences, paragraphs)`;
  if (!Array.isArray(o.articleIds) || !o.articleIds.every(isString))
    return `${what}: articleIds must be a list of ids`;
  return undefined;
}

function articleProblem(o: Record<string, unknown>): string | undefined {
  if (!isString(o.id) || o.id === "") return "article without an id";
  const what = `article ${JSON.stringify(o.id)}`;
  if (!isString(o.text)) return `${what}: text must be a string`;
  if (!isString(o.contentHash)) return `${what}: contentHash must be a string`;
  if (!isTime(o.ingestedAt)) return `${what}: ingestedAt must be an ISO time`;
  for (const k of [
    "title",
    "source",
    "url",
    "published",
    "author",
    "origin",
    "story",
    "duplicateOf",
    "feedUrl",
  ])
    if (!optionalString(o[k])) return `${what}: ${k} must be a string`;
  for (const k of ["text", "title", "source", "url", "published", "author", "origin"])
    if (isString(o[k]) && hasControlChars(o[k])) return `${what}: ${k} holds control characters`;
  return undefined;
}
