/**
 * Which outlet an article is from, read from the text itself.
 *
 * Two readings, for the two places they rank in (see src/summarize/outlet.ts for the whole order):
 * - `textCredit`: an in-text credit, which names where the copy comes from and so beats the publisher
 *   a page's metadata names (a site that republishes wire copy keeps the wire's credit, and Newser then
 *   credits the wire: "the AP reports"). Only credits in a credit position count (`CREDIT_HEAD_LINES`
 *   from the top, `CREDIT_TAIL_LINES` from the bottom):
 *   1. a dateline "CITY (Wire) —", "Seoul (CNN)", or a paragraph opening "(AP) —", "(Reuters Health) -";
 *   2. a byline "By Jane Doe, Associated Press", "By Jane Doe, Reuters", "By The Associated Press";
 *   3. a lead sentence ending "…, Reuters reported." (the story is the wire's report, retold);
 *   4. a closing credit: "The Associated Press contributed to this report.", "— Agence France-Presse",
 *      "(Reporting by …; Editing by …)" (Reuters' own sign-off).
 *   Patterns 2–4 take only the wire services of outlets.ts (`WIRE_NAME_SOURCE`): "Jane Doe contributed"
 *   credits a person, not an outlet.
 * - `inferOutlet`: for articles without a credit or a publisher, the first that gives a name of
 *   1. an in-text credit as above, or a credited dateline anywhere in the text (an appended wire item);
 *   2. site boilerplate naming the site: "Subscribe to Israel Hayom's daily newsletter",
 *      "Follow Israel Hayom on Facebook, Twitter, and Instagram" (two or more platforms, so a
 *      reporter's "Follow Jane Doe on Twitter" does not count), "© 2024 The Daily Planet",
 *      "Copyright 2014 KCTV. All rights reserved." The name with the most evidence wins.
 *   3. a wire's own house phrase for its copy: "Reuters was unable to verify", "Reuters could not
 *      independently confirm". Weak (another site may quote it), so only when nothing else names an outlet.
 * Any other mention in the body ("told the Associated Press", "Reuters reported that …") is a citation,
 * not a credit, and never yields an outlet: "the AP reports" is never produced from nothing.
 */
import { detectDateline } from "./06-dateline.ts";
import { canonicalOutlet, isKnownOutlet, WIRE_NAME_SOURCE } from "./outlets.ts";

/** Evidence weight of one boilerplate line naming the site; a name needs `MIN_SITE_EVIDENCE` to be taken. */
const SITE_EVIDENCE = { subscribe: 2, copyright: 2, follow: 2, find: 1 } as const;
export const MIN_SITE_EVIDENCE = 2;

/** A paragraph opening with a bare credit: "(Reuters Health) - One in seven …". */
const OPENING_CREDIT = /^\(([A-Z][\w.&' -]{1,30}?)\) ?(?:--|—|–|-|_) /;
/**
 * A byline naming a wire: "By Jane Doe, Associated Press", "By The Associated Press", "Associated Press",
 * "By Jane Doe, Associated Press Writer", "By Jane Doe and Jo Pell, Reuters".
 */
const WIRE_BYLINE =
  /^(?:By (?:[^,\n]{1,60}, )?)?(?:The )?(Associated Press|AP|Reuters|AFP|Agence France-Presse|Bloomberg News|Xinhua)(?: (?:Business |Sports |Medical |Science |Political |Diplomatic |Special )?(?:Writer|Correspondent))?$/;

// Linear: anchored; each repetition of the adjective group takes whole space-separated words.
const SUBSCRIBE_TO =
  /^Subscribe to (?:the )?([A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,4}?)(?:'s)? (?:(?:free|daily|weekly|morning|evening|breaking news|\w+ Daily) )*(?:newsletters?|e-?mails?|alerts|updates)\b/;
const SUBSCRIBE_SHOUTED = /^SUBSCRIBE TO ([A-Z][A-Z.&'-]*(?: [A-Z][A-Z.&'-]*){0,3}) AND\b/;
const FOLLOW_SITE =
  /^Follow ([A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,4}) on ((?:Facebook|Twitter|Instagram|X|YouTube|LinkedIn|TikTok|Threads|Telegram)(?:(?:, | and |, and | & )(?:Facebook|Twitter|Instagram|X|YouTube|LinkedIn|TikTok|Threads|Telegram))+)\b/;
const FIND_SITE = /^Find ([A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}) on (?:Facebook|Twitter|Instagram)\b/;
/**
 * "© 2024 The Daily Planet", "Copyright 2014 KCTV (Meredith Corp.) All rights reserved.", "All rights reserved ©Worldcrunch".
 * Linear: no two `\s*` can share a run of spaces ("\s*(?:,\s*)?", not the former "\s*,?\s*", which was
 * quadratic on "© 2024" and a long run of spaces).
 */
const COPYRIGHT_YEAR =
  /^(?:©|\([cC]\)|[Cc]opyright|COPYRIGHT)(?:\s*(?:©|\([cC]\)|[Cc]opyright))?\s*\d{4}(?:\s*[-–]\s*\d{2,4})?\s*(?:,\s*)?(?:by\s+)?([A-Z][\w.&'-]*(?: [A-Z&][\w.&'-]*){0,5})/;
const COPYRIGHT_RESERVED = /^All rights reserved\.? ?©\s*([A-Z][\w.&'-]*(?: [A-Z&][\w.&'-]*){0,5})/i;
/** Words in a "Follow … on" name that make it a person (a reporter), not a site. */
const PERSON_MARKERS = /\b(?:writer|reporter|correspondent|editor|columnist|critic|producer)\b|^[A-Z]\. /i;
/** A wire's own phrase for what it could not check: "Reuters was unable to independently verify". */
const WIRE_SELF_REFERENCE =
  /\b(Reuters|AFP|Xinhua|Bloomberg) (?:was unable to|could not|cannot|has not been able to|was not able to) (?:immediately )?(?:independently )?(?:verify|confirm)\b/;

/** Non-blank lines from the top where a dateline, an opening credit or a byline counts (captions and a deck come first). */
export const CREDIT_HEAD_LINES = 10;
/** Non-blank lines from the bottom where a closing credit counts ("The AP contributed to this report."). */
export const CREDIT_TAIL_LINES = 4;
/** Prose lines (of `MIN_LEAD_WORDS` words or more) at the top whose closing "…, Reuters reported." counts. */
export const CREDIT_LEAD_LINES = 2;
const MIN_LEAD_WORDS = 8;

/** A wire service named as a whole word: group 1 the name as written. */
const WIRE = `((?:${WIRE_NAME_SOURCE}))(?![\\w-])`;
// Linear, all three: anchored at the end or at a fixed phrase, the name a fixed alternation, gaps bounded.
/** "…, Reuters reported." closing a lead sentence (the story retold from the wire's report). */
const LEAD_REPORTED = new RegExp(`,? (?:the )?${WIRE} (?:reported|reports)(?: on \\w+)?\\.["\u201D]?$`);
/** "The Associated Press contributed to this report.", "Reuters writer Jo Pell contributed reporting." */
const CONTRIBUTED = new RegExp(
  `^(?:[^.]{0,80} and )?(?:The |the )?${WIRE}(?: [^.]{0,60})? contributed (?:to this (?:report|story)|reporting)\\b`,
);
/** A sign-off closing the text or its last line: "— Agence France-Presse", "-- The Associated Press". */
const SIGN_OFF = new RegExp(`(?:^|\\s)(?:—|--|–) ?(?:The )?${WIRE}\\.?$`);
/** Reuters' own sign-off: "(Reporting by Jo Pell; Editing by Ana Kell)". */
const REUTERS_SIGN_OFF =
  /^\(?(?:Additional )?[Rr]eporting by [^;()]{1,120}; (?:[^;()]{1,120}; )?(?:[Ee]diting|[Ww]riting) by\b/;

/**
 * The outlet an in-text credit names (see the module comment for the patterns and where they count),
 * canonical ("AP"), or undefined.
 */
export function textCredit(text: string): string | undefined {
  const lines = nonBlankLines(text);
  const head = lines.slice(0, CREDIT_HEAD_LINES);
  const top = creditedOutlet(head);
  if (top !== undefined) return top;
  const lead = head.filter((line) => line.split(" ").length >= MIN_LEAD_WORDS).slice(0, CREDIT_LEAD_LINES);
  for (const line of lead) {
    const reported = LEAD_REPORTED.exec(line);
    if (reported !== null) return canonicalOutlet(reported[1]);
  }
  for (const line of lines.slice(-CREDIT_TAIL_LINES).reverse()) {
    const credit = CONTRIBUTED.exec(line) ?? SIGN_OFF.exec(line);
    if (credit !== null) return canonicalOutlet(credit[1]);
    if (REUTERS_SIGN_OFF.test(line)) return "Reuters";
  }
  return undefined;
}

/** The outlet the text credits itself to, or undefined. See the module comment for the rule. */
export function inferOutlet(text: string): string | undefined {
  return readOutlet(text).outlet;
}

/**
 * The readings at once: the in-text credit (`textCredit`), the inferred outlet (`inferOutlet`), and the
 * site the boilerplate names (the page's publisher, whoever the copy is from).
 */
export function readOutlet(text: string): { credit?: string; outlet?: string; site?: string } {
  const credit = textCredit(text);
  const lines = text.split("\n").map((l) => l.trim());
  const site = siteFromBoilerplate(lines);
  const outlet = credit ?? creditedOutlet(lines) ?? site ?? wireSelfReference(text);
  return {
    ...(credit !== undefined ? { credit } : {}),
    ...(outlet !== undefined ? { outlet } : {}),
    ...(site !== undefined ? { site } : {}),
  };
}

function wireSelfReference(text: string): string | undefined {
  const self = WIRE_SELF_REFERENCE.exec(text);
  return self === null ? undefined : canonicalOutlet(self[1]);
}

function creditedOutlet(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    const dateline = detectDateline(line);
    if (dateline?.outlet !== undefined) return dateline.outlet;
    const opening = OPENING_CREDIT.exec(line);
    // "(UNDATED) _" in wire copy is not a credit: only a known outlet counts here.
    if (opening !== null && isKnownOutlet(opening[1])) return canonicalOutlet(opening[1]);
    const byline = WIRE_BYLINE.exec(line);
    if (byline !== null) return canonicalOutlet(byline[1]);
  }
  return undefined;
}

function nonBlankLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.length > 0) lines.push(line);
  }
  return lines;
}

function siteFromBoilerplate(lines: readonly string[]): string | undefined {
  const scores = new Map<string, number>();
  const add = (name: string | undefined, weight: number): void => {
    if (name === undefined) return;
    // A name stops at the end of its sentence ("The Daily Planet. All rights reserved").
    const key = canonicalOutlet(withoutTrailing(name.split(/\.\s/)[0], ".,;:"));
    if (key.length === 0) return;
    scores.set(key, (scores.get(key) ?? 0) + weight);
  };
  for (const line of lines) {
    if (line.length === 0) continue;
    add(SUBSCRIBE_TO.exec(line)?.[1], SITE_EVIDENCE.subscribe);
    const shouted = SUBSCRIBE_SHOUTED.exec(line)?.[1];
    if (shouted !== undefined) add(titleCase(shouted), SITE_EVIDENCE.subscribe);
    const follow = FOLLOW_SITE.exec(line);
    if (follow !== null && !PERSON_MARKERS.test(follow[1])) add(follow[1], SITE_EVIDENCE.follow);
    add(FIND_SITE.exec(line)?.[1], SITE_EVIDENCE.find);
    add((COPYRIGHT_YEAR.exec(line) ?? COPYRIGHT_RESERVED.exec(line))?.[1], SITE_EVIDENCE.copyright);
  }
  let best: string | undefined;
  let bestScore = MIN_SITE_EVIDENCE - 1;
  // Map iteration follows first mention, so ties go to the name seen first.
  for (const [name, score] of scores) {
    if (score > bestScore) {
      best = name;
      bestScore = score;
    }
  }
  return best;
}

/**
 * `text` without its trailing run of `chars`: `text.replace(/[.,;:]+$/, "")` scanning back from the end
 * (the regex retries from every char of a long run that does not reach the end, which is quadratic).
 */
function withoutTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/** "HAARETZ" → "Haaretz", for names only ever seen shouted. */
function titleCase(name: string): string {
  return name
    .split(" ")
    .map((w) => w.charAt(0) + w.slice(1).toLowerCase())
    .join(" ");
}
