/**
 * Times as readers see them: "updated 5 min ago" against an injected clock (so pages are testable), and
 * absolute dates in UTC written out by hand, so the output does not depend on the machine's locale or ICU.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "12 Jun 2025, 14:05 UTC"; a date without a time of day gives "12 Jun 2025". Unreadable input is returned as is. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t);
  const day = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso.trim())) return day;
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${day}, ${hh}:${mm} UTC`;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", then the date. Future times (clock skew) read "just now". */
export function timeAgo(iso: string | undefined, now: Date): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const seconds = Math.round((now.getTime() - t) / 1000);
  if (seconds < 60) return "just now";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 14) return `${days} day${days === 1 ? "" : "s"} ago`;
  return `on ${formatDate(iso).replace(/,.*$/, "")}`;
}
