/**
 * What the commands that write the desk (`ingest`, `watch`) load when they run: desk.ts imports this
 * module lazily, so `stories` and `story` load only the store. Named re-exports, not the ingest barrel:
 * a lazily imported barrel would keep every module it re-exports (the feed reader with rss-parser) in
 * the chunks of every command that reads files.
 */
export { Desk } from "../../desk/desk.ts";
export { gather } from "../../desk/gather.ts";
export { startDesk } from "../../desk/service.ts";
export { readFeedList } from "../../ingest/feeds.ts";
