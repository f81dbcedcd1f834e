/**
 * The JSON API. Each handler parses the request, calls the library (summarize, the desk, the story reader)
 * and formats the answer; validation errors are `HttpError`s with a message naming the field.
 */
import type { Context, Hono, MiddlewareHandler } from "hono";
import type { Desk } from "../../desk/desk.ts";
import { articlesFromDocuments } from "../../desk/gather.ts";
import type { StoryReader } from "../../desk/stories.ts";
import { InputError } from "../../model/errors.ts";
import type { Article } from "../../model/types.ts";
import type { Store } from "../../store/port.ts";
import { MAX_FOCUS_CHARS } from "../../summarize/focus.ts";
import { formatJson } from "../../summarize/format.ts";
import { DEFAULT_SUMMARY_WORDS, summarize } from "../../summarize/index.ts";
import { hasControlChars } from "../../util/control-chars.ts";
import type { Summaries, Summarizer } from "./app.ts";
import { checkWriteToken } from "./auth.ts";
import { acceptOnly, checkedId, HttpError, isObject, parseJsonBody } from "./errors.ts";
import { OPENAPI } from "./openapi.ts";

/** Word budgets the API accepts: the CLI's `--words` range. */
export const MIN_WORDS = 1;
export const MAX_WORDS = 100_000;
/** Stories per list page unless `?limit=` says otherwise, and the most it may say. */
export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 1_000;

/** What the API handlers need. */
export interface ApiContext {
  store: Store;
  desk?: Desk;
  token?: string;
  reader: StoryReader;
}

const JSON_TYPE = "application/json; charset=utf-8";

/** `words` from a request: absent → the default; else a whole number in range, or a 400 naming the value. */
export function parseWordsValue(value: unknown): number {
  if (value === undefined || value === null || value === "") return DEFAULT_SUMMARY_WORDS;
  const n = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < MIN_WORDS || n > MAX_WORDS)
    throw new HttpError(
      400,
      `"words" must be a whole number from ${MIN_WORDS} to ${MAX_WORDS}, not ${JSON.stringify(value)}`,
    );
  return n;
}

/**
 * `focus` from a request: absent or blank → none; else a string of at most MAX_FOCUS_CHARS characters
 * (trimmed) without control characters (tab and line breaks allowed), or a 400 naming the problem.
 */
export function parseFocusValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string")
    throw new HttpError(400, `"focus" must be a string, not ${JSON.stringify(value)}`);
  if (hasControlChars(value)) throw new HttpError(400, '"focus" must not contain control characters');
  const focus = value.trim();
  if (focus.length > MAX_FOCUS_CHARS)
    throw new HttpError(400, `"focus" must be at most ${MAX_FOCUS_CHARS} characters, not ${focus.length}`);
  return focus || undefined;
}

/** A query parameter that must be a positive whole number. */
function positiveInt(
  name: string,
  value: string | undefined,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max)
    throw new HttpError(400, `"${name}" must be a whole number from 1 to ${max}, not "${value}"`);
  return n;
}

/** Articles from a body's documents; the library's input errors name the document, and become 400s. */
function articlesOf(documents: unknown, origin: string): Article[] {
  try {
    return articlesFromDocuments(documents, "request body", origin);
  } catch (err) {
    if (err instanceof InputError) throw new HttpError(400, err.message);
    throw err;
  }
}

/**
 * POST /api/summarize: one cluster in, the Roundup JSON out, exactly as `roundup summarize --format json`.
 * `run` makes the summary (the server's worker pool; `summarize` on this thread by default).
 */
export async function summarizeRequest(
  body: unknown,
  run: Summarizer = summarize,
): Promise<{ roundup: string; articles: Article[] }> {
  if (!isObject(body))
    throw new HttpError(
      400,
      'request body must be a JSON object: {"documents": [{"text", "title"?, "date"?, "source"?, "url"?}], "words"?}',
    );
  if (!("documents" in body))
    throw new HttpError(
      400,
      'request body needs "documents": an array of articles {"text", "title"?, "date"?, "source"?, "url"?}',
    );
  const words = parseWordsValue(body.words);
  const focus = parseFocusValue(body.focus);
  const articles = articlesOf(body.documents, "request body");
  if (articles.length === 0) throw new HttpError(422, 'request body: every document\'s "text" is blank');
  const roundup = await run(articles, { words, ...(focus ? { focus } : {}) });
  if (roundup.sentences.length === 0)
    throw new HttpError(422, "request body: no sentence fit for a summary (too short, or no full sentences)");
  return { roundup: formatJson(roundup), articles };
}

/** Articles from a POST /api/articles body: one article, or `{"articles": […]}`. */
export function articlesRequest(body: unknown): Article[] {
  let documents: unknown[];
  if (isObject(body) && Array.isArray(body.articles)) documents = body.articles;
  else if (isObject(body) && "text" in body) documents = [body];
  else
    throw new HttpError(
      400,
      'request body must be an article {"text", "title"?, "date"?, "source"?, "url"?} or {"articles": [ … ]}',
    );
  if (documents.length === 0) throw new HttpError(400, 'request body: "articles" is empty');
  const articles = articlesOf(documents, "POST /api/articles");
  if (articles.length === 0) throw new HttpError(400, 'request body: every article\'s "text" is blank');
  return articles;
}

/**
 * `body` reads a POST body whole (size limit, deadline); `summaries` admits summaries after that, so a
 * slow upload never holds a summary slot.
 */
export function registerApi(app: Hono, ctx: ApiContext, body: MiddlewareHandler, summaries: Summaries): void {
  app.get("/healthz", async (c) => {
    try {
      const articles = await ctx.store.countArticles();
      return c.json({ status: "ok", store: ctx.store.kind, articles, desk: ctx.desk ? "on" : "off" });
    } catch (err) {
      return c.json({ status: "error", store: ctx.store.kind, error: (err as Error).message }, 503);
    }
  });

  app.get("/api/openapi.json", (c) => c.json(OPENAPI));

  app.get("/api/stories", async (c) => {
    const limit = positiveInt("limit", c.req.query("limit"), MAX_LIST_LIMIT) ?? DEFAULT_LIST_LIMIT;
    const all = c.req.query("all");
    const includeArchived = all === "1" || all === "true";
    const stories = await ctx.reader.list({ limit, includeArchived });
    return c.json({ stories });
  });

  app.get("/api/stories/:id", async (c) => {
    const id = checkedId("id", c.req.param("id"));
    const version = positiveInt("version", c.req.query("version"));
    const found = await ctx.reader.story(id, version);
    // A merged story's id keeps working: 308 to the story it went into (GET stays GET).
    if (!found.ok && found.problem === "moved")
      return c.redirect(`/api/stories/${encodeURIComponent(found.to)}`, 308);
    if (!found.ok) throw notFound(id, version, found);
    const { page } = found;
    const headers = { "Content-Type": JSON_TYPE, ETag: page.etag, "Cache-Control": "no-cache" };
    if (c.req.header("If-None-Match") === page.etag) return c.body(null, 304, headers);
    return c.body(page.json, 200, headers);
  });

  const json = acceptOnly("application/json");
  app.post("/api/summarize", json, summaries.refuseWhenFull, body, summaries.admit, async (c) => {
    const { roundup } = await summarizeRequest(parseJsonBody(await c.req.text()), summaries.run);
    return c.body(roundup, 200, { "Content-Type": JSON_TYPE });
  });

  app.post(
    "/api/articles",
    async (c, next) => {
      // The token is checked before the body is read: an unauthorised client cannot make us parse anything.
      checkWriteToken(ctx.token, c.req.header("Authorization"));
      await next();
    },
    json,
    body,
    async (c: Context) => {
      const desk = ctx.desk;
      if (!desk) throw new HttpError(503, "this server runs without a desk: articles cannot be ingested");
      const articles = articlesRequest(parseJsonBody(await c.req.text()));
      const report = await desk.ingest(articles);
      // The desk strips control characters from text; a write that still failed is the server's fault.
      if (report.failed.length > 0 && report.inserted === 0 && report.existing === 0)
        throw new Error(`POST /api/articles: ${report.failed.map((f) => f.problem).join("; ")}`);
      const refreshed = await desk.refresh();
      ctx.reader.invalidate([...report.stories, ...report.retopiced, ...refreshed]);
      const stored = await Promise.all(
        articles.map(async (a) => {
          const row = await ctx.store.getArticle(a.id);
          return {
            id: a.id,
            ...(a.title ? { title: a.title } : {}),
            ...(row?.storyId ? { storyId: row.storyId } : {}),
            ...(row?.duplicateOf ? { duplicateOf: row.duplicateOf } : {}),
          };
        }),
      );
      return c.json(
        {
          inserted: report.inserted,
          existing: report.existing,
          stories: report.stories,
          refreshed,
          articles: stored,
        },
        report.inserted > 0 ? 201 : 200,
      );
    },
  );
}

function notFound(
  id: string,
  version: number | undefined,
  found: { problem: "story" | "version"; latest?: number },
) {
  if (found.problem === "story") return new HttpError(404, `no story with id "${id}"`);
  const newest = found.latest === undefined ? "it has no roundup yet" : `versions are 1 to ${found.latest}`;
  return new HttpError(404, `story "${id}" has no roundup version ${version} (${newest})`);
}
