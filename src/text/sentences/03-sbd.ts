/**
 * Step 3: sbd's opinion, for the boundaries our own rules leave open (a full stop before a number, after
 * a single lower-case letter, and the like). sbd returns sentence strings, not offsets, and drops the dot
 * when it splits a run-on token ("said.Then"), so its sentences are aligned back onto the paragraph as a
 * subsequence of its characters.
 */
import { sentences } from "sbd";
import type { Span } from "../../model/types.ts";

/** Offsets in `text` where sbd starts a sentence inside `paragraph`. */
export function sbdSentenceStarts(text: string, paragraph: Span): Set<number> {
  // sbd treats "\n" as a word of its own; a space keeps offsets and tokens the same.
  const flat = text.slice(paragraph.start, paragraph.end).replace(/[\r\n]/g, " ");
  const starts = new Set<number>();
  let p = 0;
  for (const sentence of sentences(flat)) {
    let first = true;
    for (let i = 0; i < sentence.length; i++) {
      const ch = sentence[i];
      if (ch === " ") continue;
      // sbd only ever drops characters, so a greedy subsequence match finds each one.
      while (p < flat.length && flat[p] !== ch) p++;
      if (first) {
        starts.add(paragraph.start + p);
        first = false;
      }
      p++;
    }
  }
  return starts;
}
