/**
 * Errors a caller reacts to. Messages name the input and what is wrong with it.
 * "Nothing to summarize" is a result (an empty roundup), not an exception.
 */

/** Bad input: missing path, empty, binary, too large, malformed JSON, HTML with no article … */
export class InputError extends Error {
  override name = "InputError";
  /** The input the error is about (a path, "stdin", "line 3 of x.jsonl"). */
  readonly input: string;
  constructor(input: string, problem: string) {
    super(`${input}: ${problem}`);
    this.input = input;
  }
}

/** Misuse of the library or CLI (bad option value). Exit code 2 in the CLI. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A summary worker thread died, hung past its deadline or was closed: the summary was not made. */
export class SummaryWorkerError extends Error {
  override name = "SummaryWorkerError";
}
