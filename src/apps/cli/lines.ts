import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { refuseBinaryFile } from "../../ingest/json.ts";
import { checkedSize, STDIN } from "../../ingest/read.ts";
import { InputError } from "../../model/errors.ts";
import type { Io } from "../shared/io.ts";

/** Lines of a file (or stdin for "-"), numbered from 1; blank lines are skipped. */
export async function* readLines(input: string, io: Io): AsyncGenerator<{ line: number; text: string }> {
  let stream: NodeJS.ReadableStream;
  if (input === STDIN) stream = io.stdin;
  else {
    await checkedSize(input, Number.POSITIVE_INFINITY);
    await refuseBinaryFile(input);
    stream = createReadStream(input, { encoding: "utf8" });
  }
  const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const raw of reader) {
      line++;
      const text = line === 1 ? raw.replace(/^\uFEFF/, "") : raw;
      if (text.trim() !== "") yield { line, text };
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(input, `could not be read (${reason})`);
  }
}
