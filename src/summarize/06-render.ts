import { WIRE_SERVICES } from "../clean/outlets.ts";
import type { Citation, Roundup, RoundupSentence, SourceRef } from "../model/types.ts";
import { countWords } from "../text/tokens.ts";
import { escapeRegExp } from "../util/escape-regexp.ts";
import type { PreparedArticle } from "./01-prepare.ts";
import { type ClusterFeatures, conceptIndex } from "./02-features.ts";
import { dropConnective } from "./form.ts";
import { extractiveHeadline } from "./headline.ts";
import { buildNameIndex, nameFirstMentions, surnamesToName } from "./names.ts";
import { resolveOutlets } from "./outlet.ts";
import { buildIntroductions, introduceFirstMentions } from "./readable.ts";

/** Start a new paragraph once the current one has this many words (Newser paragraphs run ~70–110). */
export const PARAGRAPH_WORDS = 75;
/** At most this many outlet attributions in one roundup (each outlet once); more reads like a bibliography. */
export const MAX_ATTRIBUTIONS = 3;
/** Roundup sentences tried, lead first, for an extractive headline when no source has a usable title. */
export const HEADLINE_SENTENCES = 3;
/** Share of a cited sentence's concepts another article must carry to count as supporting it. */
export const SUPPORT_OVERLAP = 0.5;

/** Outlets Newser names with "the": "the AP reports", but "Reuters reports". */
const WITH_THE =
  /^(ap|associated press|bbc|new york times|washington post|wall street journal|guardian|independent|telegraph|times|los angeles times|hill|atlantic|economist|boston globe|chicago tribune)$/i;

/** Verbs that attribute a statement: a clause with one already names its source. */
const SPEECH =
  /\b(?:said|says|told|tells|added|adds|announced|wrote|writes|stated|tweeted|posted|reported|reports|claimed|noted|explained|warned|confirmed|according to)\b/i;

/** "… at 5 p.m." or "… in the U.S.": the final period belongs to the abbreviation. */
// "(\b\w\.){2,}$" meant the same, since the last two letter-dots of a longer run also match; this
// fixed-length form is linear where the repeated group was quadratic on "a.a.a.…".
const ENDS_ABBREVIATED = /(?<!\w)\w\.\w\.$|\b(Inc|Corp|Co|Ltd|Jr|Sr|St|No|etc)\.$/;

/** Another medium named as the channel of a statement: "told CNN", "in a statement to the Gazette". */
const NAMES_A_MEDIUM =
  /\btold (?:the )?\p{Lu}|\bin (?:a|an) (?:statement|interview|email|e-mail|post|letter|video|op-ed) (?:to|with|for)\b|\b(?:first|originally) reported by\b/u;

/**
 * Whether a sentence already names where it comes from, so a second source would stack on the first:
 * what follows its last quotation mark attributes the quotation (`"…," said Anders Nyberg, a teacher.`),
 * its last clause does ("…, the Coast Guard said Thursday."), or its last words do ("Officials said so."),
 * or it names another medium or a wire service as its channel ("told the Gazette", "Reuters reported").
 */
export function namesItsSource(text: string, outlets: readonly string[] = []): boolean {
  const quote = Math.max(text.lastIndexOf('"'), text.lastIndexOf("”"));
  if (quote >= 0 && SPEECH.test(text.slice(quote))) return true; // `"…," said Edda Holt, a nurse.`
  const comma = text.lastIndexOf(",");
  if (comma > quote && SPEECH.test(text.slice(comma))) return true; // "…, the fire service said."
  if (SPEECH.test(text.split(/\s+/).slice(-5).join(" "))) return true;
  if (NAMES_A_MEDIUM.test(text)) return true;
  return [...WIRE_SERVICES, ...outlets].some((outlet) => outletPattern(outlet).test(text));
}

/** An outlet's name as a whole word ("the" optional), compiled once per name: roundups test it per sentence. */
const OUTLET_PATTERNS = new Map<string, RegExp>();
function outletPattern(outlet: string): RegExp {
  let re = OUTLET_PATTERNS.get(outlet);
  if (re === undefined) {
    const name = escapeRegExp(outlet.replace(/^the\s+/i, ""));
    re = new RegExp(`(?<![\\p{L}\\p{N}])${name}(?![\\p{L}\\p{N}])`, "u");
    // Outlet names come from input: the cache is bounded so a stream of new names cannot fill memory.
    if (OUTLET_PATTERNS.size >= 4_096) OUTLET_PATTERNS.clear();
    OUTLET_PATTERNS.set(outlet, re);
  }
  return re;
}

export function outletPhrase(outlet: string): string {
  const name = outlet.trim();
  if (/^the\s/i.test(name)) return `the ${name.slice(4)}`;
  return WITH_THE.test(name) ? `the ${name}` : name;
}

/**
 * Appends ", the AP reports." to a sentence that ends in a plain period and does not already name its
 * source (`namesItsSource`). A sentence that ends in a quote, question or exclamation is left alone
 * (the attribution goes on a later one). `outlets` are the cluster's outlets, all of which count as
 * sources a sentence may name.
 */
export function attribute(text: string, outlet: string, outlets: readonly string[] = []): string | undefined {
  if (!/[^.]\.$/.test(text) || ENDS_ABBREVIATED.test(text)) return undefined;
  if (namesItsSource(text, outlets)) return undefined;
  return `${text.slice(0, -1)}, ${outletPhrase(outlet)} reports.`;
}

export interface RenderOptions {
  attribute: boolean;
  /**
   * The roundup's word budget, if it has one: a full name that would take the roundup past it is left
   * as the source wrote it ("Mr. Putin"), latest first. Attributions are budgeted by the caller.
   */
  words?: number;
}

/**
 * Turns ordered runs of sentence indices into the Roundup: attributions, citations, paragraphs, sources.
 *
 * A rendered sentence is its source sentence (as cleaned) with at most these edits, in this order; its
 * citation always covers the whole source sentence:
 * 1. an opening discourse connective is dropped ("But the talks ended." → "The talks ended.") unless the
 *    sentence before it in its article is right before it in the roundup (form.ts, `dropConnective`);
 * 2. a person the roundup has not yet named in full gets the full name the cluster writes ("Mr. Guterres
 *    said" → "António Guterres said"; names.ts, `nameFirstMentions`), never inside a quotation;
 * 3. a name the roundup mentions for the first time without saying who or what it is gets the appositive
 *    a source introduces it with ("Nordgrid said…" → "Nordgrid, the state grid operator, said…";
 *    readable.ts, `introduceFirstMentions`), never inside a quotation;
 * 4. the first plain sentence of each outlet, up to `MAX_ATTRIBUTIONS`, gets ", the AP reports."
 *    (`attribute`): so an outlet is credited once in the roundup, never twice in a paragraph. The outlet
 *    is resolved first (outlet.ts: in-text credit, then the wire the article copies, then its
 *    publisher); an article with none is never attributed, and no outlet is made up here.
 * The headline follows the lead sentence (headline.ts): its article's usable title, else the first
 * usable title among the sources, else an extractive headline cut from the lead sentence and cited to it.
 */
export function renderRoundup(
  prepared: readonly PreparedArticle[],
  f: ClusterFeatures,
  runs: readonly number[][],
  options: RenderOptions,
): Roundup {
  // Which outlet each article is credited to: the wire-copy groups are the evidence for copied wire stories.
  const articles = resolveOutlets(prepared, f.groupOf);
  const byId = new Map(articles.map((a) => [a.article.id, a]));
  const support = conceptIndex(f.sentences);
  // Full names of the people the selected sentences mention by surname only.
  const wanted = new Set(
    runs.flat().flatMap((i) => surnamesToName(dropConnective(f.sentences[i].sentence.text))),
  );
  const names = buildNameIndex(
    f.sentences.map((s) => ({ doc: s.doc, text: s.sentence.text })),
    wanted,
  );
  const outlets = [...new Set(articles.flatMap((a) => (a.outlet ? [a.outlet] : [])))];
  // Who or what each introduced name is, as the sources say it.
  const introductions = buildIntroductions(f.sentences.map((s) => s.sentence.text));

  // Each sentence's text with its edits; `named` is the same without introductions, `plain` without
  // full names either. `credit`, `namedCredit` and `plainCredit`: the outlet each one's attribution names.
  const drafts: Array<{
    i: number;
    run: number;
    text: string;
    named: string;
    plain: string;
    credit?: string;
    namedCredit?: string;
    plainCredit?: string;
  }> = [];
  const attributed = new Set<string>();
  const named = new Set<string>();
  const mentioned = new Set<string>();
  let before: number | undefined; // the sentence rendered last
  runs.forEach((run, r) => {
    for (const i of run) {
      const s = f.sentences[i];
      let plain = s.sentence.text;
      if (s.previous === undefined || s.previous !== before) plain = dropConnective(plain);
      before = i;
      const naming = nameFirstMentions(plain, named, names, s.doc);
      for (const surname of naming.named) named.add(surname);
      let namedText = naming.text;
      const introducing = introduceFirstMentions(namedText, mentioned, introductions);
      for (const name of introducing.mentioned) mentioned.add(name);
      let text = introducing.text;
      const outlet = articles[s.doc].outlet;
      let credit: string | undefined;
      let namedCredit: string | undefined;
      let plainCredit: string | undefined;
      if (options.attribute && outlet && !attributed.has(outlet) && attributed.size < MAX_ATTRIBUTIONS) {
        const withCredit = attribute(text, outlet, outlets);
        if (withCredit) {
          text = withCredit;
          credit = outlet;
          const namedWithCredit = attribute(namedText, outlet, outlets);
          if (namedWithCredit) {
            namedText = namedWithCredit;
            namedCredit = outlet;
          }
          const plainWithCredit = attribute(plain, outlet, outlets);
          if (plainWithCredit) {
            plain = plainWithCredit;
            plainCredit = outlet;
          }
          attributed.add(outlet);
        }
      }
      drafts.push({
        i,
        run: r,
        text,
        named: namedText,
        plain,
        ...(credit ? { credit } : {}),
        ...(namedCredit ? { namedCredit } : {}),
        ...(plainCredit ? { plainCredit } : {}),
      });
    }
  });
  if (options.words !== undefined) {
    // Over the budget: introductions go first, latest first, then full names.
    let total = drafts.reduce((n, d) => n + countWords(d.text), 0);
    for (let k = drafts.length - 1; k >= 0 && total > options.words; k--) {
      const d = drafts[k];
      total -= countWords(d.text) - countWords(d.named);
      d.text = d.named;
      d.credit = d.namedCredit;
    }
    for (let k = drafts.length - 1; k >= 0 && total > options.words; k--) {
      const d = drafts[k];
      total -= countWords(d.text) - countWords(d.plain);
      d.text = d.plain;
      d.credit = d.plainCredit;
    }
  }

  // Paragraphs break between runs, once a paragraph has PARAGRAPH_WORDS.
  const sentences: RoundupSentence[] = [];
  const paragraphs: string[] = [];
  let para: string[] = [];
  let paraWords = 0;
  drafts.forEach((d, k) => {
    if (k > 0 && d.run !== drafts[k - 1].run && paraWords >= PARAGRAPH_WORDS) {
      paragraphs.push(para.join(" "));
      para = [];
      paraWords = 0;
    }
    const s = f.sentences[d.i];
    sentences.push({
      text: d.text,
      citations: [{ articleId: s.sentence.articleId, start: s.sentence.start, end: s.sentence.end }],
      supportedBy: supporters(f, support, d.i, articles),
      paragraph: paragraphs.length,
    });
    para.push(d.text);
    paraWords += countWords(d.text);
  });
  if (para.length > 0) paragraphs.push(para.join(" "));

  const sources: SourceRef[] = [];
  const seen = new Set<string>();
  for (const s of sentences)
    for (const id of [s.citations[0].articleId, ...s.supportedBy]) {
      if (seen.has(id)) continue;
      seen.add(id);
      const a = byId.get(id)!;
      sources.push(sourceRef(a));
    }

  const lead = sentences.length ? byId.get(sentences[0].citations[0].articleId) : undefined;
  // The headline follows the lead: its article's title, a source's, or one cut from the lead sentence.
  let headline = lead?.headline ?? sources.map((s) => byId.get(s.articleId)?.headline).find(Boolean);
  let headlineCitations: Citation[] | undefined;
  // Cut from the lead sentence, or when it yields none (a caption, a quotation), from the next ones.
  for (let k = 0; headline === undefined && k < Math.min(drafts.length, HEADLINE_SENTENCES); k++) {
    headline = extractiveHeadline(dropConnective(f.sentences[drafts[k].i].sentence.text));
    if (headline !== undefined) headlineCitations = sentences[k].citations.map((c) => ({ ...c }));
  }
  // The dateline is where the lead sentence's article was filed; another article's would misplace it.
  const dateline = lead?.dateline;
  // The outlets the text names in its attributions (each at most once: see step 3).
  const outletCount = new Set(drafts.flatMap((d) => (d.credit ? [d.credit] : []))).size;
  return {
    ...(headline ? { headline } : {}),
    ...(headlineCitations ? { headlineCitations } : {}),
    ...(dateline ? { dateline } : {}),
    paragraphs,
    sentences,
    sources,
    words: paragraphs.reduce((n, p) => n + countWords(p), 0),
    outletCount,
  };
}

function sourceRef(a: PreparedArticle): SourceRef {
  const { article } = a;
  const ref: SourceRef = { articleId: article.id };
  // The page's publisher where known (the attribution names whom the copy is from), else that outlet.
  const outlet = a.publisher ?? a.outlet;
  if (outlet) ref.outlet = outlet;
  if (article.title ?? a.headline) ref.title = article.title ?? a.headline;
  if (article.url) ref.url = article.url;
  if (article.published) ref.published = article.published;
  if (article.origin) ref.origin = article.origin;
  return ref;
}

/** The cited article first, then every other article with a sentence sharing most of its concepts. */
function supporters(
  f: ClusterFeatures,
  index: Map<number, number[]>,
  i: number,
  articles: readonly PreparedArticle[],
): string[] {
  const s = f.sentences[i];
  const overlap = new Map<number, number>();
  for (const c of s.concepts)
    for (const j of index.get(c) ?? [])
      if (f.sentences[j].doc !== s.doc) overlap.set(j, (overlap.get(j) ?? 0) + 1);
  const docs = new Set<number>();
  for (const [j, n] of overlap)
    if (s.concepts.length > 0 && n / s.concepts.length >= SUPPORT_OVERLAP) docs.add(f.sentences[j].doc);
  return [s.sentence.articleId, ...[...docs].sort((a, b) => a - b).map((d) => articles[d].article.id)];
}
