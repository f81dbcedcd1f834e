import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeDate } from "../../src/ingest/dates.ts";

/** [input, expected ISO 8601 or undefined]. */
const CASES: ReadonlyArray<[string | undefined, string | undefined]> = [
  ["2022-03-14", "2022-03-14"],
  ["2022-3-4", "2022-03-04"],
  ["1999-07-07 08:30:27", "1999-07-07T08:30:27"],
  ["2000-01-08 01:42", "2000-01-08T01:42:00"],
  ["2031-05-04T09:30:00Z", "2031-05-04T09:30:00Z"],
  ["2031-05-04T09:30:00.123+0200", "2031-05-04T09:30:00+02:00"],
  ["2031-05-04T09:30:00-05:00", "2031-05-04T09:30:00-05:00"],
  ["2031-05-04 09:30 UTC", "2031-05-04T09:30:00Z"],
  ["19990707", "1999-07-07"],
  ["2022/03/14", "2022-03-14"],
  ["08/12/1998 13:29:00", "1998-08-12T13:29:00"],
  ["25/12/2030", "2030-12-25"],
  ["1998-30-06 11:49:00", "1998-06-30T11:49:00"],
  ["March 14, 2022", "2022-03-14"],
  ["14 March 2022 10:05", "2022-03-14T10:05:00"],
  ["Mon, 14 Mar 2022 23:30:00 -0500", "2022-03-14T23:30:00-05:00"],
  ["Mon, 14 Mar 2022 23:30:00 GMT", "2022-03-14T23:30:00Z"],
  ["  2022-03-14  ", "2022-03-14"],
  ["2022-02-30", undefined],
  ["2022-13-13", undefined],
  ["2022-03-14T25:00", undefined],
  ["yesterday", undefined],
  ["12", undefined],
  ["", undefined],
  [undefined, undefined],
];

describe("normalizeDate", () => {
  for (const [input, expected] of CASES) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(normalizeDate(input), expected);
    });
  }
});
