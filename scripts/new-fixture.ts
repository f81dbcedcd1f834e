// Creates a golden fixture: copies input articles into test/fixtures/<slug>/input/ and records the
// current roundup as expected.json. Review expected.json by reading it before committing.
// Usage: npm run fixture:new -- SLUG FILE... [--words N]
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { readArticles } from "../src/ingest/index.ts";
import { formatJson } from "../src/summarize/format.ts";
import { summarize } from "../src/summarize/index.ts";

const args = process.argv.slice(2);
const wordsAt = args.indexOf("--words");
const words = wordsAt >= 0 ? Number(args.splice(wordsAt, 2)[1]) : 150;
const [slug, ...files] = args;
if (!slug || files.length === 0 || !/^[a-z0-9-]+$/.test(slug)) {
  process.stderr.write(
    "usage: npm run fixture:new -- SLUG FILE... [--words N]  (slug: lower-case letters, digits, -)\n",
  );
  process.exit(2);
}
const dir = join("test", "fixtures", slug);
await mkdir(join(dir, "input"), { recursive: true });
for (const f of files) await copyFile(f, join(dir, "input", basename(f)));
await writeFile(join(dir, "options.json"), `${JSON.stringify({ words }, null, 2)}\n`);
const { articles } = await readArticles([join(dir, "input")]);
await writeFile(join(dir, "expected.json"), formatJson(summarize(articles, { words })));
process.stdout.write(`wrote ${dir}/expected.json (${articles.length} articles, ${words} words)\n`);
