/** Flag parsers shared by the apps' commands (`watch` and `serve` take the same `--interval`). */
import { UsageError } from "../../model/errors.ts";

/** `--interval`: a positive number of seconds, or a UsageError naming the value. */
export function intervalSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(`--interval must be a positive number of seconds, not "${value}"`);
  return seconds;
}

/** A flag's whole number from `min` (to `max`), or a UsageError naming the flag and the value. */
export function wholeNumberFlag(flag: string, value: string, min: number, max?: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < min || (max !== undefined && n > max))
    throw new UsageError(
      `${flag} must be a whole number from ${min}${max === undefined ? "" : ` to ${max}`}, not "${value}"`,
    );
  return n;
}
