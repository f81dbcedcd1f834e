/**
 * Schema 3: a story merged into another remembers which (`stories.merged_into`), so its id keeps working
 * for readers: the API and the web page redirect it, and the CLI follows it.
 *
 * A label, not a foreign key, like `topic_id`. A merge re-points the stories already merged into the lost
 * one, so a redirect is always one hop. Stories merged before this schema have no target (they stay
 * archived and are served as they are).
 */
import type { Migration } from "./index.ts";

export const mergedInto: Migration = {
  version: 3,
  name: "merged-into",
  statements: [`ALTER TABLE stories ADD COLUMN merged_into text COLLATE "C"`],
};
