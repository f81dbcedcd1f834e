/**
 * Article drafts: articles before their ids are assigned. Ids are assigned once per read, over all
 * drafts in input order, so two inputs with the same text still get distinct ids.
 */
import { articleId } from "../model/ids.ts";
import type { Article } from "../model/types.ts";

/** An article before its id is assigned. */
export type ArticleDraft = Omit<Article, "id">;

/** The object without its `undefined` fields, so results compare and serialise cleanly. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/**
 * Give each draft its `articleId` (from the url, else the text), keeping ids distinct: a repeated id
 * gets the first free suffix "-2", "-3" … in input order, so the result is the same on every run.
 */
export function uniqueIds(drafts: ReadonlyArray<ArticleDraft>): Article[] {
  return idAllocator()(drafts);
}

/**
 * `uniqueIds` for a read that arrives in parts (one file at a time): each call assigns ids to the next
 * drafts, distinct from every id given before, exactly as one `uniqueIds` call over all of them would.
 */
export function idAllocator(): (drafts: ReadonlyArray<ArticleDraft>) => Article[] {
  const used = new Set<string>();
  return (drafts) =>
    drafts.map((draft) => {
      const base = articleId(draft);
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      return { id, ...draft };
    });
}
