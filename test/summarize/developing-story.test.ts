// A developing story told over two days (test/summarize/fixtures/varnby-flood, fictional): version 2 of
// its roundup leads with the day-2 development, holds no statement day 2 superseded, keeps day-1 context
// after the news as background by time, and marks what is new since version 1.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { readArticles } from "../../src/ingest/index.ts";
import type { Article, Roundup } from "../../src/model/types.ts";
import { prepareArticles } from "../../src/summarize/01-prepare.ts";
import { computeFeatures } from "../../src/summarize/02-features.ts";
import { buildTimeline, developStory } from "../../src/summarize/developing.ts";
import { summarize } from "../../src/summarize/index.ts";

const dir = fileURLToPath(new URL("./fixtures/varnby-flood/", import.meta.url));
const day1 = (await readArticles([`${dir}day-1`])).articles;
const day2 = (await readArticles([`${dir}day-2`])).articles;
const WORDS = 250;

/** What day 2 revised: none of it may stand in version 2. */
const SUPERSEDED = [
  "1,200 residents", // 2,400 by day 2
  "not released his name", // named on day 2
  "has not been named",
  "is missing", // found on day 2
  "expected to peak", // peaked on day 2
  "30 percent of homes", // 90 percent on day 2
];

const dayOf = (r: Roundup, k: number, articles: readonly Article[]): string =>
  articles.find((a) => a.id === r.sentences[k].citations[0].articleId)?.published?.slice(0, 10) ?? "";

function versions(v1Articles: readonly Article[], v2Articles: readonly Article[]) {
  const v1 = summarize(v1Articles, { words: WORDS });
  const v2 = summarize(v2Articles, {
    words: WORDS,
    previous: { roundup: v1, articleIds: v1Articles.map((a) => a.id) },
  });
  return { v1, v2 };
}

test("version 1 (day 1 only) is an ordinary roundup: one edition, no newSince", () => {
  const { v1 } = versions(day1, day1);
  assert.ok(v1.sentences.length > 0);
  assert.ok(v1.sentences.every((s) => s.newSince === undefined));
  assert.ok(v1.sentences.some((s) => s.text.includes("1,200 residents")));
});

test("version 2 leads with the day-2 development and holds no superseded statement", () => {
  const all = [...day1, ...day2];
  const { v2 } = versions(day1, all);
  assert.equal(dayOf(v2, 0, all), "2025-03-12", `lead: ${v2.sentences[0].text}`);
  // The headline follows the lead's article (a day-2 headline).
  assert.ok(
    day2.some((a) => a.title === v2.headline),
    `headline: ${v2.headline}`,
  );
  for (const phrase of SUPERSEDED)
    for (const s of v2.sentences) assert.ok(!s.text.includes(phrase), `superseded statement kept: ${s.text}`);
  // The revisions themselves are there.
  const text = v2.sentences.map((s) => s.text).join(" ");
  for (const phrase of ["2,400", "Tobias Renn", "found safe", "peaked at 4.6 metres"])
    assert.ok(text.includes(phrase), `missing ${phrase}`);
});

test("older context comes after the news, as background ordered by time", () => {
  const all = [...day1, ...day2];
  const { v2 } = versions(day1, all);
  const days = v2.sentences.map((_, k) => dayOf(v2, k, all));
  const firstOld = days.indexOf("2025-03-11");
  assert.ok(firstOld > 0, "day-1 context is kept");
  // After the first background sentence, time only moves forward.
  const background = days.slice(firstOld);
  assert.deepEqual(background, [...background].sort());
  // Everything before it is day-2 news.
  assert.ok(days.slice(0, firstOld).every((d) => d === "2025-03-12"));
});

test("newSince marks the day-2 content, not what version 1 already said", () => {
  const all = [...day1, ...day2];
  const { v1, v2 } = versions(day1, all);
  assert.ok(v2.sentences.every((s) => typeof s.newSince === "boolean"));
  assert.equal(v2.sentences[0].newSince, true);
  const cited = new Set(v1.sentences.map((s) => JSON.stringify(s.citations[0])));
  v2.sentences.forEach((s, k) => {
    if (dayOf(v2, k, all) === "2025-03-11") assert.equal(s.newSince, false, s.text);
    if (cited.has(JSON.stringify(s.citations[0]))) assert.equal(s.newSince, false, s.text);
  });
  // A day-2 sentence retelling day 1 ("His car was swept off the Mill Road ford") is not new.
  const retold = v2.sentences.find((s) => s.text.startsWith("His car was swept"));
  if (retold) assert.equal(retold.newSince, false);
  assert.ok(v2.sentences.filter((s) => s.newSince).length >= 5);
});

test("the same articles again: nothing is new", () => {
  const { v2 } = versions(day1, day1);
  assert.ok(v2.sentences.length > 0);
  assert.ok(v2.sentences.every((s) => s.newSince === false));
});

test("undated articles: arrival order and the previous version tell day 2 from day 1", () => {
  const undated = (as: readonly Article[]) => as.map(({ published: _, ...a }) => a);
  const d1 = undated(day1);
  const all = [...d1, ...undated(day2)];
  const { v2 } = versions(d1, all);
  const lead = v2.sentences[0].citations[0].articleId;
  assert.ok(
    day2.some((a) => a.id === lead),
    `lead: ${v2.sentences[0].text}`,
  );
  for (const phrase of SUPERSEDED)
    for (const s of v2.sentences) assert.ok(!s.text.includes(phrase), `superseded statement kept: ${s.text}`);
  // Without the previous version the four undated articles are one edition, read in arrival order.
  const prepared = prepareArticles(all);
  assert.equal(buildTimeline(prepared).editions, 1);
  assert.equal(buildTimeline(prepared, { roundup: v2, articleIds: d1.map((a) => a.id) }).editions, 2);
});

test("a collection spread over months is not a developing story: nothing supersedes", () => {
  // One article in each of four months: most of it is far older than the newest article.
  const spread = [...day1, ...day2].map((a, k) => ({
    ...a,
    published: a.published?.replace("2025-03", `2024-0${2 * k + 1}`),
  }));
  const prepared = prepareArticles(spread);
  const story = developStory(prepared, computeFeatures(prepared));
  assert.equal(story.timeline.editions, 1);
  assert.equal(story.superseded.size, 0);
  // Two days apart, the same articles are two editions, and day 2 supersedes day 1.
  const close = prepareArticles([...day1, ...day2]);
  const developing = developStory(close, computeFeatures(close));
  assert.equal(developing.timeline.editions, 2);
  assert.ok(developing.superseded.size >= 6);
});

test("same input, same output (with previous)", () => {
  const all = [...day1, ...day2];
  assert.equal(JSON.stringify(versions(day1, all).v2), JSON.stringify(versions(day1, all).v2));
});
