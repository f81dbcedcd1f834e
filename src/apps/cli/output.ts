import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes a file all at once or not at all: lines go to a temporary file beside the target, which is
 * renamed over it only when everything is written. A crash leaves the old file (or none), never half of one.
 */
export async function writeAtomically(
  path: string,
  write: (line: (s: string) => Promise<void>) => Promise<void>,
): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(tmp, "w");
  try {
    await write(async (s) => {
      await handle.write(s);
    });
    await handle.sync();
    await handle.close();
    await rename(tmp, path);
  } catch (err) {
    await handle.close().catch(() => {});
    await rm(tmp, { force: true });
    throw err;
  }
}
