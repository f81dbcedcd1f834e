// People's names (src/summarize/names.ts): who a sentence mentions, and naming in full on first mention.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  buildNameIndex,
  findMentions,
  mentionsPerson,
  nameFirstMentions,
  quotedRanges,
} from "../../src/summarize/names.ts";

describe("findMentions", () => {
  const cases: Array<[string, Array<[string, string, string]>]> = [
    // [text, [[kind, surname, mention text]]]
    ["Transport Minister Tomas Varga ordered an inquiry.", [["full", "Varga", "Tomas Varga"]]],
    ["Mr. Varga ordered an inquiry.", [["honorific", "Varga", "Mr. Varga"]]],
    ["Minister Varga ordered an inquiry.", [["titled", "Varga", "Minister Varga"]]],
    ["Varga said the inquiry would be public.", [["bare", "Varga", "Varga"]]],
    ["After Varga spoke, the crowd left.", [["bare", "Varga", "Varga"]]],
    ["President Ilona K. Marsh's office declined to comment.", [["full", "Marsh", "Ilona K. Marsh"]]],
    ['"We will rebuild," said Anders Brekke, a teacher.', [["full", "Brekke", "Anders Brekke"]]],
    ["The Norland Coast Guard said all were rescued.", []], // a body, not a person
    ["The ferry sailed from Harlow Bay to Skellan.", []], // places
    ["The Aurelia said nothing.", []], // "the" before a lone word: not a person
  ];
  for (const [text, expected] of cases)
    test(text, () => {
      const got = findMentions(text).map((m) => [m.kind, m.surname, text.slice(m.start, m.end)]);
      assert.deepEqual(got, expected);
    });
});

describe("nameFirstMentions", () => {
  // A fictional cluster: three articles about one council vote.
  const index = buildNameIndex([
    {
      doc: 0,
      text: "Mayor Tove Brask said the bridge would close. Harbor master Jonas Brekke agreed with Dr. Ines Moreau.",
    },
    {
      doc: 1,
      text: "Councillor Dag Lund voted no. Councillor Eva Lund voted yes. Help Osterby rebuild, she said.",
    },
    { doc: 2, text: "Prime Minister Li Wen met Ilona K. Marsh in Osterby. Ilona Marsh spoke for an hour." },
  ]);
  const cases: Array<[string, string, string[]?]> = [
    ["Ms. Brask said the bridge would close.", "Tove Brask said the bridge would close."],
    ["Brekke said the pier was safe.", "Jonas Brekke said the pier was safe."],
    ["Dr. Moreau warned asthma patients.", "Dr. Ines Moreau warned asthma patients."],
    ["Mr. Brekke's boat was damaged.", "Jonas Brekke's boat was damaged."],
    ["Mr. Li met the council.", "Li Wen met the council."], // a surname-first name
    ["Ms. Marsh spoke for an hour.", "Ilona K. Marsh spoke for an hour."],
    // already named, in this sentence or before: left alone
    ["Mayor Tove Brask and Ms. Brask's aide left.", "Mayor Tove Brask and Ms. Brask's aide left."],
    ["Ms. Brask said the bridge would close.", "Ms. Brask said the bridge would close.", ["Brask"]],
    // ambiguous (two Lunds), a title, a quotation, a place, a common word: left alone
    ["Ms. Lund voted against the plan.", "Ms. Lund voted against the plan."],
    ["Mayor Brask said the bridge would close.", "Mayor Brask said the bridge would close."],
    ['"Ask Mr. Brekke about the pier," she said.', '"Ask Mr. Brekke about the pier," she said.'],
    ["Osterby said the road would reopen.", "Osterby said the road would reopen."],
  ];
  for (const [text, expected, named] of cases)
    test(text, () => assert.equal(nameFirstMentions(text, new Set(named), index, 0).text, expected));

  test("reports the surnames it named, titles included", () => {
    assert.deepEqual(nameFirstMentions("Ms. Brask met Mayor Lund.", new Set(), index, 0).named, [
      "Brask",
      "Lund",
    ]);
  });
  test("prefers the article's own spelling of the name", () => {
    assert.equal(
      nameFirstMentions("Ms. Marsh arrived.", new Set(), index, 2).text,
      "Ilona K. Marsh arrived.",
    );
  });
});

describe("mentionsPerson", () => {
  const cases: Array<[string, boolean]> = [
    ["Harbor master Jonas Brekke inspected the pier.", true],
    ["A company spokeswoman declined to comment.", true],
    ["Mr. Brekke inspected the pier.", true],
    ["Brekke said the pier was safe.", true],
    ["The pier was inspected in March.", false],
    ['The sign read "he is coming" in red letters.', false], // a pronoun inside a quotation
  ];
  for (const [text, expected] of cases) test(text, () => assert.equal(mentionsPerson(text), expected));
});

test("quotedRanges: balanced pairs, and an open quotation runs to the end", () => {
  assert.deepEqual(quotedRanges('A "b" c "d'), [
    [2, 5],
    [8, 10],
  ]);
  assert.deepEqual(quotedRanges("“b” c"), [[0, 3]]);
});

test("the full name goes on the sentence's real first mention of the surname", () => {
  const index = buildNameIndex([{ doc: 0, text: "Harbor master Jonas Brekke inspected the pier." }]);
  assert.equal(
    nameFirstMentions("How Brekke, then 42, knew that Brekke was right is unclear.", new Set(), index, 0)
      .text,
    "How Jonas Brekke, then 42, knew that Brekke was right is unclear.",
  );
});
