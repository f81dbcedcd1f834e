// Guard: every step that reads article text runs in (near) linear time on hostile inputs. Each family of
// inputs we write here (long runs of one character, repeated words and datelines, unbroken tokens …) is built
// at 2k, 8k and 32k characters; every cleaning step, the sentence splitter, Markdown, HTML and feed ingest,
// and the summarizer must take no more than ~linear time on it. A super-linear regex (nested or adjacent
// quantifiers, a backreference after a greedy run) makes the 4× size step cost 16× or more, or blows the cap.
//
// Robust on a busy machine: a (target, family) passes at once when the 32k call is under the floor; only
// otherwise are both sizes measured again (best of 3) before the ratio and cap are asserted. Sizes run
// smallest first and stop at the first call over the cap, so a cubic pattern fails in seconds, not hours.
import { blankLineEdits, invisibleEdits, spacingEdits } from "../../src/clean/02-whitespace.ts";
import {
  classifyLine,
  cleanArticle,
  detectDateline,
  detectHeadline,
  doubledWordEdits,
  findBoilerplate,
  inferOutlet,
  repairMojibake,
  withoutBoilerplate,
} from "../../src/clean/index.ts";
import { repairFeedXml } from "../../src/ingest/feeds.ts";
import { buildDocument } from "../../src/ingest/html-dom.ts";
import { markdownToDraft } from "../../src/ingest/text.ts";
import { summarize } from "../../src/summarize/index.ts";
import { splitSentences } from "../../src/text/sentences.ts";
import { describeLinear, fill, run } from "../linear-time.ts";

/** Hostile families: name → input of `n` characters. All written here; none is real text. */
const FAMILIES: Record<string, (n: number) => string> = {
  "asterisks ending in a letter": (n) => run("", "*", "x", n),
  "asterisks ending in a letter, promo-shaped": (n) => run("**", "*", "a", n),
  "a.a.a.": (n) => fill("a.", n),
  "a byline of many names (By A, AAAA, AAAA…)": (n) => run("By A", ", AAAA", "!", n),
  "a.a.a.ab. (abbreviation-shaped ending)": (n) => run("The ", "a.", "ab.", n),
  "(photo photo … without a closing parenthesis": (n) => run("x ", "(photo ", ")", n),
  "a.a. a.a. (doubled dotted tokens)": (n) => run("", "a.", " a.a.x", n),
  "aa.Bb (run-on tokens)": (n) => fill("aa.Bb", n),
  "a... (ellipses)": (n) => fill("a...", n),
  dots: (n) => fill(".", n),
  "dots ending in a letter": (n) => run("", ".", "x", n),
  "!?!?": (n) => fill("!?", n),
  "---": (n) => fill("-", n),
  "letters, one token": (n) => fill("a", n),
  "capitals, one token": (n) => fill("A", n),
  "digits, one token": (n) => fill("7", n),
  "URL without spaces": (n) => run("https://example.org/", "path/seg-", "x", n),
  "((((": (n) => fill("(", n),
  "[[[[": (n) => fill("[", n),
  '""""': (n) => fill('"', n),
  "''''": (n) => fill("'", n),
  "the the the": (n) => fill("the ", n),
  "President President": (n) => fill("President ", n),
  "Mr. Mr. Mr.": (n) => fill("Mr. ", n),
  "lines of * * *": (n) => fill("* * *\n", n),
  "* * * ending in a letter": (n) => run("", "* ", "x", n),
  "*a*a*a": (n) => fill("*a", n),
  "spaces inside a line": (n) => run("a", " ", "b", n),
  "tabs inside a line": (n) => run("a", "\t", "b", n),
  "spaces then a letter": (n) => run("", " ", "b", n),
  newlines: (n) => run("a", "\n", "b", n),
  "LONDON (AP) — datelines": (n) => fill("LONDON (AP) — ", n),
  "LONDON - datelines": (n) => fill("LONDON - ", n),
  "A-A-A- (caps with dashes)": (n) => fill("A-", n),
  "(also on a.a.a": (n) => run("(also on ", "a.", "", n),
  "copyright, then spaces": (n) => run("© 2024", " ", "x", n),
  "copyright, then a dotted name": (n) => run("© 2024 A", ".", "x", n),
  "heading, then spaces": (n) => run("# a", " ", "b", n),
  "<!--<!--": (n) => fill("<!--", n),
  "![![": (n) => fill("![", n),
  "[a]([a](": (n) => fill("[a](", n),
  "front matter key, then spaces": (n) => run("---\na:", " ", "x\u2028y\n---\nText.", n),
  "<html <html (no >)": (n) => fill("<html ", n),
  "<!doctype<!doctype": (n) => fill("<!doctype", n),
  "<![CDATA[<![CDATA[": (n) => fill("<![CDATA[", n),
  "mojibake-like pairs": (n) => fill("Ã©â€", n),
  "words, no punctuation": (n) => fill("river ", n),
};

const PROSE =
  "PORT ELLIS, Marlovia (AP) — The river rose two metres overnight, officials said on Monday.\n\n" +
  "Mayor Ana Kell told reporters the town hall would stay open as a shelter.\n\n";

/** Every step that sees article text, as a function of one string. */
const TARGETS: Record<string, (text: string) => unknown> = {
  cleanArticle: (text) => cleanArticle(text),
  "cleanArticle with a title": (text) => cleanArticle(`${text}\nThe river rose.`, { title: "Flood" }),
  classifyLine: (text) => classifyLine(text),
  findBoilerplate: (text) => findBoilerplate(text),
  withoutBoilerplate: (text) => withoutBoilerplate(text),
  doubledWordEdits: (text) => doubledWordEdits(text),
  detectHeadline: (text) => detectHeadline(text),
  detectDateline: (text) => detectDateline(text),
  inferOutlet: (text) => inferOutlet(text),
  repairMojibake: (text) => repairMojibake(text),
  invisibleEdits: (text) => invisibleEdits(text),
  spacingEdits: (text) => spacingEdits(text),
  blankLineEdits: (text) => blankLineEdits(text),
  splitSentences: (text) => splitSentences(text),
  markdownToDraft: (text) => markdownToDraft(text, "hostile.md"),
  "buildDocument (HTML)": (text) => buildDocument(text),
  "repairFeedXml (feeds)": (text) => repairFeedXml(`<rss version="2.0"><channel><item>${text}</item>`),
  summarize: (text) =>
    summarize(
      [
        { id: "hostile-1", text: `${PROSE}${text}\n\n${PROSE}`, title: "River rises" },
        { id: "hostile-2", text, source: "The Port Ellis Courier" },
      ],
      { words: 100 },
    ),
};

describeLinear("hostile inputs take linear time", TARGETS, FAMILIES);
