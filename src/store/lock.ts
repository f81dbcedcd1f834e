/**
 * One process at a time in a PGlite data directory. PGlite runs PostgreSQL in single-user mode and does
 * not stop a second process from opening the same directory (which would corrupt it), so the store keeps
 * its own lock file there: `roundup.lock`, holding the owner's pid and a per-process token.
 *
 * A lock whose process is gone (killed, crashed) is stale and taken over. A pid equal to ours but with
 * another token is a previous incarnation of this pid (a restarted container), also stale.
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { StoreError } from "./port.ts";

export const LOCK_FILE = "roundup.lock";

/** Identifies this process among processes that had the same pid. */
const PROCESS_TOKEN = randomUUID();

interface LockContent {
  pid: number;
  process: string;
}

function readLock(file: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockContent>;
    if (typeof parsed.pid === "number" && typeof parsed.process === "string") {
      return { pid: parsed.pid, process: parsed.process };
    }
    return undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return { pid: -1, process: "unreadable" };
  }
}

function alive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface DirLock {
  release(): void;
}

/** Takes the lock of `dir` (which must exist), or throws a StoreError naming who holds it. */
export function lockDataDir(dir: string, shown: string): DirLock {
  const file = path.join(dir, LOCK_FILE);
  const mine = `${JSON.stringify({ pid: process.pid, process: PROCESS_TOKEN })}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: "wx" });
      return {
        release() {
          if (readLock(file)?.process === PROCESS_TOKEN) fs.rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new StoreError(`cannot lock store at ${shown}: ${(e as Error).message}`, { cause: e });
      }
    }
    const holder = readLock(file);
    if (holder?.process === PROCESS_TOKEN) {
      throw new StoreError(`store at ${shown} is already open in this process: close it first`);
    }
    if (holder && holder.pid !== process.pid && alive(holder.pid)) {
      throw new StoreError(
        `store at ${shown} is in use by process ${holder.pid} (if no Roundup runs there, delete ${file})`,
      );
    }
    // Stale: its process is gone. Remove it and try again (another opener may win the race: fine).
    fs.rmSync(file, { force: true });
  }
  throw new StoreError(`cannot lock store at ${shown}: ${file} keeps reappearing`);
}
