import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detectHeadline } from "../../src/clean/05-headline.ts";
import { detectDateline } from "../../src/clean/06-dateline.ts";

describe("headline", () => {
  const table: Array<[string, string | undefined]> = [
    [
      "Vessington Dam Holds as Marlow River Crests\nThe river rose overnight.",
      "Vessington Dam Holds as Marlow River Crests",
    ],
    ["Floodwaters Recede, but 'Worst Is Not Over'\nBody.", "Floodwaters Recede, but 'Worst Is Not Over'"],
    ["The river rose overnight.\nResidents fled.", undefined],
    ["Vessington Dam Holds\n", undefined],
    ["Update:\nThe dam held.", undefined],
    ["Twitter\nThe dam held.", undefined],
    [`${"word ".repeat(25)}\nBody.`, undefined],
    ["Is the Dam Safe?\nEngineers say yes.", undefined],
  ];
  for (const [text, expected] of table) {
    it(JSON.stringify(text.slice(0, 50)), () => {
      const span = detectHeadline(text);
      assert.equal(span === undefined ? undefined : text.slice(span.start, span.end), expected);
    });
  }
});

describe("dateline", () => {
  const table: Array<[string, { place: string; outlet?: string; strip: string } | undefined]> = [
    ["LONDON - Talks resumed on Monday.", { place: "London", strip: "LONDON - " }],
    ["LONDON — Talks resumed.", { place: "London", strip: "LONDON — " }],
    [
      "WASHINGTON (AP) — The Senate voted.",
      { place: "Washington", outlet: "AP", strip: "WASHINGTON (AP) — " },
    ],
    [
      "PINE RIDGE, S.D. (AP) -- Officials toured the site.",
      { place: "Pine Ridge, S.D.", outlet: "AP", strip: "PINE RIDGE, S.D. (AP) -- " },
    ],
    [
      "BRUSSELS, January 22 (Xinhua) -- Ministers met.",
      { place: "Brussels", outlet: "Xinhua", strip: "BRUSSELS, January 22 (Xinhua) -- " },
    ],
    [
      "NEW YORK (Reuters) - Shares fell.",
      { place: "New York", outlet: "Reuters", strip: "NEW YORK (Reuters) - " },
    ],
    ["KYIV, Ukraine — Sirens sounded.", { place: "Kyiv, Ukraine", strip: "KYIV, Ukraine — " }],
    ["PARIS (AFP) - Rail workers struck.", { place: "Paris", outlet: "AFP", strip: "PARIS (AFP) - " }],
    ["VESSINGTON _ The dam held.", { place: "Vessington", strip: "VESSINGTON _ " }],
    [
      "DAR ES SALAAM, Tanzania (AP) _ Rain fell.",
      { place: "Dar es Salaam, Tanzania", outlet: "AP", strip: "DAR ES SALAAM, Tanzania (AP) _ " },
    ],
    ["Marlow (CNN) Rescuers arrived.", { place: "Marlow", outlet: "CNN", strip: "Marlow (CNN) " }],
    ["NATO said the drills would go ahead.", undefined],
    ["US officials - who asked not to be named - agreed.", undefined],
    ["NATO - the alliance - met.", undefined],
    ["BREAKING - The dam held.", undefined],
    ["Transportation Security Administration (TSA) Administrator Jo Pell spoke.", undefined],
    ["The river rose - and kept rising.", undefined],
  ];
  for (const [sentence, expected] of table) {
    it(JSON.stringify(sentence), () => {
      const found = detectDateline(sentence);
      if (expected === undefined) {
        assert.equal(found, undefined);
        return;
      }
      assert.ok(found !== undefined);
      assert.equal(found.place, expected.place);
      assert.equal(found.outlet, expected.outlet);
      assert.equal(sentence.slice(0, found.length), expected.strip);
    });
  }
});

it("a dateline credit that names an outlet by its shape is kept, even when the outlet is not on our list", () => {
  assert.equal(
    detectDateline("HARLOW BAY, Norland (Meridian Press) — All 212 passengers were rescued.")?.outlet,
    "Meridian Press",
  );
  assert.equal(
    detectDateline("ORLEN, Vestmark (Northwire) — A wildfire forced evacuations.")?.outlet,
    "Northwire",
  );
  assert.equal(detectDateline("MONUMENT (Phoenix) _ The fire spread.")?.outlet, undefined);
});
