import { randomBytes } from "node:crypto";
import type { Stats } from "node:fs";
import { lstat, open, readlink, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../../model/errors.ts";

/** Writes lines, in order, to the output; resolves when every line is written. */
export type LineWriter = (line: (s: string) => Promise<void>) => Promise<void>;

/** Where `--out /dev/stdout` and `--out /dev/stderr` go: the CLI's own streams. */
export interface OutputStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * Writes the output of `--out PATH`, by what PATH is (lstat first, before any work is done):
 * - a regular file, or a missing path in an existing folder: atomically (see {@link writeAtomically});
 * - a character device or a FIFO (/dev/null, a terminal, a pipe someone reads): straight to it, as a
 *   shell redirect would; the device stays a device;
 * - a symbolic link: followed, and the same rules applied to what it points to; a regular file is
 *   replaced atomically at its real path, so the link stays a link. A link to a file descriptor
 *   (/dev/stdout, /dev/fd/N, /proc/self/fd/N) is written straight through, appending, so a shell's `>>`
 *   is kept; our own stdout and stderr are written as the streams the CLI has (they may be sockets);
 * - a directory, a socket, a block device, a dangling link, a missing folder: InputError naming PATH.
 */
export async function writeOutput(
  path: string,
  write: LineWriter,
  streams: OutputStreams = { stdout: process.stdout, stderr: process.stderr },
): Promise<void> {
  const stats = await lstatOrUndefined(path);
  if (stats === undefined) {
    // "dir/" names a folder even when it does not exist: never write it as a file "dir" beside it.
    if (/[/\\]$/.test(path)) throw new InputError(path, "names a folder (it ends in /), not a file");
    await checkFolder(path);
    return writeAtomically(path, write);
  }
  if (stats.isSymbolicLink()) {
    const descriptor = await descriptorOf(path);
    // Our own stdout or stderr may be a socket (a supervisor, a parent process), which cannot be opened
    // again by name: write to the stream the CLI already has.
    if (descriptor === 1) return writeToStream(streams.stdout, write);
    if (descriptor === 2) return writeToStream(streams.stderr, write);
    let target: Stats;
    try {
      target = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR")
        throw new InputError(path, "is a symbolic link to a missing file");
      throw outputError(path, error);
    }
    if (target.isFile() && descriptor !== undefined) return writeDirectly(path, write, "a");
    if (target.isFile()) return writeAtomically(await realpath(path), write);
    return writeSpecial(path, target, write);
  }
  if (stats.isFile()) return writeAtomically(path, write);
  return writeSpecial(path, stats, write);
}

/** A directory, a device, a FIFO or a socket: written straight to, or refused. */
function writeSpecial(path: string, stats: Stats, write: LineWriter): Promise<void> {
  if (stats.isDirectory()) throw new InputError(path, "is a directory");
  if (stats.isCharacterDevice() || stats.isFIFO()) return writeDirectly(path, write, "w");
  if (stats.isSocket()) throw new InputError(path, "is a socket, not a file");
  throw new InputError(path, "is a device, not a file");
}

/**
 * Writes a file all at once or not at all: lines go to a temporary file beside the target, which is
 * renamed over it only when everything is written. A crash leaves the old file (or none), never half of one.
 * Only for a regular file or a new one: a rename replaces whatever is at `path` (use {@link writeOutput}).
 */
export async function writeAtomically(path: string, write: LineWriter): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(tmp, "wx");
  } catch (error) {
    throw outputError(path, error);
  }
  try {
    await write(async (s) => {
      await handle.write(s).catch((error: unknown) => {
        throw outputError(path, error);
      });
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

/** Lines straight to a device, a FIFO or a descriptor: nothing to rename, and nothing to take back. */
async function writeDirectly(path: string, write: LineWriter, flags: "w" | "a"): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, flags);
  } catch (error) {
    throw outputError(path, error);
  }
  try {
    await write(async (s) => {
      await handle.write(s).catch((error: unknown) => {
        throw outputError(path, error);
      });
    });
  } finally {
    await handle.close().catch(() => {});
  }
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw outputError(path, error);
  }
}

/** A new file needs an existing folder: say which one is missing instead of naming a temporary file. */
async function checkFolder(path: string): Promise<void> {
  const folder = dirname(path);
  let stats: Stats;
  try {
    stats = await stat(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      throw new InputError(path, `cannot be written: the folder ${folder} does not exist`);
    throw outputError(path, error);
  }
  if (!stats.isDirectory()) throw new InputError(path, `cannot be written: ${folder} is not a folder`);
}

/** /dev/stdout, /dev/fd/N, /proc/self/fd/N, /proc/PID/fd/N: a process's open file, not a file name. */
const DESCRIPTOR =
  /^\/(?:dev\/(stdin|stdout|stderr)|dev\/fd\/(\d+)|proc\/(self|thread-self|\d+)\/fd\/(\d+))$/;
const STANDARD: Readonly<Record<string, number>> = { stdin: 0, stdout: 1, stderr: 2 };

/**
 * The file descriptor a path names (directly or by a link on the way): its number when it is one of this
 * process's, -1 for another process's, `undefined` when the path is not a descriptor.
 */
async function descriptorOf(path: string): Promise<number | undefined> {
  let current = resolve(path);
  for (let hop = 0; hop < 40; hop++) {
    const match = DESCRIPTOR.exec(current);
    if (match) {
      const [, standard, devFd, proc, procFd] = match;
      if (standard) return STANDARD[standard];
      if (devFd) return Number(devFd);
      const own = proc === "self" || proc === "thread-self" || Number(proc) === process.pid;
      return own ? Number(procFd) : -1;
    }
    let next: string;
    try {
      next = await readlink(current);
    } catch {
      return undefined; // not a link (any more): the end of the chain
    }
    current = resolve(dirname(current), next);
  }
  return undefined;
}

/** Lines to a stream the process already has open (its stdout or stderr), waiting for each write. */
async function writeToStream(stream: NodeJS.WritableStream, write: LineWriter): Promise<void> {
  await write(
    (s) =>
      new Promise<void>((done, fail) => {
        stream.write(s, (error?: Error | null) => (error ? fail(error) : done()));
      }),
  );
}

const WRITE_PROBLEMS: Readonly<Record<string, string>> = {
  EACCES: "cannot be written (permission denied)",
  EPERM: "cannot be written (permission denied)",
  EROFS: "cannot be written (read-only file system)",
  ENOSPC: "cannot be written (no space left on the device)",
  EISDIR: "is a directory",
  ENOTDIR: "cannot be written: a part of the path is not a folder",
  ELOOP: "has too many levels of symbolic links",
  ENXIO: "cannot be opened for writing (no reader, or not a file)",
};

/** An fs error as an InputError about the output path (not the temporary file's name). */
function outputError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new InputError(
    path,
    (code && WRITE_PROBLEMS[code]) ?? `cannot be written (${code ?? String(error)})`,
  );
}
