/**
 * Dates as day numbers (days since 1970-01-01, fractional with a time), read from ISO 8601 text without
 * the machine's time zone: "2022-03-14" and "2022-03-14T10:05:00(+02:00|Z)" (the wall-clock date counts).
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?/;

/** The day number of an ISO date or date-time, or undefined when it is not one. */
export function dayNumber(iso: string): number | undefined {
  const m = ISO.exec(iso.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(Number(y), month - 1, day, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  const check = new Date(Date.UTC(Number(y), month - 1, day));
  if (check.getUTCDate() !== day) return undefined;
  return ms / 86_400_000;
}
