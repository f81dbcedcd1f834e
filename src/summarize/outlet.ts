/**
 * Outlet resolution: which outlet the roundup credits ("…, the AP reports.") for each article. The
 * first that gives a name wins:
 * 1. an in-text credit (`PreparedArticle.credit`: a dateline "KESTEL (AP) —", a wire byline, "The
 *    Associated Press contributed to this report"; src/clean/07-outlet.ts): it names where the copy
 *    comes from, whoever published the page;
 * 2. the wire the article was detected to copy: its wire-copy group (`ClusterFeatures.groupOf`, shared
 *    5-word shingles) holds articles with an in-text credit, and those credits agree (a site that ran AP
 *    copy with the dateline cut is still the AP's story);
 * 3. the article's own publisher: its metadata `source`, else a name its text gives (site boilerplate).
 * A feed's title is never an outlet (src/ingest/feeds.ts keeps it out of `source`), and an article none
 * of these name has no outlet: it is never attributed.
 */
import type { PreparedArticle } from "./01-prepare.ts";

/**
 * The articles with `outlet` resolved as in the module comment (the others returned as they are).
 * `groupOf[k]` is the wire-copy group of `articles[k]` (by `index`). Pure.
 */
export function resolveOutlets(
  articles: readonly PreparedArticle[],
  groupOf: readonly number[],
): PreparedArticle[] {
  // The credits each group's articles carry (in article order, so the result does not depend on a sort).
  const credits = new Map<number, Set<string>>();
  for (const a of articles) {
    if (a.credit === undefined) continue;
    const g = groupOf[a.index];
    const set = credits.get(g) ?? new Set<string>();
    set.add(a.credit);
    credits.set(g, set);
  }
  return articles.map((a) => {
    if (a.credit !== undefined) return a.outlet === a.credit ? a : { ...a, outlet: a.credit };
    const group = credits.get(groupOf[a.index]);
    // Copies credited to different wires (a story merged from two reports) name no one origin.
    if (group === undefined || group.size !== 1) return a;
    const [wire] = group;
    return a.outlet === wire ? a : { ...a, outlet: wire };
  });
}
