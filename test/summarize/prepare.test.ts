// Sentence-level repairs in prepareArticles (src/summarize/01-prepare.ts): quotations kept whole, later
// datelines stripped, offsets still pointing into the original text.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Article } from "../../src/model/types.ts";
import { prepareArticles } from "../../src/summarize/01-prepare.ts";

const article = (text: string): Article => ({ id: "a-test", text });

test("a quotation cut into several sentences is one sentence again, cited whole", () => {
  const text =
    'The pier at Brask collapsed on Monday, the harbor office said.\n\n"Too many boats are still tied up there. And the water is rising. It is not safe to go near them," said harbor master Jonas Brekke.\n\n"We knew it was old. We did not think it would go."\n';
  const [a] = prepareArticles([article(text)]);
  assert.deepEqual(
    a.sentences.map((s) => s.text),
    [
      "The pier at Brask collapsed on Monday, the harbor office said.",
      '"Too many boats are still tied up there. And the water is rising. It is not safe to go near them," said harbor master Jonas Brekke.',
      '"We knew it was old. We did not think it would go."',
    ],
  );
  for (const s of a.sentences) assert.equal(text.slice(s.start, s.end), s.text);
});

test("a stray quotation mark joins nothing", () => {
  const text = 'The council met on "Tuesday. The vote was 7-2. The bridge will close.\n';
  const [a] = prepareArticles([article(text)]);
  assert.equal(a.sentences.length, 3);
});

test("a dateline opening a later paragraph is stripped; the citation starts after it", () => {
  const text =
    "BRASK, Norland — The old pier at Brask collapsed on Monday, the harbor office said.\n\nOSTERBY, Norland — In a separate incident, a fuel tanker overturned on the coast road near Osterby.\n";
  const [a] = prepareArticles([article(text)]);
  assert.equal(a.dateline, "Brask, Norland");
  const second = a.sentences[1];
  assert.equal(
    second.text,
    "In a separate incident, a fuel tanker overturned on the coast road near Osterby.",
  );
  assert.equal(text.slice(second.start, second.end), second.text);
});

test("a sentence that only looks like a dateline keeps its words", () => {
  const text = "The pier collapsed on Monday.\n\nNATO said it would send divers to help the search.\n";
  const [a] = prepareArticles([article(text)]);
  assert.equal(a.sentences[1].text, "NATO said it would send divers to help the search.");
});
