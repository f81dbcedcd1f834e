/**
 * Text that remembers where every character came from.
 *
 * Layout: `map[i]` is the offset in the ORIGINAL text of cleaned char `i`, and `ends[i]` is the
 * original offset just past the source of char `i` (for a kept char `map[i] + 1`; for a char
 * produced by a replacement, the end of what it replaced). Both arrays have length
 * `text.length + 1`; the last slot holds the original end, so `map` is total and non-decreasing.
 * `ends` exists because `map` alone cannot tell where the source of a replaced char stops when
 * junk was removed right after it ("''" → '"' followed by a dropped line).
 */

import { UsageError } from "../model/errors.ts";
import type { Span } from "../model/types.ts";

export interface MappedText {
  readonly text: string;
  /** Length `text.length + 1`: `map[i]` = original offset of char `i`; `map[text.length]` = original end. */
  readonly map: Int32Array;
  /** Length `text.length + 1`: `ends[i]` = original offset just past the source of char `i`. */
  readonly ends: Int32Array;
}

/** Replace `text.slice(start, end)` (current coordinates) by `replacement`; `""` deletes, `start === end` inserts. */
export interface Edit {
  start: number;
  end: number;
  replacement: string;
}

/** The identity mapping of an original text. */
export function fromOriginal(original: string): MappedText {
  const n = original.length;
  const map = new Int32Array(n + 1);
  const ends = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    map[i] = i;
    ends[i] = i < n ? i + 1 : n;
  }
  return { text: original, map, ends };
}

/**
 * Apply non-overlapping edits given in `m.text` coordinates (any order) and carry the map along.
 * Kept chars keep their original offsets; replacement chars map to the original start (and end)
 * of what they replace; an insertion maps to the original offset of the char it precedes.
 */
export function applyEdits(m: MappedText, edits: readonly Edit[]): MappedText {
  if (edits.length === 0) return m;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const n = m.text.length;
  let outLength = n;
  let previousEnd = 0;
  for (const e of sorted) {
    if (!(e.start >= previousEnd && e.end >= e.start && e.end <= n)) {
      throw new UsageError(
        `applyEdits: edit [${e.start}, ${e.end}) is out of bounds or overlaps the previous one (text length ${n})`,
      );
    }
    previousEnd = e.end;
    outLength += e.replacement.length - (e.end - e.start);
  }
  const map = new Int32Array(outLength + 1);
  const ends = new Int32Array(outLength + 1);
  const parts: string[] = [];
  let out = 0;
  let cursor = 0;
  const keep = (from: number, to: number): void => {
    if (to <= from) return;
    parts.push(m.text.slice(from, to));
    map.set(m.map.subarray(from, to), out);
    ends.set(m.ends.subarray(from, to), out);
    out += to - from;
  };
  for (const e of sorted) {
    keep(cursor, e.start);
    if (e.replacement.length > 0) {
      const sourceStart = m.map[e.start];
      // An insertion has no source of its own: it is anchored, zero-width, where it was inserted.
      const sourceEnd = e.end > e.start ? m.ends[e.end - 1] : sourceStart;
      parts.push(e.replacement);
      map.fill(sourceStart, out, out + e.replacement.length);
      ends.fill(sourceEnd, out, out + e.replacement.length);
      out += e.replacement.length;
    }
    cursor = e.end;
  }
  keep(cursor, n);
  map[outLength] = m.map[n];
  ends[outLength] = m.ends[n];
  return { text: parts.join(""), map, ends };
}

/**
 * The original range a cleaned range `[start, end)` came from: from the source of its first char to
 * the end of the source of its last char, so removed junk around the range is never included.
 * An empty range gives an empty span at the original position of `start`.
 */
export function toOriginalSpan(m: MappedText, start: number, end: number): Span {
  const n = m.text.length;
  if (!(start >= 0 && end >= start && end <= n)) {
    throw new UsageError(`toOriginalSpan: range [${start}, ${end}) is outside the text (length ${n})`);
  }
  if (start === end) return { start: m.map[start], end: m.map[start] };
  return { start: m.map[start], end: m.ends[end - 1] };
}
