/**
 * The file system and stdin: the only I/O of ingest. Sizes are checked before reading; fs errors
 * become InputErrors that name the path in plain words.
 */
import type { Dirent, Stats } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../model/errors.ts";
import { type Format, formatOfPath } from "./formats.ts";
import { formatLimit, tooLargeProblem } from "./limits.ts";

/** The input name that means standard input. */
export const STDIN = "-";

/** How standard input is named in origins and messages. */
export const STDIN_ORIGIN = "stdin";

/** fs error codes and the problem each is reported as. */
const FS_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  ENOTDIR: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ELOOP: "has too many levels of symbolic links",
  EISDIR: "is a directory",
};

/** An fs error as an InputError about `path`. */
export function fsError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const problem = (code && FS_PROBLEMS[code]) ?? `could not be read (${code ?? String(error)})`;
  return new InputError(path, problem);
}

async function statPath(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    throw fsError(path, error);
  }
}

/** Whether a path is a directory (else a regular file). Throws InputError for anything else. */
export async function isDirectory(path: string): Promise<boolean> {
  const stats = await statPath(path);
  if (stats.isDirectory()) return true;
  if (stats.isFile()) return false;
  throw new InputError(path, "is not a regular file or a directory");
}

/** The size of a regular file, checked against `maxBytes` without reading it. Throws InputError. */
export async function checkedSize(path: string, maxBytes: number): Promise<number> {
  const stats = await statPath(path);
  if (stats.isDirectory()) throw new InputError(path, "is a directory");
  if (!stats.isFile()) throw new InputError(path, "is not a regular file or a directory");
  if (stats.size > maxBytes) throw new InputError(path, tooLargeProblem(stats.size, maxBytes));
  return stats.size;
}

/** A file's bytes, refused before reading when larger than `maxBytes`. Throws InputError. */
export async function readFileBytes(path: string, maxBytes: number): Promise<Uint8Array> {
  await checkedSize(path, maxBytes);
  try {
    return await readFile(path);
  } catch (error) {
    throw fsError(path, error);
  }
}

/** A stream's bytes, stopping with InputError as soon as it passes `maxBytes` (its size is not known ahead). */
export async function readStreamBytes(
  stream: NodeJS.ReadableStream,
  input: string,
  maxBytes: number,
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      length += bytes.length;
      if (length > maxBytes) throw new InputError(input, `is larger than the ${formatLimit(maxBytes)} limit`);
      chunks.push(bytes);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fsError(input, error);
  }
  return Buffer.concat(chunks, length);
}

/** A file found in a directory, with the format its extension names (`null`: no extension). */
export interface FoundFile {
  path: string;
  format: Format | null;
}

function isHiddenName(name: string): boolean {
  return name.startsWith(".");
}

/**
 * The files under a directory, recursively, sorted by path. Hidden files and folders (".name") and
 * files with an unknown extension are skipped, each with a warning; symbolic links are followed once.
 */
export async function listDirectory(directory: string, warnings: string[]): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const skipped: Array<{ path: string; reason: string }> = [];
  const visited = new Set<string>();
  const pending = [directory];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    let entries: Dirent[];
    try {
      const real = await realpath(current);
      if (visited.has(real)) continue;
      visited.add(real);
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      throw fsError(current, error);
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (isHiddenName(entry.name)) {
        skipped.push({ path, reason: "hidden" });
        continue;
      }
      const stats = entry.isSymbolicLink() ? await stat(path).catch(() => undefined) : entry;
      if (!stats) {
        skipped.push({ path, reason: "broken symbolic link" });
      } else if (stats.isDirectory()) {
        pending.push(path);
      } else if (stats.isFile()) {
        const format = formatOfPath(path);
        if (format === undefined) skipped.push({ path, reason: "unknown file type" });
        else found.push({ path, format });
      }
    }
  }
  for (const { path, reason } of skipped.sort(byPath)) warnings.push(`${path}: skipped (${reason})`);
  return found.sort(byPath);
}

/** Order by path, code unit by code unit: the same on every machine and locale. */
function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
