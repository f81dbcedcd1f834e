/** `roundup export` and `roundup import`: the desk as JSON lines (src/desk/export.ts), and back. */
import { exportDesk, importDesk } from "../../desk/export.ts";
import { STDIN, STDIN_ORIGIN } from "../../ingest/read.ts";
import type { Io } from "../shared/io.ts";
import { type StoreFlags, withReadOnlyStore, withStore } from "./desk.ts";
import { readLines } from "./lines.ts";
import { writeOutput } from "./output.ts";
import { report } from "./terminal.ts";

/** `roundup export [--out FILE]`: every story, roundup version and article, one JSON object per line. */
export async function exportCommand(opts: StoreFlags & { out?: string }, io: Io): Promise<number> {
  return withReadOnlyStore(opts, async (store) => {
    const counts = { stories: 0, roundups: 0, articles: 0 };
    const write = async (line: (s: string) => Promise<void>) => {
      for await (const row of exportDesk(store)) {
        if (row.kind === "story") counts.stories++;
        else if (row.kind === "roundup") counts.roundups++;
        else if (row.kind === "article") counts.articles++;
        await line(`${JSON.stringify(row)}\n`);
      }
    };
    if (opts.out) await writeOutput(opts.out, write, io);
    else await write(async (s) => void io.stdout.write(s));
    report(
      io.stderr,
      `exported ${counts.stories} stories, ${counts.roundups} roundup versions, ${counts.articles} articles${opts.out ? ` to ${opts.out}` : ""}`,
    );
    return 0;
  });
}

/** `roundup import FILE|-`: an export read back into an empty store, all or nothing. */
export async function importCommand(input: string, opts: StoreFlags, io: Io): Promise<number> {
  const name = input === STDIN ? STDIN_ORIGIN : input;
  return withStore(opts, async (store) => {
    const counts = await importDesk(store, readLines(input, io), name);
    report(
      io.stderr,
      `imported ${counts.stories} stories, ${counts.roundups} roundup versions, ${counts.articles} articles from ${name}`,
    );
    return 0;
  });
}
