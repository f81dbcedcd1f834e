/**
 * Which outlet an article is from, read from the text itself (for articles without `source`).
 *
 * The rule, in order (first that gives a name wins):
 * 1. A credit in a credit position: a dateline "(AP)", "(Reuters)", "(Xinhua)", "(CNN)" at the start
 *    of a paragraph, a paragraph opening "(Reuters Health) -", or a byline "By …, Associated Press".
 *    A site that republishes wire copy keeps the wire's dateline, and Newser then credits the wire
 *    ("the AP reports"), so this beats the site's own boilerplate.
 * 2. Site boilerplate naming the site: "Subscribe to Israel Hayom's daily newsletter",
 *    "Follow Israel Hayom on Facebook, Twitter, and Instagram" (two or more platforms, so a
 *    reporter's "Follow Jane Doe on Twitter" does not count), "© 2024 The Daily Planet",
 *    "Copyright 2014 KCTV. All rights reserved." The name with the most evidence wins.
 * 3. A wire's own house phrase for its copy: "Reuters was unable to verify", "Reuters could not
 *    independently confirm". Weak (another site may quote it), so only when nothing else names an outlet.
 * Any other mention in the body ("told the Associated Press", "Reuters reported") is a citation,
 * not a credit, and never yields an outlet: "the AP reports" is never produced from nothing.
 */
import { detectDateline } from "./06-dateline.ts";
import { canonicalOutlet, isKnownOutlet } from "./outlets.ts";

/** Evidence weight of one boilerplate line naming the site; a name needs `MIN_SITE_EVIDENCE` to be taken. */
const SITE_EVIDENCE = { subscribe: 2, copyright: 2, follow: 2, find: 1 } as const;
export const MIN_SITE_EVIDENCE = 2;

/** A paragraph opening with a bare credit: "(Reuters Health) - One in seven …". */
const OPENING_CREDIT = /^\(([A-Z][\w.&' -]{1,30}?)\) ?(?:--|—|–|-|_) /;
/** A byline naming a wire: "By Jane Doe, Associated Press", "By The Associated Press", "Associated Press". */
const WIRE_BYLINE =
  /^(?:By (?:[^,\n]{1,60}, )?)?(?:The )?(Associated Press|Reuters|AFP|Agence France-Presse|Bloomberg News|Xinhua)$/;

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

/** The outlet the text credits itself to, or undefined. See the module comment for the rule. */
export function inferOutlet(text: string): string | undefined {
  const lines = text.split("\n").map((l) => l.trim());
  const credit = creditedOutlet(lines);
  if (credit !== undefined) return credit;
  const site = siteFromBoilerplate(lines);
  if (site !== undefined) return site;
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
