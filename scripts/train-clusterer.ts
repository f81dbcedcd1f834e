// `npm run train:clusterer`: fits the story level's pair model (src/cluster/pair-model.ts) on the
// event-labelled development streams and writes models/clusterer.json with in-sample and cross-validated
// B-cubed F1. Deterministic. Reads ../shared in place; copies nothing from it.
//
// 1. Streams: Multi-News dev (one story per cluster, no dates, file order) and the real headline stream
//    headlines-dev.jsonl (Google News story ids), without its dates (see eventStreams). Tried and dropped: the headlines again
//    shuffled and undated as a third stream (undated headlines 0.74 → 0.78, but the topic level on DUC
//    fell 0.82 → 0.63, its stories joined across topics); and DUC 2007 update, whose subsets A–C of a
//    topic are weeks apart, was tried as a third stream: it taught the model that time does not matter
//    for full articles, and two events on one subject merged again. Its labels are topics.)
// 2. Pairs by teacher forcing: each article, in stream order, is scored against the candidate stories the
//    index proposes; a candidate is positive when its gold story is the article's, and the article then
//    joins its gold story (or starts one), so the evidence is what a correct desk would see.
// 3. A logistic model on the pooled pairs; the join threshold is picked on clustering F1 (mean of the two
//    streams) over a grid.
// 4. Cross-validation by story: five folds of gold stories; the whole stream is clustered online, each
//    article decided by the model (and threshold) fitted on the four folds without its story.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bcubed } from "../src/cluster/bcubed.ts";
import {
  fitPairModel,
  type PairFeatures,
  type PairModel,
  pairFeatureNames,
  pairProbability,
} from "../src/cluster/pair-model.ts";
import { StoryClusterer } from "../src/cluster/story-clusterer.ts";
import { normalizeDate } from "../src/ingest/index.ts";
import { loadWordVectors, type WordVectors } from "../src/text/embeddings.ts";

const repo = fileURLToPath(new URL("../", import.meta.url));
const shared = join(repo, "..", "shared", "bench");
const FOLDS = 5;
const THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

export interface LabelledDoc {
  id: string;
  text: string;
  title?: string;
  date?: string;
  story: string;
}

/** The event-level development streams, in arrival order. */
export function eventStreams(): { name: string; docs: LabelledDoc[] }[] {
  const mn: LabelledDoc[] = [];
  for (const line of readFileSync(join(shared, "multinews-dev.jsonl"), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as { id: string; documents: { text: string; title?: string }[] };
    c.documents.forEach((d, i) => {
      mn.push({ id: `${c.id}#${i}`, text: d.text, ...(d.title ? { title: d.title } : {}), story: c.id });
    });
  }
  const seen = new Set<string>();
  const headlines: LabelledDoc[] = [];
  for (const line of readFileSync(join(shared, "headlines-dev.jsonl"), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const d = JSON.parse(line) as { id: string; title: string; text: string; date?: string; story: string };
    if (seen.has(d.id)) continue;
    seen.add(d.id);
    const date = normalizeDate(d.date);
    headlines.push({ id: d.id, text: d.text, title: d.title, ...(date ? { date } : {}), story: d.story });
  }
  headlines.sort((a, b) => (a.date ?? "").localeCompare(b.date ?? ""));
  // Trained undated: the stream's timestamps are crawl times, each story's headlines within about a
  // minute of each other (cutting the time-sorted stream at 15-second gaps gives F1 1.000), so a model
  // fitted on them learns "a headline an hour later is another story", which no real feed bears out.
  for (const h of headlines) delete h.date;
  return [
    { name: "Multi-News dev", docs: mn },
    { name: "headlines dev", docs: headlines },
  ];
}

/** Teacher-forced pairs of one stream: each candidate's evidence and whether it is the right story. */
export function collectPairs(docs: readonly LabelledDoc[]): {
  x: PairFeatures[];
  y: number[];
  story: string[];
} {
  const goldOfStory = new Map<string, string>();
  const x: PairFeatures[] = [];
  const y: number[] = [];
  const story: string[] = [];
  const clusterer = new StoryClusterer({
    ...(vectors ? { wordVectors: vectors } : {}),
    pairModel: false,
    mergeThreshold: 1,
    smallMergeThreshold: 1,
    topicMergeThreshold: 1,
    decide: (candidates, doc) => {
      const gold = goldOf.get(doc.id)!;
      let pick = -1;
      candidates.forEach((c, i) => {
        const right = goldOfStory.get(c.story) === gold;
        x.push(c.features);
        y.push(right ? 1 : 0);
        story.push(gold);
        if (right && pick < 0) pick = i;
      });
      return pick;
    },
  });
  const goldOf = new Map(docs.map((d) => [d.id, d.story]));
  for (const d of docs) {
    const a = clusterer.add(d);
    if (a.isNew) goldOfStory.set(a.story, d.story);
  }
  return { x, y, story };
}

/**
 * B-cubed F1 of the clusterer on a stream, online in its order, with `model`, or with a model per article
 * (`modelOf(doc)`: cross-validation, where an article is decided by the model that never saw its story).
 */
export function clusterF1(
  docs: readonly LabelledDoc[],
  model: PairModel | false,
  modelOf?: (doc: LabelledDoc) => PairModel,
): number {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const decide = modelOf
    ? (candidates: { features: PairFeatures }[], doc: { id: string }) => {
        const m = modelOf(byId.get(doc.id)!);
        let pick = -1;
        let best = m.threshold;
        candidates.forEach((c, i) => {
          const p = pairProbability(m, c.features);
          if (p >= best && (pick < 0 || p > best)) {
            pick = i;
            best = p;
          }
        });
        return pick;
      }
    : undefined;
  const clusterer = new StoryClusterer({
    pairModel: model,
    ...(decide ? { decide } : {}),
    ...(vectors ? { wordVectors: vectors } : {}),
  });
  for (const d of docs) clusterer.add(d);
  const predicted = new Map(docs.map((d) => [d.id, clusterer.storyOfArticle(d.id)!]));
  const gold = new Map(docs.map((d) => [d.id, d.story]));
  return bcubed(predicted, gold).f1;
}

/** Fits weights on pairs and the threshold on the streams' mean F1. */
function fit(
  pairs: { x: PairFeatures[]; y: number[] },
  streams: readonly (readonly LabelledDoc[])[],
): { model: PairModel; f1: number } {
  const weights = fitPairModel(pairs.x, pairs.y);
  let best = { model: { weights, threshold: 0.5 }, f1: -1 };
  for (const threshold of THRESHOLDS) {
    const model = { weights, threshold };
    const f1 = mean(streams.map((s) => clusterF1(s, model)));
    if (f1 > best.f1) best = { model, f1 };
  }
  return best;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Stable fold of a gold story: a hash of its id, so folds do not depend on stream order. */
function foldOf(story: string): number {
  let h = 2166136261;
  for (let i = 0; i < story.length; i++) h = Math.imul(h ^ story.charCodeAt(i), 16777619);
  return (h >>> 0) % FOLDS;
}

/** Fits, scores and cross-validates one variant of the model (with or without word vectors). */
function trainVariant(streams: { name: string; docs: LabelledDoc[] }[], embedded: boolean) {
  const pairsOf = streams.map((s) => collectPairs(s.docs));
  const pooled = {
    x: pairsOf.flatMap((p) => p.x),
    y: pairsOf.flatMap((p) => p.y),
    story: pairsOf.flatMap((p) => p.story),
  };
  const label = embedded ? "with word vectors" : "without word vectors";
  process.stderr.write(
    `train (${label}): ${pooled.x.length} pairs (${pooled.y.filter((y) => y).length} positive)\n`,
  );
  const all = fit(
    pooled,
    streams.map((s) => s.docs),
  );
  const inSample = streams.map((s) => clusterF1(s.docs, all.model));
  const cosine = streams.map((s) => clusterF1(s.docs, false));
  // Cross-validation by story: the whole stream, each article decided by the model of the other folds.
  const models: PairModel[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const train = { x: [] as PairFeatures[], y: [] as number[] };
    pooled.story.forEach((s, i) => {
      if (foldOf(s) !== k) {
        train.x.push(pooled.x[i]);
        train.y.push(pooled.y[i]);
      }
    });
    const trainStreams = streams.map((s) => s.docs.filter((d) => foldOf(d.story) !== k));
    models.push(fit(train, trainStreams).model);
  }
  const crossValidated = streams.map((s) => clusterF1(s.docs, false, (d) => models[foldOf(d.story)]));
  const round = (x: number) => Number(x.toFixed(4));
  return {
    features: pairFeatureNames(embedded),
    weights: all.model.weights.map((w) => Number(w.toFixed(6))),
    threshold: all.model.threshold,
    streams: streams.map((s, i) => ({
      name: s.name,
      articles: s.docs.length,
      cosineRuleF1: round(cosine[i]),
      inSampleF1: round(inSample[i]),
      crossValidatedF1: round(crossValidated[i]),
    })),
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const streams = eventStreams();
  vectors = undefined;
  const plain = trainVariant(streams, false);
  vectors = await loadWordVectors();
  const withWordVectors = trainVariant(streams, true);
  const out = {
    about:
      "Story-level pair model (src/cluster/pair-model.ts), fitted by scripts/train-clusterer.ts on Multi-News dev and headlines-dev (event labels). F1 is B-cubed, online in arrival order; cross-validated = 5 folds by gold story: the whole stream clustered online, each article decided by the model fitted on the folds that do not hold its story. `withWordVectors`: the same with the GloVe evidence (StoryClusterer's wordVectors option).",
    ...plain,
    withWordVectors,
  };
  writeFileSync(join(repo, "models", "clusterer.json"), `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  process.stderr.write(
    `train: wrote models/clusterer.json in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
}

/** Word vectors for the variant being trained (undefined: the plain one). */
let vectors: WordVectors | undefined;

if (import.meta.url === `file://${process.argv[1]}`) await main();
