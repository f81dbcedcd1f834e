/**
 * RSS and Atom feeds for the story desk: polling with conditional GET and back-off, parsing, and the
 * feeds file.
 *
 * `pollFeed(state, { now })` fetches a feed through `safeFetch` (SSRF defences, size limit, deadline)
 * with If-None-Match / If-Modified-Since from the state, parses RSS 0.9x/1.0/2.0 and Atom with
 * rss-parser's `parseString`, and returns the items and the next state. It never throws for a problem
 * of the feed itself (unreachable, refused, HTTP error, not a feed): the error is recorded in the state
 * (`errorCount`, `lastError`) and the next poll is pushed back — base interval × 2^errors, capped at
 * 6 hours, deterministic (no jitter) — so the desk keeps polling the other feeds. Success (200 or 304)
 * resets the count. Only a programming error (bad options: UsageError) escapes.
 *
 * Real feeds are often not well-formed XML. A feed the strict parse refuses gets one repaired retry
 * (`repairFeedXml`): bare ampersands escaped ("Fish & chips"), characters XML forbids removed, and a
 * feed cut short closed after its last whole item. What cannot be repaired is still refused.
 *
 * Items carry the canonical URL (utm_* and fragment removed; relative links resolved), title, ISO date,
 * the text of content:encoded / Atom content / description / summary as plain text with paragraphs,
 * the author, the item's own publisher as source (RSS `<source>`, `dc:publisher`, Atom `<source><title>`)
 * and the feed's title as `feed`. A feed's title is never an outlet: an aggregator's or a local site's
 * feed ("Estoria Local News Feed") carries wire copy whose credit is in its text, and crediting the
 * feed would be wrong. `articleFromItem` turns an item that carries a full article (≥ 400 characters
 * of text) into an Article; for the others the desk fetches the page.
 */
import type Parser from "rss-parser";
import { InputError, UsageError } from "../model/errors.ts";
import type { Article } from "../model/types.ts";
import type { FeedState } from "../store/port.ts";
import { normalizeDate } from "./dates.ts";
import { decodeBytes } from "./decode.ts";
import { dropUndefined, uniqueIds } from "./drafts.ts";
import {
  canonicalUrl,
  decodeResponse,
  FetchError,
  parseRetryAfter,
  type SafeFetchOptions,
  safeFetch,
} from "./fetch.ts";
import { buildDocument } from "./html-dom.ts";
import { nodeToText } from "./html-text.ts";
import { readFileBytes } from "./read.ts";

/** Time between polls of a healthy feed: 5 minutes. */
export const DEFAULT_POLL_INTERVAL_MS = 5 * 60 * 1000;

/** Longest wait between polls of a failing feed: 6 hours. */
export const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

/**
 * Characters of item text from which a feed item is taken as the full article (no page fetch):
 * teasers and descriptions run 100–300 characters, full-text feeds thousands.
 */
export const FULL_TEXT_CHARS = 400;

/** Largest feeds file: 1 MB (tens of thousands of URLs). */
const MAX_FEED_LIST_BYTES = 1024 * 1024;

/** Accept header of feed requests. */
const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

/** One entry of a feed. */
export interface FeedItem {
  /** Canonical URL of the article: absolute, without utm_* parameters and fragment. */
  url: string;
  title?: string;
  /** ISO 8601 (see normalizeDate): the zone offset the feed wrote is kept. */
  published?: string;
  /** The item's own text (content:encoded, Atom content, description or summary), HTML stripped. */
  text?: string;
  author?: string;
  /**
   * The item's own publisher, when the feed names one: RSS 2.0 `<source>`, `dc:publisher`, or Atom
   * `<source><title>`. Never the feed's title (that is `feed`).
   */
  source?: string;
  /** The feed's title: where the item was found, never its outlet. */
  feed?: string;
}

/** A parsed feed. */
export interface ParsedFeed {
  title?: string;
  items: FeedItem[];
}

/** Options of {@link pollFeed}: those of safeFetch, the clock, and the schedule. */
export interface PollOptions extends SafeFetchOptions {
  now: Date;
  /** Time between polls of a healthy feed, in ms. Default {@link DEFAULT_POLL_INTERVAL_MS}. */
  intervalMs?: number;
  /** Longest back-off, in ms. Default {@link MAX_BACKOFF_MS}. */
  maxBackoffMs?: number;
}

/** What {@link pollFeed} returns: the state to store, new items (none on 304 or error). */
export interface PollResult {
  state: FeedState;
  items: FeedItem[];
  notModified: boolean;
}

/**
 * Wait before the next poll after `errorCount` consecutive errors: `intervalMs × 2^errorCount`, at most
 * `maxMs` (but never less than `intervalMs`). 0 errors → the interval; 5 min base: 10, 20, 40, 80, 160,
 * 320 min, then 6 h.
 */
export function backoffDelay(
  errorCount: number,
  intervalMs = DEFAULT_POLL_INTERVAL_MS,
  maxMs = MAX_BACKOFF_MS,
): number {
  const doubled = intervalMs * 2 ** Math.min(Math.max(errorCount, 0), 52);
  return Math.max(intervalMs, Math.min(doubled, maxMs));
}

/** Whether a feed may be polled at `now` (its back-off, if any, has passed). */
export function isDue(state: FeedState, now: Date): boolean {
  return state.nextPollAt === undefined || Date.parse(state.nextPollAt) <= now.getTime();
}

const at = (now: Date, delayMs: number): string => new Date(now.getTime() + delayMs).toISOString();

/** The state without the fields named (so results compare and serialise cleanly). */
function without(state: FeedState, ...names: Array<"etag" | "lastModified" | "lastError">): FeedState {
  const copy = { ...state };
  for (const name of names) delete copy[name];
  return copy;
}

/**
 * Poll one feed (see the module comment). The state's `nextPollAt` is not checked here — the desk
 * decides when to call (see {@link isDue}) — but it is set in the returned state.
 */
export async function pollFeed(state: FeedState, options: PollOptions): Promise<PollResult> {
  const {
    now,
    intervalMs = DEFAULT_POLL_INTERVAL_MS,
    maxBackoffMs = MAX_BACKOFF_MS,
    ...fetchOptions
  } = options;
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new UsageError("pollFeed: now must be a Date");
  if (!(intervalMs > 0)) throw new UsageError("pollFeed: intervalMs must be positive");
  const polledAt = now.toISOString();
  const headers: Record<string, string> = { accept: FEED_ACCEPT, ...fetchOptions.headers };
  if (state.etag) headers["if-none-match"] = state.etag;
  if (state.lastModified) headers["if-modified-since"] = state.lastModified;
  try {
    const response = await safeFetch(state.url, { ...fetchOptions, headers });
    const healthy: FeedState = {
      ...without(state, "lastError"),
      lastPolledAt: polledAt,
      nextPollAt: at(now, intervalMs),
      errorCount: 0,
    };
    const etag = response.headers.get("etag") ?? undefined;
    const lastModified = response.headers.get("last-modified") ?? undefined;
    if (response.notModified) {
      // A 304 may carry updated validators; otherwise the stored ones still hold.
      const next = dropUndefined({
        ...healthy,
        etag: etag ?? state.etag,
        lastModified: lastModified ?? state.lastModified,
      });
      return { state: next, items: [], notModified: true };
    }
    const feed = await parseFeed(decodeResponse(response, "xml"), response.url);
    // Validators of this response only: a feed that stopped sending an ETag must not get the old one back.
    const next = dropUndefined({ ...without(healthy, "etag", "lastModified"), etag, lastModified });
    return { state: next, items: feed.items, notModified: false };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const errorCount = state.errorCount + 1;
    const message = error instanceof Error ? error.message : String(error);
    // A server that says when to come back (429 or 503 with Retry-After) is believed, up to the longest back-off.
    const asked = error instanceof FetchError ? (parseRetryAfter(error.retryAfter, now.getTime()) ?? 0) : 0;
    const wait = Math.max(backoffDelay(errorCount, intervalMs, maxBackoffMs), Math.min(asked, maxBackoffMs));
    const failed: FeedState = {
      ...state,
      lastPolledAt: polledAt,
      nextPollAt: at(now, wait),
      errorCount,
      lastError: message.split("\n")[0],
    };
    return { state: failed, items: [], notModified: false };
  }
}

// ---------------------------------------------------------------------------------------------------
// Parsing

/**
 * Fields rss-parser copies beyond its defaults: Atom's own dates (it turns `published` into UTC), and
 * the item's publisher (RSS `<source>` text, or Atom's `<source>` element; `dc:publisher`).
 */
type CustomItem = { published?: string; updated?: string; itemSource?: unknown; publisher?: unknown };

/** HTML or plain text → text with paragraph breaks ("\n\n"), whitespace collapsed. */
export function htmlToText(value: string): string {
  if (!/[<&]/.test(value)) {
    return value
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
      .filter(Boolean)
      .join("\n\n");
  }
  return nodeToText(buildDocument(value).body).trim();
}

/** A one-line text field (a title, a name): markup and entities resolved, whitespace collapsed. */
function oneLine(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = (/[<&]/.test(value) ? htmlToText(value) : value).replace(/\s+/g, " ").trim();
  return text || undefined;
}

/**
 * An http(s) URL from a link, resolved against the feed's URL (`base`), canonical; else undefined.
 * Without `base` only an absolute URL counts (a guid or Atom id: "hl-1234" is a name, not a path).
 */
function itemUrl(link: unknown, base?: string): string | undefined {
  if (typeof link !== "string" || link.trim() === "") return undefined;
  try {
    const url = new URL(link.trim(), base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    return canonicalUrl(url.href);
  } catch {
    return undefined;
  }
}

/** An entity or character reference: what may follow "&" in XML. */
const REFERENCE = /^&(?:[A-Za-z_][\w.-]*|#\d+|#x[\dA-Fa-f]+);/;
/** Characters XML 1.0 does not allow (C0 controls other than tab, line feed and carriage return). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing the characters XML forbids is the point.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** How each kind of feed is closed after its last whole item. */
const CLOSINGS: ReadonlyArray<{ root: RegExp; item: string; end: string; close: string }> = [
  { root: /<feed[\s>]/, item: "</entry>", end: "</feed>", close: "</feed>" },
  { root: /<rdf:RDF[\s>]/, item: "</item>", end: "</rdf:RDF>", close: "</rdf:RDF>" },
  { root: /<rss[\s>]/, item: "</item>", end: "</rss>", close: "</channel></rss>" },
];

/**
 * The usual faults of a feed mended, or undefined when there was nothing to mend: bare "&" escaped
 * (outside CDATA sections), characters XML forbids dropped, and a feed cut short (no closing root tag)
 * closed after its last whole item. Does not judge whether the result is a feed: the parser does.
 */
export function repairFeedXml(xml: string): string | undefined {
  // Split only up to the last "]]>" (no section can close after it), so a run of "<![CDATA[" with no
  // "]]>" after it is not scanned to the end from every start (quadratic).
  const cdataEnd = xml.lastIndexOf("]]>") + 3;
  const parts = cdataEnd < 3 ? [xml] : xml.slice(0, cdataEnd).split(/(<!\[CDATA\[[\s\S]*?\]\]>)/);
  if (cdataEnd >= 3) parts[parts.length - 1] += xml.slice(cdataEnd);
  let out = parts
    .map((part, i) => {
      if (i % 2 === 1) return part; // a CDATA section, as it is
      const clean = part.replace(FORBIDDEN, "");
      return clean.replace(/&/g, (amp, at: number) =>
        REFERENCE.test(clean.slice(at, at + 40)) ? amp : "&amp;",
      );
    })
    .join("");
  for (const { root, item, end, close } of CLOSINGS) {
    if (!root.test(out)) continue;
    if (!out.trimEnd().endsWith(end)) {
      const last = out.lastIndexOf(item);
      if (last >= 0) out = out.slice(0, last + item.length) + close;
    }
    break;
  }
  return out === xml ? undefined : out;
}

/**
 * A feed's text (RSS 0.9x/1.0/2.0 or Atom) as items. Relative links are resolved against `feedUrl`.
 * Items without an http(s) link (or a guid / Atom id that is an absolute http(s) URL) are left out, as
 * are repeats of a canonical URL (the first is kept). Throws InputError naming `feedUrl`
 * when the text is not a feed.
 */
export async function parseFeed(xml: string, feedUrl: string): Promise<ParsedFeed> {
  // Loaded at the first feed, not with this module (a tenth of a second: xml2js, xmlbuilder).
  const RssParser: typeof Parser = (await import("rss-parser")).default;
  const parser = new RssParser<Record<string, unknown>, CustomItem>({
    customFields: {
      item: ["published", "updated", ["source", "itemSource"], ["dc:publisher", "publisher"]],
    },
  });
  const text = xml.trimStart();
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(text);
  } catch (error) {
    const repaired = repairFeedXml(text);
    const retried =
      repaired === undefined ? undefined : await parser.parseString(repaired).catch(() => undefined);
    if (retried === undefined) {
      const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
      throw new InputError(feedUrl, `is not an RSS or Atom feed (${reason})`);
    }
    feed = retried;
  }
  const feedTitle = oneLine(feed.title);
  const items: FeedItem[] = [];
  const seen = new Set<string>();
  for (const raw of feed.items ?? []) {
    const entry = raw as typeof raw & Record<string, unknown>;
    const url = itemUrl(entry.link, feedUrl) ?? itemUrl(entry.guid) ?? itemUrl(entry.id);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const body = [entry["content:encoded"], entry.content, entry.summary].find(
      (value): value is string => typeof value === "string" && value.trim() !== "",
    );
    // The first date that parses: a feed's own string keeps its zone offset; isoDate (UTC) is the fallback.
    const published = [entry.published, entry.pubDate, entry.date, entry.updated, entry.isoDate]
      .map((value) => (typeof value === "string" ? normalizeDate(value.trim()) : undefined))
      .find((value) => value !== undefined);
    items.push(
      dropUndefined({
        url,
        title: oneLine(entry.title),
        published,
        text: body ? htmlToText(body) || undefined : undefined,
        author: oneLine(entry.creator) ?? oneLine(entry.author),
        source: itemPublisher(entry.itemSource) ?? itemPublisher(entry.publisher),
        feed: feedTitle,
      }),
    );
  }
  return dropUndefined({ title: feedTitle, items });
}

/**
 * The publisher an item names for itself: the text of RSS `<source url="…">Name</source>` or of
 * `dc:publisher`, or the `<title>` of Atom's `<source>`. A bare URL is not a name.
 */
function itemPublisher(value: unknown): string | undefined {
  let name: unknown = value;
  if (typeof value === "object" && value !== null && "title" in value) {
    const title = (value as { title?: unknown }).title;
    name = Array.isArray(title) ? title[0] : title;
    if (typeof name === "object" && name !== null && "_" in name) name = (name as { _: unknown })._;
  }
  const text = oneLine(name);
  return text === undefined || /^https?:\/\//i.test(text) ? undefined : text;
}

/**
 * The article a feed item carries itself, when its text is the full article (at least
 * {@link FULL_TEXT_CHARS} characters); `undefined` for a teaser, so the caller fetches `item.url`.
 */
export function articleFromItem(item: FeedItem): Article | undefined {
  const text = item.text?.trim();
  if (!text || text.length < FULL_TEXT_CHARS) return undefined;
  return uniqueIds([
    dropUndefined({
      text,
      title: item.title,
      source: item.source,
      url: item.url,
      published: item.published,
      author: item.author,
      origin: item.url,
    }),
  ])[0];
}

// ---------------------------------------------------------------------------------------------------
// The feeds file

/**
 * Read a feeds file: one http(s) URL per line; blank lines and lines starting with "#" are ignored, as
 * is a comment after a URL (" # …", with a space before the "#": a URL's own fragment is kept).
 * Repeated URLs are kept once. Returns the URLs (as the URL parser writes them) in file order.
 * Throws InputError: a missing or unreadable file, or the first bad line, "feeds.txt line 4: is not an
 * http(s) URL (…)" — with how many other lines are bad, so they can all be fixed at once.
 */
export async function readFeedList(path: string): Promise<string[]> {
  const bytes = await readFileBytes(path, MAX_FEED_LIST_BYTES);
  // An empty or blank file is an empty list (decodeBytes would refuse it as empty).
  const blank =
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1").trim() === "";
  const text = blank ? "" : decodeBytes(bytes, path, { html: false });
  const urls = new Set<string>();
  const bad: Array<{ line: number; problem: string }> = [];
  text.split("\n").forEach((raw, index) => {
    const line = withoutComment(raw).trim();
    if (line === "") return;
    const problem = feedUrlProblem(line);
    if (problem) bad.push({ line: index + 1, problem });
    else {
      urls.add(new URL(line).href);
    }
  });
  if (bad.length > 0) {
    const more = bad.length > 1 ? ` (and ${bad.length - 1} more bad line${bad.length > 2 ? "s" : ""})` : "";
    throw new InputError(`${path} line ${bad[0].line}`, `${bad[0].problem}${more}`);
  }
  return [...urls];
}

/**
 * `raw.replace(/(?:^|\s)#.*$/, "")` in linear time: the first "#" at the start or after white space with no
 * line terminator after it, cut with the white space before it. (The regex rescanned to the end of the line
 * from every " #" when a U+2028 followed them, which is quadratic.)
 */
function withoutComment(raw: string): string {
  let from = 0;
  for (let i = raw.length - 1; i >= 0; i--) {
    if ("\n\r\u2028\u2029".includes(raw[i])) {
      from = i + 1;
      break;
    }
  }
  for (let i = raw.indexOf("#", from); i >= 0; i = raw.indexOf("#", i + 1)) {
    if (i === 0) return "";
    if (/\s/.test(raw[i - 1])) return raw.slice(0, i - 1);
  }
  return raw;
}

/** Why a feeds-file line is not a feed URL, or `undefined`. */
function feedUrlProblem(line: string): string | undefined {
  const shown = line.length > 80 ? `${line.slice(0, 77)}...` : line;
  if (/\s/.test(line)) return `is not one URL ("${shown}")`;
  try {
    const url = new URL(line);
    if (url.protocol !== "http:" && url.protocol !== "https:") return `is not an http(s) URL ("${shown}")`;
    return undefined;
  } catch {
    return `is not an http(s) URL ("${shown}")`;
  }
}
