import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type BoilerplateReason,
  classifyLine,
  findBoilerplate,
  withoutBoilerplate,
  wordCount,
} from "../../src/clean/03-boilerplate.ts";

describe("boilerplate lines", () => {
  const removed: Array<[string, BoilerplateReason]> = [
    ["Follow The Vessington Courier on Facebook, Twitter, and Instagram", "social"],
    ["Follow us on Facebook, Twitter, Google+, Tumblr!", "social"],
    ["For more from Dana, follow her on Twitter @danawrites.", "social"],
    ["Share this article", "social"],
    ["Tweet", "social"],
    ["1,204 SHARES Share Tweet", "social"],
    ["Tweet with a location", "social"],
    [
      "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive. Flowing in every day, these data are added to the Wayback Machine after an embargo period.",
      "platform-notice",
    ],
    [
      "These crawls are part of an effort to archive pages as they are created and archive the pages that they refer to.",
      "platform-notice",
    ],
    [
      "This is a set of web collections curated by Orla Brenn using the Archive-It service of the Internet Archive. They include captures of the Vessington Courier website.",
      "platform-notice",
    ],
    [
      "You can add location information to your Tweets, such as your city or precise location, from the web and via third-party applications.",
      "platform-notice",
    ],
    [
      "We've detected that JavaScript is disabled in your browser. Would you like to proceed to legacy Twitter?",
      "platform-notice",
    ],
    ["× Close What is the Tomatometer®?", "platform-notice"],
    ["Subscribe to The Vessington Courier's daily newsletter and never miss our top stories!", "newsletter"],
    ["Sign up for our newsletter", "newsletter"],
    ["Get breaking news delivered right to your inbox.", "newsletter"],
    ["Advertisement", "advertisement"],
    ["Sponsored", "advertisement"],
    ["Advertisement Continue reading the main story", "advertisement"],
    ["Volunteers stack sandbags on Marlow Street on Tuesday. (Associated Press)", "caption"],
    ["Mayor Ilse Varga tours the levee. (AP Photo/Jon Reddick)", "caption"],
    ["FILE - In this May 2, 2019, file photo, the Vessington dam spills water.", "caption"],
    ["Image copyright Getty Images Image caption The dam at dawn", "caption"],
    ["Rescue boats near the bridge. July 3, 2021 (Reuters)", "caption"],
    ["Photo: Marta Kell/Courier", "photo-credit"],
    ["Getty Images", "photo-credit"],
    ["Jon Reddick/Reuters", "photo-credit"],
    ["Read more: Flood maps redrawn", "read-more"],
    ["Related: How the dam was built", "related"],
    ["Click here to see the full gallery", "click-here"],
    ["© 2024 The Vessington Courier", "copyright"],
    ["Copyright 2021 WVES-TV. All rights reserved.", "copyright"],
    ["https://example.com/flood-story", "url"],
    ["___", "separator"],
    ["***", "separator"],
    ["This story has been corrected to show the dam's height.", "correction"],
    ["This article was originally published on The Marlow Review.", "republication-note"],
    ["Comments", "comments"],
    ["We use cookies to improve your browsing experience.", "cookie"],
    ["Associated Press writer Tomas Hale contributed to this report.", "contributor-credit"],
    ["Jane Roe can be reached at jroe@example.com.", "contact"],
  ];
  for (const [line, reason] of removed) {
    it(`removes ${JSON.stringify(line)} as ${reason}`, () => {
      assert.equal(classifyLine(line), reason);
    });
  }

  const kept: string[] = [
    "The water ministry said in a statement on Facebook that the dam was safe.",
    "Mayor Ilse Varga told residents on Twitter to stay indoors.",
    "Follow-up inspections on Twitter's offices found nothing.",
    "Like many on Facebook, she shared photos of the flooding.",
    "To follow him across the river would have been madness.",
    "Starting in 1996, the Vessington archive has been donating its records to the state library.",
    "The Tomatometer score for the film fell to 41 percent after the premiere.",
    "Copyright lawsuits against the Courier rose 10 percent.",
    "Subscribers to the water utility will pay $4 more a month, officials said.",
    "More than 2,000 residents were evacuated.",
    "Related species of fish were also found downstream.",
    "Photographs of the breach circulated widely on Monday.",
    "The council said it would sign up 500 volunteers for its newsletter list.",
    "Read the statement carefully, he urged.",
    "NATO said the exercise would go ahead.",
  ];
  for (const line of kept) {
    it(`keeps ${JSON.stringify(line)}`, () => {
      assert.equal(classifyLine(line), undefined);
    });
  }

  it("finds whole lines and trailing wire credits with their ranges", () => {
    const text =
      "The dam held.\nAdvertisement\nRescuers worked overnight, the ministry said. (Reuters)\nEnd.";
    const hits = findBoilerplate(text);
    assert.deepEqual(
      hits.map((h) => [text.slice(h.start, h.end), h.reason, h.wholeLine]),
      [
        ["Advertisement", "advertisement", true],
        ["(Reuters)", "trailing-credit", false],
      ],
    );
  });
});

describe("withoutBoilerplate", () => {
  it("drops whole boilerplate lines and keeps the rest as written", () => {
    const text =
      "Share this article\nThe Kessa dam held overnight.\nAdvertisement\nEngineers will inspect it on Friday.";
    assert.equal(
      withoutBoilerplate(text),
      "The Kessa dam held overnight.\nEngineers will inspect it on Friday.",
    );
    assert.equal(withoutBoilerplate("No boilerplate here."), "No boilerplate here.");
    assert.equal(withoutBoilerplate("Advertisement"), "");
  });
});

describe("linear rewrites of boilerplate rules keep their behaviour", () => {
  const table: Array<[string, BoilerplateReason | undefined]> = [
    ["**Subscribe now for 99 cents**", "promo"],
    ["** Get the Marlow Post app **", "promo"],
    ["***Free trial for readers***", "promo"],
    ["  **Download the Marlow Post app**  ", "promo"],
    ["****", "separator"],
    ["***", "separator"],
    ["**Breaking** The river rose", undefined],
    ["**x*", undefined],
    ["*a*", undefined],
    ["**a\u2028b**", undefined],
    ["**Sign up today and get a free tote bag with every new subscription order placed**", undefined],
    ["(Also on NBC News: flood maps)", "related"],
    ["(also on example.com)", "related"],
    ["(also on .nbc)", "related"],
    ["(also on a.b.)", "related"],
    ["(Also on Vessington Radio)", "related"],
    ["(also on ...)", undefined],
    ["(also on)", undefined],
  ];
  for (const [line, reason] of table) {
    it(`${JSON.stringify(line)} → ${reason ?? "kept"}`, () => {
      assert.equal(classifyLine(line), reason);
    });
  }

  it("promo is exactly the former /^\\*{2,}.*\\*{2,}$/ (12 words at most) on short lines", () => {
    // The former regex is fast on lines this short; every line over this alphabet up to 7 chars is compared.
    const former = /^\*{2,}.*\*{2,}$/;
    const alphabet = ["*", "a", " ", "\u2028", "."];
    let lines = [""];
    for (let length = 1; length <= 7; length++) {
      lines = lines.flatMap((l) => alphabet.map((c) => l + c));
      for (const line of lines) {
        const reason = classifyLine(line);
        if (reason === "separator") continue;
        const trimmed = line.trim();
        const expected = trimmed.length > 0 && former.test(trimmed) && wordCount(trimmed) <= 12;
        assert.equal(reason === "promo", expected, JSON.stringify(line));
      }
    }
  });
});
