// Supersession (src/summarize/supersede.ts) on fictional sentence pairs, in both directions: what a
// newer article revises is dropped; what only looks like a revision is kept. Then hostile inputs.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Article } from "../../src/model/types.ts";
import { prepareArticles } from "../../src/summarize/01-prepare.ts";
import { computeFeatures } from "../../src/summarize/02-features.ts";
import { developStory } from "../../src/summarize/developing.ts";
import { fill, slowness } from "../linear-time.ts";

/** Whether the newer article's sentence supersedes the older article's (each article: context + the sentence). */
function supersedes(older: string, newer: string, days = 1): boolean {
  const context = "Storms battered the fictional town of Kelby on the coast of Norland this week.";
  const articles: Article[] = [
    { id: "old", text: `${context}\n\n${older}`, published: "2025-04-01T10:00:00" },
    {
      id: "new",
      text: `${context}\n\n${newer}`,
      published: new Date(Date.parse("2025-04-01T10:00:00Z") + days * 86_400_000).toISOString().slice(0, 19),
    },
  ];
  const prepared = prepareArticles(articles);
  const f = computeFeatures(prepared);
  const { superseded } = developStory(prepared, f);
  return [...superseded].some(([o, n]) => f.sentences[o].doc === 0 && f.sentences[n].doc === 1);
}

const REVISED: Array<[string, string, string]> = [
  [
    "percent contained",
    "The harbour fire was 10 percent contained on Tuesday night, the fire service said.",
    "The harbour fire was 40 percent contained on Wednesday evening, the fire service said.",
  ],
  [
    "death toll",
    "Two people were killed when the Kelby sea wall collapsed, the coast guard said.",
    "The death toll from the Kelby sea wall collapse rose to five, the coast guard said.",
  ],
  [
    "area",
    "The harbour fire had burned about 300 hectares of dunes near Kelby by Tuesday, the fire service said.",
    "The harbour fire has burned 520 hectares of dunes near Kelby, the fire service said.",
  ],
  [
    "named",
    "A fisherman drowned off the Kelby pier on Tuesday. Police have not released his name.",
    "Police identified the fisherman who drowned off the Kelby pier as Oskar Brandt, 58.",
  ],
  [
    "unidentified",
    "An unidentified woman was pulled from the water near the Kelby pier.",
    "Police named the woman pulled from the water near the Kelby pier as Ada Fenn, a teacher.",
  ],
  [
    "found",
    "A Kelby teenager, Lotta Ring, is missing after her dinghy overturned near the pier.",
    "Lotta Ring was found alive on a sandbank near the pier on Wednesday morning.",
  ],
  [
    "happened",
    "The Kelby council is expected to vote on Thursday on an emergency budget for the harbour.",
    "The Kelby council voted on Thursday to approve an emergency budget for the harbour.",
  ],
];

const KEPT: Array<[string, string, string]> = [
  [
    "a different count in the same story",
    "More than 300 volunteers filled sandbags along the Kelby harbour on Tuesday.",
    "Twelve volunteers were treated for exhaustion, the Kelby hospital said.",
  ],
  [
    "an age is not a count",
    "Oskar Brandt, 58, had fished off the Kelby pier for decades.",
    "Oskar Brandt, 59, was remembered by friends at the Kelby pier.",
  ],
  [
    "a share of something else",
    "Turnout in the Kelby council election was 52 percent of the vote.",
    "The Kelby council candidate won 61 percent of the vote.",
  ],
  [
    "an anonymous source stays anonymous",
    "A harbour official, who asked not to be named because he was not authorized to speak, said the wall was old.",
    "Police identified the man who drowned off the Kelby pier as Oskar Brandt, 58.",
  ],
  [
    "not a cause, a person",
    "Investigators have not identified the cause of the harbour fire in Kelby.",
    "Police identified the man who drowned off the Kelby pier as Oskar Brandt, 58.",
  ],
  [
    "a missing plane is not a missing person",
    "Searchers looked for debris from the missing plane off Kelby.",
    "Debris from the plane was found off Kelby on Wednesday.",
  ],
  [
    "still missing",
    "A Kelby teenager, Lotta Ring, is missing after her dinghy overturned near the pier.",
    "Lotta Ring has not been found, and the search near the pier goes on.",
  ],
  [
    "an unscheduled promise",
    "The Kelby council will rebuild the harbour wall, the mayor said.",
    "The Kelby council rebuilt the harbour office in 2019.",
  ],
  [
    "a quoted figure is a claim",
    '"We have 300 volunteers on the harbour tonight," the Kelby mayor said.',
    '"We have 500 volunteers on the harbour tonight," the Kelby mayor said.',
  ],
  [
    "the newer restates the older value",
    "The harbour fire was 10 percent contained on Tuesday night, the fire service said.",
    "The harbour fire, 10 percent contained on Tuesday, was 40 percent contained on Wednesday, the fire service said.",
  ],
];

describe("a newer article supersedes", () => {
  for (const [name, older, newer] of REVISED) {
    test(name, () => {
      assert.equal(supersedes(older, newer), true, `${older}\n→ ${newer}`);
      // Never the other way round: the older article does not revise the newer.
      assert.equal(supersedes(newer, older, -1), false);
    });
  }
  test("not across a collection's months", () => {
    const [, older, newer] = REVISED[0];
    assert.equal(supersedes(older, newer, 40), false);
  });
});

describe("what only looks like a revision is kept", () => {
  for (const [name, older, newer] of KEPT)
    test(name, () => assert.equal(supersedes(older, newer), false, `${older}\n→ ${newer}`));
});

// Hostile inputs: the scanner and every rule are linear (see test/text/hostile-inputs.test.ts for the pattern).
const FAMILIES: Record<string, (n: number) => string> = {
  "numbers and units": (n) => fill("12 hectares 40 percent contained ", n),
  "numbers, one sentence each": (n) => fill("12 killed. ", n),
  digits: (n) => fill("7", n),
  "digits and commas": (n) => fill("1,", n),
  "not named": (n) => fill("has not been named ", n),
  "identified as Capitals": (n) => fill("identified the man as Ab Cd ", n),
  "is missing, was found": (n) => fill("Ab Cd is missing. Ab Cd was found alive. ", n),
  "will, expected to": (n) => fill("will vote Thursday expected to vote ", n),
  "hyphens and apostrophes": (n) => fill("a-b'c-", n),
  quotes: (n) => fill('"a 1 "', n),
  "number words": (n) => fill("two hundred thousand million ", n),
};

/** Supersession over two dated articles holding `text` (preparation included: it must be linear too). */
function develop(text: string): void {
  const articles: Article[] = [
    { id: "h1", text: `Kelby flooded.\n\n${text}`, published: "2025-04-01" },
    { id: "h2", text: `Kelby flooded again.\n\n${text}`, published: "2025-04-02" },
  ];
  const prepared = prepareArticles(articles);
  developStory(prepared, computeFeatures(prepared));
}

describe("supersession takes linear time on hostile inputs", () => {
  for (const [family, build] of Object.entries(FAMILIES)) {
    test(family, () => {
      const why = slowness(develop, build);
      assert.equal(why, undefined, why);
    });
  }
});
