/**
 * Bytes → text. Order of evidence, strongest first (as browsers do, WHATWG Encoding):
 * 1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
 * 2. for HTML, the charset a `<meta charset>` or `<meta http-equiv="Content-Type">` declares;
 * 3. valid UTF-8;
 * 4. chardet's guess, decoded by iconv-lite; Windows-1252 when the guess is unusable;
 * 5. when that is Windows-1252 (or Latin-1), Mac Roman instead if its letters read clearly better
 *    (chardet knows no Mac Roman: "CafŽ" for "Café"), with a warning either way when unsure.
 * Latin-1 files therefore decode instead of failing. Binary files and empty files are refused.
 */
import chardet from "chardet";
import iconv from "iconv-lite";
import { InputError } from "../model/errors.ts";
import { SNIFF_BYTES } from "./limits.ts";

/**
 * Share of control bytes (other than tab, newline, vertical tab, form feed and carriage return) in the
 * first 8 KB above which a file is taken as binary: 10 %. Text in any 8-bit or multi-byte charset has
 * almost none; images, archives and executables have many (and usually NULs, which are refused outright).
 */
export const MAX_CONTROL_BYTE_RATIO = 0.1;

/** How far into an HTML file a `<meta charset>` is looked for (HTML's prescan reads 1024 bytes; be lenient). */
const META_PRESCAN_BYTES = 4096;

/** Encoding used when the bytes are not UTF-8 and detection gives nothing usable: browsers' default. */
const FALLBACK_ENCODING = "windows-1252";

/**
 * Labels browsers decode as Windows-1252 (WHATWG Encoding): ISO-8859-1 and ASCII pages are in practice
 * Windows-1252, and decoding them as true ISO-8859-1 would turn curly quotes into C1 control characters.
 */
const WINDOWS_1252_LABELS = new Set([
  "ascii",
  "us-ascii",
  "iso-8859-1",
  "iso8859-1",
  "iso_8859-1",
  "latin1",
  "l1",
  "cp1252",
  "cp819",
  "ibm819",
  "x-cp1252",
]);

const UTF8_LABELS = new Set(["utf-8", "utf8", "unicode-1-1-utf-8"]);

/** Charsets that cannot be declared by a `<meta>` (the prescan only works on ASCII-compatible bytes). */
const UTF16_LABEL = /^utf-?(16|32)/;

const META_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.()+-]+)/i;

/** Options of {@link decodeBytes}. */
export interface DecodeOptions {
  /** Honour an HTML `<meta charset>`. Default: when the first non-blank byte is "<". */
  html?: boolean;
  /** Where a warning about a guessed encoding goes (see {@link decodeBytes}); none by default. */
  warnings?: string[];
}

const utf8Decoder = (): TextDecoder => new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decoded text when the bytes are valid UTF-8, else `undefined`. */
export function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decoder().decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** The encoding and length of a byte order mark, if the bytes start with one. */
function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: "utf-8", length: 3 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { encoding: "utf-32le", length: 4 };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { encoding: "utf-32be", length: 4 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/**
 * UTF-16 without a BOM, recognised when (nearly) every other byte is NUL, as in mostly-ASCII text saved
 * by Windows tools. Binary files have NULs at both positions.
 */
function sniffUtf16(sample: Uint8Array): string | undefined {
  if (sample.length < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = Math.floor(sample.length / 2);
  if (oddNul >= pairs * 0.9 && evenNul === 0) return "utf-16le";
  if (evenNul >= pairs * 0.9 && oddNul === 0) return "utf-16be";
  return undefined;
}

function isControlByte(byte: number): boolean {
  return (
    (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d) ||
    byte === 0x7f
  );
}

/** NUL bytes, or many control bytes, in the sample. */
function looksBinary(sample: Uint8Array): boolean {
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (isControlByte(byte)) controls++;
  }
  return sample.length > 0 && controls / sample.length > MAX_CONTROL_BYTE_RATIO;
}

/**
 * Whether the bytes look like a binary file rather than text, by the test {@link decodeBytes} applies
 * (a BOM or BOM-less UTF-16 is text; NULs or many control bytes in the first 8 KB are binary).
 */
export function isProbablyBinary(bytes: Uint8Array): boolean {
  if (byteOrderMark(bytes)) return false;
  const sample = bytes.subarray(0, SNIFF_BYTES);
  return !sniffUtf16(sample) && looksBinary(sample);
}

/** Whether the first non-blank byte is "<". */
export function startsWithAngleBracket(bytes: Uint8Array): boolean {
  for (const byte of bytes.subarray(0, SNIFF_BYTES)) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x0c) continue;
    if (byte === 0xef || byte === 0xbb || byte === 0xbf) continue; // a UTF-8 BOM
    return byte === 0x3c;
  }
  return false;
}

/** The iconv-lite name for a charset label, or `undefined` when it is unknown. */
function encodingForLabel(label: string): string | undefined {
  const name = label.trim().toLowerCase();
  if (UTF8_LABELS.has(name)) return "utf-8";
  if (WINDOWS_1252_LABELS.has(name)) return "windows-1252";
  return iconv.encodingExists(name) ? name : undefined;
}

/** The charset an HTML `<meta>` declares in the first bytes, as an iconv-lite name. */
function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, META_PRESCAN_BYTES));
  const match = META_CHARSET.exec(head.toString("latin1"));
  if (!match) return undefined;
  // HTML: a page that could be parsed for its <meta> is ASCII-compatible, so a UTF-16 label means UTF-8.
  if (UTF16_LABEL.test(match[1].toLowerCase())) return "utf-8";
  return encodingForLabel(match[1]);
}

/** chardet's guess as an iconv-lite name; Windows-1252 when the guess cannot be used. */
function detectedEncoding(bytes: Uint8Array): string {
  const guess = chardet.detect(bytes);
  if (!guess) return FALLBACK_ENCODING;
  const name = encodingForLabel(guess);
  // The bytes are not valid UTF-8 (we would not be here), so a UTF-8 guess is wrong.
  if (!name || name === "utf-8") return FALLBACK_ENCODING;
  return name;
}

/**
 * Mac Roman or Windows-1252? Both map bytes 0x80–0xFF to Western letters and punctuation, at different
 * places: Mac Roman's é (0x8E) is Windows-1252's Ž, its “ ” (0xD2 0xD3) are Ò Ó, its ’ (0xD5) is Õ, and
 * Windows-1252's é (0xE9) is Mac Roman's È. Each decoding is scored by how its words read: common accented
 * letters between letters, in a consistent case ("été", not "ŽtŽ" or "dÈclarÈ"), quotes and dashes at
 * word edges, apostrophes inside words score; symbols inside words ("j‡", "N˙ez"), undefined bytes and
 * mixed case cost. Only words holding a byte over 0x7F are scored; the rest read the same either way.
 */
const COMMON_LETTERS = new Set([..."àâäáãåæçéèêëíóôöõøœúùûüñßÀÂÄÁÃÅÆÇÉÈÊËÍÓÔÖÕØŒÚÙÛÜÑ"]);
/** Letters that exist but are rare in Western text (or only ligatures): no evidence either way. */
const RARE_LETTERS = new Set([..."ŽžŠšŸƒﬁﬂıªº"]);
const EDGE_PUNCTUATION = new Set([..."“”‘’„‚«»‹›–—…¡¿·•"]);
const SYMBOLS = new Set([..."€£¥¢°‰§¶©®™±×÷½¼¾¹²³†‡"]);
const APOSTROPHES = new Set(["’", "'"]);

/** How much clearer one decoding must read than the other to be chosen without a doubt. */
const ENCODING_MARGIN = 2;

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const isHigh = (c: string): boolean => c.charCodeAt(0) > 0x7f;

/** A non-letter, non-digit character's score: as punctuation at a word's edge, or inside a word. */
function markScore(c: string, nextToDigit: boolean, inside: boolean): number {
  if (!isHigh(c)) return 0;
  if (c === "\uFFFD" || (c >= "\u0080" && c <= "\u009F")) return -5; // undefined in the encoding
  if (EDGE_PUNCTUATION.has(c)) return inside ? -2 : 2;
  if (SYMBOLS.has(c)) return nextToDigit ? 1 : inside ? -2 : 0;
  return inside ? -3 : -2; // √ ∆ ◊ ˙ ¨ …: not what prose is made of
}

function letterWeight(c: string): number {
  if (COMMON_LETTERS.has(c)) return 2;
  if (RARE_LETTERS.has(c)) return 0;
  return /\p{Script=Latin}/u.test(c) ? 1 : -1;
}

/** Lower case, Capitalised or UPPER CASE: how real words are written. */
function consistentCase(letters: string[]): boolean {
  const upper = letters.map((c) => c !== c.toLowerCase() && c === c.toUpperCase());
  const lower = letters.map((c) => c !== c.toUpperCase());
  if (upper.every((u, i) => !u || (i === 0 && !lower[i]))) return true; // lower, or Capitalised
  return lower.every((l) => !l); // UPPER CASE (letters without case count as either)
}

/** How plausible one whitespace-delimited word is as prose; see {@link COMMON_LETTERS}'s comment. */
function wordScore(word: string): number {
  const chars = [...word];
  let start = 0;
  let end = chars.length;
  const core = (c: string) => isLetter(c) || isDigit(c);
  while (start < end && !core(chars[start])) start++;
  while (end > start && !core(chars[end - 1])) end--;
  const digitNear = (i: number) => isDigit(chars[i - 1] ?? "") || isDigit(chars[i + 1] ?? "");
  let score = 0;
  for (let i = 0; i < chars.length; i++)
    if (i < start || i >= end) score += markScore(chars[i], digitNear(i), false);
  if (start === end) return score;
  let plausible = true;
  let letters = 0;
  const segments: string[][] = [[]];
  for (let i = start; i < end; i++) {
    const c = chars[i];
    if (isLetter(c)) {
      segments[segments.length - 1].push(c);
      continue;
    }
    segments.push([]);
    if (isDigit(c) || !isHigh(c)) continue;
    const between = isLetter(chars[i - 1]) && isLetter(chars[i + 1]);
    if (APOSTROPHES.has(c) && between)
      score += 3; // don’t, l’école
    else {
      const mark = markScore(c, digitNear(i), true);
      if (mark < 0) plausible = false;
      score += mark;
    }
  }
  if (!segments.every((letters) => consistentCase(letters))) return score - 3;
  if (!plausible) return score;
  for (let i = start; i < end; i++) {
    const c = chars[i];
    if (!isLetter(c)) continue;
    letters++;
    if (!isHigh(c)) continue;
    const withLetters = isLetter(chars[i - 1] ?? "") || isLetter(chars[i + 1] ?? "");
    score += withLetters ? letterWeight(c) : 0;
  }
  // A lone accented letter ("à", "ó") is weak evidence: it is also what a stray dash or quote becomes.
  if (letters === 1 && isHigh(chars[start])) score += letterWeight(chars[start]) > 0 ? 0.5 : 0;
  return score;
}

/**
 * How much better `mac` reads than `windows` (the same bytes, one character per byte in both), over
 * the words whose two readings differ, and how many such words there are.
 */
function compareReadings(windows: string, mac: string): { difference: number; words: number } {
  let difference = 0;
  let words = 0;
  const whitespace = /[\t\n\v\f\r ]+/g; // ASCII: the same in both readings
  let start = 0;
  const score = (text: string) => text.split(/\s+/u).reduce((sum, word) => sum + wordScore(word), 0);
  const compare = (end: number) => {
    const a = windows.slice(start, end);
    const b = mac.slice(start, end);
    if (a !== b) {
      words++;
      difference += score(b) - score(a);
    }
  };
  for (let match = whitespace.exec(windows); match; match = whitespace.exec(windows)) {
    compare(match.index);
    start = match.index + match[0].length;
  }
  compare(windows.length);
  return { difference, words };
}

/** A legacy decoding: the text, and a warning when the encoding is a guess worth telling about. */
interface Legacy {
  text: string;
  warning?: string;
}

/**
 * chardet's guesses for Mac Roman bytes (it has no Mac Roman model): the single-byte Latin encodings.
 * For these the Mac Roman reading is compared with the guess.
 */
const LATIN_GUESSES = new Set([
  "windows-1250",
  "windows-1252",
  "windows-1254",
  "windows-1257",
  "windows-1258",
  "iso-8859-2",
  "iso-8859-9",
  "iso-8859-13",
  "iso-8859-15",
]);

/** "windows-1252" → "Windows-1252", "iso-8859-2" → "ISO-8859-2", for messages. */
const displayName = (encoding: string): string =>
  encoding.replace(/^windows/, "Windows").replace(/^iso/, "ISO");

/**
 * Bytes that are not UTF-8 and that detection takes for a Latin single-byte encoding (`guess`): Mac
 * Roman when its reading is clearly better (with a warning, as it is a guess), else the guess, with a
 * warning when Mac Roman read about as well (the accents may be wrong).
 */
function westernDecoding(bytes: Uint8Array, input: string, guess: string): Legacy {
  const windows = decodeWith(bytes, guess);
  const mac = decodeWith(bytes, "macintosh");
  // One character per byte in both (checked, in case a decoder ever differs), so words line up.
  if (windows.length !== mac.length) return { text: windows };
  const { difference, words } = compareReadings(windows, mac);
  if (words === 0) return { text: windows };
  if (difference >= ENCODING_MARGIN)
    return {
      text: mac,
      warning: `${input}: not UTF-8; read as Mac Roman (its accented letters fit better than ${displayName(guess)}'s)`,
    };
  if (difference > -ENCODING_MARGIN)
    return {
      text: windows,
      warning: `${input}: not UTF-8; decoded as ${displayName(guess)} (if accents look wrong, the file may be Mac Roman)`,
    };
  return { text: windows };
}

/** Pick the encoding, from the strongest evidence down (see the module comment). */
function decodeText(bytes: Uint8Array, html: boolean, input: string): Legacy {
  const bom = byteOrderMark(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.encoding) };
  const sample = bytes.subarray(0, SNIFF_BYTES);
  const utf16 = sniffUtf16(sample);
  if (utf16) return { text: decodeWith(bytes, utf16) };
  if (looksBinary(sample)) throw new InputError(input, "looks like a binary file, not text");
  const declared = html ? declaredHtmlCharset(bytes) : undefined;
  // A page that declares UTF-8 but is not (a common mistake) falls through to detection.
  if (declared && declared !== "utf-8") return { text: decodeWith(bytes, declared) };
  const utf8 = tryUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8 };
  const detected = detectedEncoding(bytes);
  // chardet knows no Mac Roman and calls it Windows-1252, -1250 or -1254: tell them apart here.
  return LATIN_GUESSES.has(detected)
    ? westernDecoding(bytes, input, detected)
    : { text: decodeWith(bytes, detected) };
}

/**
 * Decode a file's bytes to text (see the module comment for how the encoding is chosen).
 * Line endings become "\n" and a leading U+FEFF is dropped; nothing else is changed.
 * A guessed encoding worth telling about (Mac Roman, or Windows-1252 that may be Mac Roman) adds a
 * line "input: …" to `options.warnings`.
 * Throws InputError `input: is empty` (no bytes, or only whitespace) and
 * `input: looks like a binary file, not text`.
 */
export function decodeBytes(bytes: Uint8Array, input: string, options: DecodeOptions = {}): string {
  if (bytes.byteLength === 0) throw new InputError(input, "is empty");
  const html = options.html ?? startsWithAngleBracket(bytes);
  const decoded = decodeText(bytes, html, input);
  if (decoded.warning) options.warnings?.push(decoded.warning);
  const text = decoded.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (text.trim() === "") throw new InputError(input, "is empty");
  return text;
}
