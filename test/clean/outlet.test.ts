import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inferOutlet } from "../../src/clean/07-outlet.ts";

describe("outlet inference", () => {
  const table: Array<[string, string, string | undefined]> = [
    ["AP dateline", "VESSINGTON (AP) — The dam held.\nMore text.", "AP"],
    ["Reuters dateline", "MARLOW (Reuters) - Shares in the utility fell.", "Reuters"],
    ["Xinhua dateline", "BRUSSELS, May 3 (Xinhua) -- Ministers met.", "Xinhua"],
    ["AFP dateline", "PARIS (AFP) - Rail workers struck.", "AFP"],
    ["opening credit", "(Reuters Health) - A new study of river swimmers found little risk.", "Reuters"],
    ["wire byline", "By Tomas Hale, Associated Press\nThe dam held.", "AP"],
    [
      "site boilerplate",
      "The dam held.\nFollow The Vessington Courier on Facebook, Twitter, and Instagram\nMore.",
      "The Vessington Courier",
    ],
    [
      "newsletter",
      "The dam held.\nSubscribe to Marlow Daily's weekly newsletter and never miss a story!",
      "Marlow Daily",
    ],
    ["copyright line", "The dam held.\n© 2024 The Daily Planet. All rights reserved.", "The Daily Planet"],
    ["copyright of a wire", "The dam held.\nCopyright 2021 The Associated Press. All rights reserved.", "AP"],
    [
      "wire credit beats site boilerplate",
      "VESSINGTON (AP) — The dam held.\nFollow The Vessington Courier on Facebook, Twitter, and Instagram",
      "AP",
    ],
    [
      "site beats a wire's phrase in the body",
      "Shelling continued, which Reuters was unable to verify.\nSubscribe to The Marlow Review's daily newsletter",
      "The Marlow Review",
    ],
    [
      "wire's own phrase alone",
      "Casualties rose, a toll Reuters was unable to independently verify.",
      "Reuters",
    ],
    ["citation is not a credit", "The mayor told the Associated Press the dam would hold.", undefined],
    ["reporting is not a credit", "Reuters reported that the dam held, the ministry said.", undefined],
    ["a reporter is not a site", "The dam held.\nFollow Jane Roe on Twitter.", undefined],
    [
      "a reporter with platforms",
      "The dam held.\nFollow A. Roe on Facebook, Instagram and Twitter.",
      undefined,
    ],
    ["nothing", "The dam held overnight, officials said.", undefined],
  ];
  for (const [name, text, expected] of table) {
    it(name, () => {
      assert.equal(inferOutlet(text), expected);
    });
  }
});
