import type { Roundup, RoundupSentence, SourceRef } from "../model/types.ts";
import { countWords } from "../text/tokens.ts";
import type { PreparedArticle } from "./01-prepare.ts";
import type { ClusterFeatures } from "./02-features.ts";

/** Start a new paragraph once the current one has this many words (Newser paragraphs run ~70–110). */
export const PARAGRAPH_WORDS = 75;
/** At most this many outlet attributions in one roundup; more reads like a bibliography. */
export const MAX_ATTRIBUTIONS = 3;
/** Share of a cited sentence's concepts another article must carry to count as supporting it. */
export const SUPPORT_OVERLAP = 0.5;

/** Outlets Newser names with "the": "the AP reports", but "Reuters reports". */
const WITH_THE =
  /^(ap|associated press|afp|bbc|new york times|washington post|wall street journal|guardian|independent|telegraph|times|los angeles times|hill|atlantic|economist|boston globe|chicago tribune)$/i;

/** A sentence that already ends by naming its source ("…, the Coast Guard said.") takes no second one. */
const ENDS_ATTRIBUTED =
  /(\b(reports?|reported|according to)\b[^,]*|,[^,]{0,80}\b(said|says|told [\w ]+|added|announced|wrote))\.$/i;

/** "… at 5 p.m." or "… in the U.S.": the final period belongs to the abbreviation. */
const ENDS_ABBREVIATED = /(\b\w\.){2,}$|\b(Inc|Corp|Co|Ltd|Jr|Sr|St|No|etc)\.$/;

export function outletPhrase(outlet: string): string {
  const name = outlet.trim();
  if (/^the\s/i.test(name)) return `the ${name.slice(4)}`;
  return WITH_THE.test(name) ? `the ${name}` : name;
}

/**
 * Appends ", the AP reports." to a sentence that ends in a plain period. A sentence that ends in a
 * quote, question or exclamation is left alone (the attribution goes on a later one).
 */
export function attribute(text: string, outlet: string): string | undefined {
  if (!/[^.]\.$/.test(text) || ENDS_ATTRIBUTED.test(text) || ENDS_ABBREVIATED.test(text)) return undefined;
  return `${text.slice(0, -1)}, ${outletPhrase(outlet)} reports.`;
}

export interface RenderOptions {
  attribute: boolean;
}

/** Turns ordered runs of sentence indices into the Roundup: attributions, citations, paragraphs, sources. */
export function renderRoundup(
  articles: readonly PreparedArticle[],
  f: ClusterFeatures,
  runs: readonly number[][],
  options: RenderOptions,
): Roundup {
  const byId = new Map(articles.map((a) => [a.article.id, a]));
  const attributed = new Set<string>();
  const sentences: RoundupSentence[] = [];
  const paragraphs: string[] = [];
  let para: string[] = [];
  let paraWords = 0;
  const support = supportIndex(f);

  for (const run of runs) {
    if (paraWords >= PARAGRAPH_WORDS && para.length > 0) {
      paragraphs.push(para.join(" "));
      para = [];
      paraWords = 0;
    }
    for (const i of run) {
      const s = f.sentences[i];
      const a = articles[s.doc];
      let text = s.sentence.text;
      const outlet = a.outlet;
      if (options.attribute && outlet && !attributed.has(outlet) && attributed.size < MAX_ATTRIBUTIONS) {
        const withCredit = attribute(text, outlet);
        if (withCredit) {
          text = withCredit;
          attributed.add(outlet);
        }
      }
      sentences.push({
        text,
        citations: [{ articleId: s.sentence.articleId, start: s.sentence.start, end: s.sentence.end }],
        supportedBy: supporters(f, support, i, articles),
        paragraph: paragraphs.length,
      });
      para.push(text);
      paraWords += countWords(text);
    }
  }
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
  const headline = lead?.headline ?? articles.find((a) => a.headline)?.headline;
  const dateline = lead?.dateline ?? articles.find((a) => a.dateline)?.dateline;
  return {
    ...(headline ? { headline } : {}),
    ...(dateline ? { dateline } : {}),
    paragraphs,
    sentences,
    sources,
    words: paragraphs.reduce((n, p) => n + countWords(p), 0),
  };
}

function sourceRef(a: PreparedArticle): SourceRef {
  const { article } = a;
  const ref: SourceRef = { articleId: article.id };
  if (a.outlet) ref.outlet = a.outlet;
  if (article.title ?? a.headline) ref.title = article.title ?? a.headline;
  if (article.url) ref.url = article.url;
  if (article.published) ref.published = article.published;
  if (article.origin) ref.origin = article.origin;
  return ref;
}

/** Concept → sentences carrying it, for finding which other articles say the same thing. */
function supportIndex(f: ClusterFeatures): Map<number, number[]> {
  const index = new Map<number, number[]>();
  f.sentences.forEach((s, i) => {
    for (const c of s.concepts) {
      const list = index.get(c);
      if (list) list.push(i);
      else index.set(c, [i]);
    }
  });
  return index;
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
