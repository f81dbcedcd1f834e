/**
 * The OpenAPI 3.1 description of the HTTP API, served at GET /api/openapi.json. A test checks that every
 * route the app registers under /api and /healthz is listed here, and nothing else.
 */
import { MAX_FOCUS_CHARS } from "../../summarize/focus.ts";
import { DEFAULT_SUMMARY_WORDS } from "../../summarize/index.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const error = (description: string) => json(ref("Error"), description);

const documentProperties = {
  text: { type: "string", description: "The article's body text." },
  title: { type: "string" },
  date: {
    type: "string",
    description: "Publication date, ISO 8601 preferred (other common forms are read).",
  },
  published: { type: "string", description: "Accepted as a synonym of `date`." },
  source: { type: "string", description: "Outlet name, e.g. 'Meridian Press'." },
  url: { type: "string", format: "uri" },
} as const;

export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "Roundup",
    version: "0.1.0",
    description:
      'Attributed, cited roundups of news stories. Citations are `{articleId, start, end}`: UTF-16 offsets into the article\'s original `text`. Errors are `{"error": "…"}` with a message naming the problem.',
  },
  servers: [{ url: "/" }],
  components: {
    securitySchemes: {
      bearer: {
        type: "http",
        scheme: "bearer",
        description: "The server's ROUNDUP_TOKEN. Without one configured, writes answer 403.",
      },
    },
    schemas: {
      Error: {
        type: "object",
        required: ["error"],
        properties: { error: { type: "string", description: "What is wrong, naming the field or value." } },
      },
      Citation: {
        type: "object",
        required: ["articleId", "start", "end"],
        properties: {
          articleId: { type: "string" },
          start: { type: "integer", minimum: 0, description: "UTF-16 offset into the article's text." },
          end: { type: "integer", minimum: 0, description: "Exclusive end offset." },
        },
      },
      RoundupSentence: {
        type: "object",
        required: ["text", "citations", "supportedBy", "paragraph"],
        properties: {
          text: { type: "string" },
          citations: { type: "array", items: ref("Citation") },
          supportedBy: {
            type: "array",
            items: { type: "string" },
            description: "Article ids carrying the same content.",
          },
          paragraph: { type: "integer", minimum: 0 },
          newSince: {
            type: "boolean",
            description:
              "On a story's second and later versions: true when the sentence says what the previous version did not.",
          },
        },
      },
      SourceRef: {
        type: "object",
        required: ["articleId"],
        properties: {
          articleId: { type: "string" },
          outlet: { type: "string" },
          title: { type: "string" },
          url: { type: "string" },
          published: { type: "string" },
          origin: { type: "string" },
        },
      },
      Roundup: {
        type: "object",
        required: ["paragraphs", "sentences", "sources", "words"],
        properties: {
          headline: {
            type: "string",
            description:
              "Follows the lead sentence: its article's title, else a source's, else cut from the lead sentence.",
          },
          headlineCitations: {
            type: "array",
            items: ref("Citation"),
            description: "When the headline was cut from a sentence: that sentence's source span.",
          },
          dateline: { type: "string" },
          paragraphs: { type: "array", items: { type: "string" } },
          sentences: { type: "array", items: ref("RoundupSentence") },
          sources: { type: "array", items: ref("SourceRef") },
          words: { type: "integer" },
          outletCount: {
            type: "integer",
            minimum: 0,
            description:
              'Distinct outlets the text credits ("…, the AP reports."). Absent on roundups stored before it existed.',
          },
        },
      },
      StoryListItem: {
        type: "object",
        required: ["id", "outlets", "articleCount", "outletCount", "createdAt", "updatedAt", "archived"],
        properties: {
          id: { type: "string" },
          headline: { type: "string" },
          dateline: { type: "string" },
          lead: { type: "string", description: "The roundup's first sentence." },
          outlets: { type: "array", items: { type: "string" } },
          articleCount: { type: "integer" },
          outletCount: { type: "integer" },
          createdAt: { type: "string", format: "date-time" },
          updatedAt: { type: "string", format: "date-time" },
          archived: { type: "boolean" },
          mergedInto: {
            type: "string",
            description: "On a story merged into another: that story's id (its address redirects there).",
          },
          roundupVersion: { type: "integer", description: "Newest roundup version, when there is one." },
        },
      },
      ArticleView: {
        type: "object",
        required: ["id", "text"],
        properties: {
          id: { type: "string" },
          title: { type: "string" },
          outlet: { type: "string" },
          published: { type: "string" },
          url: { type: "string" },
          ingestedAt: { type: "string", format: "date-time" },
          text: { type: "string", description: "Original text: citation offsets index into it." },
        },
      },
      VersionInfo: {
        type: "object",
        required: ["version", "createdAt", "articleCount"],
        properties: {
          version: { type: "integer", minimum: 1 },
          createdAt: { type: "string", format: "date-time" },
          articleCount: { type: "integer" },
        },
      },
      RelatedStory: {
        type: "object",
        required: ["id", "articleCount", "updatedAt"],
        properties: {
          id: { type: "string" },
          headline: { type: "string" },
          articleCount: { type: "integer" },
          updatedAt: { type: "string", format: "date-time" },
        },
      },
      StoryDetail: {
        type: "object",
        required: ["story", "version", "roundup", "articles", "versions", "topic", "related"],
        properties: {
          story: ref("StoryListItem"),
          version: {
            oneOf: [
              { type: "null" },
              {
                allOf: [ref("VersionInfo"), { type: "object", properties: { current: { type: "boolean" } } }],
              },
            ],
          },
          roundup: { oneOf: [{ type: "null" }, ref("Roundup")] },
          articles: { type: "array", items: ref("ArticleView") },
          versions: { type: "array", items: ref("VersionInfo"), description: "Oldest first." },
          topic: {
            type: "string",
            description:
              "The story's topic (related stories): the id of the topic's first story, the story's own id when it has no related story.",
          },
          related: {
            type: "array",
            items: ref("RelatedStory"),
            maxItems: 10,
            description: "The other live stories of the topic, most recently updated first.",
          },
        },
      },
      Document: {
        type: "object",
        required: ["text"],
        properties: documentProperties,
      },
      SummarizeRequest: {
        type: "object",
        required: ["documents"],
        description: "One cluster in the cluster JSONL format, plus an optional word budget and focus.",
        properties: {
          id: { type: "string" },
          documents: { type: "array", minItems: 1, items: ref("Document") },
          words: { type: "integer", minimum: 1, maximum: 100000, default: DEFAULT_SUMMARY_WORDS },
          focus: {
            type: "string",
            maxLength: MAX_FOCUS_CHARS,
            description:
              "Bias the roundup towards this topic or question (as `roundup summarize --focus`); blank is none. No control characters but tab and line breaks.",
          },
        },
      },
      ArticlesRequest: {
        oneOf: [
          ref("Document"),
          {
            type: "object",
            required: ["articles"],
            properties: { articles: { type: "array", minItems: 1, items: ref("Document") } },
          },
        ],
      },
      IngestResult: {
        type: "object",
        required: ["inserted", "existing", "stories", "refreshed", "articles"],
        properties: {
          inserted: { type: "integer", description: "Articles newly stored." },
          existing: { type: "integer", description: "Articles already stored (same URL or text)." },
          stories: { type: "array", items: { type: "string" }, description: "Stories that gained articles." },
          refreshed: {
            type: "array",
            items: { type: "string" },
            description: "Stories with a new roundup version.",
          },
          articles: {
            type: "array",
            items: {
              type: "object",
              required: ["id"],
              properties: {
                id: { type: "string" },
                title: { type: "string" },
                storyId: { type: "string" },
                duplicateOf: { type: "string" },
              },
            },
          },
        },
      },
      Health: {
        type: "object",
        required: ["status", "store"],
        properties: {
          status: { type: "string", enum: ["ok", "error"] },
          store: { type: "string" },
          articles: { type: "integer" },
          desk: { type: "string", enum: ["on", "off"] },
          error: { type: "string" },
        },
      },
    },
  },
  paths: {
    "/healthz": {
      get: {
        summary: "Liveness and store check",
        operationId: "health",
        responses: {
          "200": json(ref("Health"), "Up"),
          "503": json(ref("Health"), "The store does not answer"),
        },
      },
    },
    "/api/openapi.json": {
      get: {
        summary: "This document",
        operationId: "openapi",
        responses: { "200": json({ type: "object" }, "OpenAPI 3.1 document") },
      },
    },
    "/api/stories": {
      get: {
        summary: "Stories, most recently updated first",
        operationId: "listStories",
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000, default: 50 } },
          {
            name: "all",
            in: "query",
            description: "`1` or `true` to include archived stories",
            schema: { type: "string", enum: ["1", "true", "0", "false"] },
          },
        ],
        responses: {
          "200": json(
            {
              type: "object",
              required: ["stories"],
              properties: { stories: { type: "array", items: ref("StoryListItem") } },
            },
            "The stories",
          ),
          "400": error("Bad `limit`"),
        },
      },
    },
    "/api/stories/{id}": {
      get: {
        summary: "A story: its roundup (current or `?version=N`), articles, versions and related stories",
        operationId: "getStory",
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" } },
          {
            name: "version",
            in: "query",
            description: "An older roundup version (see `versions`)",
            schema: { type: "integer", minimum: 1 },
          },
        ],
        responses: {
          "200": {
            ...json(ref("StoryDetail"), "The story"),
            headers: { ETag: { schema: { type: "string" } } },
          },
          "304": { description: "Not modified (If-None-Match matched the ETag)" },
          "308": {
            description:
              "The story was merged into another: `Location` is that story (with `?version=`, the merged story's own versions are served)",
            headers: { Location: { schema: { type: "string" } } },
          },
          "400": error("Bad `version`"),
          "404": error("No such story, or no such version"),
        },
      },
    },
    "/api/summarize": {
      post: {
        summary: "Summarize one cluster; nothing is stored",
        operationId: "summarize",
        requestBody: { required: true, content: { "application/json": { schema: ref("SummarizeRequest") } } },
        responses: {
          "200": json(ref("Roundup"), "The roundup, as `roundup summarize --format json` prints it"),
          "400": error("Bad JSON, missing `documents`, a bad document, or `words` out of range"),
          "408": error("The body did not arrive whole within 10 s of the headers; the connection is closed"),
          "413": error("Body larger than the server's limit (2 MB by default)"),
          "415": error("Content-Type is not application/json"),
          "422": error("Nothing to summarize"),
          "500": error("The summary failed (a summary worker crashed or ran past 60 s); retrying may work"),
          "503": error(
            "Too many summaries queued or running (`roundup serve --max-summaries`), or too many bodies being received; retry after `Retry-After` seconds",
          ),
        },
      },
    },
    "/api/articles": {
      post: {
        summary: "Ingest articles through the desk, then refresh the stories' roundups",
        operationId: "ingestArticles",
        security: [{ bearer: [] }],
        requestBody: { required: true, content: { "application/json": { schema: ref("ArticlesRequest") } } },
        responses: {
          "200": json(ref("IngestResult"), "Nothing new: every article was already stored"),
          "201": json(ref("IngestResult"), "Stored"),
          "400": error("Bad JSON or a bad article"),
          "401": error("Missing or wrong bearer token"),
          "403": error("Writes are disabled: the server has no ROUNDUP_TOKEN"),
          "408": error("The body did not arrive whole within 10 s of the headers; the connection is closed"),
          "413": error("Body larger than the server's limit"),
          "415": error("Content-Type is not application/json"),
          "503": error("The server runs without a desk, or too many bodies are being received"),
        },
      },
    },
  },
} as const;
