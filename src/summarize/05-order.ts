import type { ClusterFeatures } from "./02-features.ts";
import type { StoryLayout } from "./developing.ts";

/**
 * Orders selected sentences so the story reads in its own logic: runs of consecutive sentences
 * from one article stay together (an antecedent right before the sentence that leans on it), and
 * runs go by their position in their article (leads first); among runs at the same position the one
 * selected first (the more central) goes first. With `lastCut`, the run holding the last selected
 * sentence (the one that runs past the budget) goes last, where a word cut falls.
 *
 * A developing story (`story`, developing.ts) reads newest first, as a follow-up is written:
 * 1. its lead, the newest development, opens the roundup (its run starts there);
 * 2. the rest of the news (the newest edition's new content), in the order above;
 * 3. then the older context as background, by time: edition by edition, oldest first, each in the
 *    order above.
 */
export function orderSentences(
  f: ClusterFeatures,
  selected: readonly number[],
  lastCut = false,
  story?: StoryLayout,
): number[][] {
  const rank = new Map(selected.map((i, k) => [i, k]));
  const sorted = [...selected].sort((a, b) => a - b); // global index = article order, then position
  const runs: number[][] = [];
  for (const i of sorted) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    // A developing story's lead starts a run of its own, which keeps only the sentences leaning on it.
    const joins =
      story === undefined || (i !== story.lead && (run?.[0] !== story.lead || f.sentences[i].dependent));
    if (run && last !== undefined && joins && f.sentences[i].previous === last) run.push(i);
    else runs.push([i]);
  }
  const best = (run: number[]) => Math.min(...run.map((i) => rank.get(i)!));
  const byPosition = (a: number[], b: number[]) =>
    f.sentences[a[0]].pos - f.sentences[b[0]].pos || best(a) - best(b);
  if (story && rank.has(story.lead)) {
    // 0: the lead, 1: news, 2: background; background by edition, oldest first.
    const part = (run: number[]) => (run[0] === story.lead ? 0 : story.news(run[0]) ? 1 : 2);
    const edition = (run: number[]) => story.edition[f.sentences[run[0]].doc];
    runs.sort(
      (a, b) => part(a) - part(b) || (part(a) === 2 ? edition(a) - edition(b) : 0) || byPosition(a, b),
    );
  } else runs.sort(byPosition);
  const cut = selected.at(-1);
  if (!lastCut || cut === undefined) return runs;
  const k = runs.findIndex((run) => run.includes(cut));
  if (story && runs[k][0] === story.lead) return runs;
  return [...runs.slice(0, k), ...runs.slice(k + 1), runs[k]];
}
