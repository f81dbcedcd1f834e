// The PostgreSQL store against a real server: the conformance suite, and concurrent opens racing the
// migrations. Runs when ROUNDUP_TEST_DATABASE_URL (or DATABASE_URL) is set (.ci/run sets it); each store
// gets its own schema named after this run, dropped at the end, so runs never collide.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, test } from "node:test";
import pg from "pg";
import { openStore } from "../../src/store/index.ts";
import { SCHEMA_VERSION, StoreError } from "../../src/store/port.ts";
import { describeDatabaseUrl } from "../../src/store/postgres.ts";
import { storeConformance } from "./conformance.ts";

const databaseUrl = process.env.ROUNDUP_TEST_DATABASE_URL || process.env.DATABASE_URL;

if (!databaseUrl) {
  if (process.env.CI) {
    test("postgres store", () => {
      assert.fail("CI must set ROUNDUP_TEST_DATABASE_URL (.ci/run starts a PostgreSQL and sets it)");
    });
  } else {
    test("postgres store", {
      skip: "no PostgreSQL configured: set ROUNDUP_TEST_DATABASE_URL=postgres://… to run these tests",
    }, () => {});
  }
} else {
  postgresSuite(databaseUrl);
}

function postgresSuite(url: string): void {
  const run = `roundup_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const schemas: string[] = [];
  const freshSchema = () => {
    const schema = `${run}_${schemas.length + 1}`;
    schemas.push(schema);
    return schema;
  };

  async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  after(() =>
    admin(async (client) => {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }),
  );

  storeConformance("postgres", () => openStore({ databaseUrl: url, schema: freshSchema() }), {
    persistent: async () => {
      const schema = freshSchema();
      return {
        location: describeDatabaseUrl(url, schema),
        open: () => openStore({ databaseUrl: url, schema }),
        stampSchemaVersion: (version) =>
          admin(async (client) => {
            await client.query(
              `INSERT INTO "${schema}".schema_version (version, name) VALUES ($1, 'from a newer Roundup')`,
              [version],
            );
          }),
        seed: (statements) =>
          admin(async (client) => {
            await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
            await client.query(`SET search_path TO "${schema}"`);
            for (const statement of statements) await client.query(statement);
          }),
      };
    },
  });

  describe("postgres store", () => {
    test("concurrent opens of a new database do not race the migrations", async () => {
      const schema = freshSchema();
      const stores = await Promise.all(
        Array.from({ length: 6 }, () => openStore({ databaseUrl: url, schema })),
      );
      try {
        assert.ok(stores.every((s) => s.kind === "postgres"));
        await Promise.all(
          stores.map((s, i) =>
            s.putArticle({
              id: `a-${i}`,
              text: `t${i}`,
              contentHash: `h${i}`,
              ingestedAt: "2025-06-13T10:00:00Z",
            }),
          ),
        );
        assert.equal(await stores[0].countArticles(), 6);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
      const rows = await admin(
        async (client) =>
          (await client.query(`SELECT version FROM "${schema}".schema_version ORDER BY version`)).rows,
      );
      assert.deepEqual(
        rows,
        Array.from({ length: SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })),
      );
    });

    test("a failed connection names the database, without its password", async () => {
      const bad = new URL(url);
      bad.password = "wrong-password-xyz";
      await assert.rejects(openStore({ databaseUrl: bad.href, schema: freshSchema() }), (e: unknown) => {
        assert.ok(e instanceof StoreError);
        assert.match(e.message, /^cannot open store at postgres:\/\//);
        assert.doesNotMatch(e.message, /wrong-password-xyz/);
        return true;
      });
    });
  });
}
