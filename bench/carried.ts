// Sections of bench/RESULTS.md that other benchmarks write (bench/LOAD.md, bench/STARTUP.md, …): each
// stands after a marker naming its file and command, which `npm run bench` writes when it carries the
// file in and the benchmark itself looks for when it refreshes only its own section.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The marker before a carried section: `<!-- from bench/LOAD.md, written by npm run bench:load -->`. */
export const carriedMarker = (file: string, command: string): string =>
  `<!-- from bench/${file}, written by ${command} -->`;

/**
 * Replaces the section of `repo`/bench/RESULTS.md carried from `file` (from its marker to the next
 * carried section's) with `md`. A RESULTS.md without the marker gets the section appended when
 * `appendIfMissing`, else is left as it is; a missing RESULTS.md is left missing.
 */
export function mergeIntoResults(
  repo: string,
  file: string,
  command: string,
  md: string,
  appendIfMissing = false,
): void {
  const path = join(repo, "bench", "RESULTS.md");
  if (!existsSync(path)) return;
  const text = readFileSync(path, "utf8");
  const marker = carriedMarker(file, command);
  const at = text.indexOf(marker);
  if (at < 0) {
    if (appendIfMissing) writeFileSync(path, `${text.trimEnd()}\n\n${marker}\n${md.trim()}\n`);
    return;
  }
  const next = text.indexOf("<!-- from bench/", at + marker.length);
  const rest = next < 0 ? "" : `\n${text.slice(next)}`;
  writeFileSync(path, `${text.slice(0, at)}${marker}\n${md.trim()}\n${rest}`);
}
