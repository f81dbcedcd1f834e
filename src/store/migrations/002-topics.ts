/**
 * Schema 2: every story belongs to a topic (related stories: the clusterer's second level).
 *
 * `stories.topic_id` is the topic's id, which is the id of the topic's first story. It is a label, not a
 * foreign key: that first story may since have been merged into another or archived, and the topic lives
 * on. Stories stored before topics existed are each their own topic, as the clusterer would have left a
 * story with no related one. The index serves "the live stories of a topic, newest first".
 */
import type { Migration } from "./index.ts";

export const topics: Migration = {
  version: 2,
  name: "topics",
  statements: [
    `ALTER TABLE stories ADD COLUMN topic_id text COLLATE "C"`,
    `UPDATE stories SET topic_id = id`,
    `ALTER TABLE stories ALTER COLUMN topic_id SET NOT NULL`,
    `CREATE INDEX stories_by_topic ON stories (topic_id, updated_at DESC, id)`,
  ],
};
