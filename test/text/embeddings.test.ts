import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import {
  CACHE_VERSION,
  cosine,
  DEFAULT_VOCABULARY,
  defaultCacheDir,
  loadWordVectors,
  WORD_VECTORS_PACKAGE,
} from "../../src/text/embeddings.ts";

// Fictional words with made-up 4-dimensional vectors, most frequent first.
const FIXTURE: [string, number[]][] = [
  ["zorvane", [1, 0, 0, 0]],
  ["quillet", [0, 2, 0, 0]],
  ["brask", [0.1, 0.2, 0.3, 0.4]],
  ["mirellon", [-1, 0, 0, 0]],
  ["tuvik", [0.5, -0.25, 3.5, 1e-3]],
  ["ostrin", [0, 0, 0, 0]],
  ["velmora", [2.95153011, -0.30000000000000004, 123456789.0123456, -7.5e-8]],
];

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tempDir(): string {
  const root = mkdtempSync(join(tmpdir(), "roundup-embeddings-"));
  roots.push(root);
  return root;
}

/** The package's JSON format: header numbers, "words" in order, then "vectors" with norm and index appended. */
function fixtureJson(entries: [string, number[]][]): string {
  const dim = entries[0][1].length;
  const vectors = Object.fromEntries(entries.map(([word, v], i) => [word, [...v, Math.hypot(...v), i]]));
  return JSON.stringify({
    precision: 8,
    l2NormIndex: dim,
    wordIndex: dim + 1,
    size: entries.length,
    dimensions: dim,
    words: entries.map(([word]) => word),
    vectors,
    unkVector: [...new Array(dim).fill(0), -1],
  });
}

/** A temp dir with the fixture written as `source.json` and an empty `cache/` folder to use. */
function setup(json = fixtureJson(FIXTURE)): { source: string; cacheDir: string } {
  const root = tempDir();
  const source = join(root, "source.json");
  writeFileSync(source, json);
  return { source, cacheDir: join(root, "cache") };
}

function cacheFile(cacheDir: string): string {
  const files = readdirSync(cacheDir);
  assert.equal(files.length, 1, `one cache file in ${cacheDir}, found ${files.join(", ")}`);
  return join(cacheDir, files[0]);
}

async function assertFixtureVectors(options: { source: string; cacheDir: string }): Promise<void> {
  const vectors = await loadWordVectors(options);
  assert.equal(vectors.dim, 4);
  assert.equal(vectors.size, FIXTURE.length);
  FIXTURE.forEach(([word, v], i) => {
    assert.equal(vectors.index(word), i);
    assert.deepEqual([...vectors.vectorAt(i)], v.map(Math.fround));
  });
}

describe("loadWordVectors: the binary cache", () => {
  test("round-trips the source's words, order and vectors, and a second load reads the cache", async () => {
    const options = setup();
    await assertFixtureVectors(options);
    const path = cacheFile(options.cacheDir);
    const built = statSync(path);
    await assertFixtureVectors(options);
    const reread = statSync(path);
    assert.equal(reread.ino, built.ino, "the cache was not rewritten");
    assert.equal(reread.mtimeMs, built.mtimeMs);
    // Header, source identity, words table and matrix, each padded to 4 bytes.
    const bytes = readFileSync(path);
    assert.equal(bytes.toString("latin1", 0, 8), "RNDWVEC\0");
    assert.equal(bytes.readUInt32LE(8), CACHE_VERSION);
    assert.equal(bytes.readUInt32LE(12), 4);
    assert.equal(bytes.readUInt32LE(16), DEFAULT_VOCABULARY);
    assert.equal(bytes.readUInt32LE(20), FIXTURE.length);
    const matrixStart = bytes.length - FIXTURE.length * 4 * 4;
    assert.equal(matrixStart % 4, 0);
    assert.equal(bytes.readFloatLE(matrixStart + 4 * 4 * 4 + 2 * 4), Math.fround(3.5));
    const words = bytes
      .toString("utf8", 36 + ((bytes.readUInt32LE(24) + 3) & ~3))
      .slice(0, bytes.readUInt32LE(28));
    assert.equal(words, FIXTURE.map(([word]) => word).join("\n"));
  });

  test("keeps only the first `vocabulary` words, in a cache of their own", async () => {
    const options = setup();
    const three = await loadWordVectors({ ...options, vocabulary: 3 });
    assert.equal(three.size, 3);
    assert.equal(three.index("brask"), 2);
    assert.equal(three.index("mirellon"), -1);
    const all = await loadWordVectors({ ...options, vocabulary: 50 });
    assert.equal(all.size, FIXTURE.length);
    assert.equal(readdirSync(options.cacheDir).length, 2);
  });

  test("rebuilds the cache when its header does not match", async () => {
    for (const [field, offset] of [
      ["magic", 0],
      ["version", 8],
      ["dim", 12],
      ["vocabulary", 16],
      ["count", 20],
      ["source identity", 40],
    ] as const) {
      const options = setup();
      await loadWordVectors(options);
      const path = cacheFile(options.cacheDir);
      const bytes = readFileSync(path);
      const good = Buffer.from(bytes);
      bytes[offset] ^= 0x01;
      writeFileSync(path, bytes);
      const before = statSync(path).ino;
      await assertFixtureVectors(options);
      assert.notEqual(statSync(path).ino, before, `rebuilt after changing the ${field}`);
      assert.deepEqual(readFileSync(path), good, `rebuilt the same after changing the ${field}`);
    }
  });

  test("rebuilds the cache when the source changes", async () => {
    const options = setup();
    await loadWordVectors(options);
    const changed: [string, number[]][] = [
      ["zorvane", [9, 9, 9, 9]],
      ["quillet", [1, 1, 1, 1]],
    ];
    writeFileSync(options.source, fixtureJson(changed));
    const vectors = await loadWordVectors(options);
    assert.equal(vectors.size, 2);
    assert.deepEqual([...vectors.vectorAt(0)], [9, 9, 9, 9]);
    assert.equal(readdirSync(options.cacheDir).length, 1);
  });

  test("rebuilds a torn or corrupt cache file rather than trusting it", async () => {
    const options = setup();
    await loadWordVectors(options);
    const path = cacheFile(options.cacheDir);
    const good = readFileSync(path);

    truncateSync(path, good.length - 5);
    await assertFixtureVectors(options);
    assert.deepEqual(readFileSync(path), good);

    writeFileSync(path, good.subarray(0, 20));
    await assertFixtureVectors(options);
    assert.deepEqual(readFileSync(path), good);

    const flipped = Buffer.from(good);
    flipped[good.length - 3] ^= 0x40; // inside the last vector: only the checksum notices
    writeFileSync(path, flipped);
    await assertFixtureVectors(options);
    assert.deepEqual(readFileSync(path), good);

    writeFileSync(path, "");
    await assertFixtureVectors(options);
    assert.deepEqual(readFileSync(path), good);
  });

  test("writes atomically: concurrent builders leave one whole file and no temporary files", async () => {
    const options = setup();
    mkdirSync(options.cacheDir);
    writeFileSync(join(options.cacheDir, "leftover.wvec.123.abcd.tmp"), "a builder that crashed");
    const loads = await Promise.all([1, 2, 3, 4].map(() => loadWordVectors(options)));
    for (const vectors of loads) assert.deepEqual([...vectors.vectorAt(4)], FIXTURE[4][1].map(Math.fround));
    const files = readdirSync(options.cacheDir).filter((name) => !name.startsWith("leftover"));
    assert.equal(files.length, 1, `one file, found ${files.join(", ")}`);
    assert.match(files[0], /\.wvec$/);
    const ino = statSync(join(options.cacheDir, files[0])).ino;
    await assertFixtureVectors(options);
    assert.equal(statSync(join(options.cacheDir, files[0])).ino, ino, "the file left is a valid cache");
  });
});

describe("loadWordVectors: errors name the path and the problem", () => {
  test("a missing source", async () => {
    const root = tempDir();
    const source = join(root, "absent.json");
    await assert.rejects(loadWordVectors({ source, cacheDir: join(root, "cache") }), {
      name: "InputError",
      message: `${source}: cannot read word vectors (ENOENT)`,
    });
  });

  test("truncated or malformed JSON, and no cache is written", async () => {
    const json = fixtureJson(FIXTURE);
    const cases: [string, string][] = [
      [
        json.slice(0, json.indexOf('"vectors":{') + 11),
        `not valid word vectors at byte ${json.indexOf('"vectors":{') + 11}: the file ends before the JSON does (truncated?)`,
      ],
      [
        json.slice(0, json.indexOf("quillet") + 3),
        `not valid word vectors at byte ${json.indexOf("quillet") - 1}: the file ends inside a string (truncated?)`,
      ],
      [
        '{"dimensions":2,"words":["a"],"vectors":{"a":[1,x]}}',
        'not valid word vectors at byte 48: unexpected "x"',
      ],
      [
        '{"dimensions":2,"words":["a"],"vectors":{"a":[1,2]}} 3',
        'not valid word vectors at byte 53: unexpected "3" after the end',
      ],
      [
        '{"dimensions":2,"words":["a"],"vectors":{"a":[1,2],}}',
        'not valid word vectors at byte 51: unexpected "}"',
      ],
      ['{"dimensions":2,"words":["a","b"],"vectors":{"a":[1,2]}}', 'no vector for "b" (word 1)'],
      [
        '{"dimensions":2,"words":["a"],"vectors":{"a":[1]}}',
        'not valid word vectors at byte 47: the vector of "a" has 1 of 2 numbers',
      ],
      [
        '{"dimensions":2,"words":["a"],"vectors":{"a":[1,"2"]}}',
        'not valid word vectors at byte 48: the vector of "a" holds a non-number',
      ],
      [
        '{"dimensions":2,"vectors":{"a":[1,2]},"words":["a"]}',
        'not valid word vectors at byte 26: "words" must come before "vectors"',
      ],
      [
        '{"words":["a"],"vectors":{"a":[1,2]}}',
        'not valid word vectors at byte 25: "dimensions" must come before "vectors" and be a positive integer',
      ],
      ['{"dimensions":2,"words":["a"]}', 'no "vectors" object'],
      ["[1,2]", "not valid word vectors at byte 0: expected a JSON object"],
      ["", "not valid word vectors at byte 0: the file ends before the JSON does (truncated?)"],
    ];
    for (const [text, problem] of cases) {
      const options = setup(text);
      await assert.rejects(loadWordVectors(options), {
        name: "InputError",
        message: `${options.source}: ${problem}`,
      });
      assert.equal(existsSync(options.cacheDir), false, "no cache written");
    }
  });

  test("a cache that cannot be read or written", async () => {
    const options = setup();
    await loadWordVectors(options);
    const path = cacheFile(options.cacheDir);
    rmSync(path);
    mkdirSync(path);
    await assert.rejects(loadWordVectors(options), {
      name: "InputError",
      message: `${path}: cannot read the word-vector cache (EISDIR)`,
    });

    const cacheDir = join(options.source, "cache"); // under a file
    await assert.rejects(loadWordVectors({ source: options.source, cacheDir }), {
      name: "InputError",
      message: `${cacheDir}: cannot write the word-vector cache (ENOTDIR); set ROUNDUP_CACHE_DIR to a writable directory`,
    });
  });

  test("a bad vocabulary", async () => {
    for (const vocabulary of [0, -5, 2.5, Number.NaN]) {
      await assert.rejects(loadWordVectors({ ...setup(), vocabulary }), {
        name: "UsageError",
        message: `loadWordVectors: vocabulary must be a positive integer, got ${vocabulary}`,
      });
    }
  });
});

describe("WordVectors", () => {
  const load = () => loadWordVectors(setup());

  test("index looks words up lower-cased; unknown words are -1", async () => {
    const vectors = await load();
    assert.equal(vectors.index("Zorvane"), 0);
    assert.equal(vectors.index("QUILLET"), 1);
    assert.equal(vectors.index("harlow"), -1);
    assert.equal(vectors.index(""), -1);
  });

  test("vectorAt is a view into one matrix, and checks its row", async () => {
    const vectors = await load();
    assert.equal(vectors.vectorAt(0).buffer, vectors.vectorAt(6).buffer);
    assert.equal(vectors.vectorAt(2).length, 4);
    assert.throws(() => vectors.vectorAt(7), {
      name: "UsageError",
      message: "vectorAt: row 7 is not in 0..6",
    });
    assert.throws(() => vectors.vectorAt(1.5), {
      name: "UsageError",
      message: "vectorAt: row 1.5 is not in 0..6",
    });
  });

  test("average is the weighted mean of known words, L2-normalised", async () => {
    const vectors = await load();
    const close = (actual: Float32Array | undefined, expected: number[]) => {
      assert.ok(actual);
      assert.equal(actual.length, expected.length);
      for (const [d, x] of expected.entries()) {
        assert.ok(Math.abs(actual[d] - x) < 1e-6, `${[...actual]} ≈ ${expected}`);
      }
    };
    // zorvane [1,0,0,0] and quillet [0,2,0,0]: mean [0.5,1,0,0], unit length [1,2,0,0]/√5.
    close(vectors.average(["zorvane", "quillet"]), [1 / Math.sqrt(5), 2 / Math.sqrt(5), 0, 0]);
    // Weights 4 and 1: [4,2,0,0]/√20.
    close(vectors.average(["zorvane", "quillet"], [4, 1]), [4 / Math.sqrt(20), 2 / Math.sqrt(20), 0, 0]);
    // Unknown words and their weights are skipped; case does not matter.
    close(vectors.average(["Zorvane", "harlow", "quillet"], [4, 100, 1]), [
      4 / Math.sqrt(20),
      2 / Math.sqrt(20),
      0,
      0,
    ]);
    close(
      vectors.average(["tuvik"]),
      FIXTURE[4][1].map((x) => Math.fround(x) / Math.hypot(...FIXTURE[4][1])),
    );
    const mean = vectors.average(["brask", "tuvik", "zorvane"], [0.5, 2, 1]);
    assert.ok(mean && Math.abs(Math.hypot(...mean) - 1) < 1e-6);
  });

  test("average is undefined when no known word counts", async () => {
    const vectors = await load();
    assert.equal(vectors.average([]), undefined);
    assert.equal(vectors.average(["harlow", "bay"]), undefined);
    assert.equal(vectors.average(["zorvane", "quillet"], [0, 0]), undefined);
    assert.equal(vectors.average(["ostrin"]), undefined); // the zero vector
    assert.equal(vectors.average(["zorvane", "mirellon"]), undefined); // cancel out
  });

  test("average checks its weights", async () => {
    const vectors = await load();
    assert.throws(() => vectors.average(["zorvane"], [1, 2]), {
      name: "UsageError",
      message: "average: 2 weights for 1 words",
    });
    assert.throws(() => vectors.average(["zorvane", "quillet"], [1, -1]), {
      name: "UsageError",
      message: 'average: weight -1 of "quillet" is not a finite number ≥ 0',
    });
    assert.throws(() => vectors.average(["harlow"], [Number.NaN]), {
      name: "UsageError",
      message: 'average: weight NaN of "harlow" is not a finite number ≥ 0',
    });
  });
});

test("cosine", () => {
  const v = (...xs: number[]) => Float32Array.from(xs);
  assert.equal(cosine(v(1, 2, 3), v(2, 4, 6)), 1);
  assert.equal(cosine(v(1, 0), v(0, 3)), 0);
  assert.equal(cosine(v(1, 1), v(-2, -2)), -1);
  assert.ok(Math.abs(cosine(v(1, 0), v(1, 1)) - Math.SQRT1_2) < 1e-12);
  assert.equal(cosine(v(0, 0), v(1, 1)), 0);
  assert.throws(() => cosine(v(1), v(1, 2)), {
    name: "UsageError",
    message: "cosine: vectors of 1 and 2 dimensions",
  });
});

test("defaultCacheDir: ROUNDUP_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache", () => {
  assert.equal(defaultCacheDir({ ROUNDUP_CACHE_DIR: "/var/cache/r", XDG_CACHE_HOME: "/x" }), "/var/cache/r");
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: "/x" }), "/x/roundup");
  assert.match(defaultCacheDir({}), /[/\\]\.cache[/\\]roundup$/);
});

test("the package's GloVe vectors: similar words are closer, and the cache loads fast", async (t) => {
  try {
    createRequire(import.meta.url).resolve(`${WORD_VECTORS_PACKAGE}/package.json`);
  } catch {
    t.skip(`${WORD_VECTORS_PACKAGE} is not installed (npm install): skipping the real vectors`);
    return;
  }
  let start = performance.now();
  await loadWordVectors(); // builds the cache in defaultCacheDir() if it is not there yet
  t.diagnostic(`first load (may build the cache): ${Math.round(performance.now() - start)} ms`);
  start = performance.now();
  const vectors = await loadWordVectors();
  const ms = performance.now() - start;
  t.diagnostic(`load from the cache in ${defaultCacheDir()}: ${Math.round(ms)} ms`);
  assert.ok(ms < 5000, `loading the cache took ${ms} ms`);

  assert.equal(vectors.dim, 100);
  assert.equal(vectors.size, DEFAULT_VOCABULARY);
  assert.equal(vectors.index("the"), 0);
  const of = (word: string) => {
    const i = vectors.index(word);
    assert.ok(i >= 0, `"${word}" is known`);
    return vectors.vectorAt(i);
  };
  assert.ok(cosine(of("king"), of("queen")) > cosine(of("king"), of("carrot")));
  assert.ok(cosine(of("ferry"), of("boat")) > cosine(of("ferry"), of("senator")));
  const fire = vectors.average(["fire", "ferry", "passengers"]);
  const election = vectors.average(["election", "vote", "senator"]);
  const blaze = vectors.average(["blaze", "boat", "rescued"]);
  assert.ok(fire && election && blaze);
  assert.ok(cosine(fire, blaze) > cosine(fire, election));
});
