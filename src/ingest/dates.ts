/**
 * Publication dates as ISO 8601, from the many ways pages and data sets write them.
 *
 * Output forms: "2022-03-14" (date only), "2022-03-14T10:05:00" (wall-clock time, zone unknown) or
 * "2022-03-14T10:05:00+02:00" / "…Z" (time with zone). A numeric offset is kept rather than converted to
 * UTC, so the date part stays the day the outlet printed; named zones other than GMT/UTC ("EST") are
 * converted to UTC. The result never depends on the machine's time zone.
 */

const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$/;
const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
/** US newswire style, as in DUC: "08/12/1998 13:29:00" is 12 August. */
const US_SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** An explicit zone in free-form text ("GMT", "+0200", "EST"): then the instant is known. */
const EXPLICIT_ZONE = /(?:\b(?:GMT|UTC|UT|[ECMP][SD]T)\b|[+-]\d{2}:?\d{2}\s*$|\dZ$)/i;
const HAS_TIME = /\d{1,2}:\d{2}/;
const TRAILING_OFFSET = /([+-])(\d{2}):?(\d{2})\s*$/;
const FOUR_DIGIT_YEAR = /\b\d{4}\b/;

const pad = (value: number, width = 2): string => String(value).padStart(width, "0");

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function formatZone(zone: string | undefined): string {
  if (!zone) return "";
  const upper = zone.toUpperCase();
  if (upper === "Z" || upper === "UTC" || upper === "GMT") return "Z";
  const digits = zone.replace(":", "");
  const hours = digits.slice(1, 3);
  const minutes = digits.slice(3, 5) || "00";
  return `${digits[0]}${hours}:${minutes}`;
}

/**
 * An ISO date from its parts, or `undefined` when they are not a real date and time. A "month" over 12
 * with a "day" of 12 or less is read with the two swapped: DUC 2006 has "1998-30-06" for 30 June.
 */
function fromParts(
  year: number,
  monthOrDay: number,
  dayOrMonth: number,
  time?: { hour: number; minute: number; second: number },
  zone?: string,
): string | undefined {
  const swapped = monthOrDay > 12 && dayOrMonth <= 12;
  const month = swapped ? dayOrMonth : monthOrDay;
  const day = swapped ? monthOrDay : dayOrMonth;
  if (!isValidDate(year, month, day)) return undefined;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (!time) return date;
  if (time.hour > 23 || time.minute > 59 || time.second > 60) return undefined;
  return `${date}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}${formatZone(zone)}`;
}

/**
 * Normalise a date or date-time to ISO 8601, or `undefined` when it cannot be read.
 * Accepts ISO forms ("2022-03-14T10:05:00+0200", "1999-07-07 08:30:27"), compact ones ("19990707"),
 * "2022/03/14", US "08/12/1998 13:29:00" (month first; day first when the first number is over 12),
 * and free text with a four-digit year ("March 14, 2022", "Mon, 14 Mar 2022 10:05:00 GMT").
 */
export function normalizeDate(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const iso = ISO_LIKE.exec(text) ?? COMPACT.exec(text);
  if (iso) {
    const [, year, month, day, hour, minute, second, zone] = iso;
    const time = hour
      ? { hour: Number(hour), minute: Number(minute), second: Number(second ?? 0) }
      : undefined;
    return fromParts(Number(year), Number(month), Number(day), time, zone);
  }
  const slashed = SLASHED.exec(text);
  if (slashed) return fromParts(Number(slashed[1]), Number(slashed[2]), Number(slashed[3]));
  const us = US_SLASHED.exec(text);
  if (us) {
    const [, month, day, year, hour, minute, second] = us;
    const time = hour
      ? { hour: Number(hour), minute: Number(minute), second: Number(second ?? 0) }
      : undefined;
    return fromParts(Number(year), Number(month), Number(day), time);
  }
  return fromFreeText(text);
}

/** Free-form dates through `Date.parse`, read back so the machine's zone cancels out. */
function fromFreeText(text: string): string | undefined {
  if (!FOUR_DIGIT_YEAR.test(text)) return undefined;
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) return undefined;
  const date = new Date(millis);
  const withTime = HAS_TIME.test(text);
  const offset = TRAILING_OFFSET.exec(text);
  if (offset) {
    // "+0200": write the wall-clock time at that offset, keeping the offset.
    const [, sign, hours, minutes] = offset;
    const shift = (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
    const wall = new Date(millis + shift);
    const time = withTime
      ? { hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds() }
      : undefined;
    return fromParts(
      wall.getUTCFullYear(),
      wall.getUTCMonth() + 1,
      wall.getUTCDate(),
      time,
      `${sign}${hours}${minutes}`,
    );
  }
  if (EXPLICIT_ZONE.test(text)) {
    // A named zone ("GMT", "EST"): the instant is known; write it in UTC.
    const time = withTime
      ? { hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds() }
      : undefined;
    return fromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), time, "Z");
  }
  // No zone: Date.parse read it as local time, so local getters give back the written wall clock.
  const time = withTime
    ? { hour: date.getHours(), minute: date.getMinutes(), second: date.getSeconds() }
    : undefined;
  return fromParts(date.getFullYear(), date.getMonth() + 1, date.getDate(), time);
}
