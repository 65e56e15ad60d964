import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres, runMigrations } from "../src/db/client.ts";
import { ensurePgliteTemplate } from "../src/db/pglite-template.ts";
import { seedDemo } from "../src/features/demo/seed.ts";
import { ensureFiguresCurrent } from "../src/features/figures/index.ts";
import { installModules } from "../src/modules.ts";
import { databaseUrlFor } from "./pg-url.ts";

/**
 * Builds one migrated, demo-seeded database per run; each test file then clones it (PGlite: from a
 * dump of its data directory; PostgreSQL: CREATE DATABASE … TEMPLATE), which is far quicker than
 * migrating afresh.
 */
export default async function setup(project: TestProject) {
  installModules();
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const template = `tg_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const url = databaseUrlFor(pgUrl, template);
    const database = await openPostgres(url, 4);
    await runMigrations(database, url);
    await ensureFiguresCurrent(database.db);
    const demo = await seedDemo(database.db);
    await database.close();
    project.provide("testDb", { kind: "postgres", template, demo: JSON.stringify(demo) });
    return async () => {
      const stale = await admin.query<{ datname: string }>(
        "select datname from pg_database where datname like $1",
        [`tg_t_${process.pid}_%`],
      );
      for (const row of stale.rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  // From the migrated empty template that `npm install` made (node_modules/.cache/theo-guong; made
  // here when missing or stale): no initdb, no migrations. If it cannot be made, the plain way.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-test-"));
  const template = await ensurePgliteTemplate({
    prepare: (db) => ensureFiguresCurrent(db),
    log: (line) => console.warn(line),
  });
  const database = await openPglite({ dataDir: path.join(dir, "data"), template });
  await runMigrations(database);
  await ensureFiguresCurrent(database.db);
  const demo = await seedDemo(database.db);
  const dump = await database.pglite?.dumpDataDir("none");
  await database.close();
  fs.rmSync(path.join(dir, "data"), { recursive: true, force: true });
  if (!dump) throw new Error("no PGlite dump");
  const file = path.join(dir, "template.tar");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("testDb", { kind: "pglite", template: file, demo: JSON.stringify(demo) });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    testDb: { kind: "pglite" | "postgres"; template: string; demo: string };
  }
}
