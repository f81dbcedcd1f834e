// Sentence boundaries on tricky news text: a table of hand-written cases about fictional events, the span
// invariants on every case, paragraph numbers, and a speed measurement (printed, never asserted).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { splitSentences, splitSentencesWithParagraphs } from "../../src/text/sentences.ts";

/** [what the case is about, input text, expected sentences]. */
const CASES: Array<[string, string, string[]]> = [
  // Abbreviations that do not end a sentence.
  [
    "U.S. before a name",
    "The U.S. Treasury will auction new bonds. Traders expect strong demand.",
    ["The U.S. Treasury will auction new bonds.", "Traders expect strong demand."],
  ],
  [
    "Mr., Mrs. and Dr.",
    "Mr. Alder and Mrs. Brandt met Dr. Coyle at noon. They talked for an hour.",
    ["Mr. Alder and Mrs. Brandt met Dr. Coyle at noon.", "They talked for an hour."],
  ],
  [
    "Sen., Rep. and Gov.",
    "Sen. Marta Quill and Rep. Dan Ovett wrote to Gov. Ray Pell. The letter was short.",
    ["Sen. Marta Quill and Rep. Dan Ovett wrote to Gov. Ray Pell.", "The letter was short."],
  ],
  [
    "Gen., Lt. and St.",
    "Gen. Ada Frost and Lt. Sam Hale toured the depot on St. Clair Avenue.",
    ["Gen. Ada Frost and Lt. Sam Hale toured the depot on St. Clair Avenue."],
  ],
  [
    "Jr., Inc., Corp. and Co. mid-sentence",
    "Tom Varga Jr. founded Brightwell Inc. with partners from Norden Corp. and Kessel Co. in 1998.",
    ["Tom Varga Jr. founded Brightwell Inc. with partners from Norden Corp. and Kessel Co. in 1998."],
  ],
  [
    "Ltd. and vs.",
    "Harbor Ltd. vs. Quayside Corp. was settled out of court. Neither side commented.",
    ["Harbor Ltd. vs. Quayside Corp. was settled out of court.", "Neither side commented."],
  ],
  [
    "No. 10 Downing St.",
    "The minister left No. 10 Downing St. on Tuesday. She did not stop.",
    ["The minister left No. 10 Downing St. on Tuesday.", "She did not stop."],
  ],
  [
    "month abbreviations with dates",
    "The strike began on Feb. 24 and ended on Sept. 3 after talks. Workers returned on Jan. 5, 2024.",
    ["The strike began on Feb. 24 and ended on Sept. 3 after talks.", "Workers returned on Jan. 5, 2024."],
  ],
  [
    "units: mi.",
    "The storm moved 9 mi. north of Pellham overnight. Crews followed it.",
    ["The storm moved 9 mi. north of Pellham overnight.", "Crews followed it."],
  ],
  [
    "D.C. mid-sentence",
    "Officials in Washington, D.C. said the order was final.",
    ["Officials in Washington, D.C. said the order was final."],
  ],
  [
    "a.m. and p.m. mid-sentence",
    "Polls open at 7 a.m. and close at 8 p.m. on Tuesday in Dunmore County.",
    ["Polls open at 7 a.m. and close at 8 p.m. on Tuesday in Dunmore County."],
  ],
  [
    "party label in parentheses",
    "Sen. Wilma Tarrant (D-Mass.) spoke first. Others followed.",
    ["Sen. Wilma Tarrant (D-Mass.) spoke first.", "Others followed."],
  ],
  [
    "U.N. and E.U.",
    "The U.N. Security Council and E.U. foreign ministers met in Geneva about the Velm dam.",
    ["The U.N. Security Council and E.U. foreign ministers met in Geneva about the Velm dam."],
  ],
  [
    "initials",
    "Travellers at John F. Kennedy International Airport read J.R.R. Tolkien while they waited.",
    ["Travellers at John F. Kennedy International Airport read J.R.R. Tolkien while they waited."],
  ],
  [
    "decimals and money",
    "Prices rose 3.5 percent, and the Orlen fund grew to $1.2 billion. Savers cheered.",
    ["Prices rose 3.5 percent, and the Orlen fund grew to $1.2 billion.", "Savers cheered."],
  ],
  [
    "version numbers",
    "Version 2.4.1 of the app fixed the bug. Install version 3.0. It is faster.",
    ["Version 2.4.1 of the app fixed the bug.", "Install version 3.0.", "It is faster."],
  ],
  [
    "URL and email with dots",
    "Details are at www.example.org/news and questions go to press.office@example.org today. Read the report at example.org. It runs to 40 pages.",
    [
      "Details are at www.example.org/news and questions go to press.office@example.org today.",
      "Read the report at example.org.",
      "It runs to 40 pages.",
    ],
  ],
  // Abbreviations that are genuinely last.
  [
    "U.S. at the end",
    "He moved to the U.S. The move surprised his family.",
    ["He moved to the U.S.", "The move surprised his family."],
  ],
  [
    "p.m. at the end",
    "The meeting ended at 11 p.m. Nobody spoke to reporters.",
    ["The meeting ended at 11 p.m.", "Nobody spoke to reporters."],
  ],
  [
    "Inc. at the end",
    "She works for Pellworth Inc. Her office is in Varna.",
    ["She works for Pellworth Inc.", "Her office is in Varna."],
  ],
  [
    "Jr. at the end",
    "The award went to Carl Moss Jr. He thanked his coach.",
    ["The award went to Carl Moss Jr.", "He thanked his coach."],
  ],
  [
    "D.C. at the end",
    "The lab moved to Washington, D.C. It opened in March.",
    ["The lab moved to Washington, D.C.", "It opened in March."],
  ],
  [
    "titles never end a sentence",
    "The letter was signed by Rep. Anna Vole, Lt. Gov. Sam Reyes and Gen. Tom Bury. It was brief.",
    ["The letter was signed by Rep. Anna Vole, Lt. Gov. Sam Reyes and Gen. Tom Bury.", "It was brief."],
  ],
  // Quotations.
  ["question with attribution", '"Is it over?" he asked.', ['"Is it over?" he asked.']],
  [
    "quoted sentence, then a new one",
    '"We will win." The crowd cheered.',
    ['"We will win."', "The crowd cheered."],
  ],
  [
    "curly quotes",
    "“Is it over?” she asked. “We will win.” The crowd cheered.",
    ["“Is it over?” she asked.", "“We will win.”", "The crowd cheered."],
  ],
  [
    "two sentences in an attributed quote",
    '"We are ready. We have been for weeks," she said.',
    ['"We are ready. We have been for weeks," she said.'],
  ],
  [
    "curly attributed quote, then more",
    "“We are ready. We have been for weeks,” she said. The vote is Friday.",
    ["“We are ready. We have been for weeks,” she said.", "The vote is Friday."],
  ],
  [
    "quote that ends with its own full stop splits inside",
    'She said: "We are ready. We have been for weeks."',
    ['She said: "We are ready.', 'We have been for weeks."'],
  ],
  [
    "question, then a named speaker",
    '"Why now?" Mayor Ina Feld asked. Nobody answered.',
    ['"Why now?" Mayor Ina Feld asked.', "Nobody answered."],
  ],
  [
    "single curly quotes",
    "‘We are ready. We are set,’ the coach said. ‘Good luck.’ The team left.",
    ["‘We are ready. We are set,’ the coach said.", "‘Good luck.’", "The team left."],
  ],
  // Question marks, exclamation marks, ellipses, parentheses.
  ["? and !", "Who knew? Not the council. What a mess!", ["Who knew?", "Not the council.", "What a mess!"]],
  ["ellipsis mid-sentence", "He paused... and then kept talking.", ["He paused... and then kept talking."]],
  ["ellipsis at the end", "He paused… Then he kept talking.", ["He paused…", "Then he kept talking."]],
  [
    "spaced ellipsis",
    "The budget is . . . fine. Others disagreed . . . The vote is Friday.",
    ["The budget is . . . fine.", "Others disagreed . . .", "The vote is Friday."],
  ],
  [
    "parenthesised sentence",
    "The council will vote next week. (It is unclear what that schedule is.) The mayor declined to comment.",
    [
      "The council will vote next week.",
      "(It is unclear what that schedule is.)",
      "The mayor declined to comment.",
    ],
  ],
  [
    "credit in parentheses stays with its sentence",
    "Ferries stopped running on Monday. (Photo: Lena Sorn) Service resumed on Tuesday.",
    ["Ferries stopped running on Monday. (Photo: Lena Sorn)", "Service resumed on Tuesday."],
  ],
  // Newlines.
  [
    "headline line, then one paragraph per line",
    "Storm closes Kelby harbour\nFerries stopped running on Monday.\nService resumes on Tuesday.",
    ["Storm closes Kelby harbour", "Ferries stopped running on Monday.", "Service resumes on Tuesday."],
  ],
  [
    "line wrapped mid-sentence",
    "The council met on Monday and voted to\nextend the curfew until the end of the month.",
    ["The council met on Monday and voted to\nextend the curfew until the end of the month."],
  ],
  [
    "list items",
    "Key points:\n- Ferries stopped\n- Schools closed",
    ["Key points:", "- Ferries stopped", "- Schools closed"],
  ],
  [
    "blank line separates",
    "First paragraph ends here\n\nsecond paragraph starts here",
    ["First paragraph ends here", "second paragraph starts here"],
  ],
  ["closing quote at line end", '"We are done."\nThe crowd left.', ['"We are done."', "The crowd left."]],
  [
    "title at line end",
    "The letter went to Sen.\nMarta Quill on Friday.",
    ["The letter went to Sen.\nMarta Quill on Friday."],
  ],
  // Datelines.
  [
    "dateline with hyphen",
    "LONDON - Diplomatic activity picked up on Monday. Talks continue.",
    ["LONDON - Diplomatic activity picked up on Monday.", "Talks continue."],
  ],
  [
    "dateline with (AP) and em dash",
    "WASHINGTON (AP) — The committee met on Thursday. It adjourned early.",
    ["WASHINGTON (AP) — The committee met on Thursday.", "It adjourned early."],
  ],
  [
    "dateline with state abbreviation",
    "PINE RIDGE, S.D. (AP) -- President Halvorsen toured the valley on Monday. He left at noon.",
    ["PINE RIDGE, S.D. (AP) -- President Halvorsen toured the valley on Monday.", "He left at noon."],
  ],
  [
    "dateline with underscore dash",
    "SPRINGVALE, Ore. (AP) _ Firefighters contained the blaze on Sunday.",
    ["SPRINGVALE, Ore. (AP) _ Firefighters contained the blaze on Sunday."],
  ],
  // Old wire copy.
  [
    "DUC quotes",
    "``We will rebuild,'' the mayor said. ``It will take time.'' Crews began work.",
    ["``We will rebuild,'' the mayor said.", "``It will take time.''", "Crews began work."],
  ],
  [
    "DUC question with attribution",
    "``Is it safe?'' asked one resident. Officials said yes.",
    ["``Is it safe?'' asked one resident.", "Officials said yes."],
  ],
  [
    "DUC attributed quote of two sentences",
    "``The water is rising. We must leave,'' Ms. Oduya said.",
    ["``The water is rising. We must leave,'' Ms. Oduya said."],
  ],
  [
    "underscore as a dash",
    "The plan _ which was announced Monday _ drew criticism. It was withdrawn.",
    ["The plan _ which was announced Monday _ drew criticism.", "It was withdrawn."],
  ],
  [
    "double hyphen as a dash",
    "The panel -- led by Dr. Ruth Kale -- met again. It voted 4-1.",
    ["The panel -- led by Dr. Ruth Kale -- met again.", "It voted 4-1."],
  ],
  // Numbered items and times.
  [
    "No., Vol. and p.",
    "He was ranked No. 1 in the state, according to Vol. 2 of the guide, p. 5.",
    ["He was ranked No. 1 in the state, according to Vol. 2 of the guide, p. 5."],
  ],
  [
    "time before a weekday",
    "The launch is set for 10 a.m. Monday at Port Tarrow.",
    ["The launch is set for 10 a.m. Monday at Port Tarrow."],
  ],
  [
    "lower-case no at the end",
    "The answer was no. The board moved on.",
    ["The answer was no.", "The board moved on."],
  ],
  [
    "question-and-answer labels",
    "Q. When will the road reopen?\nA. Crews expect to finish by Friday.",
    ["Q. When will the road reopen?", "A. Crews expect to finish by Friday."],
  ],
  [
    "numbered list inside a paragraph",
    "The board made two changes. 1. The fee rises. 2. The office moves.",
    ["The board made two changes.", "1. The fee rises.", "2. The office moves."],
  ],
  [
    "Windows line ends",
    "Ferries stopped.\r\nService resumes Tuesday.\r\n",
    ["Ferries stopped.", "Service resumes Tuesday."],
  ],
  // Scraped text.
  [
    "missing space after a full stop",
    "The hall was closed for repairs.The reopening is planned for May.",
    ["The hall was closed for repairs.", "The reopening is planned for May."],
  ],
  ["empty and blank text", " \n\n\t ", []],
];

describe("splitSentences: table", () => {
  for (const [name, input, expected] of CASES) {
    test(name, () => {
      const got = splitSentences(input).map((s) => input.slice(s.start, s.end));
      assert.deepEqual(got, expected);
    });
  }
});

describe("splitSentences: span invariants", () => {
  for (const [name, input] of CASES) {
    test(name, () => {
      const spans = splitSentences(input);
      let covered = 0;
      let previousEnd = 0;
      for (const { start, end } of spans) {
        assert.ok(start < end, "non-empty");
        assert.ok(start >= previousEnd, "in order, never overlapping");
        assert.ok(/\S/.test(input[start]) && /\S/.test(input[end - 1]), "trimmed");
        assert.equal(input.slice(previousEnd, start).trim(), "", "no non-space character between sentences");
        covered += input.slice(start, end).replace(/\s/g, "").length;
        previousEnd = end;
      }
      assert.equal(input.slice(previousEnd).trim(), "");
      assert.equal(covered, input.replace(/\s/g, "").length, "every non-space character covered");
    });
  }
});

test("splitSentencesWithParagraphs numbers paragraphs by blank lines and sentence-ending lines", () => {
  const text =
    "Flood warning for Kelby\n" +
    "Rain fell all night. Rivers rose.\n" +
    "The mayor said the town was\n" +
    "ready for the worst.\n\n" +
    "“We are ready. We have sandbags,” she said.";
  const got = splitSentencesWithParagraphs(text).map((s) => [s.paragraph, text.slice(s.start, s.end)]);
  assert.deepEqual(got, [
    [0, "Flood warning for Kelby"],
    [1, "Rain fell all night."],
    [1, "Rivers rose."],
    [2, "The mayor said the town was\nready for the worst."],
    [3, "“We are ready. We have sandbags,” she said."],
  ]);
});

test("splitSentences rejects a non-string with the type it found", () => {
  assert.throws(() => splitSentences(42 as unknown as string), {
    message: 'splitSentences: expected text as a string instead found "number"',
  });
});

test("speed: 1 MB of news-like text (printed, not asserted)", (t) => {
  const paragraph = CASES.map(([, input]) => input.replace(/\n/g, " ")).join(" ");
  const text = Array.from({ length: Math.ceil(1_000_000 / paragraph.length) }, () => paragraph).join("\n\n");
  splitSentences(text.slice(0, 50_000));
  const started = performance.now();
  const count = splitSentences(text).length;
  const ms = performance.now() - started;
  t.diagnostic(`${(text.length / 1e6).toFixed(2)} MB, ${count} sentences in ${ms.toFixed(0)} ms`);
  assert.ok(count > 0);
});
