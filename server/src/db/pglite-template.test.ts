import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Database,
  type Executor,
  migrationStatus,
  migrationsFolder,
  openPglite,
  openPgliteWorker,
  pgliteDir,
  runMigrations,
} from "./client.ts";
import { ensurePgliteTemplate, findPgliteTemplate, templateKey } from "./pglite-template.ts";

const rows = async <T>(db: Executor, query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** What the migrations made: tables and columns, indexes, constraints, extensions, seeded rows, the journal. */
async function fingerprint(db: Executor) {
  return {
    columns: await rows(
      db,
      sql`select table_schema, table_name, column_name, data_type, is_nullable, column_default
          from information_schema.columns where table_schema in ('public', 'drizzle')
          order by 1, 2, 3`,
    ),
    indexes: await rows(
      db,
      sql`select schemaname, tablename, indexname, indexdef from pg_indexes
          where schemaname in ('public', 'drizzle') order by 1, 2, 3`,
    ),
    constraints: await rows(
      db,
      sql`select conrelid::regclass::text as tbl, conname, pg_get_constraintdef(oid) as def
          from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`,
    ),
    functions: await rows(
      db,
      sql`select proname, pg_get_function_identity_arguments(oid) as args from pg_proc
          where pronamespace = 'public'::regnamespace order by 1, 2`,
    ),
    extensions: await rows(db, sql`select extname from pg_extension order by 1`),
    unitKinds: await rows(db, sql`select code, level from unit_kinds order by code`),
    journal: await rows(
      db,
      sql`select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by id`,
    ),
  };
}

describe("the embedded database template", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tg-template-"));
  const cacheDir = path.join(scratch, "cache");
  let template: string | null = null;
  const opened: Database[] = [];

  beforeAll(async () => {
    // The run's own template (test/global-setup.ts made or found it), copied: this file's changes
    // must not touch the shared one. Made here if there is none.
    const shared = findPgliteTemplate();
    if (shared) {
      const made = path.dirname(shared);
      fs.cpSync(made, path.join(cacheDir, path.basename(made)), { recursive: true });
    }
    template = await ensurePgliteTemplate({ cacheDir });
  }, 180_000);
  afterAll(async () => {
    await Promise.all(opened.map((d) => d.close()));
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("a new data directory copied from it has every migration applied, as a plain initdb and migrate has", async () => {
    expect(template).toBe(findPgliteTemplate({ cacheDir }));
    expect(template?.startsWith(cacheDir)).toBe(true);

    // As the server opens it: in the worker thread, the copy made under the data directory's lock.
    const fromTemplate = await openPgliteWorker({ dataDir: path.join(scratch, "a"), template });
    opened.push(fromTemplate);
    expect(fromTemplate.startedFrom).toBe("template");
    const status = await migrationStatus(fromTemplate.db);
    expect(status.upToDate).toBe(true);
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8"));
    expect(status.applied).toBe(journal.entries.length);
    const before = await fingerprint(fromTemplate.db);
    await runMigrations(fromTemplate);
    expect(await fingerprint(fromTemplate.db)).toEqual(before); // nothing left to apply

    // A template that cannot be copied leaves nothing behind, and the directory is made by initdb.
    const plainDir = path.join(scratch, "b");
    const plain = await openPglite({ dataDir: plainDir, template: path.join(cacheDir, "missing") });
    opened.push(plain);
    expect(plain.startedFrom).toBe("initdb");
    expect(fs.readdirSync(plainDir).filter((f) => f.includes("copying"))).toEqual([]);
    await runMigrations(plain);
    expect(await migrationStatus(plain.db)).toEqual(status);
    expect(before).toEqual(await fingerprint(plain.db));
    expect(before.journal.length).toBe(journal.entries.length);

    // An existing data directory is never overwritten by the template.
    await plain.close();
    opened.pop();
    const again = await openPglite({ dataDir: plainDir, template });
    opened.push(again);
    expect(again.startedFrom).toBe("existing");
  }, 180_000);

  it("is not used once the migrations change: a new one is made, the stale one removed", async () => {
    if (!template) throw new Error("no template");
    // The committed migrations plus one more, as a developer adding a migration would have them.
    const changed = path.join(scratch, "migrations");
    fs.cpSync(migrationsFolder, changed, { recursive: true });
    const journalFile = path.join(changed, "meta", "_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalFile, "utf8"));
    const last = journal.entries.at(-1);
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: "9999_template_probe" });
    fs.writeFileSync(journalFile, JSON.stringify(journal, null, 2));
    fs.writeFileSync(
      path.join(changed, "9999_template_probe.sql"),
      `CREATE TABLE "template_probe" ("id" integer);`,
    );

    expect(templateKey(changed)).not.toBe(templateKey());
    expect(findPgliteTemplate({ cacheDir, migrationsFolder: changed })).toBeNull();
    const renewed = await ensurePgliteTemplate({ cacheDir, migrationsFolder: changed });
    expect(renewed).not.toBeNull();
    expect(renewed).not.toBe(template);
    expect(fs.existsSync(template)).toBe(false);
    expect(findPgliteTemplate({ cacheDir })).toBeNull();

    const database = await openPglite({ dataDir: path.join(scratch, "c"), template: renewed });
    opened.push(database);
    expect(database.startedFrom).toBe("template");
    expect(fs.existsSync(path.join(pgliteDir(path.join(scratch, "c")), "PG_VERSION"))).toBe(true);
    const applied = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied[0]?.n).toBe(journal.entries.length);
    expect(await rows(database.db, sql`select * from template_probe`)).toEqual([]);

    // An edited migration (same files, other content) is a change too.
    fs.appendFileSync(path.join(changed, "9999_template_probe.sql"), "\n-- edited\n");
    expect(findPgliteTemplate({ cacheDir, migrationsFolder: changed })).toBeNull();
  }, 180_000);
});
