/**
 * Mojibake repair: UTF-8 bytes that were decoded with a single-byte charset ("Ant√≥nio" from Mac
 * Roman, "donâ€™t" / "Ã©" from Windows-1252 or Latin-1) are turned back into what was written, by
 * round trip: encode the suspicious run in the wrong charset with iconv-lite, decode the bytes as UTF-8.
 *
 * A run is a maximal stretch of non-ASCII chars (mojibake of UTF-8 is always non-ASCII). It is repaired
 * only when the round trip is valid UTF-8 and more plausible than what is there:
 * - every char left undecoded in the run is a non-letter (so "CORAÇÃ”" stays: "Ç" would be left over);
 * - every decoded char is a letter, digit, punctuation, symbol or space (no controls, combining marks);
 * - a lone 2-byte sequence that decodes to a letter needs an ASCII letter right beside the run
 *   ("Jos√©" yes, "√π ≈ 1.77" and "2√π" no), because such pairs can be real text (math, quotes);
 *   3- and 4-byte sequences ("â€™") and runs of several sequences are distinctive enough alone.
 * Real "Ã" in Portuguese, "√" in math and "â" in French are followed by ASCII or by nothing that
 * forms a UTF-8 sequence, so they are never touched.
 */
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import type { Edit } from "./mapped.ts";

/** Wrong charsets tried, most common first: Windows-1252 (and Latin-1) mojibake dominates on the web. */
export const MOJIBAKE_CHARSETS = ["windows1252", "macintosh"] as const;
export type MojibakeCharset = (typeof MOJIBAKE_CHARSETS)[number];

/** Rounds of repair: two undo text that was mis-decoded twice ("Ã¢â‚¬â„¢" → "â€™" → "’"). */
export const MAX_REPAIR_ROUNDS = 2;

const HIGH_BYTES_START = 0x80;
const BYTE_LIMIT = 0x100;
/** C1 controls: a Latin-1 reading (or a lenient Windows-1252 one) leaves bytes 0x80–0x9F as these code points. */
const C1_START = 0x80;
const C1_END = 0x9f;

/** For each charset, the byte each of its high chars stands for (built once from iconv-lite, never changed). */
const HIGH_CHAR_BYTES: ReadonlyMap<MojibakeCharset, ReadonlyMap<string, number>> = new Map(
  MOJIBAKE_CHARSETS.map((charset) => {
    const table = new Map<string, number>();
    for (let b = HIGH_BYTES_START; b < BYTE_LIMIT; b++) {
      const ch = iconv.decode(Buffer.from([b]), charset);
      if (ch.length === 1 && ch !== "\uFFFD") table.set(ch, b);
    }
    if (charset === "windows1252") {
      for (let c = C1_START; c <= C1_END; c++) {
        const ch = String.fromCharCode(c);
        if (!table.has(ch)) table.set(ch, c);
      }
    }
    return [charset, table] as const;
  }),
);

/** Every UTF-16 unit above ASCII: mojibake of UTF-8 never contains an ASCII char. */
const NON_ASCII_RUN = /[\u0080-\uFFFF]+/g;
const LETTER = /\p{L}/u;
const ASCII_LETTER = /[A-Za-z]/;
/** What a repaired char may be: anything readable, nothing invisible or combining. */
const PLAUSIBLE_CHAR = /^[\p{L}\p{N}\p{P}\p{S}\p{Zs}]$/u;

/** One decoded UTF-8 sequence inside a run: run-relative char range and its text. */
interface Repair {
  start: number;
  end: number;
  text: string;
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 if it is not a lead byte. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function isContinuation(b: number): boolean {
  return b >= 0x80 && b <= 0xbf;
}

/** Bytes of `run` in `charset` (iconv-lite), or undefined where a char has no byte there. */
function encodeRun(run: string, charset: MojibakeCharset): Array<number | undefined> {
  const table = HIGH_CHAR_BYTES.get(charset)!;
  const out: Array<number | undefined> = [];
  let segment = "";
  const flush = (): void => {
    if (segment.length === 0) return;
    const bytes = iconv.encode(segment, charset);
    // Single-byte charset: byte i is char i; iconv-lite writes "?" for C1 controls, so take those from the table.
    for (let i = 0; i < segment.length; i++) {
      out.push(bytes[i] === 0x3f ? table.get(segment[i]) : bytes[i]);
    }
    segment = "";
  };
  for (const ch of run) {
    if (ch.length === 1 && table.has(ch)) segment += ch;
    else {
      flush();
      for (let i = 0; i < ch.length; i++) out.push(undefined);
    }
  }
  flush();
  return out;
}

/** Decode the UTF-8 sequences hidden in a run; undefined if the run does not look like mojibake in `charset`. */
function repairsIn(run: string, charset: MojibakeCharset): Repair[] | undefined {
  const bytes = encodeRun(run, charset);
  const repairs: Repair[] = [];
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    const length = lead === undefined ? 0 : sequenceLength(lead);
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) {
      const b = bytes[i + k];
      ok = b !== undefined && isContinuation(b);
    }
    if (ok) {
      const buffer = Buffer.from(bytes.slice(i, i + length) as number[]);
      // isUtf8 rejects overlong forms and surrogates that the byte-shape check lets through.
      const text = isUtf8(buffer) ? buffer.toString("utf8") : "";
      if (text.length > 0 && [...text].every((c) => PLAUSIBLE_CHAR.test(c))) {
        repairs.push({ start: i, end: i + length, text });
        i += length;
        continue;
      }
    }
    // A char that is not part of a sequence must be one that real text could have next to mojibake.
    if (LETTER.test(run[i])) return undefined;
    i++;
  }
  return repairs.length > 0 ? repairs : undefined;
}

/** Guard for the one ambiguous shape: a single 2-char sequence that decodes to a letter. */
function plausibleInContext(text: string, runStart: number, runEnd: number, repairs: Repair[]): boolean {
  if (repairs.length > 1) return true;
  const only = repairs[0];
  if (only.end - only.start > 2) return true;
  const decodedIsLetter = LETTER.test(only.text);
  const besideAsciiLetter =
    ASCII_LETTER.test(text[runStart - 1] ?? "") || ASCII_LETTER.test(text[runEnd] ?? "");
  if (decodedIsLetter) return besideAsciiLetter;
  // "√" before a symbol is more likely mathematics than mojibake; other non-letter results ("Â£", "Â ") are fine.
  return text[runStart + only.start] !== "√" || besideAsciiLetter;
}

/** Edits that repair one round of mojibake in `text` (each edit replaces one sequence by one char). */
export function encodingEdits(text: string): Edit[] {
  const edits: Edit[] = [];
  for (const match of text.matchAll(NON_ASCII_RUN)) {
    const runStart = match.index;
    const run = match[0];
    const runEnd = runStart + run.length;
    for (const charset of MOJIBAKE_CHARSETS) {
      const repairs = repairsIn(run, charset);
      if (repairs === undefined || !plausibleInContext(text, runStart, runEnd, repairs)) continue;
      for (const r of repairs) {
        edits.push({ start: runStart + r.start, end: runStart + r.end, replacement: r.text });
      }
      break;
    }
  }
  return edits;
}

/** `text` with mojibake repaired (all rounds); for callers that do not need offsets. */
export function repairMojibake(text: string): string {
  let current = text;
  for (let round = 0; round < MAX_REPAIR_ROUNDS; round++) {
    const edits = encodingEdits(current);
    if (edits.length === 0) break;
    let out = "";
    let cursor = 0;
    for (const e of edits) {
      out += current.slice(cursor, e.start) + e.replacement;
      cursor = e.end;
    }
    current = out + current.slice(cursor);
  }
  return current;
}
