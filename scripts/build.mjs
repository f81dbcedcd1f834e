// `npm run build` (also run by `npm ci` and `npm install`, as the `prepare` script): compiles the CLI and
// its worker threads to JavaScript in dist/, so `roundup` transpiles no TypeScript at run time.
//
// 1. One ESM bundle per entry (the CLI, and each module a worker thread starts), split into shared chunks
//    so a command loads only what it imports (`--help` loads neither PGlite nor linkedom).
// 2. Packages stay external: PGlite, the word vectors and the rest find their wasm, data and JSON files
//    next to themselves in node_modules, as they do unbuilt (one small exception: sbd, see below).
// 3. Every output file sits directly in dist/ (entries by name, chunks beside them), so a
//    `new URL("./x", import.meta.url)` in a source module can be rewritten to one path that holds from
//    whichever chunk the module lands in: a worker module to its built entry (`./worker.ts` → `./worker.js`,
//    which src/util/worker.ts starts without tsx), any other file to its place in the checkout.
// 4. dist/inputs.json records each input's modification time and size: bin/roundup.js runs dist/ only
//    while every input is unchanged, else the sources through tsx (a checkout being edited never runs
//    stale code).
// 5. A new PGlite data directory (initdb's output, nothing of ours) in dist/pglite-template/ (copied into a
//    new store's directory) and as a tarball (dist/pglite-template.tar.gz, for in-memory stores), with the
//    PGlite version that made them: a new store starts from it instead of running initdb
//    (src/store/pglite.ts). Kept from the previous build while the installed PGlite is the same.
// 6. Built in a scratch folder and swapped in, so a `roundup` starting meanwhile sees the old build or
//    none (then it runs the sources), never half of one.
import {
  copyFileSync,
  cpSync,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const repo = fileURLToPath(new URL("../", import.meta.url));
const DIST = join(repo, "dist");
/** Output name → source. The CLI, and every module started with `new Worker(...)`. */
const ENTRIES = {
  bin: "src/apps/bin.ts",
  worker: "src/summarize/worker.ts",
};
const entryOf = new Map(Object.entries(ENTRIES).map(([name, src]) => [resolve(repo, src), name]));

// `new URL("<relative path>", import.meta.url)` in our own sources (not input text: a build-time scan).
const URL_OF_MODULE = /new URL\(\s*"([^"\n]+)"\s*,\s*import\.meta\.url\s*\)/g;

/**
 * Step 2: every package external but sbd, which is bundled so that its `require("sanitize-html")` (an
 * HTML sanitizer it calls only with its `sanitize` option, which Roundup never passes, and which costs a
 * tenth of a second to load: postcss, htmlparser2) resolves to a stub that refuses to be called.
 * Our own modules are marked free of side effects (none runs anything on import that a caller does not
 * use), so a command's chunks import only the modules whose exports it reaches: `summarize` does not
 * load rss-parser through ingest/index.ts re-exporting the feed reader.
 */
const packages = {
  name: "packages",
  setup(build) {
    build.onResolve({ filter: /^sanitize-html$/ }, (args) =>
      args.importer.includes("/node_modules/sbd/") ? { path: "sanitize-html", namespace: "stub" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
      contents:
        'module.exports = () => { throw new Error("sbd: the sanitize option is not available in this build"); };',
      loader: "js",
    }));
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path === "sbd" || args.importer.includes("/node_modules/sbd/")) return undefined;
      return { path: args.path, external: true };
    });
    build.onResolve({ filter: /^\./ }, (args) =>
      args.importer.startsWith(join(repo, "src")) && !args.path.endsWith(".json")
        ? { path: resolve(dirname(args.importer), args.path), sideEffects: false }
        : undefined,
    );
  },
};

/** Step 3: rewrites module-relative URLs to hold from dist/. */
const moduleUrls = {
  name: "module-urls",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const errors = [];
      const contents = source.replace(URL_OF_MODULE, (whole, rel) => {
        const target = resolve(dirname(args.path), rel);
        if (target.endsWith(".ts")) {
          const entry = entryOf.get(target);
          if (entry) return `new URL("./${entry}.js", import.meta.url)`;
          errors.push({ text: `${rel} is started as a module but is not a build entry (scripts/build.mjs)` });
          return whole;
        }
        const fromDist = relative(DIST, target);
        return `new URL(${JSON.stringify(fromDist.startsWith("..") ? fromDist : `./${fromDist}`)}, import.meta.url)`;
      });
      return { contents, loader: "ts", errors };
    });
  },
};

const scratch = join(repo, "dist.tmp");
rmSync(scratch, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: repo,
  entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, src]) => [name, src])),
  outdir: scratch,
  entryNames: "[name]",
  chunkNames: "[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  metafile: true,
  logLevel: "warning",
  plugins: [packages, moduleUrls],
});

// Step 4: the inputs (sources, bundled JSON, this script) as they were when built.
const inputs = {};
const files = Object.keys(result.metafile.inputs).filter((f) => !/^[a-z]+:/.test(f)); // not the stub
for (const file of [...files, "scripts/build.mjs"].sort()) {
  const s = statSync(join(repo, file));
  inputs[file] = [s.mtimeMs, s.size];
}
writeFileSync(join(scratch, "inputs.json"), `${JSON.stringify({ inputs }, null, 1)}\n`);

// Step 5.
const pgliteVersion = JSON.parse(
  readFileSync(join(repo, "node_modules", "@electric-sql", "pglite", "package.json"), "utf8"),
).version;
const templateInfo = `${JSON.stringify({ pglite: pgliteVersion })}\n`;
const previous = join(DIST, "pglite-template");
const template = join(scratch, "pglite-template");
if (
  existsSync(`${previous}.tar.gz`) &&
  existsSync(join(previous, "PG_VERSION")) &&
  existsSync(`${previous}.json`) &&
  readFileSync(`${previous}.json`, "utf8") === templateInfo
) {
  copyFileSync(`${previous}.tar.gz`, `${template}.tar.gz`);
  cpSync(previous, template, { recursive: true });
} else {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create({ dataDir: template });
  const tarball = await db.dumpDataDir("gzip");
  await db.close();
  writeFileSync(`${template}.tar.gz`, Buffer.from(await tarball.arrayBuffer()));
}
writeFileSync(join(scratch, "pglite-template.json"), templateInfo);

// Step 6.
const old = join(repo, "dist.old");
rmSync(old, { recursive: true, force: true });
if (existsSync(DIST)) renameSync(DIST, old);
renameSync(scratch, DIST);
rmSync(old, { recursive: true, force: true });
const outputs = Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".js"));
process.stderr.write(
  `build: ${outputs.length} files in dist/ from ${Object.keys(inputs).length - 1} inputs\n`,
);
