// Whether dist/ (`npm run build`) is the build of the checkout as it is now: dist/inputs.json lists every
// file the build read with its modification time and size, and each must still match (one stat call a
// file). Used by roundup.js to choose between dist/ and the sources, and by the test of the build.
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));

/** True when dist/ exists and no file it was built from has changed since. */
export function builtIsFresh() {
  try {
    const { inputs } = JSON.parse(readFileSync(`${root}dist/inputs.json`, "utf8"));
    for (const [file, [mtimeMs, size]] of Object.entries(inputs)) {
      const s = statSync(`${root}${file}`);
      if (s.mtimeMs !== mtimeMs || s.size !== size) return false;
    }
    return true;
  } catch {
    return false;
  }
}
