// Outlet resolution (src/summarize/outlet.ts) and attribution (06-render.ts): in-text credit, then the
// wire an article copies, then its publisher; never invented; each outlet once; outletCount.
// Every text here is written for these tests about fictional events.
import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import type { Article, Roundup } from "../../src/model/types.ts";
import { prepareArticles } from "../../src/summarize/01-prepare.ts";
import { computeFeatures } from "../../src/summarize/02-features.ts";
import { summarize } from "../../src/summarize/index.ts";
import { resolveOutlets } from "../../src/summarize/outlet.ts";

const STORY = [
  "Dock workers in Vessel Bay ended a nine-day strike on Thursday after the port authority agreed to hire forty more crane operators.",
  "The strike had held up more than sixty ships outside the harbour and cost exporters an estimated four million crowns a day.",
  "Union leader Ana Kell told a rally at the north gate that the agreement was the best the dockers had won in a generation.",
  "Port director Piet Arlo called the deal fair and expensive, and promised to publish the new shift rota by the weekend.",
  "Shipping agents expect the queue of vessels at anchor in the outer roads to clear by the middle of next week.",
];
const WIRE = `VESSEL BAY, Estoria (AP) — ${STORY.join("\n\n")}`;
const COPY = STORY.join("\n\n");
const LOCAL =
  "The Kestel ferry timetable will change from Monday, the Kestel harbour office announced in a short notice on its website.\n\n" +
  "Morning sailings to the island of Brekke will leave twenty minutes earlier to avoid the low tide at the outer bar.\n\n" +
  "Islanders had asked for the change for three years, and the council approved it at its meeting last month.";

function outlets(articles: Article[]): Array<string | undefined> {
  const prepared = prepareArticles(articles);
  const f = computeFeatures(prepared);
  return resolveOutlets(prepared, f.groupOf).map((a) => a.outlet);
}

/** The outlets named by ", X reports." in each paragraph of a roundup. */
function credited(r: Roundup): string[][] {
  return r.paragraphs.map((_, p) =>
    r.sentences
      .filter((s) => s.paragraph === p)
      .flatMap((s) => {
        const m = /, ((?:the )?[^,]+) reports\.$/.exec(s.text);
        return m ? [m[1]] : [];
      }),
  );
}

describe("resolveOutlets", () => {
  it("an in-text credit beats the publisher's metadata", () => {
    const text = `VESSEL BAY, Estoria (Continental Wire Service) — ${COPY}`;
    const [a] = prepareArticles([{ id: "a", text, source: "Estoria Local" }]);
    assert.equal(a.credit, "Continental Wire Service");
    assert.equal(a.outlet, "Continental Wire Service");
    assert.equal(a.publisher, "Estoria Local");
  });

  it("a copy of a credited wire story is the wire's, whoever published it", () => {
    assert.deepEqual(
      outlets([
        { id: "wire", text: WIRE },
        { id: "copy", text: COPY, source: "The Kestel Daily" },
        { id: "local", text: LOCAL, source: "The Kestel Daily" },
      ]),
      ["AP", "AP", "The Kestel Daily"],
    );
  });

  it("copies credited to different wires name no one origin", () => {
    assert.deepEqual(
      outlets([
        { id: "ap", text: WIRE },
        { id: "reuters", text: `VESSEL BAY (Reuters) - ${COPY}` },
        { id: "copy", text: COPY, source: "The Kestel Daily" },
      ]),
      ["AP", "Reuters", "The Kestel Daily"],
    );
  });

  it("nothing names an outlet: none", () => {
    assert.deepEqual(outlets([{ id: "local", text: LOCAL }]), [undefined]);
  });
});

test("an article with no resolvable outlet is never attributed; outletCount counts the credited outlets", () => {
  const none = summarize([{ id: "local", text: LOCAL }], { words: 100 });
  assert.ok(none.sentences.length > 0);
  assert.ok(none.sentences.every((s) => !/ reports\.$/.test(s.text)));
  assert.equal(none.outletCount, 0);

  const r = summarize(
    [
      { id: "wire", text: WIRE },
      { id: "copy", text: COPY, source: "The Kestel Daily" },
    ],
    { words: 120 },
  );
  const names = credited(r).flat();
  assert.deepEqual(names, ["the AP"]);
  assert.ok(!names.includes("the Kestel Daily"), "the copy is credited to the wire it copies");
  assert.equal(r.outletCount, new Set(names).size);
  assert.equal(summarize([{ id: "wire", text: WIRE }], { words: 120, attribute: false }).outletCount, 0);
});

test("one outlet is credited at most once per paragraph (and once in the roundup)", () => {
  const r = summarize(
    [
      { id: "wire", text: WIRE },
      { id: "local", text: LOCAL, source: "The Kestel Daily" },
    ],
    { words: 250 },
  );
  for (const names of credited(r)) assert.equal(new Set(names).size, names.length, names.join(", "));
  const all = credited(r).flat();
  assert.equal(new Set(all).size, all.length);
  assert.equal(r.outletCount, all.length);
});
