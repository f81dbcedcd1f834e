// In-text credits (src/clean/07-outlet.ts `textCredit`): the patterns that name where copy comes from,
// and where in the text they count. All text here is written for these tests about fictional events.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inferOutlet, readOutlet, textCredit } from "../../src/clean/07-outlet.ts";

const BODY =
  "Ferry crews on the Vessel Bay crossing worked through the night to clear the harbour mouth.\n\n" +
  "The harbour master said the channel would reopen on Friday after divers checked the moorings.";

describe("textCredit: in-text credit patterns", () => {
  const table: Array<[string, string, string | undefined]> = [
    ["dateline with a wire", `PORT MERRICK (AP) — ${BODY}`, "AP"],
    [
      "dateline naming a newsroom by its shape",
      `VESSEL BAY, Estoria (Continental Wire Service) — ${BODY}`,
      "Continental Wire Service",
    ],
    ["title-case dateline", `Kestel (Reuters) ${BODY}`, "Reuters"],
    ["opening credit", `(AP) — ${BODY}`, "AP"],
    ["opening credit of a desk", `(Reuters Health) - ${BODY}`, "Reuters"],
    ["byline with a wire", `By Jana Morrow, Reuters\n${BODY}`, "Reuters"],
    ["byline with a wire writer", `By Jana Morrow, Associated Press Writer\n${BODY}`, "AP"],
    ["byline of the wire itself", `By The Associated Press\n${BODY}`, "AP"],
    [
      "lead retold from a wire report",
      "Three ferries were held in port at Vessel Bay on Thursday after a fuel leak, Reuters reported.\n\nMore.",
      "Reuters",
    ],
    ["contributed to this report", `${BODY}\n\nThe Associated Press contributed to this report.`, "AP"],
    [
      "a wire writer contributed",
      `${BODY}\n\nAssociated Press writer Tomas Hale in Kestel contributed to this report.`,
      "AP",
    ],
    ["sign-off line", `${BODY}\n\n— Agence France-Presse`, "AFP"],
    ["sign-off at the end of the last line", `${BODY} -- The Associated Press`, "AP"],
    ["Reuters' own sign-off", `${BODY}\n\n(Reporting by Jana Morrow; Editing by Piet Arlo)`, "Reuters"],
    [
      "Reuters' sign-off with additional reporting",
      `${BODY}\n\n(Additional reporting by Ana Kell in Kestel; Writing by Jo Pell; Editing by Piet Arlo)`,
      "Reuters",
    ],
    // Not credits:
    [
      "a citation in the body",
      `${BODY}\n\nThe mayor told the Associated Press the channel was safe.`,
      undefined,
    ],
    [
      "reporting that opens a sentence",
      `Reuters reported that the channel was closed.\n\n${BODY}`,
      undefined,
    ],
    [
      "a wire report mentioned later in the text",
      `${BODY}\n\n${"The council met again. ".repeat(3)}\n\nOfficials disputed the figure, Reuters reported.\n\nThe end came at dawn.\n\nDivers left.\n\nNo one was hurt.\n\nThe port reopened.`,
      undefined,
    ],
    ["a person contributed", `${BODY}\n\nJana Morrow contributed to this report.`, undefined],
    ["a newsroom that is not a wire, signing off", `${BODY}\n\n— The Estoria Local`, undefined],
    [
      "a wire dateline far down the text (an appended item)",
      `${BODY}\n\n${"Para.\n\n".repeat(12)}KESTEL (AP) — In a separate vote, the council met.`,
      undefined,
    ],
    ["nothing", BODY, undefined],
  ];
  for (const [name, text, expected] of table) {
    it(name, () => {
      assert.equal(textCredit(text), expected);
    });
  }
});

describe("readOutlet", () => {
  it("keeps the credit, the site and the outlet apart", () => {
    const text = `VESSEL BAY (AP) — ${BODY}\nFollow The Estoria Local on Facebook, Twitter, and Instagram`;
    assert.deepEqual(readOutlet(text), { credit: "AP", outlet: "AP", site: "The Estoria Local" });
  });

  it("a dateline far down the text is still an inferred outlet, though not a credit", () => {
    const text = `${BODY}\n\n${"Para.\n\n".repeat(12)}KESTEL (AP) — In a separate vote, the council met.`;
    assert.equal(textCredit(text), undefined);
    assert.equal(inferOutlet(text), "AP");
    assert.deepEqual(readOutlet(text), { outlet: "AP" });
  });
});
