// Child of the SIGKILL test in pglite.test.ts: writes articles to a PGlite store in a loop (every fifth in a
// transaction with a story) and prints each id once its write is acknowledged, until it is killed.
import { createHash } from "node:crypto";
import { openPgliteStore } from "../../src/store/pglite.ts";

const [dataDir, prefix] = process.argv.slice(2);
if (!dataDir || !prefix) throw new Error("usage: crash-child.ts DATA_DIR PREFIX");
const store = await openPgliteStore({ dataDir });
process.stdout.write("open\n");
for (let i = 0; ; i++) {
  const text = `${prefix} article ${i}. ${"The ferry Aurelia caught fire in the mouth of Harlow Bay. ".repeat(20)}`;
  const article = {
    id: `${prefix}-${i}`,
    text,
    url: `https://crash.example/${prefix}/${i}`,
    contentHash: createHash("sha1").update(text).digest("hex"),
    ingestedAt: new Date().toISOString(),
    source: `Outlet ${i % 3}`,
  };
  if (i % 5 === 0) {
    await store.transaction(async (tx) => {
      await tx.putStory({
        id: `${prefix}-s${i}`,
        createdAt: article.ingestedAt,
        updatedAt: article.ingestedAt,
        archived: false,
      });
      await tx.putArticle({ ...article, storyId: `${prefix}-s${i}` });
    });
  } else {
    await store.putArticle(article);
  }
  process.stdout.write(`${article.id}\n`);
}
