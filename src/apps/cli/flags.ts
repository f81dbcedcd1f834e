/**
 * Flag parsers shared by commands, in a module of their own: `roundup story` checks `--format` without
 * loading the summarizer that `summarize.ts` brings.
 */
import { UsageError } from "../../model/errors.ts";
import { OUTPUT_FORMATS, type OutputFormat } from "../../summarize/format.ts";

/** `--format`: one of the output formats, or a UsageError naming the value. */
export function parseFormat(value: string): OutputFormat {
  if (!(OUTPUT_FORMATS as readonly string[]).includes(value))
    throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(", ")}, not "${value}"`);
  return value as OutputFormat;
}
