// Process entry of the CLI: wires the real streams to `run` and sets the exit code.
import { run } from "./main.ts";

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
