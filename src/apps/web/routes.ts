/**
 * The web pages' routes: /, /stories/:id, /summarize (GET shows the form, POST renders the roundup), and
 * the two assets. Pages are rendered on the server from the same cached story reads as the API.
 */
import type { Hono, MiddlewareHandler } from "hono";
import { type StoryReader, viewArticles } from "../../desk/stories.ts";
import { InputError } from "../../model/errors.ts";
import { MAX_FOCUS_CHARS } from "../../summarize/focus.ts";
import { DEFAULT_SUMMARY_WORDS } from "../../summarize/index.ts";
import { MAX_WORDS, parseFocusValue, parseWordsValue } from "../server/api.ts";
import type { Summaries } from "../server/app.ts";
import { acceptOnly, checkedId, HttpError } from "../server/errors.ts";
import { APP_CSS, APP_JS } from "./assets.ts";
import { EMPTY_FORM, type SummarizeForm, storyListPage, storyPage, summarizePage } from "./pages.ts";
import { formArticles, type UploadedFile } from "./uploads.ts";

/** Stories on the front page. */
export const FRONT_PAGE_STORIES = 100;

export interface WebContext {
  reader: StoryReader;
  /** The clock "updated 5 min ago" is measured against. */
  now: () => Date;
  maxBodyBytes: number;
  /** Reads a form post's body whole (size limit, deadline). */
  body: MiddlewareHandler;
  /** The cap on summaries in progress (after the body is read) and the summarizer. */
  summaries: Summaries;
}

const HTML_TYPE = "text/html; charset=utf-8";

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const strings = (value: unknown): string[] =>
  asList(value as unknown).filter((v): v is string => typeof v === "string");

export function registerWeb(app: Hono, ctx: WebContext): void {
  app.get("/assets/app.css", (c) =>
    c.body(APP_CSS, 200, {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": "public, max-age=600",
    }),
  );
  app.get("/assets/app.js", (c) =>
    c.body(APP_JS, 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=600",
    }),
  );
  app.get("/favicon.ico", (c) => c.body(null, 204));

  app.get("/", async (c) => {
    const stories = await ctx.reader.list({ limit: FRONT_PAGE_STORIES, includeArchived: false });
    return c.body(storyListPage(stories, ctx.now()), 200, { "Content-Type": HTML_TYPE });
  });

  app.get("/stories/:id", async (c) => {
    const id = checkedId("id", c.req.param("id"));
    const raw = c.req.query("version");
    if (raw !== undefined && !/^[1-9]\d*$/.test(raw))
      throw new HttpError(400, `"version" must be a positive whole number, not "${raw}"`);
    const found = await ctx.reader.story(id, raw === undefined ? undefined : Number(raw));
    // A merged story's address keeps working: a permanent redirect to the story it went into.
    if (!found.ok && found.problem === "moved")
      return c.redirect(`/stories/${encodeURIComponent(found.to)}`, 301);
    if (!found.ok)
      throw new HttpError(
        404,
        found.problem === "story"
          ? `There is no story "${id}".`
          : `Story "${id}" has no roundup version ${raw}.`,
      );
    return c.body(storyPage(found.page.detail, ctx.now()), 200, { "Content-Type": HTML_TYPE });
  });

  const page = (
    form: SummarizeForm,
    extra: { error?: string; result?: Parameters<typeof summarizePage>[0]["result"] } = {},
  ) =>
    summarizePage({
      form,
      defaultWords: DEFAULT_SUMMARY_WORDS,
      maxWords: MAX_WORDS,
      maxBytes: ctx.maxBodyBytes,
      maxFocus: MAX_FOCUS_CHARS,
      ...extra,
    });

  app.get("/summarize", (c) => c.body(page(EMPTY_FORM), 200, { "Content-Type": HTML_TYPE }));

  app.post(
    "/summarize",
    acceptOnly("application/x-www-form-urlencoded", "multipart/form-data"),
    ctx.summaries.refuseWhenFull,
    ctx.body,
    ctx.summaries.admit,
    async (c) => {
      let body: Record<string, unknown>;
      try {
        body = await c.req.parseBody({ all: true });
      } catch {
        throw new HttpError(400, "The form could not be read: send it as multipart/form-data or urlencoded.");
      }
      // Browsers send form line breaks as CRLF; the boxes and the articles use LF, like files read from disk.
      const texts = strings(body.text).map((t) => t.replace(/\r\n?/g, "\n"));
      const outlets = strings(body.outlet);
      const words = strings(body.words)[0] ?? "";
      const focusText = strings(body.focus)[0] ?? "";
      const form: SummarizeForm = { texts, outlets, words, focus: focusText };
      const fail = (status: 400 | 422, error: string) =>
        c.body(page(form, { error }), status, { "Content-Type": HTML_TYPE });
      const files: UploadedFile[] = [];
      for (const f of asList(body.files as File | File[] | undefined)) {
        if (typeof f === "string" || (f.size === 0 && f.name === "")) continue;
        files.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
      }
      let budget: number;
      try {
        budget = parseWordsValue(words);
      } catch (err) {
        return fail(400, (err as Error).message.replace('"words"', "The length"));
      }
      let focus: string | undefined;
      try {
        focus = parseFocusValue(focusText);
      } catch (err) {
        return fail(400, (err as Error).message.replace('"focus"', "The focus"));
      }
      let read: ReturnType<typeof formArticles>;
      try {
        read = formArticles(texts, outlets, files);
      } catch (err) {
        if (err instanceof InputError) return fail(400, err.message);
        throw err;
      }
      if (read.articles.length === 0) return fail(400, "Paste at least one article, or choose a file.");
      const roundup = await ctx.summaries.run(read.articles, { words: budget, ...(focus ? { focus } : {}) });
      if (roundup.sentences.length === 0)
        return fail(
          422,
          "No sentence fit for a summary: the texts are too short, or have no full sentences.",
        );
      const result = { roundup, articles: viewArticles(read.articles, roundup), warnings: read.warnings };
      return c.body(page(form, { result }), 200, { "Content-Type": HTML_TYPE });
    },
  );
}
