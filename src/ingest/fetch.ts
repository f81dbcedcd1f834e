/**
 * Fetching pages and feeds from the web, defended against server-side request forgery (SSRF).
 *
 * `safeFetch(url)` does one GET, following up to five redirects by hand:
 * 1. only http and https URLs; credentials in a URL are sent as Basic auth to that origin only;
 * 2. each hop's host is resolved once (injectable `resolve`), and *every* address it resolves to must be
 *    public: private (10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10), loopback (127/8, ::1),
 *    link-local (169.254/16, fe80::/10), unspecified (0/8, ::), shared CGNAT (100.64/10), multicast and
 *    reserved addresses are refused, also when written as a literal IP in the URL, IPv4-mapped or
 *    -translated IPv6, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) — unless `allowPrivateNetwork`;
 * 3. the TCP connection is opened to exactly the address that was checked (DNS rebinding: there is no
 *    second lookup between the check and the connect), trying the checked addresses in order;
 *    TLS still verifies the certificate against the host name (SNI and Host header are the name);
 * 4. a redirect's target goes through steps 1–3 again; Authorization and Cookie headers are dropped when
 *    a redirect changes origin;
 * 5. the body is streamed, decompressed (gzip, deflate, br), and the transfer is aborted as soon as it
 *    passes `maxBytes` (decompressed bytes count, so a compression bomb is cut off too);
 * 6. one deadline (`timeoutMs`, an AbortController) covers everything: DNS, connects, TLS, redirects, body.
 *
 * Why node:http/https and not Node's global fetch (undici): pinning the connection to the checked address
 * needs control of the socket. Global fetch only allows that through an undici `Agent` with a custom
 * `connect`, and undici is not a dependency (the copy inside Node is not importable). With node:http the
 * socket is ours: we resolve, check, `net.connect` to the IP, wrap it in TLS ourselves, and hand it to
 * `http.request` through `createConnection`. No connection pooling (one socket per hop, closed after):
 * a poller fetching each host every few minutes gains nothing from keep-alive.
 *
 * Every failure is a FetchError whose message names the URL that was asked for:
 * "http://10.0.0.5/feed: refused: 10.0.0.5 is a private address (use --allow-private-network to allow)".
 *
 * `fetchArticle(url)` is safeFetch + decoding + Readability (htmlToDraft) → an Article whose `url` is
 * the page's canonical URL, else the final URL, without utm_* parameters and fragment.
 */
import { lookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import net from "node:net";
import type { Readable } from "node:stream";
import tls from "node:tls";
import zlib from "node:zlib";
import iconv from "iconv-lite";
import { InputError, UsageError } from "../model/errors.ts";
import { articleId } from "../model/ids.ts";
import type { Article } from "../model/types.ts";
import { decodeBytes, isProbablyBinary, tryUtf8 } from "./decode.ts";
import { htmlToDraft } from "./html.ts";
import { formatLimit } from "./limits.ts";

/** Default deadline of one fetch, redirects and body included: 15 s. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** Default largest body, after decompression: 5 MB (a news page with inline scripts rarely passes 2 MB). */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** Redirects followed before giving up (browsers allow 20; 5 is plenty for feeds and articles). */
export const MAX_REDIRECTS = 5;

/** User-Agent sent unless the caller gives one. */
export const DEFAULT_USER_AGENT = "Roundup/0.1 (news summarizer; +https://github.com/roundup)";

/** What is appended to a refusal: how to lift it. */
const ALLOW_HINT = "(use --allow-private-network to allow)";

/** Accept header of fetchArticle. */
const HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";

/** What kind of failure a FetchError is, for callers that react differently (retry a timeout, not a refusal). */
export type FetchErrorKind =
  | "invalid-url"
  | "refused"
  | "timeout"
  | "too-large"
  | "http"
  | "redirects"
  | "network"
  | "aborted";

/** A fetch that failed. `message` is "url: problem"; `url` is the URL that was asked for. */
export class FetchError extends Error {
  override name = "FetchError";
  readonly url: string;
  readonly kind: FetchErrorKind;
  /** The HTTP status, for kind "http". */
  readonly status?: number;
  /** The server's Retry-After header on a 429 or 503, as sent (read it with {@link parseRetryAfter}). */
  readonly retryAfter?: string;
  constructor(url: string, kind: FetchErrorKind, problem: string, status?: number, retryAfter?: string) {
    super(`${url}: ${problem}`);
    this.url = url;
    this.kind = kind;
    if (status !== undefined) this.status = status;
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
  }
}

/**
 * A Retry-After header (RFC 9110 §10.2.3) as a wait in ms from `now`: delay-seconds or an HTTP date.
 * Undefined when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month ("Tue, 03 Jun 2031 08:30:00 GMT"); Date.parse reads "-5" as a year.
  if (!/^[A-Za-z]{3},? /.test(text)) return undefined;
  const when = Date.parse(text);
  return Number.isNaN(when) ? undefined : Math.max(0, when - now);
}

/** Options of {@link safeFetch}. */
export interface SafeFetchOptions {
  /** Allow private, loopback, link-local and other non-public addresses. Default false. */
  allowPrivateNetwork?: boolean;
  /** Deadline of the whole fetch (DNS, connect, redirects, body), in ms. Default 15 000. */
  timeoutMs?: number;
  /** Largest body in bytes, after decompression. Default 5 MB. */
  maxBytes?: number;
  /** Extra request headers (If-None-Match, Accept …); names are case-insensitive. */
  headers?: Record<string, string>;
  /** Default {@link DEFAULT_USER_AGENT}. */
  userAgent?: string;
  /** Host name → IP addresses. Default: the system resolver (`dns.lookup`, all addresses). */
  resolve?: (host: string) => Promise<string[]>;
  /**
   * Where the socket for a checked address really connects. For tests only: lets a fake public
   * address reach a local server. Default: the address itself. The address check is not affected.
   */
  dial?: (address: string, port: number) => { host: string; port: number };
  /** Cancels the fetch (a FetchError of kind "aborted"). */
  signal?: AbortSignal;
}

/** The final response of {@link safeFetch}. */
export interface FetchResponse {
  status: number;
  /** The final URL, after redirects. */
  url: string;
  headers: Headers;
  /** The body, decompressed; empty for 304. */
  bytes: Uint8Array;
  /** The server answered 304 Not Modified to a conditional request. */
  notModified: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Address classification

/** What kind of address an IP is. Only "public" is fetched unless `allowPrivateNetwork` is set. */
export type AddressClass =
  | "public"
  | "private"
  | "loopback"
  | "link-local"
  | "unspecified"
  | "shared"
  | "multicast"
  | "reserved";

const CLASS_DESCRIPTIONS: Record<Exclude<AddressClass, "public">, string> = {
  private: "a private address",
  loopback: "a loopback address",
  "link-local": "a link-local address",
  unspecified: "an unspecified address",
  shared: "a shared (carrier-grade NAT) address",
  multicast: "a multicast address",
  reserved: "a reserved address",
};

/**
 * IPv4 ranges that are not public. Deliberately not refused: the documentation ranges (TEST-NET, never
 * routed) and 198.18/15, which "fake-IP" proxies (Clash, Surge) hand out for every public host.
 */
const IPV4_RANGES: ReadonlyArray<[base: string, bits: number, kind: AddressClass]> = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.168.0.0", 16, "private"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

/** A dotted-quad IPv4 address as an unsigned 32-bit number, or `undefined`. */
function parseIpv4(address: string): number | undefined {
  if (!net.isIPv4(address)) return undefined;
  return address.split(".").reduce((value, part) => value * 256 + Number(part), 0);
}

const inIpv4Range = (value: number, base: string, bits: number): boolean => {
  const size = 2 ** (32 - bits);
  return Math.floor(value / size) === Math.floor(parseIpv4(base)! / size);
};

function classifyIpv4(value: number): AddressClass {
  for (const [base, bits, kind] of IPV4_RANGES) if (inIpv4Range(value, base, bits)) return kind;
  return "public";
}

/** An IPv6 address (brackets and zone allowed) as eight 16-bit groups, or `undefined`. */
function parseIpv6(address: string): number[] | undefined {
  let text = address.replace(/^\[|\]$/g, "");
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  if (!net.isIPv6(text)) return undefined;
  const lastColon = text.lastIndexOf(":");
  const embedded = parseIpv4(text.slice(lastColon + 1));
  if (embedded !== undefined) {
    const high = Math.floor(embedded / 0x10000).toString(16);
    const low = (embedded % 0x10000).toString(16);
    text = `${text.slice(0, lastColon + 1)}${high}:${low}`;
  }
  const [head, tail] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  return groups.map((group) => Number.parseInt(group, 16));
}

const zeros = (groups: number[], from: number, to: number): boolean =>
  groups.slice(from, to).every((group) => group === 0);

/** The IPv4 address in the last 32 bits of an IPv6 address. */
const lastIpv4 = (groups: number[]): number => groups[6] * 0x10000 + groups[7];

function classifyIpv6(groups: number[]): AddressClass {
  const [g0, g1, g2] = groups;
  if (zeros(groups, 0, 8)) return "unspecified";
  if (zeros(groups, 0, 7) && groups[7] === 1) return "loopback";
  // ::ffff:a.b.c.d (IPv4-mapped) and ::ffff:0:a.b.c.d (IPv4-translated) reach the IPv4 address.
  if (zeros(groups, 0, 5) && groups[5] === 0xffff) return classifyIpv4(lastIpv4(groups));
  if (zeros(groups, 0, 4) && groups[4] === 0xffff && groups[5] === 0) return classifyIpv4(lastIpv4(groups));
  // ::a.b.c.d (IPv4-compatible, deprecated): never routed.
  if (zeros(groups, 0, 6)) {
    const kind = classifyIpv4(lastIpv4(groups));
    return kind === "public" ? "reserved" : kind;
  }
  // NAT64 (64:ff9b::/96) reaches the embedded IPv4 address; local-use NAT64 (64:ff9b:1::/48) is private.
  if (g0 === 0x64 && g1 === 0xff9b && zeros(groups, 2, 6)) return classifyIpv4(lastIpv4(groups));
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return "private";
  // 6to4 (2002::/16) embeds the IPv4 address in bits 16–47.
  if (g0 === 0x2002) return classifyIpv4(g1 * 0x10000 + g2);
  if ((g0 & 0xfe00) === 0xfc00) return "private";
  if ((g0 & 0xffc0) === 0xfe80) return "link-local";
  if ((g0 & 0xffc0) === 0xfec0) return "private"; // site-local, deprecated
  if ((g0 & 0xff00) === 0xff00) return "multicast";
  // Outside global unicast 2000::/3 (e.g. the discard prefix 100::/64): unallocated or special.
  if ((g0 & 0xe000) !== 0x2000) return "reserved";
  return "public";
}

/**
 * Which kind of address an IP literal is (IPv4 dotted quad, or IPv6 with or without brackets and
 * zone), or `undefined` when it is not an IP address.
 */
export function classifyAddress(address: string): AddressClass | undefined {
  const ipv4 = parseIpv4(address);
  if (ipv4 !== undefined) return classifyIpv4(ipv4);
  const ipv6 = parseIpv6(address);
  return ipv6 ? classifyIpv6(ipv6) : undefined;
}

/** Why an address is refused ("10.0.0.5 is a private address"), or `undefined` when it is public. */
export function addressProblem(address: string): string | undefined {
  const kind = classifyAddress(address);
  if (kind === undefined) return `${address} is not an IP address`;
  return kind === "public" ? undefined : `${address} is ${CLASS_DESCRIPTIONS[kind]}`;
}

// ---------------------------------------------------------------------------------------------------
// URLs

/** Query parameters dropped by {@link canonicalUrl}: campaign tags, which never change the page. */
const TRACKING_PARAMETER = /^utm_/i;

/**
 * A URL as the desk identifies a page: utm_* parameters and the fragment removed, the rest (other
 * parameters, their order and encoding) kept. Scheme and host are lower-cased and a default port
 * dropped, as the URL parser does. Returns the input unchanged when it is not a URL.
 */
export function canonicalUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  parsed.hash = "";
  // Always reassigned, so an empty query ("page?") goes too.
  const kept = parsed.search
    .slice(1)
    .split("&")
    .filter((pair) => pair !== "" && !TRACKING_PARAMETER.test(decodeKey(pair)));
  parsed.search = kept.length > 0 ? `?${kept.join("&")}` : "";
  return parsed.href;
}

function decodeKey(pair: string): string {
  const key = pair.split("=")[0];
  try {
    return decodeURIComponent(key.replace(/\+/g, " "));
  } catch {
    return key;
  }
}

/** The URL of a fetch, or a FetchError. Only http and https. */
function parseHttpUrl(value: string, requested: string, redirected: boolean): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    const problem = redirected ? `redirected to an invalid URL (${value})` : "not a valid URL";
    throw new FetchError(requested, "invalid-url", problem);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    const problem = redirected
      ? `refused: redirected to ${url.href} (only http and https are fetched)`
      : `refused: ${url.protocol} URLs are not fetched (only http and https)`;
    throw new FetchError(requested, redirected ? "refused" : "invalid-url", problem);
  }
  return url;
}

/** The URL with its password (if any) replaced by "***", for messages. */
function withoutPassword(value: string): string {
  try {
    const url = new URL(value);
    if (!url.password) return value;
    url.password = "***";
    return url.href;
  } catch {
    return value;
  }
}

/** The host of a URL without IPv6 brackets. */
const bareHost = (url: URL): string => url.hostname.replace(/^\[|\]$/g, "");

// ---------------------------------------------------------------------------------------------------
// One fetch

/** Everything one fetch shares across its hops. */
interface FetchContext {
  requested: string;
  allowPrivate: boolean;
  resolve: (host: string) => Promise<string[]>;
  dial?: (address: string, port: number) => { host: string; port: number };
  signal: AbortSignal;
  maxBytes: number;
  /** Sockets opened, destroyed when the fetch ends. */
  sockets: net.Socket[];
}

const systemResolve = async (host: string): Promise<string[]> =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** `promise`, or a rejection with the signal's reason as soon as it aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The addresses a hop may connect to: the literal IP of the URL, or every address the host resolves
 * to, each checked. One bad address refuses the host (a resolver answering both a public and a private
 * address is how rebinding attacks start).
 */
async function checkedAddresses(url: URL, redirected: boolean, context: FetchContext): Promise<string[]> {
  const host = bareHost(url);
  const refuse = (problem: string): FetchError => {
    const where = redirected ? `redirected to ${url.href}, and ` : "";
    return new FetchError(context.requested, "refused", `refused: ${where}${problem} ${ALLOW_HINT}`);
  };
  if (net.isIP(host)) {
    const problem = addressProblem(host);
    if (problem && !context.allowPrivate) throw refuse(problem);
    return [host];
  }
  let addresses: string[];
  try {
    addresses = await abortable(context.resolve(host), context.signal);
  } catch (error) {
    if (context.signal.aborted) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    throw new FetchError(
      context.requested,
      "network",
      `could not resolve ${host}${code ? ` (${code})` : ""}`,
    );
  }
  if (addresses.length === 0) throw new FetchError(context.requested, "network", `could not resolve ${host}`);
  for (const address of addresses) {
    if (!net.isIP(address)) {
      throw new FetchError(
        context.requested,
        "network",
        `${host} resolved to "${address}", not an IP address`,
      );
    }
    const kind = classifyAddress(address);
    if (kind !== "public" && kind !== undefined && !context.allowPrivate) {
      throw refuse(`${host} resolves to ${address}, ${CLASS_DESCRIPTIONS[kind]}`);
    }
  }
  return addresses;
}

/** A TCP connection to one address (through `dial` when given). */
function connectTo(address: string, port: number, context: FetchContext): Promise<net.Socket> {
  const target = context.dial ? context.dial(address, port) : { host: address, port };
  return new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    context.sockets.push(socket);
    const onAbort = (): void => {
      socket.destroy();
      reject(context.signal.reason);
    };
    if (context.signal.aborted) return onAbort();
    context.signal.addEventListener("abort", onAbort, { once: true });
    socket.once("connect", () => {
      context.signal.removeEventListener("abort", onAbort);
      resolve(socket);
    });
    // Stays attached: a late error (after the request's own listener is gone) must not crash the process.
    socket.on("error", (error) => {
      context.signal.removeEventListener("abort", onAbort);
      reject(error);
    });
  });
}

/** A connection to the first checked address that accepts one. */
async function connectAny(addresses: string[], port: number, context: FetchContext): Promise<net.Socket> {
  let lastError: unknown;
  for (const address of addresses) {
    try {
      return await connectTo(address, port, context);
    } catch (error) {
      if (context.signal.aborted) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

/** One GET on a connection pinned to a checked address; resolves when the response headers arrive. */
async function requestHop(
  url: URL,
  redirected: boolean,
  headers: Record<string, string>,
  context: FetchContext,
): Promise<IncomingMessage> {
  const addresses = await checkedAddresses(url, redirected, context);
  const secure = url.protocol === "https:";
  const port = Number(url.port) || (secure ? 443 : 80);
  const socket = await connectAny(addresses, port, context);
  const host = bareHost(url);
  // `host` is what the certificate is checked against; SNI only for names (not IP literals).
  const stream = secure
    ? tls.connect({
        socket,
        host,
        servername: net.isIP(host) ? undefined : host,
        ALPNProtocols: ["http/1.1"],
      })
    : socket;
  if (stream !== socket) {
    stream.on("error", () => {});
    context.sockets.push(stream);
  }
  const auth = url.username
    ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
    : undefined;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const request = (secure ? https : http).request(
      {
        method: "GET",
        path: `${url.pathname}${url.search}`,
        headers: { ...headers, host: url.host },
        auth,
        createConnection: () => stream,
        signal: context.signal,
      },
      resolve,
    );
    request.on("error", reject);
    request.end();
  });
}

/** A decompressing stream for a Content-Encoding, or the response itself. */
function decodedBody(response: IncomingMessage, requested: string): Readable {
  const encoding = (response.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  let decoder: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress;
  if (encoding === "identity" || encoding === "") return response;
  if (encoding === "gzip" || encoding === "x-gzip") decoder = zlib.createGunzip();
  else if (encoding === "deflate") decoder = zlib.createInflate();
  else if (encoding === "br") decoder = zlib.createBrotliDecompress();
  else throw new FetchError(requested, "network", `unsupported content encoding "${encoding}"`);
  response.on("error", (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

/** The body's bytes, decompressed, stopping as soon as they pass `maxBytes` (raw or decoded). */
async function readBody(response: IncomingMessage, context: FetchContext): Promise<Uint8Array> {
  const { maxBytes, requested } = context;
  const tooLarge = (): FetchError =>
    new FetchError(requested, "too-large", `larger than the ${formatLimit(maxBytes)} limit`);
  const declared = Number(response.headers["content-length"]);
  const encoded = (response.headers["content-encoding"] ?? "identity").trim().toLowerCase() !== "identity";
  if (!encoded && Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const body = decodedBody(response, requested);
  let raw = 0;
  if (body !== response) {
    response.on("data", (chunk: Buffer) => {
      raw += chunk.length;
      if (raw > maxBytes) body.destroy(tooLarge());
    });
  }
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > maxBytes) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks, length));
}

/** Drop a response's body and its connection. */
function discard(response: IncomingMessage): void {
  response.on("error", () => {});
  response.destroy();
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

function toHeaders(response: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** Request headers: defaults, then the caller's (names lower-cased so they replace the defaults). */
function requestHeaders(options: SafeFetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "user-agent": options.userAgent ?? DEFAULT_USER_AGENT,
    accept: "*/*",
    "accept-encoding": "gzip, deflate, br",
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  headers.connection = "close";
  delete headers.host;
  return headers;
}

/** Problem text for a low-level error (a socket, TLS or parser error). */
function networkProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const known: Record<string, string> = {
    ECONNREFUSED: "could not connect (connection refused)",
    ECONNRESET: "the connection was reset",
    EHOSTUNREACH: "could not connect (host unreachable)",
    ENETUNREACH: "could not connect (network unreachable)",
    ETIMEDOUT: "could not connect (timed out)",
    EPIPE: "the connection was closed",
  };
  if (code && known[code]) return known[code];
  const message = error instanceof Error ? error.message : String(error);
  if (code?.startsWith("HPE_")) return `invalid HTTP response (${message})`;
  if (code && /CERT|SSL|TLS|SELF_SIGNED/.test(code)) return `TLS error (${code}: ${message})`;
  return `could not fetch (${code ? `${code}: ` : ""}${message})`;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${name} must be a positive number`);
  return value;
}

/**
 * GET a URL with the SSRF defences, redirect handling, size limit and deadline described in the module
 * comment. Resolves for 2xx (the body) and 304 (`notModified`, no body); every other outcome is a
 * FetchError ("url: HTTP 404", "url: timed out after 15000 ms", "url: larger than the 5 MB limit" …).
 */
export async function safeFetch(url: string, options: SafeFetchOptions = {}): Promise<FetchResponse> {
  const timeoutMs = positive("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS);
  const maxBytes = positive("maxBytes", options.maxBytes, DEFAULT_MAX_BYTES);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error("timed out"));
  }, timeoutMs);
  const external = options.signal;
  const onExternalAbort = (): void => controller.abort(external?.reason);
  if (external?.aborted) onExternalAbort();
  external?.addEventListener("abort", onExternalAbort, { once: true });
  const context: FetchContext = {
    requested: withoutPassword(url),
    allowPrivate: options.allowPrivateNetwork ?? false,
    resolve: options.resolve ?? systemResolve,
    dial: options.dial,
    signal: controller.signal,
    maxBytes,
    sockets: [],
  };
  // Messages name the URL as asked for, except a password in it (messages end up in logs and the store).
  const shown = context.requested;
  try {
    let current = parseHttpUrl(url, shown, false);
    const headers = requestHeaders(options);
    for (let redirects = 0; ; redirects++) {
      const response = await requestHop(current, redirects > 0, headers, context);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location) {
        discard(response);
        if (redirects === MAX_REDIRECTS) {
          throw new FetchError(shown, "redirects", `too many redirects (more than ${MAX_REDIRECTS})`);
        }
        let target: string;
        try {
          target = new URL(location, current).href;
        } catch {
          target = location;
        }
        const next = parseHttpUrl(target, shown, true);
        if (next.origin !== current.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
        current = next;
        continue;
      }
      const result = { status, url: current.href, headers: toHeaders(response) };
      if (status === 304) {
        discard(response);
        return { ...result, bytes: new Uint8Array(0), notModified: true };
      }
      if (status < 200 || status > 299) {
        discard(response);
        const retryAfter =
          status === 429 || status === 503 ? (result.headers.get("retry-after") ?? undefined) : undefined;
        throw new FetchError(shown, "http", `HTTP ${status}`, status, retryAfter);
      }
      return { ...result, bytes: await readBody(response, context), notModified: false };
    }
  } catch (error) {
    if (timedOut) throw new FetchError(shown, "timeout", `timed out after ${timeoutMs} ms`);
    if (external?.aborted) throw new FetchError(shown, "aborted", "cancelled");
    if (error instanceof FetchError) throw error;
    throw new FetchError(shown, "network", networkProblem(error));
  } finally {
    clearTimeout(timer);
    external?.removeEventListener("abort", onExternalAbort);
    for (const socket of context.sockets) socket.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------
// Decoding and articles

/** Labels decoded as Windows-1252, as browsers do (see decode.ts). */
const LATIN1_LABELS = new Set(["ascii", "us-ascii", "iso-8859-1", "iso8859-1", "latin1", "l1", "cp1252"]);

/** The iconv-lite name of a charset label, or `undefined` when unknown. */
function encodingOf(label: string | undefined): string | undefined {
  const name = label
    ?.trim()
    .replace(/^["']|["']$/g, "")
    .toLowerCase();
  if (!name) return undefined;
  if (name === "utf-8" || name === "utf8") return "utf-8";
  if (LATIN1_LABELS.has(name)) return "windows-1252";
  return iconv.encodingExists(name) ? name : undefined;
}

/** The charset parameter of a Content-Type header. */
function headerCharset(contentType: string | null): string | undefined {
  return /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? "")?.[2];
}

/** The encoding an XML declaration names: `<?xml version="1.0" encoding="ISO-8859-1"?>`. */
function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256)).toString(
    "latin1",
  );
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
}

const hasBom = (bytes: Uint8Array): boolean =>
  (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
  (bytes[0] === 0xff && bytes[1] === 0xfe) ||
  (bytes[0] === 0xfe && bytes[1] === 0xff);

/**
 * A response body as text. A charset from the Content-Type header (or, for XML, the XML declaration)
 * is used when the bytes are not valid UTF-8 and carry no BOM; otherwise decoding is `decodeBytes`'s
 * (BOM, `<meta charset>`, UTF-8, detection). Valid UTF-8 wins over a declared single-byte charset:
 * servers that label UTF-8 pages ISO-8859-1 are common, the opposite is not. Throws InputError (empty,
 * binary) naming the final URL.
 */
export function decodeResponse(response: FetchResponse, kind: "html" | "xml"): string {
  const { bytes, url } = response;
  const declared =
    encodingOf(headerCharset(response.headers.get("content-type"))) ??
    (kind === "xml" ? encodingOf(xmlDeclaredEncoding(bytes)) : undefined);
  const useDeclared =
    declared !== undefined &&
    declared !== "utf-8" &&
    bytes.byteLength > 0 &&
    !hasBom(bytes) &&
    tryUtf8(bytes) === undefined &&
    !isProbablyBinary(bytes);
  if (!useDeclared) return decodeBytes(bytes, url, { html: kind === "html" });
  const text = iconv
    .decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), declared)
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n");
  if (text.trim() === "") throw new InputError(url, "is empty");
  return text;
}

/** Content types fetchArticle reads; anything else (PDF, images, JSON …) is refused. */
const PAGE_TYPE = /^(?:text\/|application\/(?:xhtml\+xml|xml)\b)/i;

/** Matched only up to the page's last ">": there every "<link" finds its ">", so the scan is linear. */
const CANONICAL_LINK = /<link\b[^>]*>/gi;

/** The page's `<link rel="canonical">`, resolved against the page URL (html.ts keeps only absolute ones). */
function canonicalLink(html: string, pageUrl: string): string | undefined {
  // No tag can end after the last ">"; past it, "<link<link…" would make every start scan to the end.
  for (const [tag] of html.slice(0, html.lastIndexOf(">") + 1).matchAll(CANONICAL_LINK)) {
    const rel = /\brel\s*=\s*["']?([^"'>]+)/i.exec(tag)?.[1];
    if (!rel?.toLowerCase().split(/\s+/).includes("canonical")) continue;
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    const value = (href?.[1] ?? href?.[2] ?? href?.[3])?.trim().replace(/&amp;/g, "&");
    if (!value) continue;
    try {
      const resolved = new URL(value, pageUrl);
      if (resolved.protocol === "http:" || resolved.protocol === "https:") return resolved.href;
    } catch {}
  }
  return undefined;
}

/**
 * Fetch a web page and extract its article (Readability, as for HTML files). `url` of the result is the
 * page's canonical URL (`<link rel="canonical">`, og:url, JSON-LD url) when it has one, else the final
 * URL after redirects, in either case through {@link canonicalUrl}; `origin` is the final URL and `id`
 * is computed from the URL. Throws FetchError (the fetch failed) or InputError (not an HTML page, or a
 * page without an article).
 */
export async function fetchArticle(url: string, options: SafeFetchOptions = {}): Promise<Article> {
  const response = await safeFetch(url, { ...options, headers: { accept: HTML_ACCEPT, ...options.headers } });
  if (response.notModified) throw new FetchError(url, "http", "HTTP 304 (not modified)", 304);
  const type = response.headers.get("content-type")?.split(";")[0].trim();
  if (type && !PAGE_TYPE.test(type)) throw new InputError(response.url, `is not a web page (${type})`);
  const html = decodeResponse(response, "html");
  const draft = htmlToDraft(html, response.url);
  const pageUrl = canonicalUrl(draft.url ?? canonicalLink(html, response.url) ?? response.url);
  return { id: articleId({ text: draft.text, url: pageUrl }), ...draft, url: pageUrl };
}
