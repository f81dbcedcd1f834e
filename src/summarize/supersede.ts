/**
 * Statements a newer article supersedes. A story told over days revises itself: the fire is 10 percent
 * contained on Tuesday and 40 percent on Wednesday, the man "has not been named" and then is, the hiker
 * "is missing" and then "was found", the council "will vote" and then voted. A roundup that keeps the
 * older statement beside the newer one contradicts itself, so the older one is never selected.
 *
 * Four rules, each a pair (older sentence, newer sentence) from two articles, the newer one strictly
 * newer on the story's timeline (developing.ts), both about the same thing:
 * 1. a figure: the same measure with a different value ("10 percent contained" → "40 percent
 *    contained", "killed 12" → "the death toll rose to 15", "3,000 hectares" → "5,200 hectares");
 * 2. a name: "has not been named / not released his name / unidentified" → "identified … as Harald Vik";
 * 3. a finding: "is missing / unaccounted for" → "was found / rescued";
 * 4. an outcome: "is expected to reopen / will vote" → "reopened / voted".
 * "The same thing" is decided by content words the two sentences share besides the rule's own words
 * (`MIN_SHARED_*`): a false match drops a good fact, so every rule asks for more than its keyword.
 * Sentences are read as tokens by a hand-written scanner (no regular expression sees the text), and
 * every rule looks at a bounded window around its keyword, so the stage is linear in the cluster;
 * pairs are only formed within one rule's key and capped (`MAX_PER_KEY`).
 */
import { porterStem } from "../text/porter.ts";
import { STOPWORDS } from "../text/stopwords.ts";
import type { ClusterFeatures } from "./02-features.ts";

/** Content words (besides the rule's own) a figure's two sentences must share to be about one thing. */
export const MIN_SHARED_FIGURE = 2;
/**
 * …and the share of the shorter one's content words they are: an update restates its sentence with the
 * new figure ("The fire was 10 percent contained, officials said" → "… 40 percent contained …").
 */
export const FIGURE_OVERLAP = 0.4;
/** …a name's, a finding's: the person is usually named or described the same way ("the man", "Dahl"). */
export const MIN_SHARED_PERSON = 1;
/** …an outcome's: "the council will vote Thursday on the budget" → "the council voted Thursday". */
export const MIN_SHARED_OUTCOME = 2;
/**
 * Most sentences one key pairs (a figure's measure, a rule): a hostile or huge cluster costs
 * `MAX_PER_KEY²` comparisons per key at worst. Real stories carry a handful.
 */
export const MAX_PER_KEY = 64;
/**
 * Two dated articles further apart than this are not one developing story's revisions but a
 * collection's (two hurricanes a year apart both "killed 12"): no statement supersedes across it.
 */
export const MAX_SUPERSEDE_DAYS = 14;

/** When one article is strictly newer than another (by index in the cluster), and how far apart in days. */
export interface Newer {
  /** Article `a` is strictly newer than article `b`. */
  newer(a: number, b: number): boolean;
  /** Days between two articles, when both are dated. */
  daysApart(a: number, b: number): number | undefined;
}

/** One word, number or punctuation mark of a sentence. */
interface Token {
  /** Lower-cased word; for punctuation the mark itself; for a number its digits as written. */
  word: string;
  /** Porter stem of a word ("" for punctuation and numbers). */
  stem: string;
  /** Value of a number (digits, "4,200", "1.5 million", "forty"). */
  value?: number;
  /** Written with a capital first letter. */
  cap: boolean;
  /** Inside a quotation. */
  quoted: boolean;
  punct: boolean;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const MULTIPLIERS: Readonly<Record<string, number>> = {
  hundred: 100,
  thousand: 1_000,
  million: 1_000_000,
  billion: 1_000_000_000,
  trillion: 1_000_000_000_000,
};

/** Marks a scanner keeps as tokens: they bound clauses and appositives. */
const KEPT_MARKS = new Set([",", ".", ";", ":", "!", "?", "(", ")"]);
const QUOTE_MARKS = new Set(['"', "\u201c", "\u201d"]);

const isLetter = (ch: string): boolean => ch.toLowerCase() !== ch.toUpperCase() || /\p{L}/u.test(ch);
const isDigit = (ch: string): boolean => ch >= "0" && ch <= "9";

/**
 * Tokens of a sentence: words (an apostrophe inside a word is kept, "n't" becomes "not"), numbers with
 * their separators ("4,200", "1.5") and a following "%" read as "percent", number words with their
 * multipliers ("two hundred", "1.5 million"), and the clause marks. One pass over the text.
 */
export function scan(text: string): Token[] {
  const out: Token[] = [];
  let quoted = false;
  let i = 0;
  const push = (word: string, cap: boolean, value?: number): void => {
    const last = out.at(-1);
    const factor = MULTIPLIERS[word];
    // "1.5 million", "two hundred": the multiplier joins the number before it.
    if (factor !== undefined && last?.value !== undefined && !last.punct) {
      last.value *= factor;
      last.word = `${last.word} ${word}`;
      return;
    }
    const numeric = value ?? NUMBER_WORDS[word];
    const stem = numeric !== undefined || word === "" ? "" : porterStem(word);
    out.push({ word, stem, cap, quoted, punct: false, ...(numeric !== undefined ? { value: numeric } : {}) });
  };
  while (i < text.length) {
    const ch = text[i];
    if (isDigit(ch)) {
      let j = i + 1;
      // Digits, and "," or "." between digits ("4,200", "1.5").
      while (
        j < text.length &&
        (isDigit(text[j]) || ((text[j] === "," || text[j] === ".") && isDigit(text[j + 1] ?? "")))
      )
        j++;
      const digits = text.slice(i, j);
      push(digits, false, Number(digits.replaceAll(",", "")));
      if (text[j] === "%") {
        push("percent", false);
        j++;
      }
      i = j;
    } else if (isLetter(ch)) {
      let j = i + 1;
      while (j < text.length && (isLetter(text[j]) || isDigit(text[j]) || isInWord(text, j))) j++;
      const raw = text.slice(i, j);
      const cap = ch !== ch.toLowerCase();
      const lower = raw.toLowerCase().replaceAll("\u2019", "'");
      if (lower.endsWith("n't") && lower.length > 3) {
        push(lower === "can't" ? "can" : lower === "won't" ? "will" : lower.slice(0, -3), cap);
        push("not", false);
      } else if (lower.endsWith("'s")) push(lower.slice(0, -2), cap);
      else push(lower, cap);
      i = j;
    } else {
      if (QUOTE_MARKS.has(ch)) quoted = ch === "\u201c" ? true : ch === "\u201d" ? false : !quoted;
      else if (KEPT_MARKS.has(ch)) out.push({ word: ch, stem: "", cap: false, quoted, punct: true });
      i++;
    }
  }
  return out;
}

/** An apostrophe or hyphen between two letters belongs to the word ("Vik's", "low-income", "three-judge"). */
function isInWord(text: string, j: number): boolean {
  const c = text[j];
  return (
    (c === "'" || c === "\u2019" || c === "-") && isLetter(text[j + 1] ?? "") && isLetter(text[j - 1] ?? "")
  );
}

/** Content stems of a sentence: words that are not stopwords, numbers or marks. */
function contentStems(tokens: readonly Token[]): Set<string> {
  const out = new Set<string>();
  for (const t of tokens) if (t.stem && !STOPWORDS.has(t.word)) out.add(t.stem);
  return out;
}

// 1. Figures --------------------------------------------------------------------------------------

/** Words that say what a count counts, whatever noun follows the number: one class per kind of toll. */
const CLASS_OF: Readonly<Record<string, string>> = {
  killed: "dead",
  dead: "dead",
  died: "dead",
  deaths: "dead",
  death: "dead",
  fatalities: "dead",
  perished: "dead",
  bodies: "dead",
  injured: "injured",
  injuries: "injured",
  hurt: "injured",
  wounded: "injured",
  missing: "missing",
  unaccounted: "missing",
  evacuated: "evacuated",
  evacuation: "evacuated",
  evacuees: "evacuated",
  displaced: "evacuated",
  fled: "evacuated",
  arrested: "arrested",
  detained: "arrested",
  arrests: "arrested",
  hospitalized: "hospital",
  hospitalised: "hospital",
  hospital: "hospital",
  rescued: "rescued",
};
const CLASS_STEMS = new Set(Object.keys(CLASS_OF).map((w) => porterStem(w)));
/** Nouns that say nothing of what is counted: "6,000 residents" is a population or an evacuation. */
const GENERIC_UNITS = new Set(
  "peopl person resid home hous build famili men women children other inhabit citizen".split(" "),
);
/** Units of the area a fire burns or a flood covers: what they measure is the disaster's extent. */
const AREA_UNITS = new Set(["hectar", "acr", "squar"]);
/** Units of time and age: "for three days", "72-year-old", "at 3 p.m." are not counts that get revised. */
const TIME_UNITS = new Set(
  "second minut hour day night week month year decad centuri am pm o clock time".split(" "),
);
/** Words between a number and its noun that do not change the noun ("300 more firefighters"). */
const UNIT_SKIP = new Set(["more", "additional", "extra", "new", "further", "overnight", "already"]);
const MONTHS = new Set(
  "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split(
    " ",
  ),
);
/** Words before a figure that say it revises an earlier one. */
const REVISION_CUES = new Set(
  "rose risen climbed increased jumped grew grown reached now updated revised".split(" "),
);
/** How far from its number (in tokens) the words that say what a figure is about may stand, in its clause. */
const NEAR_WINDOW = 6;
/** How far from its number (in tokens) a class word may stand: "killed at least 12", "12 people were killed". */
const CLASS_WINDOW = 4;

interface Figure {
  key: string;
  value: number;
  /** Stems the key is made of, left out of the shared-words test. */
  words: string[];
  /**
   * The key alone says what is measured: a kind of toll ("dead") or a state in percent ("percent
   * contained"). Otherwise ("12 judges", "52 percent of the vote") the words around the two figures
   * must also agree.
   */
  specific: boolean;
  /** Content stems within `NEAR_WINDOW` tokens of the number and in its clause, the key's own left out. */
  near: Set<string>;
  /** Written as a revision: "rose to 15", "now 40 percent", "has reached 6,100 hectares". */
  revised: boolean;
}

/**
 * The figures of a sentence: a value and what it measures (its key), the first value per key. The key is
 * the kind of toll when a class word stands near ("dead", "evacuated"), else the noun counted
 * ("hectar", "firefight"), or for a percentage what it is a percentage of ("percent:contain").
 * Figures inside a quotation are left out: a speaker's figure is a claim, not the record.
 */
export function figures(tokens: readonly Token[]): Figure[] {
  const out = new Map<string, Figure>();
  tokens.forEach((t, k) => {
    if (t.value === undefined || t.quoted) return;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    // Years ("in 2019"), dates ("June 13", "13 June"), identifiers ("Route 9", "Flight 370"), appositive
    // ages ("Harald Vik, 72, died") and parts ("one of the firefighters") are not counts.
    if (/^\d{4}$/.test(t.word) && t.value >= 1800 && t.value <= 2100) return;
    if (prev && (MONTHS.has(prev.word) || (prev.cap && !prev.punct && k > 1))) return;
    if (prev?.word === "," && next?.word === ",") return;
    if (prev?.word === "aged" || prev?.word === "age" || next?.word === "of") return;
    const at = unitAt(tokens, k);
    const unit = at === undefined ? undefined : tokens[at];
    // Times and ages ("3 p.m.", "for three days", "72-year-old") are not counts that get revised.
    if (unit && (unit.word.length < 2 || MONTHS.has(unit.word))) return;
    if (unit && TIME_UNITS.has(porterStem(unit.word.split("-")[0]))) return;
    const revised = tokens.slice(Math.max(0, k - CLASS_WINDOW), k).some((u) => REVISION_CUES.has(u.word));
    // "The death toll from the sea wall collapse rose to five": a revised figure's class may stand further
    // back, in its clause.
    const cls = classNear(tokens, k, revised ? 3 * CLASS_WINDOW : CLASS_WINDOW);
    let key: string | undefined;
    let words: string[] = [];
    let specific = false;
    if (at !== undefined && isPercent(tokens, at)) {
      const from = at + (tokens[at].word === "per" ? 2 : 1);
      const what = contentAfter(tokens, from);
      const stem = cls ?? what?.stem;
      if (stem) {
        key = `percent:${stem}`;
        words = ["percent", stem];
        // "10 percent contained" is a state; "52 percent of the vote" is a share of something.
        specific = cls !== undefined || (what === tokens[from] && isState(what.word));
      }
    } else if (cls) {
      key = cls;
      words = [cls, ...(unit ? [unit.stem] : [])];
      specific = true;
    } else if (unit && !GENERIC_UNITS.has(unit.stem)) {
      key = unit.stem;
      words = [unit.stem];
      specific = AREA_UNITS.has(unit.stem);
    }
    if (key === undefined || out.has(key)) return;
    const near = new Set<string>();
    for (let j = Math.max(0, k - NEAR_WINDOW); j < tokens.length && j <= k + NEAR_WINDOW; j++) {
      const u = tokens[j];
      if (u.stem && !STOPWORDS.has(u.word) && !crossesClause(tokens, k, j)) near.add(u.stem);
    }
    for (const w of words) near.delete(w);
    for (const w of CLASS_STEMS) near.delete(w);
    out.set(key, { key, value: t.value, words, specific, near, revised });
  });
  return [...out.values()];
}

/** A state a percentage measures: "contained", "completed", "counted", "full". */
function isState(word: string): boolean {
  return word.endsWith("ed") || word === "complete" || word === "full" || word === "done";
}

function isPercent(tokens: readonly Token[], at: number): boolean {
  const w = tokens[at].word;
  return w === "percent" || (w === "per" && tokens[at + 1]?.word === "cent");
}

/** Where the noun a number counts is: the next word, past "more" and the like, unless a stopword. */
function unitAt(tokens: readonly Token[], k: number): number | undefined {
  for (let j = k + 1; j < tokens.length && j <= k + 3; j++) {
    const t = tokens[j];
    if (t.punct || t.value !== undefined) return undefined;
    if (UNIT_SKIP.has(t.word)) continue;
    if (STOPWORDS.has(t.word)) return undefined;
    // "two low-income renters": a compound before a noun describes it; the noun is what is counted.
    const after = tokens[j + 1];
    const timed = TIME_UNITS.has(porterStem(t.word.split("-")[0]));
    if (!timed && t.word.includes("-") && after?.stem && !STOPWORDS.has(after.word)) return j + 1;
    return j;
  }
  return undefined;
}

/** The first content word from `from` on, within three tokens and the clause ("percent of the homes"). */
function contentAfter(tokens: readonly Token[], from: number): Token | undefined {
  for (let j = from; j < tokens.length && j < from + 3; j++) {
    const t = tokens[j];
    if (t.punct || t.value !== undefined) return undefined;
    if (t.stem && !STOPWORDS.has(t.word)) return t;
  }
  return undefined;
}

/** The class of the nearest class word within `before` tokens before a number or `CLASS_WINDOW` after, in its clause. */
function classNear(tokens: readonly Token[], k: number, before: number): string | undefined {
  for (let d = 1; d <= Math.max(before, CLASS_WINDOW); d++) {
    for (const j of [k - d, k + d]) {
      if (j < k ? d > before : d > CLASS_WINDOW) continue;
      const t = tokens[j];
      if (!t) continue;
      const cls = CLASS_OF[t.word];
      if (cls && !crossesClause(tokens, k, j)) return cls;
    }
  }
  return undefined;
}

/** Marks and words between two clauses: "7 died and 62 were infected" gives 62 no toll. */
const CLAUSE_BREAKS = new Set([
  ".",
  ";",
  ":",
  "?",
  "!",
  ",",
  "(",
  ")",
  "and",
  "but",
  "while",
  "whereas",
  "or",
]);

function crossesClause(tokens: readonly Token[], a: number, b: number): boolean {
  for (let j = Math.min(a, b) + 1; j < Math.max(a, b); j++)
    if (CLAUSE_BREAKS.has(tokens[j].word)) return true;
  return false;
}

// 2–4. Names, findings, outcomes -------------------------------------------------------------------

/** Words for the people whose names and fates the news reports. */
const PERSON_NOUNS = new Set(
  `man woman men women victim victims boy girl child children driver pilot passenger passengers suspect
suspects dead deceased hiker hikers person people teenager resident worker workers officer firefighter
climber swimmer fisherman fishermen crew sailor student patient motorist cyclist pedestrian`.split(/\s+/),
);
const OBJECT_PRONOUNS = new Set(["him", "her", "them"]);
/** How far "as" may follow "identified": "identified the woman pulled from the water near the pier as …". */
const NAMED_AS_WINDOW = 14;
const PRONOUNS = new Set(["he", "she", "they", "his", "her", "their", "him", "them"]);
/** Verbs that release a name: only with the name nearby ("released his name", not "released details"). */
const RELEASE_VERBS = new Set(["released", "disclosed", "revealed", "release", "disclose", "reveal", "made"]);
const IDENTITY_NOUNS = new Set(["name", "names", "identity", "identities"]);
/** Words of a source's anonymity: "not authorized to speak", "on condition of anonymity". */
const ANONYMITY = new Set(["anonymity", "authorized", "authorised", "anonymously", "permitted"]);
/** After "has not been named" the clause ends or goes on about why ("pending", "until"). */
const AFTER_PASSIVE = new Set([
  "by",
  "as",
  "pending",
  "until",
  "because",
  "and",
  "but",
  "yet",
  "publicly",
  "immediately",
]);

/**
 * Says a person is not yet named: "has not been named", "police have not released his name",
 * "did not identify the victim", "declined to name him", "an unidentified man" — but not "have not
 * identified the cause".
 */
export function saysUnnamed(tokens: readonly Token[]): boolean {
  // A source who asked not to be named is anonymous, not a person the story will name.
  if (tokens.some((t) => ANONYMITY.has(t.word))) return false;
  for (let k = 0; k < tokens.length; k++) {
    const w = tokens[k].word;
    if (w === "unidentified") return true;
    if (w !== "not" && w !== "yet" && w !== "declined" && w !== "withheld" && w !== "refused") continue;
    for (let j = k + 1; j < tokens.length && j <= k + 4; j++) {
      const t = tokens[j];
      if (t.punct) break;
      if (t.word === "named" || t.word === "identified" || t.word === "name" || t.word === "identify") {
        if (tokens[j - 1]?.word === "be" && tokens[j - 2]?.word === "to") break; // "refused to be named"
        const next = tokens[j + 1];
        if (!next || next.punct || AFTER_PASSIVE.has(next.word) || OBJECT_PRONOUNS.has(next.word))
          return true;
        if (tokens.slice(j + 1, j + 4).some((u) => PERSON_NOUNS.has(u.word))) return true;
        break;
      }
      if (RELEASE_VERBS.has(t.word) || (w === "withheld" && IDENTITY_NOUNS.has(t.word))) {
        const near = tokens.slice(Math.max(0, k - 4), j + 5);
        if (near.some((u) => IDENTITY_NOUNS.has(u.word))) return true;
        break;
      }
    }
  }
  return false;
}

/**
 * Whom a sentence names: "police identified the man who died as Harald Vik", "the victim was named as
 * Lena Dahl" — the person words and names before "as" (all content stems when only a pronoun says who),
 * or undefined when it names no one. The name is two capitalised words.
 */
export function namesSomeone(tokens: readonly Token[]): Set<string> | undefined {
  for (let k = 0; k < tokens.length; k++) {
    const w = tokens[k].word;
    if (w !== "identified" && w !== "named") continue;
    if (tokens.slice(Math.max(0, k - 3), k).some((t) => t.word === "not")) continue;
    for (let j = k + 1; j < tokens.length && j <= k + NAMED_AS_WINDOW; j++) {
      if (tokens[j].punct && tokens[j].word !== ",") break;
      const first = tokens[j + 1];
      const second = tokens[j + 2];
      if (tokens[j].word !== "as" || !first?.cap || !second?.cap || first.punct || second.punct) continue;
      const before = tokens.slice(0, j);
      const who = personStems(before);
      if (who.size > 0) return who;
      return before.some((t) => PRONOUNS.has(t.word)) ? contentStems(before) : undefined;
    }
  }
  return undefined;
}

/** Stems of the words that say who someone is: person words ("the man") and capitalised names. */
function personStems(tokens: readonly Token[]): Set<string> {
  const out = new Set<string>();
  for (const t of tokens)
    if (t.stem && (PERSON_NOUNS.has(t.word) || (t.cap && !STOPWORDS.has(t.word)))) out.add(t.stem);
  return out;
}

/**
 * Says someone or something is missing: "is missing", "remain unaccounted for" (not "no one is
 * missing", "missing out").
 */
export function saysMissing(tokens: readonly Token[]): boolean {
  return tokens.some((t, k) => {
    if ((t.word !== "missing" && t.word !== "unaccounted") || tokens[k + 1]?.word === "out") return false;
    const before = tokens.slice(Math.max(0, k - 3), k);
    if (before.some((u) => u.word === "no" || u.word === "none" || u.word === "nobody")) return false;
    // Said of someone ("is missing", "is still missing", "went missing"), not "the missing plane".
    const verb = ADVERBS.has(tokens[k - 1]?.word ?? "") ? tokens[k - 2] : tokens[k - 1];
    return MISSING_VERBS.has(verb?.word ?? "");
  });
}

const MISSING_VERBS = new Set("is are was were been remain remains remained went gone".split(" "));
const ADVERBS = new Set(["still", "also", "now", "reported", "listed", "officially"]);

const FOUND_VERBS = new Set(["found", "located", "rescued", "recovered"]);
const PASSIVE = new Set(["was", "were", "been", "be", "is", "are"]);
const FOUND_STATES = new Set(["alive", "dead", "safe", "unharmed", "uninjured"]);

/**
 * Who a sentence says was found: "Lena Dahl was found alive", "the two fishermen were rescued" — the
 * person words and names before the verb, or undefined (no person, "has not been found", an active
 * "investigators found that …").
 */
export function foundWhat(tokens: readonly Token[]): Set<string> | undefined {
  for (let k = 0; k < tokens.length; k++) {
    if (!FOUND_VERBS.has(tokens[k].word)) continue;
    const before = tokens.slice(Math.max(0, k - 3), k);
    if (before.some((u) => u.word === "not" || u.word === "never" || FUTURE_MARKERS.has(u.word))) continue;
    if (!before.some((u) => PASSIVE.has(u.word)) && !FOUND_STATES.has(tokens[k + 1]?.word ?? "")) continue;
    // Who was found: a person ("the hiker", "Lena Dahl"), not wreckage or a car.
    const who = personStems(tokens.slice(0, k));
    return who.size > 0 ? who : undefined;
  }
  return undefined;
}

/** Irregular past forms of verbs a news outcome takes ("will hold a vote" → "held"). */
const IRREGULAR_PAST: Readonly<Record<string, readonly string[]>> = {
  hold: ["held"],
  begin: ["began", "begun"],
  meet: ["met"],
  rise: ["rose", "risen"],
  fall: ["fell", "fallen"],
  make: ["made"],
  go: ["went", "gone"],
  come: ["came"],
  give: ["gave", "given"],
  take: ["took", "taken"],
  win: ["won"],
  lose: ["lost"],
  leave: ["left"],
  sell: ["sold"],
  pay: ["paid"],
  speak: ["spoke", "spoken"],
  choose: ["chose", "chosen"],
  bring: ["brought"],
  build: ["built"],
  send: ["sent"],
  strike: ["struck"],
  set: ["set"],
  run: ["ran"],
  put: ["put"],
  lift: ["lifted"],
};
/** Words that make the verb after them a prospect, not an event. */
const FUTURE_MARKERS = new Set(["will", "would", "to", "could", "may", "might", "should", "can", "shall"]);
const EXPECTED = new Set(["expected", "scheduled", "due", "set", "planned", "poised", "likely"]);
/** Words that put a prospect on the calendar. */
const WHEN_WORDS = new Set(
  `monday tuesday wednesday thursday friday saturday sunday today tonight tomorrow later next soon week
weekend month morning afternoon evening`.split(/\s+/),
);
/** Verbs too general to say which event happened ("will come", "will make"). */
const LIGHT_VERBS = new Set(
  "come go make take get give put set see become keep remain continue need want try help like look seem stay hold".split(
    " ",
  ),
);
/** Words between "will" and its verb that are not the verb. */
const VERB_SKIP = new Set([
  "be",
  "also",
  "likely",
  "probably",
  "soon",
  "then",
  "now",
  "again",
  "finally",
  "formally",
]);

interface Outcome {
  /** Stem of the verb. */
  stem: string;
  /** Past forms that would say it happened. */
  past: ReadonlySet<string>;
  /** "will be allowed", "is set to be released": whoever does it is not the subject. */
  passive: boolean;
  /** Content stems of what it is about (its object, or a passive's subject): the newer must name one. */
  about: Set<string>;
}

/** What a sentence says will happen: "will vote", "is expected to reopen", "will be allowed home". */
export function prospects(tokens: readonly Token[]): Outcome[] {
  const out: Outcome[] = [];
  // Only a scheduled event ("will vote Thursday", "is expected to reopen next week") is checked later.
  if (!tokens.some((t) => WHEN_WORDS.has(t.word) || MONTHS.has(t.word))) return out;
  tokens.forEach((t, k) => {
    if (t.quoted) return; // a quoted promise ("We will rebuild") is not a forecast
    let from: number | undefined;
    if (t.word === "will") from = k + 1;
    else if (EXPECTED.has(t.word) && tokens[k + 1]?.word === "to") from = k + 2;
    if (from === undefined) return;
    let j = from;
    while (j < tokens.length && j < from + 3 && VERB_SKIP.has(tokens[j].word)) j++;
    const verb = tokens[j];
    if (!verb || verb.punct || verb.value !== undefined || verb.word === "not" || STOPWORDS.has(verb.word))
      return;
    if (LIGHT_VERBS.has(verb.word)) return;
    const past = new Set(IRREGULAR_PAST[verb.word] ?? []);
    const passive = tokens.slice(from, j).some((u) => u.word === "be");
    // What it is about: the object of an active verb ("will release the report"), else the subject
    // ("the report is set to be released"). Without one the prospect is too vague to follow.
    const about = passive ? tokens.slice(Math.max(0, k - 4), k) : tokens.slice(j + 1, j + 8);
    const words = contentStems(about.filter((u) => !u.punct));
    if (words.size === 0) return;
    out.push({ stem: verb.stem, past, passive, about: words });
  });
  return out;
}

/** Whether a sentence says the outcome happened: the verb in a past form, not itself a prospect. */
function happened(tokens: readonly Token[], o: Outcome): boolean {
  return tokens.some((t, k) => {
    const past = o.past.has(t.word) || (t.stem === o.stem && t.word.endsWith("ed"));
    if (!past || t.quoted) return false;
    const before = tokens.slice(Math.max(0, k - 3), k);
    if (before.some((u) => FUTURE_MARKERS.has(u.word) || EXPECTED.has(u.word) || u.word === "not"))
      return false;
    // "North Korea will send a delegation" is not "petitions were sent": an active prospect, an active event.
    return o.passive || !tokens.slice(Math.max(0, k - 2), k).some((u) => PASSIVE.has(u.word));
  });
}

// The stage ----------------------------------------------------------------------------------------

/** A sentence as the rules read it. */
interface Read {
  i: number;
  doc: number;
  tokens: Token[];
  content: Set<string>;
}

/** Most prospects ("will …") one sentence is checked for: a hostile run of "will" costs no more. */
const MAX_PROSPECTS = 4;

/**
 * Sentences a newer article supersedes: superseded sentence index → the newer sentence that does it
 * (global indexes into `f.sentences`). Only sentences that can stand in a summary (`eligible`) are
 * checked as the older side; any sentence may be the newer one.
 */
export function supersededSentences(f: ClusterFeatures, time: Newer): Map<number, number> {
  const out = new Map<number, number>();
  const reads: Read[] = f.sentences.map((s, i) => {
    const tokens = scan(s.sentence.text);
    return { i, doc: s.doc, tokens, content: contentStems(tokens) };
  });
  const eligible = (r: Read) => f.sentences[r.i].eligible;
  // Strictly newer, another article, within the window of one developing story.
  const later = (newer: Read, older: Read): boolean => {
    if (newer.doc === older.doc || !time.newer(newer.doc, older.doc)) return false;
    const apart = time.daysApart(newer.doc, older.doc);
    return apart === undefined || apart <= MAX_SUPERSEDE_DAYS;
  };
  // The older statement with the sentence before it, when it leans on it for its person ("his name").
  const withAntecedent = (r: Read): Set<string> => {
    const prev = f.sentences[r.i].previous;
    const leans =
      PRONOUNS.has(r.tokens[0]?.word ?? "") ||
      r.tokens.some((t, k) => PRONOUNS.has(t.word) && IDENTITY_NOUNS.has(r.tokens[k + 1]?.word ?? ""));
    if (prev === undefined || !leans) return r.content;
    return new Set([...r.content, ...reads[prev].content]);
  };

  // 1. Figures: sentences grouped by what a figure measures; a newer, different value replaces the older,
  // unless the newer article also gives the older value (it restates it: "up from 10 percent").
  const byKey = new Map<string, Array<{ r: Read; fig: Figure }>>();
  const stated = new Set<string>();
  for (const r of reads)
    for (const fig of figures(r.tokens)) {
      stated.add(`${r.doc}|${fig.key}|${fig.value}`);
      const list = byKey.get(fig.key) ?? [];
      if (list.length === 0) byKey.set(fig.key, list);
      if (list.length < MAX_PER_KEY) list.push({ r, fig });
    }
  const revises = (c: { r: Read; fig: Figure }, old: { r: Read; fig: Figure }): boolean => {
    if (c.fig.value === old.fig.value || !later(c.r, old.r)) return false;
    if (stated.has(`${c.r.doc}|${old.fig.key}|${old.fig.value}`)) return false;
    // The words around the two figures agree, or the newer says it revises ("rose to 15"); what a plain
    // noun counts ("12 judges") needs both.
    const near = shared(c.fig.near, old.fig.near, EMPTY) > 0;
    if (old.fig.specific ? !near && !c.fig.revised : !near || !c.fig.revised) return false;
    const revision = near && c.fig.revised;
    const leaveOut = new Set([...old.fig.words, ...CLASS_STEMS]);
    const both = shared(c.r.content, old.r.content, leaveOut);
    const own = (r: Read) => r.content.size - shared(r.content, leaveOut, EMPTY);
    const smaller = Math.min(own(c.r), own(old.r));
    // A revision of the same figure ("… streets rose to 2,400") need not restate its sentence; others must.
    return both >= MIN_SHARED_FIGURE && (revision || both >= FIGURE_OVERLAP * smaller);
  };
  for (const list of byKey.values())
    for (const old of list) {
      if (!eligible(old.r) || out.has(old.r.i)) continue;
      const cur = list.find((c) => revises(c, old));
      if (cur) out.set(old.r.i, cur.r.i);
    }

  // 2, 3. Names and findings: who is named (found) in the newer sentence shares a word with the older
  // statement, or with the sentence before it when it says "his name".
  const personRule = (
    isOld: (t: readonly Token[]) => boolean,
    whom: (t: readonly Token[]) => Set<string> | undefined,
    ruleWords: ReadonlySet<string>,
  ): void => {
    const olds = reads.filter((r) => eligible(r) && !out.has(r.i) && isOld(r.tokens)).slice(0, MAX_PER_KEY);
    if (olds.length === 0) return;
    const news: Array<{ r: Read; who: Set<string> }> = [];
    for (const r of reads) {
      const who = news.length < MAX_PER_KEY ? whom(r.tokens) : undefined;
      if (who) news.push({ r, who });
    }
    for (const old of olds) {
      const context = withAntecedent(old);
      const cur = news.find((n) => later(n.r, old) && shared(n.who, context, ruleWords) >= MIN_SHARED_PERSON);
      if (cur) out.set(old.i, cur.r.i);
    }
  };
  personRule(
    saysUnnamed,
    namesSomeone,
    stems("name named identified identity unidentified released police officials authorities"),
  );
  personRule(saysMissing, foundWhat, stems("missing unaccounted found located rescued recovered search"));

  // 4. Outcomes: "will reopen" is superseded by a newer sentence that says it reopened.
  const withProspects = reads
    .filter((r) => eligible(r) && !out.has(r.i))
    .map((r) => ({ r, outcomes: prospects(r.tokens).slice(0, MAX_PROSPECTS) }))
    .filter((x) => x.outcomes.length > 0)
    .slice(0, MAX_PER_KEY);
  for (const { r: old, outcomes } of withProspects) {
    const cur = reads.find(
      (n) =>
        later(n, old) &&
        outcomes.some(
          (o) =>
            happened(n.tokens, o) &&
            shared(n.content, o.about, EMPTY) > 0 &&
            shared(n.content, old.content, new Set([o.stem])) >= MIN_SHARED_OUTCOME,
        ),
    );
    if (cur) out.set(old.i, cur.i);
  }
  return out;
}

const EMPTY: ReadonlySet<string> = new Set();

function stems(words: string): Set<string> {
  return new Set(words.split(" ").map((w) => porterStem(w)));
}

/** Content stems two sets share, the rule's own words left out. */
function shared(a: ReadonlySet<string>, b: ReadonlySet<string>, leaveOut: ReadonlySet<string>): number {
  let n = 0;
  for (const s of a) if (b.has(s) && !leaveOut.has(s)) n++;
  return n;
}
