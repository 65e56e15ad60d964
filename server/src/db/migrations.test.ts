import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/pglite/migrator";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../lib/audit.ts";
import { migrationsFolder, openPglite, preparedRows, runMigrations } from "./client.ts";

/** A copy of the committed migrations that stops before `tag` (its journal cut there too). */
function migrationsBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-migrations-"));
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"));
  const cut = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
  if (cut < 0) throw new Error(`no migration ${tag}`);
  const kept = journal.entries.slice(0, cut);
  fs.mkdirSync(path.join(dir, "meta"));
  fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify({ ...journal, entries: kept }));
  for (const e of kept)
    fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

describe("migration 0025 (themes renamed topics)", () => {
  it("keeps a topic, its sessions, files and old audit rows, which read under the new names", async () => {
    const folder = migrationsBefore("0025_topics");
    const database = await openPglite({});
    try {
      const db = database.db;
      await migrate(db as never, { migrationsFolder: folder });
      const unit = "00000000-0000-4000-8000-000000000001";
      const theme = "00000000-0000-4000-8000-000000000002";
      await db.execute(sql`insert into units (id, path, depth, name) values (${unit}, 'u1', 0, 'Đảng bộ')`);
      await db.execute(
        sql`insert into themes (id, unit_id, year, title) values (${theme}, ${unit}, 2026, 'Chuyên đề năm 2026')`,
      );
      await db.execute(sql`insert into study_sessions (id, unit_id, theme_id, held_on)
        values ('00000000-0000-4000-8000-000000000003', ${unit}, ${theme}, '2026-03-02')`);
      await db.execute(sql`insert into stored_files (id, owner_type, owner_id, file_name, content_type, kind, size, storage_key)
        values ('00000000-0000-4000-8000-000000000004', 'theme', ${theme}, 'tai-lieu.pdf', 'application/pdf', 'document', 10, 'k1')`);
      for (const [i, action] of [
        "theme.create",
        "theme.update",
        "theme.file_add",
        "theme.file_remove",
      ].entries()) {
        await db.execute(sql`insert into audit_log (id, entity, entity_id, action, unit_id)
          values (${`00000000-0000-4000-8000-00000000001${i}`}, 'theme', ${theme}, ${action}, ${unit})`);
      }

      await runMigrations(database);

      const rows = (text: string) => preparedRows<Record<string, unknown>>(db, text, []);
      expect(await rows("select id, title from topics")).toEqual([
        { id: theme, title: "Chuyên đề năm 2026" },
      ]);
      expect(await rows("select topic_id from study_sessions")).toEqual([{ topic_id: theme }]);
      expect(await rows("select owner_type from stored_files")).toEqual([{ owner_type: "topic" }]);
      const audit = await rows("select entity, action from audit_log order by id");
      expect(audit).toEqual([
        { entity: "topic", action: "topic.create" },
        { entity: "topic", action: "topic.update" },
        { entity: "topic", action: "topic.file_add" },
        { entity: "topic", action: "topic.file_remove" },
      ]);
      // Readable: every old row now names an event the audit log knows today.
      for (const row of audit) expect(auditEvents).toContain(row.action);
      // The renamed foreign key still guards the sessions.
      await expect(
        db.execute(sql`insert into study_sessions (id, unit_id, topic_id, held_on)
          values ('00000000-0000-4000-8000-000000000005', ${unit}, '00000000-0000-4000-8000-0000000000ff', '2026-03-02')`),
      ).rejects.toMatchObject({ cause: { constraint: "study_sessions_topic_id_topics_id_fk" } });
    } finally {
      await database.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
