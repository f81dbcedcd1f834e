/**
 * People's names in news text: who a sentence mentions, and how to name someone in full on first mention.
 *
 * A roundup mixes sentences from several sources, so "Mr. Guterres said" can come before any sentence
 * that says who Mr. Guterres is. Newser names a person in full the first time ("António Guterres said")
 * and never uses honorifics. The rule (see `nameFirstMentions`):
 * - a mention is a run of capitalised words: "Transport Minister Tomas Varga" (full: a first name, an
 *   optional middle name or initial, a surname), "Mr. Guterres" (honorific), "President Zelensky"
 *   (title), "Podolyak" (bare surname);
 * - the first time the roundup mentions a surname, an honorific or bare surname mention is given the
 *   full name the cluster's own text writes for it: "Mr. Guterres" → "António Guterres", "Dr. Lund" →
 *   "Dr. Sofia Lund", "Podolyak said" → "Mykhailo Podolyak said". A title ("President Biden",
 *   "Minister Varga") identifies the person well enough and is left as written;
 * - only when unambiguous: every full name in the cluster with that surname must share the first name
 *   ("Dmytro Kuleba" and "Oleksiy Kuleba" leave "Kuleba" alone); a bare surname only where it reads as
 *   a person (the subject or object of a verb such as "said"), never after "the"; a "first name" the
 *   cluster also writes in lower case is a common word and a "surname" it writes after "in" a place;
 * - never inside a quotation: quoted words stay exactly as the source wrote them;
 * - later mentions are left as the source wrote them.
 * Data layout: a `NameIndex` maps each surname to the full names written for it, keyed by
 * "first surname" (lower case) so "Vladimir V. Putin" and "Vladimir Putin" count as one person.
 */
import { escapeRegExp } from "../util/escape-regexp.ts";

/** Honorifics: Newser drops these ("Mr.", "Ms.") but keeps the professional ones ("Dr.", "Prof."). */
const HONORIFICS: ReadonlySet<string> = new Set(["Mr", "Mrs", "Ms", "Miss", "Mx", "Messrs", "Dr", "Prof"]);
const KEPT_HONORIFICS: ReadonlySet<string> = new Set(["Dr", "Prof"]);

/** Titles before a name ("President", "Sen.", "Commander"): part of a mention, never a first name. */
const TITLES: ReadonlySet<string> = new Set(
  `president vice minister premier chancellor prime secretary secretary-general undersecretary sen senator
rep representative congressman congresswoman gov governor mayor gen general lt lieutenant col colonel capt
captain cmdr commander adm admiral maj major brig sgt sergeant cpl corporal pvt private officer chief
judge justice king queen prince princess emperor pope saint st sir dame lord lady rev reverend father fr
bishop archbishop cardinal rabbi imam sheikh ambassador amb director chairman chairwoman chair ceo speaker
leader coach agent detective det inspector deputy councilman councilwoman councillor councilor spokesman
spokeswoman spokesperson aide adviser advisor attorney atty sheriff trooper professor doctor nurse dean
superintendent commissioner marshal pastor mullah ayatollah president-elect neighbor neighbour resident
witness student actor actress singer rapper comedian player manager owner founder author writer reporter
host star producer lawyer defendant suspect victim firefighter surgeon scientist researcher analyst
economist investor entrepreneur billionaire candidate nominee lawmaker legislator assemblyman
assemblywoman alderman chef designer pitcher quarterback striker goalkeeper rookie veteran columnist
blogger anchor correspondent editor publisher sergeant-at-arms`.split(/\s+/),
);

/** Capitalised words that open a run without being a first name: function words, days, places, bodies. */
const NOT_NAMES: ReadonlySet<string> = new Set(
  `the a an this that these those i we you he she it they me us him them his her their its our my your in on
at for from by of to with and but or as after before when while if because since during under over into
across about against between new north south east west northern southern eastern western central monday
tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december university college school hospital church street road avenue river
lake mount bay island islands county city state states republic kingdom united national international
royal federal supreme court house senate congress parliament ministry department agency party army navy
air force police fire coast guard bank company group club team museum foundation institute center centre
news press times post daily journal fund council office committee commission union league association
corporation airlines airport station port harbor harbour valley mountains forest park square bridge
american british russian ukrainian chinese french german israeli iranian indian japanese korean italian
spanish polish turkish syrian iraqi afghan palestinian egyptian saudi canadian mexican brazilian
australian european african asian norwegian swedish danish finnish dutch belgian swiss austrian greek
irish scottish welsh english democratic republican democrat god christmas easter covid whenever wherever
however although though unless once sometimes often also still yet even only just now then today yesterday
tonight here there where what who why how which whose each every all some many most several no not neither
either so thus hence instead indeed perhaps maybe finally first second third last next like unlike despite
among amid`.split(/\s+/),
);

/** Capitalised function words that may open a run before a lone surname: "After Podolyak said", "But Varga". */
const RUN_OPENERS: ReadonlySet<string> = new Set(
  `the a an this that these those in on at for from by of to with and but or as after before when while if
because since during under over into across about against between however although though unless once
also still yet even only just now then today yesterday tonight meanwhile later earlier instead indeed
perhaps maybe finally like unlike despite among amid so thus hence where what who why how which whose`.split(
    /\s+/,
  ),
);

/** Verbs that make a lone capitalised word a person: "Podolyak said", "said Podolyak". */
const PERSON_VERBS =
  "said|says|told|tells|added|adds|wrote|writes|tweeted|posted|noted|argued|asked|explained|warned|insisted|recalled|replied|acknowledged|admitted|announced|urged|called|declined|ordered|thanked|accused|denied|lauded|praised|criticized|criticised|spoke|met|visited|signed|vowed|pledged|promised|claimed|confirmed|described|rejected|refused|resigned|died|won|lost|plans|planned|wants|wanted|has|had|was|is|will|would";
const PERSON_AFTER = new RegExp(`^(?:(?:'s|’s)? (?:${PERSON_VERBS})|, who)\\b`);
const PERSON_BEFORE = /\b(?:said|says|added|wrote|asked|according to|by)\s$/;

/** Nouns for people: a "He" can point back to "a Biden administration official" as well as to a name. */
const PERSON_NOUNS =
  /\b(?:official|spokes(?:man|woman|person)|minister|president|chancellor|premier|governor|mayor|senator|lawmaker|legislator|aide|adviser|advisor|chief|leader|director|secretary|ambassador|diplomat|envoy|commander|captain|officer|general|man|woman|boy|girl|child|mother|father|son|daughter|wife|husband|brother|sister|grandmother|grandfather|teacher|doctor|nurse|driver|pilot|engineer|professor|student|resident|witness|survivor|victim|suspect|lawyer|attorney|judge|prosecutor|detective|priest|pastor|king|queen|prince|princess|pope|actor|actress|singer|player|coach|founder|executive|ceo|chairman|chairwoman|owner|farmer|worker|soldier|activist|analyst|researcher|scientist|economist|author|writer|reporter|journalist|candidate|member|boss|head|partner|friend|neighbou?r|colleague|passenger|councilor|councillor|inspector|firefighter|citizen|veteran|patient|employee|manager|president-elect)s?\b/i;

/** "A fisherman", "the chairwoman", "two policemen": compounds of man and woman (one word, so linear). */
const PERSON_COMPOUND = /\b\p{L}*(?:man|woman|men|women)\b/iu;

/** One mention of a person in a text. Offsets are into that text. */
export interface Mention {
  start: number;
  end: number;
  /** full: "Tomas Varga"; honorific: "Mr. Varga"; titled: "Minister Varga"; bare: "Varga". */
  kind: "full" | "honorific" | "titled" | "bare";
  surname: string;
  /** Lower-case "first surname" of a full mention: who it is. */
  key?: string;
  /** The honorific or title word as written (without its dot). */
  title?: string;
}

/** A capitalised name word: "Guterres", "O'Brien", "Ton-That", "McAllister", "António". */
const NAME_WORD = /^\p{Lu}(?:\p{Ll}|['’-]\p{L})*(?:\p{Lu}\p{Ll}+)?$/u;
const INITIAL = /^\p{Lu}\.$/u;
/** Words and initials with their offsets; "Mr." keeps its dot, "Varga's" its "'s" (read off later). */
const TOKEN = /\p{Lu}\.(?=[\s,])|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*\.?/gu;

interface Token {
  text: string;
  start: number;
  end: number;
}

function bare(word: string): string {
  return word.replace(/\.$/, "");
}

/** Adverbs that open sentences ("Technically", "Sadly", "Reportedly"): never a first name. */
const ADVERB = /(?:ally|ately|ously|ively|edly|ingly|ently|antly|fully|lessly|ssly|dly|arly|ntly)$/;
/** Lower-case particles that continue a name ("Ahmed al-Shaik", "Ludwig van Beethoven"). */
const PARTICLE_AFTER =
  /^\s(?:al|el|bin|ibn|abu|de|da|di|del|della|van|von|der|den|le|la|du|dos|das|ter|ten)\b/;

function isNameWord(word: string): boolean {
  if (!NAME_WORD.test(word) || HONORIFICS.has(word) || ADVERB.test(word)) return false;
  const lower = word.toLowerCase();
  return !NOT_NAMES.has(lower) && !TITLES.has(lower);
}

/**
 * Runs of capitalised words ("Transport Minister Tomas Varga's"), split at anything but a single space,
 * each read as one mention of a person when it can be; runs that name no person give nothing.
 */
export function findMentions(text: string): Mention[] {
  const out: Mention[] = [];
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN))
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  let i = 0;
  while (i < tokens.length) {
    if (!/^\p{Lu}/u.test(tokens[i].text)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (
      j < tokens.length &&
      /^\p{Lu}/u.test(tokens[j].text) &&
      text.slice(tokens[j - 1].end, tokens[j].start) === " " &&
      !/['’]s$/.test(tokens[j - 1].text) && // a possessive ends a name: "Fort Lauderdale's Ryan Sweeting"
      // A run goes on past a full stop only after an initial or an abbreviated title ("V. Putin", "Mr. Yang").
      (!tokens[j - 1].text.endsWith(".") ||
        INITIAL.test(tokens[j - 1].text) ||
        HONORIFICS.has(bare(tokens[j - 1].text)) ||
        TITLES.has(bare(tokens[j - 1].text).toLowerCase()))
    )
      j++;
    const mention = readRun(text, tokens.slice(i, j));
    if (mention) out.push(mention);
    i = j;
  }
  return out;
}

function readRun(text: string, run: Token[]): Mention | undefined {
  const last = run[run.length - 1];
  let word = last.text;
  if (word.endsWith(".") && !INITIAL.test(word)) word = word.slice(0, -1); // sentence-final "Putin."
  const surname = word.replace(/['’]s$/, "");
  if (!isNameWord(surname)) return undefined;
  const end = last.start + surname.length;
  if (PARTICLE_AFTER.test(text.slice(end, end + 8))) return undefined; // "Ahmed" of "Ahmed al-Shaik"
  // Walk back over at most a middle name (or initial) and a first name.
  let k = run.length - 2;
  const given: Token[] = [];
  while (k >= 0 && given.length < 2 && (isNameWord(run[k].text) || INITIAL.test(run[k].text)))
    given.unshift(run[k--]);
  // Three capitalised words opening a sentence ("Neighbor Dan Aguliar"): the first is as likely a role.
  if (
    given.length === 2 &&
    !INITIAL.test(given[1].text) &&
    /^["“'‘(]?$/.test(text.slice(0, given[0].start).trim())
  )
    given.shift();
  if (given.length > 0) {
    const first = given[0];
    if (INITIAL.test(first.text)) return undefined; // "V. Putin", "J. R. Smith": leave it
    const key = `${first.text.toLowerCase()} ${surname.toLowerCase()}`;
    return { start: first.start, end, kind: "full", surname, key };
  }
  const before = k >= 0 ? bare(run[k].text) : undefined;
  if (before !== undefined && HONORIFICS.has(before))
    return { start: run[k].start, end, kind: "honorific", surname, title: before };
  if (before !== undefined && TITLES.has(before.toLowerCase()))
    return { start: run[k].start, end, kind: "titled", surname, title: before };
  // "Harlow Bay", "Coast Guard", and "Fire Service said": only a function word ("After", "When") may come
  // before a lone surname in its run, never a word of a place's or a body's name.
  if (before !== undefined && !RUN_OPENERS.has(before.toLowerCase())) return undefined;
  // A lone word (perhaps after a capitalised "After" or "When"): a person only when a verb of speech or
  // action says so, and never after "the".
  const lead = text.slice(Math.max(0, last.start - 24), last.start);
  if (before !== undefined ? /^(?:the|a|an)$/i.test(before) : /\b(?:the|a|an)\s$/i.test(lead))
    return undefined;
  const after = text.slice(end, end + 40);
  if (!PERSON_AFTER.test(after) && !PERSON_BEFORE.test(lead)) return undefined;
  return { start: last.start, end, kind: "bare", surname };
}

/** Full names written in a cluster, by surname. Build once per roundup with `buildNameIndex`. */
export interface NameIndex {
  /** surname → "first surname" key → the name as written, by article index (first writing kept). */
  bySurname: Map<string, Map<string, Map<number, string>>>;
  /** First word of a full name → its keys: for surname-first names ("Mr. Xi" → "Xi Jinping"). */
  byFirst: Map<string, Map<string, Map<number, string>>>;
}

function add(
  map: Map<string, Map<string, Map<number, string>>>,
  word: string,
  key: string,
  doc: number,
  name: string,
): void {
  let keys = map.get(word);
  if (!keys) {
    keys = new Map();
    map.set(word, keys);
  }
  let forms = keys.get(key);
  if (!forms) {
    forms = new Map();
    keys.set(key, forms);
  }
  if (!forms.has(doc)) forms.set(doc, name);
}

/**
 * Every full-name mention in the given texts (`doc` is the article index of each text); with `wanted`,
 * only those of the wanted surnames (a surname-first name counts by its first word), and only texts
 * that contain one are read, so a roundup pays for the few names it needs. The texts also vet the candidates: a "first name" the
 * cluster writes in lower case elsewhere is a common word ("Help Ukraine force…"), and a "surname" it
 * writes after "in" is a place ("in Ukraine").
 */
export function buildNameIndex(
  texts: ReadonlyArray<{ doc: number; text: string }>,
  wanted?: ReadonlySet<string>,
): NameIndex {
  const index: NameIndex = { bySurname: new Map(), byFirst: new Map() };
  if (wanted?.size === 0) return index;
  const all = texts.map((t) => t.text).join("\n");
  const seen = new Map<string, boolean>();
  /** Whether the cluster writes the word in this context (`WORD` in the pattern). */
  const written = (word: string, pattern: string): boolean => {
    const key = `${pattern}\u0000${word}`;
    let found = seen.get(key);
    if (found === undefined) {
      const escaped = escapeRegExp(word);
      found = new RegExp(pattern.replace("WORD", escaped), "u").test(all);
      seen.set(key, found);
    }
    return found;
  };
  const words = wanted ? [...wanted] : [];
  for (const { doc, text } of texts) {
    if (wanted && !words.some((w) => text.includes(w))) continue;
    for (const m of findMentions(text)) {
      if (m.kind !== "full" || m.key === undefined) continue;
      const name = text.slice(m.start, m.end);
      const first = name.slice(0, name.indexOf(" "));
      if (wanted && !wanted.has(m.surname) && !wanted.has(first)) continue;
      if (written(first.toLowerCase(), "(?<![\\p{L}'’-])WORD(?![\\p{L}'’-])")) continue; // a common word
      if (written(m.surname, "\\b(?:in|from|across|near|into|throughout) WORD(?![\\p{L}'’-])")) continue; // a place
      add(index.bySurname, m.surname, m.key, doc, name);
      add(index.byFirst, first, m.key, doc, name);
    }
  }
  return index;
}

/** Surnames a text mentions without a full name (by honorific or alone): what `buildNameIndex` needs. */
export function surnamesToName(text: string): string[] {
  return findMentions(text).flatMap((m) => (m.kind === "honorific" || m.kind === "bare" ? [m.surname] : []));
}

/** The form written in `doc` if there is one, else the one written in the earliest article. */
function formIn(forms: Map<number, string>, doc: number): string {
  return forms.get(doc) ?? forms.get(Math.min(...forms.keys()))!;
}

/**
 * The one full name the cluster writes for a surname (as written in article `doc` where it is), or
 * undefined when it writes none or several people's. For an honorific or a title ("Mr. Xi") a
 * surname-first name ("Xi Jinping") also counts.
 */
function fullNameOf(
  index: NameIndex,
  surname: string,
  doc: number,
  allowSurnameFirst: boolean,
): string | undefined {
  const keys = index.bySurname.get(surname) ?? (allowSurnameFirst ? index.byFirst.get(surname) : undefined);
  if (keys?.size !== 1) return undefined;
  const [forms] = keys.values();
  return formIn(forms, doc);
}

/** Ranges of a text inside double quotation marks (balanced pairs; an unclosed quote runs to the end). */
export function quotedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "“" || (c === '"' && open < 0)) {
      if (open < 0) open = i;
    } else if (c === "”" || c === '"') {
      if (open >= 0) {
        out.push([open, i + 1]);
        open = -1;
      }
    }
  }
  if (open >= 0) out.push([open, text.length]);
  return out;
}

function inside(ranges: ReadonlyArray<[number, number]>, at: number): boolean {
  return ranges.some(([a, b]) => at >= a && at < b);
}

/**
 * Names people in full on their first mention in the roundup (see the module comment for the rule).
 * `named` holds the surnames already mentioned in full; the result lists the ones this text adds. Full
 * names are taken as written in article `doc` (the sentence's own) where it writes them.
 * The text changes only by a first name inserted before a surname (and "Mr."/"Ms." dropped).
 */
export function nameFirstMentions(
  text: string,
  named: ReadonlySet<string>,
  index: NameIndex,
  doc: number,
): { text: string; named: string[] } {
  const quotes = quotedRanges(text);
  const added: string[] = [];
  const seen = new Set(named);
  const edits: Array<{ start: number; end: number; replacement: string }> = [];
  for (const m of findMentions(text)) {
    if (seen.has(m.surname)) continue;
    if (m.kind === "full") {
      seen.add(m.surname);
      added.push(m.surname);
      continue;
    }
    // "President Biden": the title identifies the person well enough; counts as naming, left as written.
    if (m.kind === "titled") {
      seen.add(m.surname);
      added.push(m.surname);
      continue;
    }
    if (inside(quotes, m.start)) continue;
    const full = fullNameOf(index, m.surname, doc, m.kind === "honorific");
    if (full === undefined) continue;
    const title = m.title;
    const earlier = earlierBare(text, m.surname, m.start, quotes);
    if (earlier !== undefined)
      edits.push({ start: earlier, end: earlier + m.surname.length, replacement: full });
    else
      edits.push({
        start: m.start,
        end: m.end,
        replacement:
          title !== undefined && KEPT_HONORIFICS.has(title)
            ? `${text.slice(m.start, m.start + title.length + (text[m.start + title.length] === "." ? 1 : 0))} ${full}`
            : full,
      });
    seen.add(m.surname);
    added.push(m.surname);
  }
  let out = text;
  for (const e of edits.reverse()) out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
  return { text: out, named: added };
}

/**
 * Where the sentence already used the surname alone before `before` ("how Sizemore, then 42, …"), outside
 * quotations and not as part of a longer name: the full name goes there, on the real first mention.
 */
function earlierBare(
  text: string,
  surname: string,
  before: number,
  quotes: ReadonlyArray<[number, number]>,
): number | undefined {
  for (let at = text.indexOf(surname); at >= 0 && at < before; at = text.indexOf(surname, at + 1)) {
    const prev = text.slice(Math.max(0, at - 24), at);
    const next = text[at + surname.length] ?? "";
    if (/[\p{L}\p{N}]/u.test(next) || /[\p{L}\p{N}'’-]$/u.test(prev)) continue; // inside a word
    const word = /(\S+)\s$/.exec(prev)?.[1];
    if (
      word !== undefined &&
      (isNameWord(word) ||
        INITIAL.test(word) ||
        HONORIFICS.has(bare(word)) ||
        TITLES.has(bare(word).toLowerCase()))
    )
      continue; // part of a longer name or a title
    if (/\b(?:the|a|an)\s$/i.test(prev) || inside(quotes, at)) continue;
    return at;
  }
  return undefined;
}

/**
 * Whether a text mentions a person: a name, an honorific or title with a name, a lone surname with a
 * verb of speech, or a noun for a person ("an administration official", "a pregnant woman").
 * Generous by design: it decides only whether a "He" or "She" after it can have an antecedent.
 */
export function mentionsPerson(text: string): boolean {
  if (findMentions(text).length > 0) return true;
  if (PERSON_NOUNS.test(text) || PERSON_COMPOUND.test(text)) return true;
  // "he"/"she" outside quotations: the text itself leans on a person named before it.
  // Quotation ranges walked in step with the matches (both in text order): linear.
  const quotes = quotedRanges(text);
  let q = 0;
  for (const m of text.matchAll(/\b(?:he|she|him|his|her)\b/gi)) {
    while (q < quotes.length && quotes[q][1] <= m.index) q++;
    if (q >= quotes.length || m.index < quotes[q][0]) return true;
  }
  return false;
}

/** Words that stand for a person without naming one: "one of the kids, who raised his arms". */
const SOMEONE =
  /\b(?:who|whom|whose|someone|somebody|anyone|anybody|everyone|everybody|nobody|no one|one)\b/i;

/**
 * Whether anything in a text could be the person a later "his" or "her" in the same sentence stands for:
 * what `mentionsPerson` finds, any capitalised word that can be a name ("Carter went from his…",
 * "Simpson's time…"), or a word for someone ("who", "anyone"). More generous still than `mentionsPerson`:
 * a pronoun inside a sentence usually has its antecedent there, so only a sentence with none leans. The
 * price: a capitalised common noun opening the sentence counts too ("Officers found her car…" is missed).
 */
export function mayNamePerson(text: string): boolean {
  if (mentionsPerson(text) || SOMEONE.test(text)) return true;
  for (const m of text.matchAll(/\p{Lu}[\p{L}'’-]*/gu))
    if (isNameWord(m[0].replace(/['’]s$/, ""))) return true;
  return false;
}
