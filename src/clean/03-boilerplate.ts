/**
 * Boilerplate: lines a page or a wire service wraps around the story (share buttons, newsletter
 * pitches, ads, photo captions and credits, "Read more" links, copyright, contact lines …).
 *
 * Conservative by design: a false removal loses news, a miss only leaves a line the summarizer can
 * still ignore. So almost every rule is anchored to the whole line, has a word limit, and the rules
 * that look anywhere in a line step back when the line reads like reporting (a quote, "said", …):
 * "The ministry said on Facebook that …" stays; "Follow Israel Hayom on Facebook, Twitter" goes.
 * Lines are expected after `02-whitespace` (single spaces, straight quotes, no indentation).
 */
import type { Edit } from "./mapped.ts";

export type BoilerplateReason =
  | "social"
  | "newsletter"
  | "advertisement"
  | "caption"
  | "photo-credit"
  | "read-more"
  | "related"
  | "click-here"
  | "copyright"
  | "url"
  | "contact"
  | "separator"
  | "promo"
  | "correction"
  | "editor-note"
  | "republication-note"
  | "comments"
  | "cookie"
  | "contributor-credit"
  | "media-embed"
  | "site-chrome"
  | "platform-notice"
  | "wire-note"
  | "trailing-credit";

/** A range of the text to drop: a whole line (without its newline) or, for "trailing-credit", a line's tail. */
export interface BoilerplateHit {
  start: number;
  end: number;
  reason: BoilerplateReason;
  /** True when the whole line goes (its newline with it). */
  wholeLine: boolean;
}

/** Longest line (in words) that a pitch, credit or link line is; longer lines are prose. */
const SHORT_LINE_WORDS = 30;
/** Upper bound for captions and credits that can run long (AP caption blocks, contributor lists). */
const LONG_LINE_WORDS = 90;

/** Lines that read like reporting: the anywhere-rules never fire on them. */
const REPORTING =
  /"|\b(?:said|says|told|according to|reported|reports|announced|wrote|tweeted|posted|stated)\b/i;

const PLATFORMS =
  "facebook|twitter|instagram|x|tiktok|youtube|linkedin|threads|bluesky|google\\+|tumblr|snapchat|telegram|whatsapp|pinterest|flipboard|reddit";
/** "Follow Israel Hayom on Facebook", "Find NJ.com on Facebook", "Like us on Facebook": the object is a name or a pronoun. */
/** The same platforms for a case-sensitive pattern: "[Ff]acebook|[Tt]witter|…". */
const PLATFORMS_EITHER_CASE = PLATFORMS.split("|")
  .map((p) => `[${p[0].toUpperCase()}${p[0]}]${p.slice(1)}`)
  .join("|");
// Linear: anchored, and the only unbounded run before the lazy `.{0,100}?` ends at a word boundary.
const FOLLOW_ON_PLATFORM = new RegExp(
  `^(?:(?:And|Also|Please|and|also|please) )?(?:(?:[Ff]ollow|[Ff]ind|[Cc]onnect with) (?:us|me|him|her|them|@\\w+|[A-Z][\\w.'&-]*)|(?:[Ll]ike|[Jj]oin) us)\\b.{0,100}?\\b(?:on|at|via) (?:${PLATFORMS_EITHER_CASE})\\b`,
);
/** "For the latest news and analysis, follow @wsjd.", "For more from Sara, follow her on Twitter @sarapyin." */
const FOLLOW_HANDLE = /^(?:(?:for|and|to|also)\b[^.]{0,80}?\b)?follow (?:us|me|him|her|them|@\w+)\b/i;
const MENTIONS_PLATFORM = new RegExp(`@\\w|\\b(?:${PLATFORMS})\\b`, "i");
// Linear: anchored, one run of [\w.@-] up to the end.
const PLATFORM_HANDLE = new RegExp(`^(?:${PLATFORMS}|e-?mail): @?[\\w.@-]+$`, "i");

/** Words a share/social widget line is made of; a line of only these (and counts) is a widget. */
const SOCIAL_WORDS = new Set(
  (
    "share shares shared sharing tweet tweets retweet email e-mail mail print pin pinit facebook twitter x reddit " +
    "pinterest linkedin whatsapp messenger google+ tumblr instagram flipboard telegram sms copy link this article " +
    "story page on via the play save embed more options icon close and or with your friends"
  ).split(" "),
);
/** At least one of these must be present, so "more on this story" alone is not taken for a widget. */
const SOCIAL_CORE = new Set(
  "share shares tweet retweet facebook twitter reddit pinterest linkedin whatsapp instagram tumblr flipboard google+ email e-mail print".split(
    " ",
  ),
);
const SOCIAL_WIDGET_MAX_WORDS = 12;

const AGENCY =
  "AP|AFP|Reuters|REUTERS|Getty Images|Getty|EPA|EPA-EFE|Shutterstock|Xinhua|Bloomberg|NASA|Pool|Sipa|Alamy|Rex|Zuma|Corbis|Polaris|UPI";
/** A credit line: "Jonathan Ernst/Reuters", "Nicholas Kamm/AFP/Getty Images", "AP", "REUTERS/Eric Thayer". */
// Linear: words are split by " " or "/", which no word class holds, so each char has one place in a match.
const CREDIT_ONLY = new RegExp(
  `^(?:(?:[A-Z][\\w.'-]*(?: [A-Z][\\w.'-]*){0,3} ?/ ?)?(?:${AGENCY}|AP Photo|Associated Press)(?: ?/ ?[A-Z][\\w.'-]*(?: [A-Z][\\w.'-]*){0,3})*|Courtesy(?: of)? [A-Z][\\w.'-]*(?: [A-Z][\\w.'-]*){0,4})$`,
);
/** A caption that ends in a credit: "... (Associated Press)", "(AP Photo/Evan Vucci)", "(Photo: Charles Krupa, AP)". */
// Linear: each "(" start has bounded runs, but "\w+" (one word each) in the "Published" branch.
const CAPTION_CREDIT_END =
  /\((?:Associated Press|AP Photos?(?:\/[^)]{0,60})?|AP Images?|Pool Photo[^)]{0,60}|[A-Z][\w.' -]{0,40}\/(?:AP|AFP|Reuters|Getty Images|EPA)(?:, Pool)?|Photos?(?::| by| courtesy| credit| via)[^)]{0,80}|Images?(?::| by| courtesy| via)[^)]{0,80}|Credit:[^)]{0,80}|Family photos?|File photo|Published (?:\w+day, )?\w+\.? \d{1,2}, \d{4})\)\.?$/;
/** A caption that ends in a bare credit: "... network. REUTERS/Eric Thayer", "... scene. AP Photo/Richard Vogel". */
const BARE_CREDIT_END =
  /[.!?")]\s(?:REUTERS|Reuters|AP Photo|AFP|Getty Images)\s?\/\s?[A-Z][\w.' -]{1,40}$|[.!?")]\s(?:Courtesy(?: of)?|Photo(?:graph)? (?:by|courtesy of|credit:?)|Image (?:by|courtesy of)|Credit:) [A-Z][\w.'/ -]{1,60}$/;
const MONTH = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec";
/** A Reuters/AP picture caption: "... Gaza City July 31, 2014 (Reuters)". */
const DATED_WIRE_CREDIT_END = new RegExp(
  `\\b(?:${MONTH})[a-z]*\\.? \\d{1,2}, ?\\d{4}\\.? ?\\((?:Reuters|AP|AFP|Xinhua|EPA|Getty Images)\\)$`,
);
/** A bare wire credit after a sentence: "... Abu Zuhri said. (Reuters)"; only the credit goes. */
// Linear: a fixed-width match tried at each "(".
const TRAILING_WIRE_CREDIT = /(?<=[.!?"] ?)\((?:Reuters|AP|AFP|Xinhua|UPI|dpa)\)$/;

/** Each rule: a reason, a word limit, and a test on the line. Order matters only for the reason reported. */
interface Rule {
  reason: BoilerplateReason;
  maxWords: number;
  /** When true the rule steps back on lines that read like reporting. */
  guarded?: boolean;
  test: (line: string) => boolean;
}

const re =
  (pattern: RegExp) =>
  (line: string): boolean =>
    pattern.test(line);

const RULES: readonly Rule[] = [
  { reason: "separator", maxWords: 3, test: re(/^[-_*=~#•·.|+–—]+(?: [-_*=~#•·.|+–—]+)*$/) },
  { reason: "promo", maxWords: 12, test: isStarredPromo },
  {
    reason: "advertisement",
    maxWords: 8,
    test: re(
      /^(?:photo )?(?:advertisement|advertising|ad|ads|sponsored(?: content| post| links?| stories)?|paid (?:content|post|partner content)|promoted(?: content| stories)?|story continues below(?: advertisement)?|story continued below|continue reading(?: the main story| below)?|skip (?:ad|advertisement)|ad feedback|report (?:this )?ad)(?: continue reading the main story)?\.?$/i,
    ),
  },
  { reason: "social", maxWords: SOCIAL_WIDGET_MAX_WORDS, test: isSocialWidget },
  { reason: "social", maxWords: 8, test: re(/^(?:tweet with a location|add a location to your tweets)$/i) },
  { reason: "social", maxWords: 60, test: re(/^When you tweet with a location, Twitter stores/i) },
  { reason: "social", maxWords: 25, guarded: true, test: re(FOLLOW_ON_PLATFORM) },
  {
    reason: "social",
    maxWords: 25,
    guarded: true,
    test: (line) => FOLLOW_HANDLE.test(line) && MENTIONS_PLATFORM.test(line),
  },
  { reason: "social", maxWords: 3, test: re(PLATFORM_HANDLE) },
  { reason: "social", maxWords: 20, test: re(/^(?:and )?like us on facebook\b/i) },
  {
    reason: "newsletter",
    maxWords: 45,
    guarded: true,
    test: (line) =>
      /^(?:subscribe|sign up|signup|get (?:our|the)\b[^.]{0,60}\bnewsletter)\b/i.test(line) &&
      (/\b(?:newsletters?|inbox|e-?mails?|alerts?|updates|subscri\w*|coverage|free|today|now|here|daily|weekly|stories|breaking news|digest|briefing)\b/i.test(
        line,
      ) ||
        wordCount(line) <= 8),
  },
  {
    reason: "newsletter",
    maxWords: 45,
    guarded: true,
    test: (line) =>
      /\b(?:sign(?:ing)? up|subscribe|subscribing)\b/i.test(line) &&
      /\b(?:newsletters?|inbox|e-?mail (?:alerts|updates))\b/i.test(line),
  },
  {
    reason: "newsletter",
    maxWords: 30,
    guarded: true,
    test: re(
      /\bdelivered (?:right |directly )?to your inbox\b|^(?:breaking news|politics) (?:e-?mails|alerts)\b|\bthank(?:s| you) for subscribing\b|^get (?:daily|breaking|the latest)\b.{0,80}\b(?:inbox|newsletter|alerts)\b/i,
    ),
  },
  { reason: "caption", maxWords: LONG_LINE_WORDS, test: re(CAPTION_CREDIT_END) },
  { reason: "caption", maxWords: LONG_LINE_WORDS, test: re(DATED_WIRE_CREDIT_END) },
  { reason: "caption", maxWords: LONG_LINE_WORDS, test: re(BARE_CREDIT_END) },
  {
    reason: "caption",
    maxWords: LONG_LINE_WORDS,
    test: re(
      /^(?:Image copyright|Image caption|Media playback is unsupported on your device|Media caption|Enlarge this image|Enlarge Image|toggle caption|hide caption|Caption:|Photo credit:|Photo courtesy|Buy Photo|Facebook Twitter Pinterest)\b|\bImage copyright .{1,60} Image caption\b/i,
    ),
  },
  {
    reason: "caption",
    maxWords: LONG_LINE_WORDS,
    test: (line) =>
      /^(?:[A-Z0-9 .,]{0,40} )?FILE ?[-–—]+ ?(?:In this|This|[A-Z])/.test(line) &&
      /\b(?:photo|image|picture|frame grab)\b/i.test(line),
  },
  {
    reason: "caption",
    maxWords: LONG_LINE_WORDS,
    test: re(
      /^\(?(?:In this|This)\b[^.!?]{0,120}?\b(?:file )?(?:photo|photograph|image|picture|frame grab|video grab|handout photo)\b[^.!?]{0,60}?\b(?:provided|released|taken|made available|distributed|shows?|obtained|is seen|are seen)\b/i,
    ),
  },
  {
    reason: "caption",
    maxWords: 20,
    test: re(
      /^(?:Getty Images|AP Photo) [A-Z][^.!?]*$|^[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3} ?\/ ?(?:NASA|AP|AFP|Reuters|Getty Images) [A-Z]/,
    ),
  },
  {
    reason: "photo-credit",
    maxWords: 20,
    test: re(
      /^\((?:Photo|Image|Credit|Picture|Video|Photos|PHOTOS?|VIDEO|GALLERY|Illustration)s?:[^)]*\)$|^\[(?:image|photo|picture)\b[^\]]*\]$|^(?:Photo|Photos|Photograph|Image|Images|Picture|Video|Graphic|Illustration|Gallery|Slideshow)(?:(?: ?[:–—-]| by| via| credit:?) .{1,100})?$|^Listing image by\b|^Slideshow \(\d+ (?:images|photos)\)$/i,
    ),
  },
  { reason: "photo-credit", maxWords: 8, test: re(CREDIT_ONLY) },
  {
    reason: "read-more",
    maxWords: SHORT_LINE_WORDS,
    test: re(
      /^(?:(?:read more|read the full (?:story|article)|read or share this story|read also|also read|more from|see also|keep reading|continue reading at)\b|more: )/i,
    ),
  },
  {
    reason: "related",
    maxWords: SHORT_LINE_WORDS,
    // "(also on \.*\w…" is the former "(also on [\w.]+\b…" (a run of [\w.] holding a word char) without two
    // overlapping greedy runs before [^)]*, which made it quadratic on "(also on a.a.a.…".
    test: re(
      /^(?:related|recommended|most read|most popular|trending|more stories|you may also like|you might also like|don't miss|editors'? picks?|watch|watch the video|watch below)(?::| (?:coverage|stories|articles|content|links|news|video|topics|for you|reading|now))|^(?:related|recommended|trending|watch|more)$|^\((?:(?:watch|read|see|related|more|photos?|video|listen)\b[^)]*|also on \.*\w[^)]*|[^)]{1,80} full coverage)\)$/i,
    ),
  },
  {
    reason: "click-here",
    maxWords: 40,
    guarded: true,
    test: re(/\b(?:click|tap) (?:here|the link|below|to (?:play|read|watch|see|view|subscribe|enlarge))\b/i),
  },
  {
    reason: "copyright",
    maxWords: SHORT_LINE_WORDS,
    test: re(
      /^(?:©|\(c\) ?\d{4}|copyright ?(?:©|\(c\))? ?\d{4})|^copyright ©|\ball rights reserved\b|^this (?:material|article|story) may not be (?:published|reproduced|redistributed)|\bfor your personal,? non-commercial use only\b|^Dow Jones Reprints\b/i,
    ),
  },
  { reason: "url", maxWords: 1, test: re(/^<?(?:https?:\/\/|www\.)\S+>?$|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/i) },
  {
    reason: "contact",
    maxWords: 40,
    test: (line) =>
      !line.includes('"') &&
      /\b(?:can|may) be (?:reached|contacted) at\b|^To reach [A-Z]\w* [^.]{0,60}\b(?:call|e-?mail)\b|^(?:have|got) a (?:news )?tip\b|^(?:contact (?:us|the (?:writer|author|reporter))|e-?mail (?:the (?:author|writer|reporter)|us))\b/i.test(
        line,
      ),
  },
  {
    reason: "correction",
    maxWords: 60,
    test: re(
      /^\(?(?:This (?:story|article|report|post|item|version) (?:has been|was|had been) (?:corrected|updated|changed|amended|revised)\b|Correction:|Clarification:|An earlier version of this (?:story|article|report)\b|Updated?:?$)/i,
    ),
  },
  {
    reason: "republication-note",
    maxWords: 60,
    test: re(
      /^\(?(?:This (?:article|story|piece|post|essay|report|interview) (?:was |is |has been )?(?:originally|first) (?:published|posted|appeared|ran)\b|A version of this (?:article|story) (?:appeared|appears|was published)\b)/i,
    ),
  },
  { reason: "editor-note", maxWords: 120, test: re(/^\(?editor'?s'? note:/i) },
  {
    reason: "comments",
    maxWords: 20,
    test: re(
      /^(?:\d+ )?comments?$|^(?:view|show|hide|read|post|add|leave|load) (?:\d+ |a |all )?comments?\b|^join the (?:conversation|discussion)\b|\bshare it in the comments\b|^comments? (?:are|is) (?:closed|disabled|moderated)\b/i,
    ),
  },
  {
    reason: "cookie",
    maxWords: 60,
    guarded: true,
    test: (line) =>
      /^By (?:continuing to use|using) (?:this|our) (?:site|website|service)/i.test(line) ||
      (/\bcookies?\b/i.test(line) &&
        /\b(?:we use|this (?:site|website) uses|accept|consent|cookie (?:policy|settings)|browsing experience|by continuing|you agree)\b/i.test(
          line,
        )),
  },
  {
    reason: "contributor-credit",
    maxWords: LONG_LINE_WORDS,
    test: (line) =>
      !line.includes('"') &&
      /\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b|^Contributing:|^\(?(?:Reporting|Additional reporting|Writing|Editing) by\b/i.test(
        line,
      ),
  },
  {
    reason: "media-embed",
    maxWords: LONG_LINE_WORDS,
    test: re(
      /\bFull Screen Autoplay Close Skip Ad\b|^Video Loading\b|^CLOSE Skip in Skip\b|^Your browser does not support\b/i,
    ),
  },
  {
    // Pages a scraper got instead of the article: a web archive's or a platform's own notice. Long
    // (one runs to 100 words), so each is anchored on its opening words and on its platform's name.
    reason: "platform-notice",
    maxWords: 120,
    test: re(
      /^(?:Starting in \d{4}, Alexa Internet has been donating their crawl data to the Internet Archive\b|These crawls are part of an effort to archive pages as they are created\b|WARCZone is a collection of outsider-uploaded WARCs\b|This is a set of web collections curated by\b.{1,80}\bArchive-I[Tt] service\b|You can add location information to your Tweets\b|We've detected that JavaScript is disabled in your browser\. Would you like to proceed to legacy Twitter\?$|(?:× )?Close What is the Tomatometer|The Tomatometer score\b.{0,80}\bis a trusted measurement of critical recommendation\b)/,
    ),
  },
  {
    reason: "site-chrome",
    maxWords: 25,
    test: re(
      /^(?:story highlights|skip to (?:main )?content|loading\.*|embed|listen(?: to (?:this )?(?:article|story))?|print(?: this (?:article|page))?|close|next|previous|back to top)$|^please verify you're not a robot\b|^you must enter the characters\b|^please wait while you are redirected\b|^text size\b.{0,10}$|^(?:posted|published|updated|last updated)(?: on| at)?:? (?:\d|(?:mon|tue|wed|thu|fri|sat|sun)\w*,? |(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d)/i,
    ),
  },
  {
    reason: "wire-note",
    maxWords: 40,
    test: re(
      /^(?:For Use By Clients of the New York Times News Service|\(?(?:MORE|END|ENDIT)\)?|X{3,} END OF STORY|-0-|NEW AMERICA NEWS SERVICE)$|^\((?:Distributed by|For use by|To publish this article)\b|^(?:ATTENTION )?EDITORS:/i,
    ),
  },
];

/** Characters `.` does not match: a trimmed line holding one never matched `^\*{2,}.*\*{2,}$`. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * "**Subscribe now for 99 cents**": at least two asterisks at each end (four in all, they may touch) and no
 * line break between. String tests, not `/^\*{2,}.*\*{2,}$/`: that regex backtracks cubically on a long
 * line of asterisks that ends in another character.
 */
function isStarredPromo(line: string): boolean {
  return (
    line.length >= 4 &&
    line.startsWith("**") &&
    line.endsWith("**") &&
    !LINE_TERMINATOR.test(line.slice(2, line.length - 2))
  );
}

/** Whitespace-separated words. */
export function wordCount(line: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const space = line.charCodeAt(i) === 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** A line made only of share/social widget words ("Share this article", "Play Facebook", "936 SHARES Share Tweet"). */
function isSocialWidget(line: string): boolean {
  const tokens = line
    .toLowerCase()
    .split(/[\s|•·,:/()]+/)
    .filter((t) => t.length > 0);
  if (tokens.length === 0) return false;
  let core = false;
  for (const t of tokens) {
    if (/^\d[\d,.]*k?$/.test(t)) continue;
    if (!SOCIAL_WORDS.has(t)) return false;
    if (SOCIAL_CORE.has(t)) core = true;
  }
  return core;
}

/** Why a whole line is boilerplate, or undefined if it is not. */
export function classifyLine(line: string): BoilerplateReason | undefined {
  const trimmed = line.trim();
  if (trimmed.length === 0) return undefined;
  const words = wordCount(trimmed);
  const reporting = REPORTING.test(trimmed);
  for (const rule of RULES) {
    if (words > rule.maxWords) continue;
    if (rule.guarded && reporting) continue;
    if (rule.test(trimmed)) return rule.reason;
  }
  return undefined;
}

/** Boilerplate ranges of a text, in its coordinates, in order. */
export function findBoilerplate(text: string): BoilerplateHit[] {
  const hits: BoilerplateHit[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const reason = classifyLine(line);
    if (reason !== undefined) hits.push({ start: lineStart, end: lineEnd, reason, wholeLine: true });
    else {
      const credit = TRAILING_WIRE_CREDIT.exec(line);
      if (credit !== null) {
        hits.push({
          start: lineStart + credit.index,
          end: lineEnd,
          reason: "trailing-credit",
          wholeLine: false,
        });
      }
    }
    lineStart = lineEnd + 1;
  }
  return hits;
}

/**
 * The text without its boilerplate lines (tails like trailing wire credits stay): what a story is about,
 * for callers that need the words but no offsets (story clustering, near-duplicate detection).
 */
export function withoutBoilerplate(text: string): string {
  const hits = findBoilerplate(text);
  if (hits.length === 0) return text;
  let out = "";
  let at = 0;
  for (const h of hits) {
    if (!h.wholeLine) continue;
    out += text.slice(at, h.start);
    at = h.end < text.length ? h.end + 1 : h.end;
  }
  return out + text.slice(at);
}

/** Edits that drop the hits: a whole line goes with its newline, a tail with the space before it. */
export function boilerplateEdits(text: string, hits: readonly BoilerplateHit[]): Edit[] {
  return hits.map((h) => ({
    start: !h.wholeLine && text[h.start - 1] === " " ? h.start - 1 : h.start,
    end: h.wholeLine && h.end < text.length ? h.end + 1 : h.end,
    replacement: "",
  }));
}
