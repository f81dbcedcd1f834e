import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FeatureSpace } from "../../src/cluster/features.ts";

describe("FeatureSpace.count", () => {
  it("counts stems and names, title words twice, a name run once", () => {
    const space = new FeatureSpace();
    const counts = space.count(
      "The mayor met Gerardo Hernandez. Hernandez said mayors meet often.",
      "Mayor meets",
    );
    const again = space.count(
      "The mayor met Gerardo Hernandez. Hernandez said mayors meet often.",
      "Mayor meets",
    );
    assert.deepEqual([...again], [...counts]);
    const values = [...counts.values()];
    assert.ok(values.includes(4), "mayor: twice in the body, twice from the one title word");
    assert.equal(values.reduce((a, b) => a + b, 0) > 0, true);
  });

  it("keeps every word's feature when the word table grows (many distinct words)", () => {
    const space = new FeatureSpace();
    const probe = "Zanzibar harbour cranes lifted containers";
    const before = [...space.count(probe)];
    const filler: string[] = [];
    for (let i = 0; i < 70_000; i++) filler.push(`w${i.toString(36)}x`);
    space.count(filler.join(" "));
    assert.deepEqual([...space.count(probe)], before);
    // A word seen in another case is another entry of the table but the same stem feature.
    const lower = space.count("zanzibar");
    const upper = space.count("ZANZIBAR zanzibar");
    const stem = [...lower.keys()].find((id) => id % 2 === 0)!;
    assert.equal(upper.get(stem), 2);
  });
});
