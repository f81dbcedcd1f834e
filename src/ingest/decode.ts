/**
 * Bytes → text. Order of evidence, strongest first (as browsers do, WHATWG Encoding):
 * 1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
 * 2. for HTML, the charset a `<meta charset>` or `<meta http-equiv="Content-Type">` declares;
 * 3. valid UTF-8;
 * 4. chardet's guess, decoded by iconv-lite; Windows-1252 when the guess is unusable.
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

/** Pick the encoding, from the strongest evidence down (see the module comment). */
function decodeText(bytes: Uint8Array, html: boolean, input: string): string {
  const bom = byteOrderMark(bytes);
  if (bom) return decodeWith(bytes.subarray(bom.length), bom.encoding);
  const sample = bytes.subarray(0, SNIFF_BYTES);
  const utf16 = sniffUtf16(sample);
  if (utf16) return decodeWith(bytes, utf16);
  if (looksBinary(sample)) throw new InputError(input, "looks like a binary file, not text");
  const declared = html ? declaredHtmlCharset(bytes) : undefined;
  // A page that declares UTF-8 but is not (a common mistake) falls through to detection.
  if (declared && declared !== "utf-8") return decodeWith(bytes, declared);
  return tryUtf8(bytes) ?? decodeWith(bytes, detectedEncoding(bytes));
}

/**
 * Decode a file's bytes to text (see the module comment for how the encoding is chosen).
 * Line endings become "\n" and a leading U+FEFF is dropped; nothing else is changed.
 * Throws InputError `input: is empty` (no bytes, or only whitespace) and
 * `input: looks like a binary file, not text`.
 */
export function decodeBytes(bytes: Uint8Array, input: string, options: DecodeOptions = {}): string {
  if (bytes.byteLength === 0) throw new InputError(input, "is empty");
  const html = options.html ?? startsWithAngleBracket(bytes);
  const text = decodeText(bytes, html, input)
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n");
  if (text.trim() === "") throw new InputError(input, "is empty");
  return text;
}
