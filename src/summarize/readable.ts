/**
 * Readable as a story: what a roundup built from several sources must not do beyond what form.ts checks
 * sentence by sentence.
 * 1. State one fact twice (`sameFact`): two sentences sharing a key number ("212") or a name and most of
 *    the shorter one's content words say the same thing, however differently worded ("All 212 passengers
 *    were rescued…" and "…said all 212 people aboard were rescued…"). Bigram coverage alone misses them:
 *    the wording differs, the fact does not. Selection treats the second as redundant (04-select.ts).
 * 2. Set up what it never delivers (`setsUp`): "Critics say the government was slow to act." promises the
 *    criticism the next source sentence spells out; it is taken only with that sentence (04-select.ts).
 *    Sentences that only point forward ("Here's what we know:", questions, "Read more") are not eligible
 *    at all (form.ts).
 * 3. Leave someone unintroduced (`buildIntroductions`, `introduceFirstMentions`): when a source says who
 *    or what a name is ("Nordgrid, the state grid operator,", "A company spokesman, Erik Dahlberg,"), the
 *    roundup's first mention, if it says nothing of the kind, gets that appositive (06-render.ts).
 * Every pattern here that reads input text is linear (anchored, or one pass with bounded lookarounds).
 */
import type { Vocabulary } from "../text/tokens.ts";
import { quotedRanges } from "./names.ts";

/** Share of the shorter sentence's content words the other must have for the two to state one fact. */
export const SAME_FACT_OVERLAP = 0.5;
/** …and of the longer one's: a long sentence that only mentions the fact on the way says more. */
export const SAME_FACT_LONGER_OVERLAP = 0.35;
/** The same two shares when what they share is only a name, not a number: names recur more than numbers do. */
export const SAME_FACT_NAME_OVERLAP = 0.7;
export const SAME_FACT_NAME_LONGER_OVERLAP = 0.5;
/** A sentence with fewer content words than this is too short to judge ("One in seven is under 50."). */
export const SAME_FACT_MIN_WORDS = 5;

/** What a sentence's fact is pinned to: its numbers, its names, and its content words (stem ids). */
export interface FactKey {
  numbers: ReadonlySet<string>;
  names: ReadonlySet<string>;
  content: ReadonlySet<number>;
}

/** "212", "4,200", "3.5": digits with inner separators. */
const NUMBER = /\d+(?:[.,]\d+)*/g;
/** A year ("in 2022") dates a fact rather than stating it. */
const YEAR = /^(?:1[89]|20)\d\d$/;
/** A capitalised word after the first word: part of a name ("Coast Guard", "Aurelia"). */
const CAPITALISED = /(?<=[\s(“"'‘-])\p{Lu}[\p{L}'’-]*/gu;

/** The numbers, names and content words of a sentence (see `sameFact`). */
export function factKey(text: string, vocabulary: Vocabulary): FactKey {
  const numbers = new Set<string>();
  for (const m of text.matchAll(NUMBER)) {
    const n = m[0].replace(/,/g, "");
    if (!YEAR.test(n)) numbers.add(n);
  }
  const names = new Set<string>();
  for (const m of text.matchAll(CAPITALISED)) names.add(m[0].replace(/['’]s$/, "").toLowerCase());
  const content = new Set<number>();
  for (const t of vocabulary.tokenIds(text)) if (!vocabulary.stop[t]) content.add(t);
  return { numbers, names, content };
}

function shares<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/**
 * Whether two sentences state the same fact: they share a number (not a year) and at least
 * `SAME_FACT_OVERLAP` of the shorter one's content words (and `SAME_FACT_LONGER_OVERLAP` of the longer's),
 * or a name and the higher name shares.
 * Different numbers for one thing ("1,200 evacuated", later "2,400") are different facts.
 */
export function sameFact(a: FactKey, b: FactKey): boolean {
  const [small, large] = a.content.size <= b.content.size ? [a, b] : [b, a];
  if (small.content.size < SAME_FACT_MIN_WORDS) return false;
  const number = shares(a.numbers, b.numbers);
  if (!number && !shares(a.names, b.names)) return false;
  let both = 0;
  for (const t of small.content) if (large.content.has(t)) both++;
  const [share, rest] = number
    ? [SAME_FACT_OVERLAP, SAME_FACT_LONGER_OVERLAP]
    : [SAME_FACT_NAME_OVERLAP, SAME_FACT_NAME_LONGER_OVERLAP];
  return both / small.content.size >= share && both / large.content.size >= rest;
}

/** Longer than this, a "Critics say…" sentence says what the criticism is. */
export const SETUP_MAX_WORDS = 12;
/** "Critics say…", "Some argue…", "Experts warn…": an unnamed side's claim the next sentence spells out. */
const SETUP =
  /^(?:critics|opponents|skeptics|sceptics|detractors|supporters|proponents|experts|analysts|observers|some|others)\s+(?:say|said|argue|argued|contend|contended|charge|charged|complain|complained|worry|worried|warn|warned|note|noted|point out|pointed out|question|questioned)\b/i;

/** A short sentence that sets up what the sentence after it delivers ("Critics say the response was slow."). */
export function setsUp(text: string, words: number): boolean {
  return words <= SETUP_MAX_WORDS && SETUP.test(text.trim());
}

/** Appositives longer than this are clauses, and cost the budget more than they tell. */
export const MAX_INTRODUCTION_WORDS = 8;

/** Who or what the cluster says each name is: name as written → appositive ("the state grid operator"). */
export type Introductions = ReadonlyMap<string, string>;

/** 1–4 capitalised words: an organisation's or a person's name ("Nordgrid", "Northsound Lines"). */
const NAME = String.raw`\p{Lu}[\p{L}\p{N}'’&-]*(?: \p{Lu}[\p{L}\p{N}'’&-]*){0,3}`;
/** What an appositive may hold: no clause punctuation, quotation or parenthesis. */
const PHRASE = '[^,;:"“”()]{3,80}?';
/** "Nordgrid, the state grid operator, said…": a name, then a determiner phrase between commas. */
const NAME_THEN_ROLE = new RegExp(
  String.raw`(?<![\p{L}\p{N}'’&.-])(${NAME}), ((?:the|a|an) ${PHRASE})(?=,)`,
  "gu",
);
/** "A company spokesman, Erik Dahlberg, said…": a determiner phrase opening the sentence, then the name. */
const ROLE_THEN_NAME = new RegExp(`^((?:The|A|An) ${PHRASE}), (${NAME})(?=,)`, "u");
/** A verb in the "appositive" means it is a clause ("In Skellan, the mood was grim,"). */
const CLAUSE_VERB =
  /\b(?:is|are|was|were|be|been|has|have|had|do|does|did|said|says|will|would|could|can|may|might|must|should)\b/i;
/** A name that is really a sentence opener or a time ("However", "On Thursday"). */
const NOT_A_NAME =
  /^(?:the|a|an|this|that|in|on|at|for|from|by|of|to|with|and|but|or|as|after|before|when|while|if|however|meanwhile|also|still|yet|now|then|today|yesterday|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|last|next|earlier|later|mr|mrs|ms|dr)\b/i;

/**
 * The introductions the cluster's own sentences make, first in article order kept per name. Each text is
 * read with two linear patterns (`NAME_THEN_ROLE` scans word starts only, each with a bounded look-ahead).
 */
export function buildIntroductions(texts: readonly string[]): Introductions {
  const out = new Map<string, string>();
  const keep = (name: string, role: string, before: string): void => {
    if (out.has(name) || NOT_A_NAME.test(name) || CLAUSE_VERB.test(role)) return;
    if (role.split(/\s+/).length > MAX_INTRODUCTION_WORDS) return;
    // "…in Harlow Bay, the port…": a name after a preposition is a place, not the subject introduced.
    if (/\b(?:in|on|at|from|to|into|near|of|across|outside)\s$/i.test(before)) return;
    // "Coast Guard Commander Ilsa Brandt, a…": the name runs on before the part matched.
    if (/(?:^|\s)\p{Lu}[\p{L}\p{N}'’&.-]*\s$/u.test(before)) return;
    out.set(name, role);
  };
  for (const text of texts) {
    const quotes = quotedRanges(text);
    const quoted = (at: number) => quotes.some(([a, b]) => at >= a && at < b);
    const lead = ROLE_THEN_NAME.exec(text);
    if (lead && !quoted(0)) keep(lead[2], lowerFirst(lead[1]), "");
    for (const m of text.matchAll(NAME_THEN_ROLE))
      if (!quoted(m.index)) keep(m[1], m[2], text.slice(Math.max(0, m.index - 40), m.index));
  }
  return out;
}

function lowerFirst(t: string): string {
  return t.charAt(0).toLowerCase() + t.slice(1);
}

/** Words before a bare first mention: the name is the subject or object, nothing says what it is. */
const BARE_BEFORE = /(?:^|\b(?:said|says|told|to|by|from|with|and|that|but|while|when|after|as|for)\s)$/;

/**
 * Gives the first mention of each introduced name the cluster's appositive, when the roundup has not
 * mentioned the name before (`mentioned`) and this mention says nothing of what it is: it opens the
 * sentence or follows a verb or preposition ("Nordgrid said…", "…according to Nordgrid."), and is
 * followed by a verb or the final stop, not by "'s", a comma or more of a name. Never inside quotations.
 * Returns the text and the names it mentions (introduced here or not), which count as mentioned after it.
 */
export function introduceFirstMentions(
  text: string,
  mentioned: ReadonlySet<string>,
  introductions: Introductions,
): { text: string; mentioned: string[] } {
  const quotes = quotedRanges(text);
  const found: string[] = [];
  const edits: Array<{ at: number; insert: string }> = [];
  for (const [name, role] of introductions) {
    const at = wordAt(text, name);
    if (at < 0) continue;
    found.push(name);
    if (mentioned.has(name) || saysAlready(text, role)) continue;
    if (quotes.some(([a, b]) => at >= a && at < b)) continue;
    const end = at + name.length;
    const after = text.slice(end);
    const before = text.slice(Math.max(0, at - 12), at);
    if (!BARE_BEFORE.test(before) && at > 0) continue;
    if (/^[.!]$/.test(after)) edits.push({ at: end, insert: `, ${role}` });
    else if (/^ \p{Ll}/u.test(after) && !/^ (?:and|or|of)\b/.test(after))
      edits.push({ at: end, insert: `, ${role},` });
  }
  let out = text;
  for (const e of edits.sort((x, y) => y.at - x.at)) out = out.slice(0, e.at) + e.insert + out.slice(e.at);
  return { text: out, mentioned: found };
}

/**
 * Whether a sentence already says what the appositive would ("…is operated by Northsound Lines" and
 * "the ferry's operator"): most of the appositive's longer words appear in it, compared on their first
 * five letters (a crude stem: "operator", "operated").
 */
function saysAlready(text: string, role: string): boolean {
  const stems = (t: string) => (t.toLowerCase().match(/\p{L}{4,}/gu) ?? []).map((w) => w.slice(0, 5));
  const mine = new Set(stems(text));
  const words = stems(role);
  return words.length > 0 && words.filter((w) => mine.has(w)).length * 2 >= words.length;
}

/** Where `name` first occurs as whole words, or -1. */
function wordAt(text: string, name: string): number {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const prev = text[at - 1] ?? " ";
    const next = text[at + name.length] ?? " ";
    if (
      !/[\p{L}\p{N}'’-]/u.test(prev) &&
      !/[\p{L}\p{N}-]/u.test(next) &&
      !/^ \p{Lu}/u.test(text.slice(at + name.length, at + name.length + 2))
    )
      return at;
  }
  return -1;
}
