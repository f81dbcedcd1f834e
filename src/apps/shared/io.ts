/**
 * What a command reads and writes, passed in so tests run commands in memory; shared by the apps (the
 * CLI's commands and the HTTP server's `serve`).
 */
import { escapeControlChars } from "../../util/control-chars.ts";

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadableStream;
}

/** One "roundup: …" line, control characters escaped: input never forges a line or moves the cursor. */
export function report(stream: NodeJS.WritableStream, message: string): void {
  stream.write(`roundup: ${escapeControlChars(message)}\n`);
}

/** A logger of {@link report} lines on the command's stderr. */
export function stderrLog(io: Pick<Io, "stderr">): (message: string) => void {
  return (message) => report(io.stderr, message);
}
