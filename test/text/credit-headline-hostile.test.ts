// Guard for the credit patterns (src/clean/07-outlet.ts), the headline checks (src/clean/05-headline.ts)
// and the extractive headline (src/summarize/headline.ts): (near) linear time on hostile inputs built at
// 2k, 8k and 32k characters, as in hostile-inputs.test.ts. Each family aims at one of their patterns
// (a credit's bounded gaps, a sign-off's dashes, a byline's names, runs of punctuation at a word's end).
import { headlineProblem, isCaption } from "../../src/clean/05-headline.ts";
import { readOutlet, textCredit } from "../../src/clean/07-outlet.ts";
import { extractiveHeadline } from "../../src/summarize/headline.ts";
import { describeLinear, fill, run } from "../linear-time.ts";

/** Hostile families: name → input of `n` characters. All written here; none is real text. */
const FAMILIES: Record<string, (n: number) => string> = {
  "reported reported (no wire, no period)": (n) => fill(", Reuters reported on x", n),
  "wire names without a verb": (n) => fill(" the Associated Press", n),
  "contributed, no wire": (n) => run("", "a and ", " contributed to this report", n),
  "Associated Press … never contributed": (n) => run("Associated Press ", "a ", "x", n),
  "dashes before wire names": (n) => fill(" — AP — AFP", n),
  "reporting by …; … (no editing)": (n) => run("(Reporting by ", "a; ", "x", n),
  "By A, By A, (bylines)": (n) => fill("By A, ", n),
  "by Name Name … (no staff)": (n) => fill("by Jana Morrow ", n),
  "clock-like digits": (n) => fill("12:34 ", n),
  "(Photo (Photo": (n) => fill("(Photo ", n),
  "commas ending words": (n) => fill("word, ", n),
  "quotes and commas": (n) => fill('"a," ', n),
  "one long word": (n) => fill("a", n),
  "dots and semicolons": (n) => fill(".;,", n),
  "open parentheses": (n) => fill("( a ", n),
  "dash pairs": (n) => fill(" — a", n),
  "after after after": (n) => fill("after ", n),
  "said said said": (n) => fill("said ", n),
  "who who who": (n) => fill(", who ", n),
  "words, one line": (n) => fill("harbour ", n),
  "lines of words": (n) => fill("The harbour closed on Friday, police said.\n", n),
};

const TARGETS: Record<string, (text: string) => unknown> = {
  textCredit: (text) => textCredit(text),
  "textCredit, one line per word": (text) => textCredit(text.replace(/ /g, "\n")),
  readOutlet: (text) => readOutlet(text),
  headlineProblem: (text) => headlineProblem(text),
  "headlineProblem, 300 chars": (text) => headlineProblem(text.slice(0, 300)),
  isCaption: (text) => isCaption(text),
  extractiveHeadline: (text) => extractiveHeadline(text),
  "extractiveHeadline of a sentence": (text) =>
    extractiveHeadline(`After the storm, ${text} the ferry sank.`),
};

describeLinear("credit and headline patterns take linear time on hostile inputs", TARGETS, FAMILIES);
