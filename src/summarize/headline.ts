/**
 * The roundup's headline. It follows the lead sentence: the title of the lead sentence's article if it
 * is usable (`usableHeadline`, src/clean/05-headline.ts), else the first usable title among the
 * roundup's sources (in the order first cited), else an extractive headline made from the lead sentence
 * itself and cited to it. Headline generation by compression of the lead sentence follows Dorr, Zajic &
 * Schwartz 2003 ("Hedge Trimmer"): keep the main clause, trim what hangs off it, stop at a length.
 *
 * The extractive headline is the lead sentence with, in order:
 * 1. asides dropped: "(…)" and "— … —" (they never carry the main clause);
 * 2. a fronted phrase dropped, up to its comma: "On Thursday,", "After a week of talks,", "According to
 *    police,", "Facing pressure," (at most `MAX_INTRO_WORDS` words; a headline starts with its subject);
 * 3. a trailing attribution dropped: ", police said Thursday.", ", according to the ministry." (a headline
 *    states; the sentence it is cited to says who said so);
 * 4. a relative clause or an age after a comma dropped: ", who …,", ", which …", ", 45,";
 * 5. cut to at most `MAX_EXTRACTIVE_WORDS` words, before a clause or phrase boundary where there is one
 *    ("… rescued Thursday | after fire broke out …"), never inside a quotation;
 * 6. trailing punctuation and function words trimmed ("… in the" → "…"), the first letter capitalised.
 * Every step works on whole words, in one pass each: linear in the sentence.
 */
import { isCaption, usableHeadline } from "../clean/05-headline.ts";

/** Most words in an extractive headline: news headlines run 5–15 words (Dorr et al. cap theirs at 10). */
export const MAX_EXTRACTIVE_WORDS = 14;
/** A main clause that ends within this many words is kept whole rather than cut at 14 ("about 14"). */
export const MAX_WHOLE_CLAUSE_WORDS = 16;
/** A headline needs at least this many words to say something; shorter cuts are not made. */
export const MIN_EXTRACTIVE_WORDS = 4;
/** A fronted phrase longer than this is more than an intro (it may hold the subject): kept. */
export const MAX_INTRO_WORDS = 24;
/** A trailing attribution longer than this is a clause of its own: kept. */
export const MAX_ATTRIBUTION_WORDS = 10;
/** A comma this early is more often an apposition's ("The Exchange, the cornerstone of …") than a clause's end. */
const MIN_COMMA_WORDS = 6;
/** When a quotation runs past the cut, the cut may move to its end within this many words. */
const MAX_QUOTED_WORDS = 20;

/** Words that open a fronted subordinate clause or phrase (before the subject). */
const INTRO_WORDS: ReadonlySet<string> = new Set(
  `after when while although though as because since if despite before following amid with without in on at
during until once unless whereas for by from according under over through within across earlier later last
this next early late nearly almost about more less two three four five six seven eight nine ten hours days
weeks months years minutes moments just shortly speaking asked besides beyond like unlike instead`.split(
    /\s+/,
  ),
);
/** Speech and reporting verbs: a clause holding one, at the end, is an attribution. */
const SPEECH: ReadonlySet<string> = new Set(
  `said says told tells added adds announced announces reported reports stated states confirmed confirms
wrote writes noted notes explained warned according claimed claims alleged alleges insisted argued`.split(
    /\s+/,
  ),
);
/** Words that open a relative clause after a comma. */
const RELATIVE: ReadonlySet<string> = new Set(["who", "whom", "whose", "which", "where"]);
/** Words before which a clause boundary falls (a cut there leaves a whole main clause). */
const CLAUSE_BREAK: ReadonlySet<string> = new Set(
  `after when while as because since before despite amid following until although though whereas unless
so but`.split(/\s+/),
);
/** Prepositions: a weaker place to cut (the phrase that follows is left out whole). */
const PHRASE_BREAK: ReadonlySet<string> = new Set(
  "in on at for with from near into during across against without under through toward towards about amid".split(
    " ",
  ),
);
/** The weakest places to cut: before "of" and "to" (what follows often completes the noun or verb). */
const WEAK_BREAK: ReadonlySet<string> = new Set(["of", "to"]);
/** Words "to" belongs to: no cut between them ("prior to", "due to", "able to"). */
const STUCK_TO_TO: ReadonlySet<string> = new Set(
  "prior due according next close thanks able unable going used want wants wanted plans planned set".split(
    " ",
  ),
);
/** Auxiliaries: an "-ing" word after one is the verb, not a participial phrase to cut before. */
const AUXILIARY: ReadonlySet<string> = new Set(
  "is are was were be been being am has have had will would could should may might can".split(" "),
);
/** Adverbs that sit inside a verb ("is now allowing"): no cut between them and an "-ing". */
const VERB_ADVERBS: ReadonlySet<string> = new Set(
  "now still also just not never already even only ever soon n't".split(" "),
);
/** Connectives a headline never opens with. */
const OPENING_CONNECTIVES: ReadonlySet<string> = new Set(["and", "but", "so", "yet", "also", "still"]);
/** Words a headline never ends on. */
const DANGLING: ReadonlySet<string> = new Set(
  `the a an of to in on at for with from by as and or but nor that which who whose its his her their our
my your this these those is are was were be been has have had will would could should may might can
than into onto over about after before while`.split(/\s+/),
);
const PRONOUNS: ReadonlySet<string> = new Set(
  "he she they it we i you his her their its this that".split(" "),
);

/** A word with its punctuation taken off, lower-cased, for looking it up. */
function bare(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && !/[\p{L}\p{N}]/u.test(word[start])) start++;
  while (end > start && !/[\p{L}\p{N}]/u.test(word[end - 1])) end--;
  return word.slice(start, end).toLowerCase();
}

const endsClause = (word: string): boolean => /[,;:]["'’”]?$/.test(word);
const quoteMarks = (word: string): number => {
  let n = 0;
  for (const ch of word) if (ch === '"' || ch === "“" || ch === "”") n++;
  return n;
};

/** The sentence without "(…)" asides and "— … —" dashes: each removed with the space before it. */
function withoutAsides(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "(") {
      const close = text.indexOf(")", i + 1);
      if (close < 0) break; // an unclosed aside runs to the end: drop the rest
      out = out.trimEnd();
      i = close + 1;
      continue;
    }
    if ((ch === "—" || ch === "–") && text[i - 1] === " ") {
      const close = text.indexOf(ch, i + 1);
      if (close >= 0 && text[close - 1] === " " && text[close + 1] === " ") {
        out = out.trimEnd();
        i = close + 1;
        continue;
      }
      out = out.trimEnd();
      break; // a dash with no partner: what follows is an afterthought
    }
    out += ch;
    i++;
  }
  return out
    .replace(/ {2,}/g, " ")
    .replace(/ ([,.;:])/g, "$1")
    .trim();
}

/**
 * An extractive headline from a lead sentence (see the module comment for the steps), or undefined when
 * the sentence yields no usable one.
 */
export function extractiveHeadline(sentence: string): string | undefined {
  // A photo caption is never a headline, however it is cut.
  if (isCaption(sentence)) return undefined;
  // 1. Asides, and what a dateline or connective left in front ("- One in seven …", "And …").
  let words = withoutAsides(sentence).split(" ").filter(Boolean);
  while (words.length > 0 && bare(words[0]) === "") words = words.slice(1);
  if (words.length > 1 && OPENING_CONNECTIVES.has(bare(words[0])) && !endsClause(words[0]))
    words = words.slice(1);
  // 2. Fronted phrases (at most two: "On Thursday, after a week of talks, …"). A fronted phrase runs to
  // the first comma that a new clause follows: not one before "and …", "who …" or "getting …".
  for (let round = 0; round < 2; round++) {
    const first = bare(words[0] ?? "");
    if (!INTRO_WORDS.has(first) && !/^\p{L}+ing$/u.test(first)) break;
    const comma = words.findIndex(
      (w, k) =>
        k < MAX_INTRO_WORDS &&
        endsClause(w) &&
        (quoteMarks(w) === 0 || /,["”]$/.test(w)) &&
        !continuesIntro(bare(words[k + 1] ?? "")),
    );
    if (comma < 0 || words.length - comma - 1 < MIN_EXTRACTIVE_WORDS) break;
    words = words.slice(comma + 1);
  }
  // A leading "Police said (Tuesday) (that)": the statement is what follows, unless it opens on a pronoun.
  const said = words.findIndex((w, k) => k <= 5 && /^(?:said|says|say|told)$/.test(bare(w)));
  if (said > 0 && !words.slice(0, said).some((w) => endsClause(w) || quoteMarks(w) > 0)) {
    let next = said + 1;
    // "told reporters (that)", "told the Gazette that": the hearer goes with the verb.
    if (bare(words[said]) === "told") {
      const that = words.findIndex((w, k) => k > said && k <= said + 3 && bare(w) === "that");
      next = that > 0 ? that : words.length;
    }
    if (/day$/.test(bare(words[next] ?? ""))) next++;
    if (bare(words[next] ?? "") === "that") next++;
    const rest = words.slice(next);
    if (rest.length >= MIN_EXTRACTIVE_WORDS && !PRONOUNS.has(bare(rest[0]))) words = rest;
  }
  // 3. A trailing attribution: the last comma-led clause, if it is short and reports speech.
  words = withoutTrailingAttribution(words);
  // 4. Relative clauses and ages after a comma.
  words = withoutRelativeClauses(words);
  // 5. The length cut.
  const kept = cut(words);
  if (kept === undefined) return undefined;
  // 6. Tidy the end and the start.
  while (kept.length > MIN_EXTRACTIVE_WORDS && DANGLING.has(bare(kept[kept.length - 1]))) kept.pop();
  words = kept;
  let text = withoutFinalPunctuation(words.join(" "));
  if (quoteMarks(text) % 2 === 1) text = text.replace(/["“”]/g, "");
  text = text.charAt(0).toUpperCase() + text.slice(1);
  if (words.length < MIN_EXTRACTIVE_WORDS) return undefined;
  return usableHeadline(text) ? text : undefined;
}

/** Trailing ",;:." and spaces removed (scanning back: a regex would retry from every char of a long run); "!" and "?" stay. */
function withoutFinalPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && " ,;:.".includes(text[end - 1])) end--;
  const closer = text[end - 1];
  // '… "Orange Is the New Black,"' → '… "Orange Is the New Black"'.
  if ((closer === '"' || closer === "”") && end >= 2 && ",;:.".includes(text[end - 2]))
    return text.slice(0, end - 2) + closer;
  return text.slice(0, end);
}

/** A comma before one of these does not end a fronted phrase: a list, a relative clause, a participle. */
function continuesIntro(next: string): boolean {
  return (
    next === "and" ||
    next === "or" ||
    next === "but" ||
    RELATIVE.has(next) ||
    /^\p{Ll}+(?:ing|ed)$/u.test(next)
  );
}

function withoutTrailingAttribution(words: string[]): string[] {
  let inQuote = false;
  let lastComma = -1;
  words.forEach((w, k) => {
    const marks = quoteMarks(w);
    const opens = inQuote;
    if (marks % 2 === 1) inQuote = !inQuote;
    // A comma outside quotations, or the ',"' that closes one ("…," the mayor said).
    if (endsClause(w) && (!inQuote || opens) && k < words.length - 1) lastComma = k;
  });
  if (lastComma < 0) {
    // "… according to the ministry." with no comma before it.
    const according = words.findIndex(
      (w, k) => k > 0 && bare(w) === "according" && bare(words[k + 1] ?? "") === "to",
    );
    if (according >= MIN_EXTRACTIVE_WORDS && words.length - according <= MAX_ATTRIBUTION_WORDS)
      return words.slice(0, according);
    return words;
  }
  const tail = words.slice(lastComma + 1);
  if (tail.length > MAX_ATTRIBUTION_WORDS || !tail.some((w) => SPEECH.has(bare(w)))) return words;
  if (lastComma + 1 < MIN_EXTRACTIVE_WORDS) return words;
  const kept = words.slice(0, lastComma + 1);
  kept[lastComma] = kept[lastComma].replace(/,(["'’”]?)$/, "$1");
  return kept;
}

function withoutRelativeClauses(words: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    const next = words[k + 1];
    const relative = next !== undefined && RELATIVE.has(bare(next)) && !/^["“]/.test(next);
    const age = next !== undefined && /^\d{1,3},$/.test(next);
    if (/,$/.test(w) && (relative || age)) {
      out.push(w.slice(0, -1));
      // Skip the clause: to the next comma (its end) or to the end of the sentence.
      let j = k + 1;
      while (j < words.length && !/,$/.test(words[j])) j++;
      if (j >= words.length) return out;
      k = j;
      continue;
    }
    out.push(w);
  }
  return out;
}

/**
 * At most MAX_EXTRACTIVE_WORDS words (a clause that ends by MAX_WHOLE_CLAUSE_WORDS kept whole), cut at
 * the best boundary in reach, never inside a quotation nor right after a preposition or a speech verb.
 * Boundaries, best first: before a subordinator or after ";" / ":" (the last in reach); a comma (the
 * first: a later one is more often inside a list); before a preposition, a relative pronoun or a
 * participle (the last); before "of" or "to" (the last); else a plain cut.
 */
function cut(words: string[]): string[] | undefined {
  if (words.length <= MAX_WHOLE_CLAUSE_WORDS) return words;
  // Quotation state before each word: open[k] is whether word k starts inside a quotation.
  const open: boolean[] = [];
  let inQuote = false;
  for (const w of words) {
    open.push(inQuote);
    if (quoteMarks(w) % 2 === 1) inQuote = !inQuote;
  }
  const outside = (k: number) => k >= words.length || !open[k];
  let clause = -1;
  let comma = -1;
  let phrase = -1;
  let weak = -1;
  for (let k = MIN_EXTRACTIVE_WORDS + 1; k <= MAX_EXTRACTIVE_WORDS; k++) {
    // k = how many words are kept; the boundary is before words[k].
    if (!outside(k)) continue;
    const before = words[k - 1];
    const last = bare(before);
    const next = bare(words[k] ?? "");
    // Never "… police said" nor "… arrested in" / "… in connection" (a phrase just begun).
    if (SPEECH.has(last) || DANGLING.has(last)) continue;
    if (/[;:]["'’”]?$/.test(before) || CLAUSE_BREAK.has(next)) clause = k;
    else if (endsClause(before)) {
      if (comma < 0 && k >= MIN_COMMA_WORDS) comma = k;
    } else if (PHRASE_BREAK.has(bare(words[k - 2]))) continue;
    else if (
      PHRASE_BREAK.has(next) ||
      RELATIVE.has(next) ||
      (/^\p{Ll}+ing$/u.test(next) && !AUXILIARY.has(last) && !VERB_ADVERBS.has(last) && !/ly$/.test(last))
    )
      phrase = k;
    else if (WEAK_BREAK.has(next) && !(next === "to" && (/ing$/.test(last) || STUCK_TO_TO.has(last))))
      weak = k;
  }
  const at = [clause, comma, phrase, weak].find((k) => k >= 0);
  if (at !== undefined) return words.slice(0, at);
  // No boundary in reach: inside a quotation, move to its end if that is near; else a plain cut.
  if (!outside(MAX_EXTRACTIVE_WORDS)) {
    for (let k = MAX_EXTRACTIVE_WORDS + 1; k <= Math.min(words.length, MAX_QUOTED_WORDS); k++)
      if (outside(k)) return words.slice(0, k);
    const start = open.indexOf(true);
    return start - 1 >= MIN_EXTRACTIVE_WORDS ? words.slice(0, start - 1) : undefined;
  }
  return words.slice(0, MAX_EXTRACTIVE_WORDS);
}
