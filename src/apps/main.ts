import { Command, CommanderError, Option } from "commander";
import { DEFAULT_INTERVAL_SECONDS } from "../desk/defaults.ts";
import { InputError, UsageError } from "../model/errors.ts";
import { DEFAULT_DATA_DIR } from "../store/data-dir.ts";
import { DEFAULT_SUMMARY_WORDS } from "../summarize/defaults.ts";
import { report, terminalSafe } from "./cli/terminal.ts";
import { DEFAULT_MAX_CONCURRENT_SUMMARIES } from "./server/limits.ts";
import type { Io } from "./shared/io.ts";

// The program: the composition root of the apps. It wires the CLI's commands (src/apps/cli) and the HTTP
// server's `serve` (src/apps/server) side by side; they import only the library and src/apps/shared.
// Each command's module is imported when the command runs (`await import`), so `--help` and every command
// load only what they use: the summarizer, linkedom and Readability, PGlite, pg and the server stay unloaded
// until a command needs them. Defaults shown in the help come from small modules of their own.

/** Exit codes: 0 success, 1 failure (bad input, nothing to summarize), 2 usage error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command("roundup")
    .description("Roundup: attributed, cited roundups from clusters of news articles.")
    .version("0.1.0")
    .showHelpAfterError()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Commander's messages quote the offending argument: escape it like every other message.
      outputError: (s, write) => write(terminalSafe(s)),
    })
    .exitOverride();

  program
    .command("summarize")
    .description("Summarize articles about one story into a roundup (or many clusters with --jsonl).")
    .argument("[paths...]", "article files (.txt .md .html .json .jsonl), folders, or - for stdin")
    .option("-w, --words <n>", "word budget: whole sentences within N words", String(DEFAULT_SUMMARY_WORDS))
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "markdown", "json"])
        .default("markdown"),
    )
    .option("--focus <text>", "bias the roundup towards this topic or question")
    .option("--overflow", "let the last sentence run past the budget (DUC-style evaluation cuts at N)")
    .option("--no-attribution", 'do not add outlet attributions ("…, the AP reports.")')
    .option("--jsonl <in.jsonl>", "batch: summarize every cluster line of this file")
    .option("--out <out.jsonl>", "batch: write one JSON line per cluster here")
    .action(async (paths: string[], opts) =>
      setExit(await (await import("./cli/summarize.ts")).summarizeCommand(paths, opts, io)),
    );

  program
    .command("eval")
    .description(
      "Score Roundup, baselines and other systems' summaries with ROUGE (identical to ROUGE-1.5.5).",
    )
    .argument("<data.jsonl>", "clusters with references, in the cluster JSONL format")
    .option("-w, --words <n>", "cut summaries and references at N words (DUC style; summaries may overflow)")
    .option("-b, --bytes <n>", "cut summaries and references at N bytes")
    .addOption(
      new Option("-m, --measure <measure>", "which score to report").choices(["recall", "f"]).default("f"),
    )
    .option(
      "-s, --systems <list>",
      `comma-separated systems to run (${["roundup", "lead", "lead-each", "oracle"].join(", ")})`,
      "roundup,lead",
    )
    .option(
      "--summaries <file.jsonl...>",
      'score summaries made elsewhere: lines {"id","summary"} or {"id","sentences":[{"text"}]}',
    )
    .option("--focus-from-query", "pass each cluster's query as the focus")
    .option(
      "--update",
      'summarize each cluster with its topic\'s earlier subsets as read ("topic", "subset" fields)',
    )
    .option("--subsets <list>", "score only the clusters of these subsets (comma-separated, e.g. B,C)")
    .option("--json", "print machine-readable results with per-cluster scores")
    .option("--report <file.html>", "write an HTML page with the table and score distributions")
    .addHelpText(
      "after",
      "\nWithout --words/--bytes: 250-word summaries of whole sentences, no cut (the Multi-News protocol).",
    )
    .action(async (data: string, opts) =>
      setExit(await (await import("./cli/eval.ts")).evalCommand(data, opts, io)),
    );

  const dataOption = () =>
    new Option("--data <dir>", "embedded store folder (ignored when DATABASE_URL is set)").default(
      DEFAULT_DATA_DIR,
    );

  program
    .command("ingest")
    .description("Store, dedupe and cluster articles into stories, and refresh their roundups.")
    .argument("<inputs...>", "article files, folders, JSONL batches, - for stdin, or article URLs")
    .addOption(dataOption())
    .option("--allow-private-network", "let URLs point at private, loopback or link-local addresses")
    .action(async (inputs: string[], opts) =>
      setExit(await (await import("./cli/desk.ts")).ingestCommand(inputs, opts, io)),
    );

  program
    .command("watch")
    .description("Poll feeds (RSS/Atom) and folders continuously, keeping every story's roundup fresh.")
    .option("--feeds <file>", "feed list: one URL per line, # comments")
    .option("--folder <dir...>", "folders to watch for new article files")
    .option("--interval <seconds>", "seconds between polls", String(DEFAULT_INTERVAL_SECONDS))
    .option("--once", "poll once, refresh roundups, and exit")
    .option(
      "--allow-private-network",
      "let feeds and articles live on private, loopback or link-local addresses",
    )
    .addOption(dataOption())
    .action(async (opts) => setExit(await (await import("./cli/desk.ts")).watchCommand(opts, io)));

  program
    .command("stories")
    .description("List stories: outlets, articles, last update, headline (newest first).")
    .option("--json", "machine-readable")
    .option("--limit <n>", "how many", "50")
    .option("--all", "include archived stories")
    .addOption(dataOption())
    .action(async (opts) => setExit(await (await import("./cli/desk.ts")).storiesCommand(opts, io)));

  program
    .command("story")
    .description("Show a story's current roundup with its sources.")
    .argument("<id>", "story id (see `roundup stories`)")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "markdown", "json"])
        .default("markdown"),
    )
    .option("--versions", "every version, oldest first: how the story developed")
    .option("--at <version>", "one earlier roundup version (as GET /api/stories/ID?version=N)")
    .addOption(dataOption())
    .action(async (id: string, opts) =>
      setExit(await (await import("./cli/desk.ts")).storyCommand(id, opts, io)),
    );

  program
    .command("export")
    .description("Write the whole desk (stories, roundup versions, articles) as JSON lines: a backup.")
    .option("--out <file>", "write here (default: stdout)")
    .addOption(dataOption())
    .action(async (opts) => setExit(await (await import("./cli/export.ts")).exportCommand(opts, io)));

  program
    .command("import")
    .description("Read a `roundup export` file back into an empty store (all or nothing).")
    .argument("<file>", "the export file, or - for stdin")
    .addOption(dataOption())
    .action(async (file: string, opts) =>
      setExit(await (await import("./cli/export.ts")).importCommand(file, opts, io)),
    );

  program
    .command("serve")
    .description("Serve the stories (web page and JSON API) and keep them fresh from feeds, in one process.")
    .option("-p, --port <port>", "TCP port (0 picks a free one)", "8080")
    .option("--host <address>", "interface to listen on (0.0.0.0 for every interface)", "127.0.0.1")
    .option("--feeds <file>", "feed list to poll in the background: one URL per line, # comments")
    .option("--interval <seconds>", "seconds between feed polls", String(DEFAULT_INTERVAL_SECONDS))
    .option(
      "--allow-private-network",
      "let feeds and articles live on private, loopback or link-local addresses",
    )
    .option(
      "--cors-origin <origin>",
      "let pages on this origin call the API (default: ROUNDUP_CORS_ORIGIN; off)",
    )
    .option(
      "--max-summaries <n>",
      "summaries (API and paste form) queued or running at once; one more gets 503 + Retry-After",
      String(DEFAULT_MAX_CONCURRENT_SUMMARIES),
    )
    .option(
      "--summary-workers <n>",
      "worker threads that write summaries, off the event loop (default: one per core but one, at least 1)",
    )
    .addOption(dataOption())
    .addHelpText(
      "after",
      "\nWrites (POST /api/articles) need ROUNDUP_TOKEN set; send it as `Authorization: Bearer <token>`.\nPostgreSQL is used when DATABASE_URL is set. API description: GET /api/openapi.json.",
    )
    .action(async (opts) => {
      const { serveCommand } = await import("./server/serve.ts");
      setExit(await serveCommand(opts, io));
    });

  program
    .command("cluster")
    .description("Group a stream of articles into stories and topics (online), linking wire copies.")
    .argument(
      "<in.jsonl>",
      'articles in arrival order, one {"id","text","title"?,"date"?,"source"?} per line, or -',
    )
    .option(
      "-o, --out <out.jsonl>",
      'write one {"id","story","topic"} line per article here (default: stdout)',
    )
    .option(
      "--eval",
      'score the stories and topics against the lines\' "story" and "topic" fields (B-cubed precision, recall, F1)',
    )
    .action(async (input: string, opts) => {
      const { clusterCommand } = await import("./cli/cluster.ts");
      setExit(await clusterCommand(input, opts, io));
    });

  return program;
}

export async function run(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0; everything else is a usage error.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    // Messages echo input (file names, values, ids): printed escaped, on one line.
    if (err instanceof UsageError) {
      report(io.stderr, err.message);
      return EXIT.usage;
    }
    if (err instanceof InputError) {
      report(io.stderr, err.message);
      return EXIT.failure;
    }
    const e = err as NodeJS.ErrnoException;
    report(io.stderr, e?.message ?? String(err));
    if (process.env.ROUNDUP_DEBUG) io.stderr.write(`${terminalSafe(e?.stack ?? "")}\n`);
    return EXIT.failure;
  }
  return code;
}
