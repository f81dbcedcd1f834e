/** The HTTP server: `createApp` (no port; tests call `app.request()`), `startServer`, and `roundup serve`. */
export { type AppDeps, CONTENT_SECURITY_POLICY, createApp, DEFAULT_MAX_BODY_BYTES } from "./app.ts";
export { TOKEN_ENV } from "./auth.ts";
export { OPENAPI } from "./openapi.ts";
export {
  CORS_ENV,
  DEFAULT_HOST,
  DEFAULT_PORT,
  type RunningServer,
  serveCommand,
  startServer,
} from "./serve.ts";
export type { ArticleView, StoryDetail, StoryListItem, VersionInfo } from "./stories.ts";
