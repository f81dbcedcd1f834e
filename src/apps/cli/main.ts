import { Command, CommanderError, Option } from "commander";
import { InputError, UsageError } from "../../model/errors.ts";
import { evalCommand } from "./eval.ts";
import { DEFAULT_SUMMARY_WORDS, type Io, summarizeCommand } from "./summarize.ts";

/** Exit codes: 0 success, 1 failure (bad input, nothing to summarize), 2 usage error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command("roundup")
    .description("Roundup: attributed, cited roundups from clusters of news articles.")
    .version("0.1.0")
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
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
    .action(async (paths: string[], opts) => setExit(await summarizeCommand(paths, opts, io)));

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
    .option("--json", "print machine-readable results with per-cluster scores")
    .option("--report <file.html>", "write an HTML page with the table and score distributions")
    .addHelpText(
      "after",
      "\nWithout --words/--bytes: 250-word summaries of whole sentences, no cut (the Multi-News protocol).",
    )
    .action(async (data: string, opts) => setExit(await evalCommand(data, opts, io)));

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
    if (err instanceof UsageError) {
      io.stderr.write(`roundup: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof InputError) {
      io.stderr.write(`roundup: ${err.message}\n`);
      return EXIT.failure;
    }
    const e = err as NodeJS.ErrnoException;
    io.stderr.write(`roundup: ${e?.message ?? String(err)}\n`);
    if (process.env.ROUNDUP_DEBUG) io.stderr.write(`${e?.stack ?? ""}\n`);
    return EXIT.failure;
  }
  return code;
}
